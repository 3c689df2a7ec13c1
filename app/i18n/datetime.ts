import { DateTime } from "luxon";
import { intlLocale, type Language } from "#app/i18n/setup.ts";

// Every date and time a user sees or types is Indian Standard Time, whatever the server's clock zone.
export const IST = "Asia/Kolkata";

/** "26 नव॰ 2026, 4:00 pm" / "26 Nov 2026, 4:00 pm" in IST. */
export function formatDateTime(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(intlLocale(language), {
    timeZone: IST,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(date);
}

/** A long date in IST, e.g. "गुरुवार, 26 नवंबर 2026". */
export function formatDate(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(intlLocale(language), {
    timeZone: IST,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(date);
}

/** A time of day in IST, e.g. "10:30 am". */
export function formatTime(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(intlLocale(language), {
    timeZone: IST,
    hour: "numeric",
    minute: "2-digit",
  }).format(date);
}

/** Numbers for India: 5,20,000 (lakh grouping) in both languages. */
export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language)).format(value);
}

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
