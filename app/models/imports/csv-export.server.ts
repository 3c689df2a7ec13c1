// CSV exports of office-bearers and committees, scoped to what the reader may see. Streamed in keyset
// pages over ids (csv-stream.server.ts), so a state's 520,000 rows never sit in memory at once.
import { sql } from "kysely";
import { DateTime } from "luxon";
import { IST } from "#app/i18n/datetime.ts";
import type { Database } from "#app/platform/db.server.ts";
import { appointeeColumns } from "./csv-import.ts";
import { csvStream } from "./csv-stream.server.ts";
import { type Scope, unitInScope } from "#app/models/organisation/scope.server.ts";

// 1,000 rows (about 100 KB of CSV) a page: what a slow reader holds up in the server stays small.
export const EXPORT_PAGE_SIZE = 1000;
export const exportKinds = ["appointees", "committees"] as const;
export type ExportKind = (typeof exportKinds)[number];

/** "shivir-appointees-2026-11-26.csv": the day in IST. */
export function exportFilename(kind: ExportKind, now: Date = new Date()): string {
  return `shivir-${kind}-${DateTime.fromJSDate(now, { zone: IST }).toISODate()}.csv`;
}

export type ExportOptions = { signal?: AbortSignal; pageSize?: number };

/**
 * Office-bearers with an active appointment in a committee in scope: one row per such appointment, in the
 * import's own columns, so an exported file can be corrected and imported again.
 */
export function streamAppointeesCsv(
  db: Database,
  scope: Scope,
  options: ExportOptions = {},
): ReadableStream<Uint8Array> {
  return csvStream({
    header: appointeeColumns,
    fetchPage: (afterId, limit) =>
      db
        .selectFrom("appointments")
        .innerJoin("appointees", "appointees.id", "appointments.appointeeId")
        .innerJoin("committees", "committees.id", "appointments.committeeId")
        .innerJoin("units", "units.id", "committees.unitId")
        .select([
          "appointments.id",
          "appointees.name",
          "appointees.nameHi",
          "appointees.phone",
          "appointees.email",
          "appointees.preferredLanguage",
          "units.code",
          "appointments.designation",
        ])
        .where("appointments.active", "=", true)
        .where("appointments.id", ">", afterId)
        .where((eb) => unitInScope(eb, scope))
        .orderBy("appointments.id")
        .limit(limit)
        .execute(),
    keyOf: (r) => r.id,
    toCells: (r) => [r.name, r.nameHi, r.phone, r.email, r.preferredLanguage, r.code, r.designation],
    pageSize: options.pageSize ?? EXPORT_PAGE_SIZE,
    signal: options.signal,
  });
}

export const committeeExportColumns = [
  "committee",
  "parent_code",
  "level",
  "unit_name_en",
  "unit_name_hi",
  "name_en",
  "name_hi",
  "status",
  "seat_quota",
  "members",
  "formed_at",
] as const;

/** Committees of the units in scope, with their active members; formed_at in IST. */
export function streamCommitteesCsv(
  db: Database,
  scope: Scope,
  options: ExportOptions = {},
): ReadableStream<Uint8Array> {
  return csvStream({
    header: committeeExportColumns,
    fetchPage: (afterId, limit) =>
      db
        .selectFrom("committees")
        .innerJoin("units", "units.id", "committees.unitId")
        .select([
          "committees.id",
          "units.code",
          sql<string | null>`(select p.code from units p where p.id = units.parent_id)`.as("parentCode"),
          "units.level",
          "units.nameEn as unitNameEn",
          "units.nameHi as unitNameHi",
          "committees.nameEn",
          "committees.nameHi",
          "committees.status",
          "committees.seatQuota",
          "committees.formedAt",
          sql<number>`(select count(*)::int from appointments a where a.committee_id = committees.id and a.active)`.as(
            "members",
          ),
        ])
        .where("committees.id", ">", afterId)
        .where((eb) => unitInScope(eb, scope))
        .orderBy("committees.id")
        .limit(limit)
        .execute(),
    keyOf: (r) => r.id,
    toCells: (r) => [
      r.code,
      r.parentCode,
      r.level,
      r.unitNameEn,
      r.unitNameHi,
      r.nameEn,
      r.nameHi,
      r.status,
      r.seatQuota,
      r.members,
      r.formedAt ? DateTime.fromJSDate(r.formedAt, { zone: IST }).toFormat("yyyy-LL-dd HH:mm") : null,
    ],
    pageSize: options.pageSize ?? EXPORT_PAGE_SIZE,
    signal: options.signal,
  });
}
