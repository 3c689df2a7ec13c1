import { sql } from "kysely";
import type { Database } from "#app/utils/db.server.ts";
import { subtreePattern, type UnitLevel } from "./unit.ts";

export type UnitSummary = {
  id: number;
  code: string;
  level: UnitLevel;
  nameEn: string;
  nameHi: string;
};

export type TopUnitRow = UnitSummary & {
  unitsBelow: number;
  committeesFormed: number;
  committeesForming: number;
  appointees: number;
};

export type OrganisationOverview = {
  root: UnitSummary & {
    committee: { status: "forming" | "formed"; seatQuota: number; filled: number } | null;
  };
  topUnits: TopUnitRow[];
  unitsByLevel: Partial<Record<UnitLevel, number>>;
  committeesFormed: number;
  committeesForming: number;
  appointees: number;
};

const summaryColumns = ["units.id", "units.code", "units.level", "units.nameEn", "units.nameHi"] as const;

function toSummary(row: {
  id: string | number;
  code: string;
  level: string;
  nameEn: string;
  nameHi: string;
}) {
  return { ...row, id: Number(row.id), level: row.level as UnitLevel };
}

/** Every unit in the subtree of `unitId` (itself included), outermost first, by the indexed path. */
export async function listSubtreeUnits(
  db: Database,
  unitId: number,
): Promise<(UnitSummary & { depth: number })[]> {
  const unit = await db.selectFrom("units").select("path").where("id", "=", unitId).executeTakeFirst();
  if (!unit) return [];
  const rows = await db
    .selectFrom("units")
    .select([...summaryColumns, "units.depth"])
    .where("path", "like", subtreePattern(unit.path))
    .orderBy("depth")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ ...toSummary(r), depth: r.depth }));
}

/** The state and, for each unit directly below it, how far its committees have formed. */
export async function getOrganisationOverview(db: Database): Promise<OrganisationOverview | null> {
  const root = await db
    .selectFrom("units")
    .leftJoin("committees", "committees.unitId", "units.id")
    .select([...summaryColumns, "units.path", "committees.id as committeeId", "committees.status"])
    .select("committees.seatQuota")
    .where("units.parentId", "is", null)
    .orderBy("units.id")
    .executeTakeFirst();
  if (!root) return null;

  // The top-level unit of any descendant is the third segment of its path: '/root/top/...'.
  const topId = sql<string>`split_part(units.path, '/', 3)`;
  const [tops, unitStats, appointeeStats, levels, totals, rootFilled] = await Promise.all([
    db.selectFrom("units").select(summaryColumns).where("parentId", "=", root.id).orderBy("nameEn").execute(),
    db
      .selectFrom("units")
      .leftJoin("committees", "committees.unitId", "units.id")
      .select([
        topId.as("topId"),
        sql<string>`count(*) filter (where units.depth > 1)`.as("unitsBelow"),
        sql<string>`count(committees.id) filter (where committees.status = 'formed')`.as("formed"),
        sql<string>`count(committees.id) filter (where committees.status = 'forming')`.as("forming"),
      ])
      .where("units.path", "like", subtreePattern(root.path))
      .where("units.depth", ">=", 1)
      .groupBy(topId)
      .execute(),
    db
      .selectFrom("appointments")
      .innerJoin("committees", "committees.id", "appointments.committeeId")
      .innerJoin("units", "units.id", "committees.unitId")
      .select([topId.as("topId"), sql<string>`count(distinct appointments.appointee_id)`.as("appointees")])
      .where("appointments.active", "=", true)
      .where("units.depth", ">=", 1)
      .groupBy(topId)
      .execute(),
    db
      .selectFrom("units")
      .select(["level", sql<string>`count(*)`.as("count")])
      .groupBy("level")
      .execute(),
    db
      .selectFrom("committees")
      .select([
        sql<string>`count(*) filter (where status = 'formed')`.as("formed"),
        sql<string>`count(*) filter (where status = 'forming')`.as("forming"),
        sql<string>`(select count(distinct appointee_id) from appointments where active)`.as("appointees"),
      ])
      .executeTakeFirstOrThrow(),
    root.committeeId
      ? db
          .selectFrom("appointments")
          .select(sql<string>`count(*)`.as("count"))
          .where("committeeId", "=", root.committeeId)
          .where("active", "=", true)
          .executeTakeFirstOrThrow()
      : Promise.resolve({ count: "0" }),
  ]);

  const statsByTop = new Map(unitStats.map((s) => [s.topId, s]));
  const appointeesByTop = new Map(appointeeStats.map((s) => [s.topId, Number(s.appointees)]));
  return {
    root: {
      ...toSummary(root),
      committee:
        root.committeeId && root.status && root.seatQuota
          ? {
              status: root.status as "forming" | "formed",
              seatQuota: root.seatQuota,
              filled: Number(rootFilled.count),
            }
          : null,
    },
    topUnits: tops.map((top) => {
      const stats = statsByTop.get(String(top.id));
      return {
        ...toSummary(top),
        unitsBelow: Number(stats?.unitsBelow ?? 0),
        committeesFormed: Number(stats?.formed ?? 0),
        committeesForming: Number(stats?.forming ?? 0),
        appointees: appointeesByTop.get(String(top.id)) ?? 0,
      };
    }),
    unitsByLevel: Object.fromEntries(levels.map((l) => [l.level, Number(l.count)])),
    committeesFormed: Number(totals.formed),
    committeesForming: Number(totals.forming),
    appointees: Number(totals.appointees),
  };
}
