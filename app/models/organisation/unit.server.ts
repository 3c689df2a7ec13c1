import { sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";
import type { Result } from "#app/platform/result.ts";
import { recordAudit } from "./audit.server.ts";
import { type Scope, unitInScope } from "./scope.server.ts";
import {
  type CreateUnitInput,
  canNest,
  escapeLike,
  type MoveUnitInput,
  subtreePattern,
  UNIT_PAGE_SIZE,
  type UnitLevel,
  type UpdateUnitInput,
  visibleAncestorIds,
} from "./unit.ts";

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

// ---------------------------------------------------------------------------------------------------------
// Browsing, searching and changing the unit tree (the /units pages). Every read is filtered by the reader's
// scope in the query itself; a unit outside it answers 404.

export type CommitteeFill = {
  id: number;
  status: "forming" | "formed";
  seatQuota: number;
  /** Active appointments. */
  filled: number;
};

export type UnitDetail = UnitSummary & {
  parentId: number | null;
  path: string;
  depth: number;
  committee: CommitteeFill | null;
};

export type ChildUnitRow = UnitSummary & { committee: CommitteeFill | null; unitsBelow: number };

export type Paged<T> = { rows: T[]; total: number; page: number; pageCount: number };

export type UnitView = {
  unit: UnitDetail;
  /** Ancestors the reader may see, outermost first (an organiser's start at their scope unit). */
  breadcrumbs: UnitSummary[];
  children: Paged<ChildUnitRow>;
};

export type UnitSearchHit = UnitSummary & {
  depth: number;
  /** Visible ancestors, outermost first, then the unit itself: "Rajasthan › Jaipur › Sanganer". */
  trail: UnitSummary[];
};

function committeeFill(row: {
  committeeId: number | null;
  status: string | null;
  seatQuota: number | null;
  filled: number | string | null;
}): CommitteeFill | null {
  if (row.committeeId === null || row.status === null || row.seatQuota === null) return null;
  return {
    id: Number(row.committeeId),
    status: row.status as CommitteeFill["status"],
    seatQuota: row.seatQuota,
    filled: Number(row.filled ?? 0),
  };
}

function pageCountOf(total: number): number {
  return Math.max(1, Math.ceil(total / UNIT_PAGE_SIZE));
}

/** Active appointments of the committee `committees.id`, as a correlated count on appointments_committee_idx. */
const activeAppointments = sql<number>`(select count(*) from appointments a where a.committee_id = committees.id and a.active)`;

/** The unit (with its committee and the breadcrumbs the reader may see) if it lies in the scope; else 404. */
export async function getUnitDetail(
  db: Database,
  scope: Scope,
  unitId: number,
): Promise<{ unit: UnitDetail; breadcrumbs: UnitSummary[] }> {
  const row = await db
    .selectFrom("units")
    .leftJoin("committees", "committees.unitId", "units.id")
    .select([...summaryColumns, "units.parentId", "units.path", "units.depth"])
    .select(["committees.id as committeeId", "committees.status", "committees.seatQuota"])
    .select(activeAppointments.as("filled"))
    .where("units.id", "=", unitId)
    .where((eb) => unitInScope(eb, scope))
    .executeTakeFirst();
  if (!row) throw new Response("Not found", { status: 404 });
  const ancestorIds = visibleAncestorIds(row.path, scope.kind === "all" ? null : scope.path);
  const ancestors = ancestorIds.length
    ? await db.selectFrom("units").select(summaryColumns).where("units.id", "in", ancestorIds).execute()
    : [];
  const byId = new Map(ancestors.map((a) => [Number(a.id), toSummary(a)]));
  return {
    unit: {
      ...toSummary(row),
      parentId: row.parentId,
      path: row.path,
      depth: row.depth,
      committee: committeeFill(row),
    },
    breadcrumbs: ancestorIds.flatMap((id) => byId.get(id) ?? []),
  };
}

/**
 * One page of the units directly below `unit` (by English name), each with its committee's status and fill
 * and the number of all units below it. The count is one correlated range scan per row of the page on the
 * path index (`path ~>~ p and path ~<~ upper(p)`), never a query per row from here.
 */
export async function listChildUnits(
  db: Database,
  unit: { id: number },
  page: number,
): Promise<Paged<ChildUnitRow>> {
  const pageRows = db
    .selectFrom("units")
    .select([...summaryColumns, "units.path"])
    .where("units.parentId", "=", unit.id)
    .orderBy("units.nameEn")
    .orderBy("units.id")
    .limit(UNIT_PAGE_SIZE)
    .offset((page - 1) * UNIT_PAGE_SIZE);
  const [rows, total] = await Promise.all([
    db
      .selectFrom(pageRows.as("units"))
      .leftJoin("committees", "committees.unitId", "units.id")
      .select(["units.id", "units.code", "units.level", "units.nameEn", "units.nameHi"])
      .select(["committees.id as committeeId", "committees.status", "committees.seatQuota"])
      .select(activeAppointments.as("filled"))
      .select(
        sql<number>`(select count(*) from units d
          where d.path operator(pg_catalog.~>~) units.path
            and d.path operator(pg_catalog.~<~) (left(units.path, -1) || '0'))`.as("unitsBelow"),
      )
      .orderBy("units.nameEn")
      .orderBy("units.id")
      .execute(),
    db
      .selectFrom("units")
      .select(sql<number>`count(*)`.as("n"))
      .where("parentId", "=", unit.id)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({
      ...toSummary(r),
      committee: committeeFill(r),
      unitsBelow: Number(r.unitsBelow),
    })),
    total: Number(total.n),
    page,
    pageCount: pageCountOf(Number(total.n)),
  };
}

/** One unit's page: the unit, its breadcrumbs and a page of its children (404 outside the scope). */
export async function getUnitView(db: Database, scope: Scope, unitId: number, page = 1): Promise<UnitView> {
  const detail = await getUnitDetail(db, scope, unitId);
  return { ...detail, children: await listChildUnits(db, detail.unit, page) };
}

/**
 * The top of the tree the reader may see: an admin's state unit (the first root), an organiser's scope unit.
 * Null when there are no units at all.
 */
export async function getTopUnitView(db: Database, scope: Scope, page = 1): Promise<UnitView | null> {
  if (scope.kind === "subtree") return getUnitView(db, scope, scope.unitId, page);
  const root = await db
    .selectFrom("units")
    .select("id")
    .where("parentId", "is", null)
    .orderBy("id")
    .executeTakeFirst();
  return root ? getUnitView(db, scope, root.id, page) : null;
}

const unitCodeChars = /^[A-Z0-9-]+$/;
const devanagari = /\p{Script=Devanagari}/u;

/**
 * Units in the scope whose code starts with `q` (any case) or whose English or Hindi name contains it
 * (trigram indexes), exact code first, then outermost, then by name; with each hit's trail of names,
 * fetched for the whole page in one query.
 */
export async function searchUnits(
  db: Database,
  scope: Scope,
  query: { q: string; page: number },
): Promise<Paged<UnitSearchHit>> {
  const q = query.q.normalize("NFC").trim();
  if (!q) return { rows: [], total: 0, page: 1, pageCount: 1 };
  const code = q.toUpperCase();
  const contains = `%${escapeLike(q)}%`;
  // One branch per index, so each finds its own plan (an OR across an unindexed branch scans the table).
  // ILIKE only where case can matter: on Devanagari it costs three times LIKE and finds the same rows.
  const nameOp = q.toLowerCase() === q.toUpperCase() ? "like" : "ilike";
  const branch = () =>
    db
      .selectFrom("units")
      .select("units.id")
      .where((eb) => unitInScope(eb, scope));
  let matches = branch().where("units.nameHi", nameOp, contains);
  // Devanagari is found only in Hindi names; a code has only capitals, digits and dashes.
  if (!devanagari.test(q)) matches = matches.union(branch().where("units.nameEn", nameOp, contains));
  if (unitCodeChars.test(code)) matches = matches.union(branch().where("units.code", "like", `${code}%`));
  const rows = await db
    .selectFrom("units")
    .select([...summaryColumns, "units.path", "units.depth", sql<number>`count(*) over ()`.as("total")])
    .where("units.id", "in", matches)
    .where((eb) => unitInScope(eb, scope))
    .orderBy(sql`units.code = ${code}`, "desc")
    .orderBy("units.depth")
    .orderBy("units.nameEn")
    .orderBy("units.id")
    .limit(UNIT_PAGE_SIZE)
    .offset((query.page - 1) * UNIT_PAGE_SIZE)
    .execute();

  const scopePath = scope.kind === "all" ? null : scope.path;
  const trailIds = new Set(rows.flatMap((r) => visibleAncestorIds(r.path, scopePath)));
  const ancestors = trailIds.size
    ? await db
        .selectFrom("units")
        .select(summaryColumns)
        .where("units.id", "in", [...trailIds])
        .execute()
    : [];
  const byId = new Map(ancestors.map((a) => [Number(a.id), toSummary(a)]));
  // count(*) over () is empty on a page past the end: count again only then.
  const total = rows[0]
    ? Number(rows[0].total)
    : query.page > 1
      ? (await searchUnits(db, scope, { q, page: 1 })).total
      : 0;
  return {
    rows: rows.map((r) => {
      const unit = toSummary(r);
      const trail = visibleAncestorIds(r.path, scopePath).flatMap((id) => byId.get(id) ?? []);
      return { ...unit, depth: r.depth, trail: [...trail, unit] };
    }),
    total,
    page: query.page,
    pageCount: pageCountOf(total),
  };
}

// ---- changes (admins) ----

export type UnitActor = { staffId: number; scope: Scope };

type UnitField = "code" | "level" | "parentCode" | "nameEn" | "nameHi";
export type UnitChangeResult = Result<{ unitId: number }, { field: UnitField }>;

const invalid = (field: UnitField, error: string) => ({ ok: false, field, error }) as const;

/** The database's own refusals (unique code, level order, loops) as a message for the form; else null. */
export function refusalOfUnitChange(error: unknown): UnitChangeResult | null {
  const e = error as { code?: string; constraint_name?: string; message?: string } | null;
  if (!e || typeof e !== "object") return null;
  if (e.code === "23505" && e.constraint_name === "units_code_key")
    return invalid("code", "units.errors.codeTaken");
  if (e.code !== "23514") return null;
  const message = e.message ?? "";
  if (e.constraint_name === "units_code_check") return invalid("code", "units.errors.codeFormat");
  if (e.constraint_name === "units_name_en_check") return invalid("nameEn", "units.errors.nameEnRequired");
  if (e.constraint_name === "units_name_hi_check") return invalid("nameHi", "units.errors.nameHiRequired");
  if (e.constraint_name === "units_root_is_state") return invalid("level", "units.errors.stateOnlyAtTop");
  if (/own descendant/.test(message)) return invalid("parentCode", "units.errors.moveCycle");
  if (/cannot sit below/.test(message)) return invalid("parentCode", "units.errors.moveLevel");
  if (/has children at level/.test(message)) return invalid("level", "units.errors.levelNotDeeper");
  return null;
}

async function withRefusals(change: () => Promise<UnitChangeResult>): Promise<UnitChangeResult> {
  try {
    return await change();
  } catch (error) {
    const refusal = refusalOfUnitChange(error);
    if (refusal) return refusal;
    throw error;
  }
}

async function codeTaken(db: Database, code: string, exceptId?: number): Promise<boolean> {
  let query = db.selectFrom("units").select("id").where("code", "=", code);
  if (exceptId) query = query.where("id", "<>", exceptId);
  return Boolean(await query.executeTakeFirst());
}

/**
 * Creates a unit below `input.parentId` (or a state at the top when there is none): the level must be
 * deeper than the parent's and the code unused. Writes "unit.created" to the audit log.
 */
export async function createUnit(
  db: Database,
  actor: UnitActor,
  input: CreateUnitInput,
): Promise<UnitChangeResult> {
  return withRefusals(() =>
    db.transaction().execute(async (trx) => {
      let parentId: number | null = null;
      if (input.parentId) {
        // FOR SHARE waits for a move of this branch to commit, so the new unit's path is derived from the
        // parent's final path.
        const parent = await trx
          .selectFrom("units")
          .select(["id", "level", "path"])
          .where("id", "=", input.parentId)
          .where((eb) => unitInScope(eb, actor.scope))
          .forShare()
          .executeTakeFirst();
        if (!parent) throw new Response("Not found", { status: 404 });
        if (!canNest(parent.level as UnitLevel, input.level))
          return invalid("level", "units.errors.levelNotDeeper");
        parentId = parent.id;
      } else if (actor.scope.kind !== "all" || input.level !== "state") {
        return invalid("level", "units.errors.stateOnlyAtTop");
      }
      if (await codeTaken(trx, input.code)) return invalid("code", "units.errors.codeTaken");
      const unit = await trx
        .insertInto("units")
        .values({
          parentId,
          level: input.level,
          code: input.code,
          nameEn: input.nameEn,
          nameHi: input.nameHi,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorStaffId: actor.staffId,
        action: "unit.created",
        entityType: "unit",
        entityId: unit.id,
        details: {
          code: input.code,
          level: input.level,
          parentId,
          nameEn: input.nameEn,
          nameHi: input.nameHi,
        },
      });
      return { ok: true, unitId: unit.id } as const;
    }),
  );
}

/** Changes a unit's code and names (404 outside the scope). Writes "unit.updated" with what changed. */
export async function updateUnit(
  db: Database,
  actor: UnitActor,
  unitId: number,
  input: UpdateUnitInput,
): Promise<UnitChangeResult> {
  return withRefusals(() =>
    db.transaction().execute(async (trx) => {
      const unit = await trx
        .selectFrom("units")
        .select(["id", "code", "nameEn", "nameHi"])
        .where("id", "=", unitId)
        .where((eb) => unitInScope(eb, actor.scope))
        .forUpdate()
        .executeTakeFirst();
      if (!unit) throw new Response("Not found", { status: 404 });
      if (input.code !== unit.code && (await codeTaken(trx, input.code, unit.id))) {
        return invalid("code", "units.errors.codeTaken");
      }
      const changes: Record<string, { from: string; to: string }> = {};
      for (const key of ["code", "nameEn", "nameHi"] as const) {
        if (unit[key] !== input[key]) changes[key] = { from: unit[key], to: input[key] };
      }
      if (Object.keys(changes).length === 0) return { ok: true, unitId } as const;
      await trx
        .updateTable("units")
        .set({ code: input.code, nameEn: input.nameEn, nameHi: input.nameHi, updatedAt: sql`now()` })
        .where("id", "=", unitId)
        .execute();
      await recordAudit(trx, {
        actorStaffId: actor.staffId,
        action: "unit.updated",
        entityType: "unit",
        entityId: unitId,
        details: changes,
      });
      return { ok: true, unitId } as const;
    }),
  );
}

/**
 * Moves a unit (and everything below it) under the unit with code `input.parentCode`. Refuses a parent
 * inside the unit's own subtree, a parent at the same or a deeper level, the top unit, and the current
 * parent. Writes "unit.moved".
 */
export async function moveUnit(
  db: Database,
  actor: UnitActor,
  unitId: number,
  input: MoveUnitInput,
): Promise<UnitChangeResult> {
  return withRefusals(() =>
    db.transaction().execute(async (trx) => {
      // Moves are rare: one at a time, so two crossing moves cannot build a loop between them.
      await sql`select pg_advisory_xact_lock(hashtext('shivir.unit-move'))`.execute(trx);
      const unit = await trx
        .selectFrom("units")
        .select(["id", "code", "level", "parentId", "path"])
        .where("id", "=", unitId)
        .where((eb) => unitInScope(eb, actor.scope))
        .forUpdate()
        .executeTakeFirst();
      if (!unit) throw new Response("Not found", { status: 404 });
      if (unit.parentId === null) return invalid("parentCode", "units.errors.moveRoot");
      const parent = await trx
        .selectFrom("units")
        .select(["id", "code", "level", "path"])
        .where("code", "=", input.parentCode)
        .where((eb) => unitInScope(eb, actor.scope))
        .forShare()
        .executeTakeFirst();
      if (!parent) return invalid("parentCode", "units.errors.parentNotFound");
      if (parent.path.startsWith(unit.path)) return invalid("parentCode", "units.errors.moveCycle");
      if (!canNest(parent.level as UnitLevel, unit.level as UnitLevel)) {
        return invalid("parentCode", "units.errors.moveLevel");
      }
      if (parent.id === unit.parentId) return invalid("parentCode", "units.errors.sameParent");
      await trx
        .updateTable("units")
        .set({ parentId: parent.id, updatedAt: sql`now()` })
        .where("id", "=", unit.id)
        .execute();
      await recordAudit(trx, {
        actorStaffId: actor.staffId,
        action: "unit.moved",
        entityType: "unit",
        entityId: unit.id,
        details: {
          code: unit.code,
          fromParentId: unit.parentId,
          toParentId: parent.id,
          toParentCode: parent.code,
        },
      });
      return { ok: true, unitId: unit.id } as const;
    }),
  );
}
