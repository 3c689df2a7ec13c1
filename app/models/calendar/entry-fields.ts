// The fields of an event that a calendar entry shows (its texts, place and time), named as the columns
// of `events` are. Pure and free of ical-generator, so browser-safe models (events/event.ts) may use it.

/** An event's texts, place and time: the columns a calendar entry shows, in the order of `events`. */
export const entryFields = [
  "titleEn",
  "titleHi",
  "descriptionEn",
  "descriptionHi",
  "venueName",
  "venueAddress",
  "venueMapUrl",
  "startsAt",
  "endsAt",
] as const;

export type EntryField = (typeof entryFields)[number];

/** Columns of `events` qualified by the table, for a select that joins `events` to other tables. */
export function onEvents<const T extends readonly string[]>(columns: T) {
  return columns.map((column) => `events.${column}`) as unknown as {
    readonly [K in keyof T]: `events.${T[K] & string}`;
  };
}

/** The entry fields of a row (an event or a row that carries one), as they are. */
export function entryFieldsOf<T extends { [F in EntryField]: unknown }>(row: T): Pick<T, EntryField> {
  return {
    titleEn: row.titleEn,
    titleHi: row.titleHi,
    descriptionEn: row.descriptionEn,
    descriptionHi: row.descriptionHi,
    venueName: row.venueName,
    venueAddress: row.venueAddress,
    venueMapUrl: row.venueMapUrl,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
  };
}
