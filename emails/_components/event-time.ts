// Event times and places as the event emails show them: IST, in the reader's language.
import { DateTime } from "luxon";
import { formatDate, formatDateTime, formatRange, formatTime, IST } from "#app/i18n/datetime.ts";
import type { Lang } from "./t.ts";

/** "गुरुवार, 10 जनवरी 2030, सुबह 10:00 से शाम 6:00 तक", or both full dates when the event spans days. */
export function timeRange(startsAt: string, endsAt: string, lang: Lang): string {
  const [start, end] = [new Date(startsAt), new Date(endsAt)];
  const day = (date: Date) => DateTime.fromJSDate(date, { zone: IST }).toISODate();
  if (day(start) === day(end)) {
    return `${formatDate(start, lang)}, ${formatRange(formatTime(start, lang), formatTime(end, lang), lang)}`;
  }
  return formatRange(formatDateTime(start, lang), formatDateTime(end, lang), lang);
}

/** "Birla Auditorium, Statue Circle, Jaipur", or the name alone. */
export function place(venueName: string, venueAddress: string): string {
  return venueAddress.trim() ? `${venueName}, ${venueAddress}` : venueName;
}

/** What the event emails show of an event (times as ISO strings: props travel through the mail queue). */
export type EventFacts = {
  titleEn: string;
  titleHi: string;
  startsAt: string;
  endsAt: string;
  venueName: string;
  venueAddress: string;
  venueMapUrl: string | null;
};

export function eventTitle(event: Pick<EventFacts, "titleEn" | "titleHi">, lang: Lang): string {
  return lang === "hi" ? event.titleHi : event.titleEn;
}
