// IST date-time inputs: what an <input type="datetime-local"> sends and shows, read and written as Indian
// Standard Time wall-clock time. Kept apart from datetime.ts (Intl formatting only) because it needs luxon,
// which only the forms and rules that read typed times should make a browser download.
import { DateTime } from "luxon";
import { IST } from "#app/i18n/datetime.ts";

/**
 * Reads what an <input type="datetime-local"> sends ("2026-12-01T10:30") as IST wall-clock time.
 * Returns null for anything that is not a real date and time.
 */
export function parseIstLocal(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const parsed = DateTime.fromISO(value, { zone: IST });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** The value an <input type="datetime-local"> shows for an instant, in IST. */
export function toIstLocalInput(date: Date): string {
  return DateTime.fromJSDate(date, { zone: IST }).toFormat("yyyy-LL-dd'T'HH:mm");
}
