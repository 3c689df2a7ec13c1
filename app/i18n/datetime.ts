import { intlLocale, type Language } from "#app/i18n/setup.ts";

// Every date and time a user sees or types is Indian Standard Time, whatever the server's clock zone.
// Formatting only, with Intl: pages that show dates load no date library. Reading what a user types into a
// date-time input (luxon) is in ist-input.ts, loaded only by the forms and rules that need it.
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
