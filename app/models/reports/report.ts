// Pure rules of the reports, shared by the pages, the models and the tests: what coverage is, how it is
// written for India, how the per-event table is sorted and paged, and the columns of its CSV export.
import { intlLocale, type Language } from "#app/i18n/setup.ts";
import type { CsvCell } from "#app/models/imports/csv.ts";
import { IST } from "#app/i18n/datetime.ts";

/** Rows per page of the per-event committee table. */
export const REPORT_PAGE_SIZE = 100;
/** Committees shown in the "no one trained" and "still forming" lists of a roll-up (the count is exact). */
export const ROLLUP_LIST_LIMIT = 100;
/** A roll-up draws its chart only up to this many units below; a longer list would not read as a chart. */
export const CHART_MAX_BARS = 60;

/** Share of members who are trained; null when there are no members (there is no share to speak of). */
export function coverage(trained: number, members: number): number | null {
  return members > 0 ? trained / members : null;
}

/** A share as a percentage for India: 0.4567 → "45.7%", in either language; null → "—". */
export function formatPercent(ratio: number | null, language: Language): string {
  if (ratio === null) return "—";
  return new Intl.NumberFormat(intlLocale(language), {
    style: "percent",
    maximumFractionDigits: 1,
  }).format(ratio);
}

/** A share rounded to one decimal of a percent, for charts (the table beside it prints formatPercent). */
export function percentValue(ratio: number | null): number {
  return ratio === null ? 0 : Math.round(ratio * 1000) / 10;
}

/**
 * Which '/'-separated part of a descendant's unit path holds the id of the child (of the unit at `depth`)
 * it lies under, for split_part(path, '/', n). Paths look like '/1/12/140/': the root's children sit at part
 * 3. Without a unit (an admin's top view) the buckets are the roots themselves, at part 2.
 */
export function childPathPart(depth: number | null): number {
  return depth === null ? 2 : depth + 3;
}

export const eventSortKeys = [
  "committee",
  "seats",
  "members",
  "invited",
  "registered",
  "attended",
  "attendedAll",
  "rate",
] as const;
export type EventSortKey = (typeof eventSortKeys)[number];
export type SortDirection = "asc" | "desc";

/** Names read best A to Z; counts read best largest first. */
export function defaultDirection(key: EventSortKey): SortDirection {
  return key === "committee" ? "asc" : "desc";
}

export type EventReportQuery = { sort: EventSortKey; dir: SortDirection; page: number };

/** The query string of a column heading's link: the same column again flips the direction; page 1. */
export function sortSearch(current: EventReportQuery, key: EventSortKey): string {
  const dir = current.sort === key ? (current.dir === "asc" ? "desc" : "asc") : defaultDirection(key);
  return `?${new URLSearchParams({ sort: key, dir }).toString()}`;
}

/** The query string of another page of the same sort. */
export function pageSearch(current: EventReportQuery, page: number): string {
  return `?${new URLSearchParams({ sort: current.sort, dir: current.dir, page: String(page) }).toString()}`;
}

/** One committee's figures at one event. */
export type EventCommitteeFigures = {
  committeeId: number;
  unitCode: string;
  unitLevel: string;
  nameEn: string;
  nameHi: string;
  seatQuota: number;
  members: number;
  invited: number;
  registered: number;
  attended: number;
  attendedAll: number;
};

export const eventCsvColumns = [
  "committee",
  "level",
  "name_en",
  "name_hi",
  "seats",
  "members",
  "invited",
  "registered",
  "attended_any_session",
  "attended_all_required",
  "attendance_rate",
] as const;

/** The CSV rows of the per-event table (the header is eventCsvColumns); the rate as a plain decimal. */
export function eventCsvRows(rows: EventCommitteeFigures[]): CsvCell[][] {
  return rows.map((r) => [
    r.unitCode,
    r.unitLevel,
    r.nameEn,
    r.nameHi,
    r.seatQuota,
    r.members,
    r.invited,
    r.registered,
    r.attended,
    r.attendedAll,
    r.invited > 0 ? (r.attended / r.invited).toFixed(3) : null,
  ]);
}

/** "shivir-event-12-attendance-2026-11-26.csv": the day in IST. */
export function eventCsvFilename(eventId: number, now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD; Intl rather than luxon, as the report pages' browser code imports this.
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: IST, dateStyle: "short" }).format(now);
  return `shivir-event-${eventId}-attendance-${day}.csv`;
}
