import { intlLocale, type Language } from "#app/i18n/setup.ts";

// Every date and time a user sees or types is Indian Standard Time, whatever the server's clock zone.
// Formatting only, with Intl: pages that show dates load no date library. Reading what a user types into a
// date-time input (luxon) is in ist-input.ts, loaded only by the forms and rules that need it.
export const IST = "Asia/Kolkata";

// Hindi has one form everywhere, in pages, emails and calendar descriptions: the part of the day before a
// 12-hour time ("सुबह 10:00", "शाम 5:00") and full month names ("15 दिसंबर 2026"). Intl's Hindi mixes scripts
// ("10:00 am", "15 दिस॰"), so Hindi is put together here from Intl's numbers and month names.

const istNumbers = new Intl.DateTimeFormat("en-GB", {
  timeZone: IST,
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  hourCycle: "h23",
});
const hindiMonth = new Intl.DateTimeFormat("hi-IN", { timeZone: IST, month: "long" });

function istParts(date: Date) {
  const parts = Object.fromEntries(istNumbers.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    year: parts.year!,
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: parts.minute!,
  };
}

/** The part of the day a Hindi speaker names with a time: रात until 4, सुबह, दोपहर from noon, शाम from 4 pm, रात from 8 pm. */
export function hindiDayPart(hour: number): string {
  if (hour < 4) return "रात";
  if (hour < 12) return "सुबह";
  if (hour < 16) return "दोपहर";
  if (hour < 20) return "शाम";
  return "रात";
}

function hindiTime(date: Date): string {
  const { hour, minute } = istParts(date);
  return `${hindiDayPart(hour)} ${hour % 12 || 12}:${minute}`;
}

function hindiDate(date: Date): string {
  const { day, year } = istParts(date);
  return `${day} ${hindiMonth.format(date)} ${year}`;
}

/** The day alone in IST: "26 नवंबर 2026" / "26 Nov 2026". */
export function formatDay(date: Date, language: Language): string {
  if (language === "hi") return hindiDate(date);
  return new Intl.DateTimeFormat(intlLocale(language), {
    timeZone: IST,
    day: "numeric",
    month: "short",
    year: "numeric",
  }).format(date);
}

/** "26 नवंबर 2026, शाम 4:00" / "26 Nov 2026, 4:00 pm" in IST. */
export function formatDateTime(date: Date, language: Language): string {
  if (language === "hi") return `${hindiDate(date)}, ${hindiTime(date)}`;
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

/** A time of day in IST, e.g. "सुबह 10:30" / "10:30 am". */
export function formatTime(date: Date, language: Language): string {
  if (language === "hi") return hindiTime(date);
  return new Intl.DateTimeFormat(intlLocale(language), {
    timeZone: IST,
    hour: "numeric",
    minute: "2-digit",
  }).format(date);
}

/** From one moment to another: "सुबह 10:00 से शाम 5:00 तक" / "10:00 am – 5:00 pm" (times, dates, or both). */
export function formatRange(from: string, to: string, language: Language): string {
  return language === "hi" ? `${from} से ${to} तक` : `${from} – ${to}`;
}

/** Numbers for India: 5,20,000 (lakh grouping) in both languages. */
export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(intlLocale(language)).format(value);
}
