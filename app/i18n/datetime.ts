import { intlLocale, type Language } from "#app/i18n/setup.ts";

// Every date and time a user sees or types is Indian Standard Time, whatever the server's clock zone.
// Formatting only, with Intl: pages that show dates load no date library. Reading what a user types into a
// date-time input (luxon) is in ist-input.ts, loaded only by the forms and rules that need it.
export const IST = "Asia/Kolkata";

// Making an Intl formatter costs far more than using one (a page of dates spent 7% of its CPU making them,
// issue 18): one per kind and language, made on first use.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let made = formatters.get(key);
  if (!made) {
    made = make();
    formatters.set(key, made);
  }
  return made as F;
}

function dateFormat(kind: string, language: Language, options: Intl.DateTimeFormatOptions) {
  return formatter(
    `${kind}:${language}`,
    () => new Intl.DateTimeFormat(intlLocale(language), { timeZone: IST, ...options }),
  );
}

/** "26 नव॰ 2026, 4:00 pm" / "26 Nov 2026, 4:00 pm" in IST. */
export function formatDateTime(date: Date, language: Language): string {
  return dateFormat("dateTime", language, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(date);
}

/** A long date in IST, e.g. "गुरुवार, 26 नवंबर 2026". */
export function formatDate(date: Date, language: Language): string {
  return dateFormat("date", language, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(date);
}

/** A time of day in IST, e.g. "10:30 am". */
export function formatTime(date: Date, language: Language): string {
  return dateFormat("time", language, { hour: "numeric", minute: "2-digit" }).format(date);
}

/** Numbers for India: 5,20,000 (lakh grouping) in both languages. */
export function formatNumber(value: number, language: Language): string {
  return formatter(`number:${language}`, () => new Intl.NumberFormat(intlLocale(language))).format(value);
}
