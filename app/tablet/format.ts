// Times and numbers on the tablet, in IST, without the date library the organiser pages use (the tablet's
// JavaScript is kept small). Intl formatters are costly to create: one per language, made once.

const IST = "Asia/Kolkata";
const locale = (language: string) => (language === "en" ? "en-IN" : "hi-IN");
const times = new Map<string, Intl.DateTimeFormat>();
const numbers = new Map<string, Intl.NumberFormat>();

export function formatTime(iso: string, language: string): string {
  let format = times.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(locale(language), { timeZone: IST, hour: "numeric", minute: "2-digit" });
    times.set(language, format);
  }
  return format.format(new Date(iso));
}

export function formatCount(value: number, language: string): string {
  let format = numbers.get(language);
  if (!format) {
    format = new Intl.NumberFormat(locale(language));
    numbers.set(language, format);
  }
  return format.format(value);
}
