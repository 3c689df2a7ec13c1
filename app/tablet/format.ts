// Times and numbers on the tablet, in IST, without the date library the organiser pages use (the tablet's
// JavaScript is kept small).

const IST = "Asia/Kolkata";
const locale = (language: string) => (language === "en" ? "en-IN" : "hi-IN");

export function formatTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), {
    timeZone: IST,
    hour: "numeric",
    minute: "2-digit",
  }).format(new Date(iso));
}

export function formatDayTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), {
    timeZone: IST,
    day: "numeric",
    month: "short",
    hour: "numeric",
    minute: "2-digit",
  }).format(new Date(iso));
}

export function formatCount(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language)).format(value);
}
