// Appointees (office-bearers): the list with filters, one person's page, create, edit and merge.
// Scope: an admin sees everyone (also people with no appointment); an organiser sees a person only while
// they hold at least one ACTIVE appointment in a committee whose unit lies in the organiser's subtree.
// Every query filters by it, so a person outside the scope is a 404 whichever way it is asked for.
import { isUniqueViolation } from "#app/platform/db-errors.server.ts";
import { type ExpressionBuilder, type SelectQueryBuilder, sql } from "kysely";
import type { DB } from "#db/types.ts";
import type { Database, Tx } from "#app/platform/db.server.ts";
import type { Result } from "#app/platform/result.ts";
import {
  APPOINTEES_PAGE_SIZE,
  type AppointeeInput,
  type AppointeeListQuery,
  classifySearch,
  escapeLikePattern,
  looksLikeUnitCode,
  type MergeInput,
  type MergeLookup,
  mergedValues,
  type NewAppointeeInput,
  type PersonValues,
  personValues,
} from "./appointee.ts";
import { moveAttendance } from "#app/models/attendance/attendance.server.ts";
import { listAudit, recordAudit } from "./audit.server.ts";
import { findCommitteeInScope } from "./committee.server.ts";
import { contactsInScope } from "./person-scope.server.ts";
import type { Scope } from "./scope.server.ts";
import { subtreePattern, type UnitLevel } from "./unit.ts";

/** Who acts: the staff user (for the audit log) and what they may see. */
export type AppointeeActor = { staffId: number; scope: Scope };

export type AppointeeRecord = PersonValues & { id: number; createdAt: string; updatedAt: string };

export type AppointeeAppointment = {
  id: number;
  committeeId: number;
  committeeNameEn: string;
  committeeNameHi: string;
  committeeStatus: "forming" | "formed";
  unitId: number;
  unitCode: string;
  unitLevel: UnitLevel;
  designation: string;
  designationEn: string;
  designationHi: string;
  active: boolean;
  appointedAt: string;
  endedAt: string | null;
};

export type AppointeeListRow = {
  id: number;
  name: string;
  nameHi: string | null;
  phone: string | null;
  email: string | null;
  appointments: AppointeeAppointment[];
};

export type FilterUnit = { id: number; code: string; nameEn: string; nameHi: string; level: UnitLevel };
export type FilterCommittee = { id: number; nameEn: string; nameHi: string; unitCode: string };

export type AppointeeList = {
  rows: AppointeeListRow[];
  page: number;
  hasMore: boolean;
  /** A unit or committee filter that does not exist or lies outside the viewer's scope: the list is empty. */
  notFound: "unit" | "committee" | null;
  unit: FilterUnit | null;
  committee: FilterCommittee | null;
};

export type DesignationOption = { code: string; nameEn: string; nameHi: string; active: boolean };

export type AppointeeHistoryEntry = {
  id: number;
  at: string;
  action: string;
  actorName: string | null;
  details: Record<string, unknown>;
};

export type AppointeePage = {
  appointee: AppointeeRecord;
  appointments: AppointeeAppointment[];
  history: AppointeeHistoryEntry[];
};

type Duplicate = {
  error: "appointees.errors.phoneTaken" | "appointees.errors.emailTaken";
  field: "phone" | "email";
  existing: { id: number; name: string } | null;
};
/** A duplicate phone or email: the existing person's id and name only when the viewer may see them. */
export type DuplicateFailure = { ok: false } & Duplicate;
export type AppointeeResult = Result<
  { id: number; changed: boolean },
  Duplicate | { field?: "unitCode" | "designation"; existing?: undefined }
>;
export type AppointeeFailure = Extract<AppointeeResult, { ok: false }>;

export type MergeOutcome = Result<{
  keptId: number;
  mergedId: number;
  moved: number;
  ended: number;
  values: PersonValues;
}>;

const notFound = () => new Response("Not found", { status: 404 });

type WithA = DB & { a: DB["appointees"] };

/**
 * `ref` lies in the subtree at `path`: the byte range [path, path-with-its-last-"/"-as-"0"), which the
 * text_pattern_ops index on units.path answers also in a generic (prepared) plan, where `like $1` cannot.
 * Equivalent to `ref like '<path>%'`.
 */
function pathWithin(ref: string, path: string) {
  subtreePattern(path); // validates the shape
  const upper = `${path.slice(0, -1)}0`;
  return sql<boolean>`(${sql.ref(ref)} ~>=~ ${path} and ${sql.ref(ref)} ~<~ ${upper})`;
}

/** The person (alias `a`) holds an active appointment in the scope. */
function visibleIn(eb: ExpressionBuilder<WithA, "a">, scope: Scope) {
  if (scope.kind === "all") return sql<boolean>`true`;
  return eb.exists(
    eb
      .selectFrom("appointments as ap")
      .innerJoin("committees as c", "c.id", "ap.committeeId")
      .innerJoin("units as u", "u.id", "c.unitId")
      .select(sql`1`.as("one"))
      .whereRef("ap.appointeeId", "=", "a.id")
      .where("ap.active", "=", true)
      .where(pathWithin("u.path", scope.path)),
  );
}

function isForeignKeyViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "23503";
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

// ---- reading ----

/** Designations for the filters and forms, in their display order. */
export async function listDesignationOptions(db: Database): Promise<DesignationOption[]> {
  return db
    .selectFrom("designations")
    .select(["code", "nameEn", "nameHi", "active"])
    .orderBy("sortOrder")
    .orderBy("code")
    .execute();
}

/** The unit with this code, if it lies in the scope. */
async function findUnitByCode(db: Database, scope: Scope, code: string) {
  if (!looksLikeUnitCode(code)) return null;
  const unit = await db
    .selectFrom("units")
    .select(["id", "code", "nameEn", "nameHi", "level", "path"])
    .where("code", "=", code)
    .$if(scope.kind === "subtree", (q) => q.where(pathWithin("units.path", (scope as { path: string }).path)))
    .executeTakeFirst();
  return unit ?? null;
}

/** The active (or, with `all`, every) appointment of these people that the viewer may see. */
async function listAppointmentsOf(
  db: Database,
  scope: Scope,
  appointeeIds: number[],
  options: { includeEnded: boolean },
): Promise<(AppointeeAppointment & { appointeeId: number })[]> {
  if (appointeeIds.length === 0) return [];
  const rows = await db
    .selectFrom("appointments as ap")
    .innerJoin("committees as c", "c.id", "ap.committeeId")
    .innerJoin("units as u", "u.id", "c.unitId")
    .innerJoin("designations as d", "d.code", "ap.designation")
    .select([
      "ap.id",
      "ap.appointeeId",
      "ap.committeeId",
      "c.nameEn as committeeNameEn",
      "c.nameHi as committeeNameHi",
      "c.status as committeeStatus",
      "u.id as unitId",
      "u.code as unitCode",
      "u.level as unitLevel",
      "ap.designation",
      "d.nameEn as designationEn",
      "d.nameHi as designationHi",
      "ap.active",
      "ap.appointedAt",
      "ap.endedAt",
    ])
    .where("ap.appointeeId", "in", appointeeIds)
    .$if(!options.includeEnded, (q) => q.where("ap.active", "=", true))
    .$if(scope.kind === "subtree", (q) => q.where(pathWithin("u.path", (scope as { path: string }).path)))
    .orderBy("ap.active", "desc")
    .orderBy("u.depth")
    .orderBy("d.sortOrder")
    .orderBy("ap.appointedAt", "desc")
    .orderBy("ap.id")
    .execute();
  return rows.map((r) => ({
    ...r,
    appointedAt: iso(r.appointedAt),
    endedAt: r.endedAt ? iso(r.endedAt) : null,
  }));
}

type ListQueryBuilder = SelectQueryBuilder<WithA, "a", object>;

/**
 * One page (50, by name) of the people the viewer may see, narrowed by the filters. Appointment filters
 * (unit subtree, committee, designation, committee status) and the scope must hold for ONE active appointment,
 * checked with an EXISTS over appointments ⋈ committees ⋈ units (the path range). A name search collects its
 * trigram-index hits first, then sorts them. The rows' committees come in one more query, not one per row.
 */
export async function listAppointees(
  db: Database,
  scope: Scope,
  query: AppointeeListQuery,
): Promise<AppointeeList> {
  let unit: FilterUnit | null = null;
  let unitPath: string | null = null;
  let committee: FilterCommittee | null = null;
  const empty = (notFound: "unit" | "committee"): AppointeeList => ({
    rows: [],
    page: query.page,
    hasMore: false,
    notFound,
    unit,
    committee,
  });

  if (query.unit) {
    const found = await findUnitByCode(db, scope, query.unit);
    if (!found) return empty("unit");
    unit = { id: found.id, code: found.code, nameEn: found.nameEn, nameHi: found.nameHi, level: found.level };
    unitPath = found.path;
  }
  if (query.committee) {
    const found = await findCommitteeInScope(db, scope, query.committee);
    if (!found || (unitPath && !found.path.startsWith(unitPath))) return empty("committee");
    committee = { id: found.id, nameEn: found.nameEn, nameHi: found.nameHi, unitCode: found.unitCode };
  }

  // The subtree the matching appointment must lie in: the unit filter (already inside the scope) or the scope.
  const subtreePath = unitPath ?? (scope.kind === "subtree" ? scope.path : null);
  const needsAppointment = Boolean(subtreePath || committee || query.designation || query.status);

  const search = query.q ? classifySearch(query.q) : null;
  // Three characters make a trigram: only then do the indexes narrow the rows down. A shorter name matches
  // so many people that walking the name index finds a page at once.
  const selectiveNameSearch = search?.kind === "name" && [...search.text].length >= 3;

  const filtered = (qb: ListQueryBuilder): ListQueryBuilder => {
    let q = qb;
    if (needsAppointment) {
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("appointments as ap")
            .innerJoin("committees as c", "c.id", "ap.committeeId")
            .innerJoin("units as u", "u.id", "c.unitId")
            .select(sql`1`.as("one"))
            .whereRef("ap.appointeeId", "=", "a.id")
            .where("ap.active", "=", true)
            .$if(Boolean(subtreePath) && !committee, (s) => s.where(pathWithin("u.path", subtreePath!)))
            .$if(Boolean(committee), (s) => s.where("ap.committeeId", "=", committee!.id))
            .$if(Boolean(query.designation), (s) => s.where("ap.designation", "=", query.designation!))
            .$if(Boolean(query.status), (s) => s.where("c.status", "=", query.status!)),
        ),
      );
    }
    if (query.noEmail) q = q.where("a.email", "is", null);
    if (search) {
      if (search.kind === "phone") {
        q = search.exact
          ? q.where("a.phone", "=", search.exact)
          : q.where("a.phone", "like", `%${escapeLikePattern(search.digits)}%`);
      } else if (search.kind === "email") {
        q = search.exact
          ? q.where("a.email", "=", search.exact)
          : q.where("a.email", "like", `%${escapeLikePattern(search.fragment)}%`);
      } else {
        const pattern = `%${escapeLikePattern(search.text)}%`;
        q = q.where((eb) => eb.or([eb("a.name", "ilike", pattern), eb("a.nameHi", "ilike", pattern)]));
      }
    }
    return q;
  };

  const columns = ["a.id", "a.name", "a.nameHi", "a.phone", "a.email"] as const;
  const offset = (query.page - 1) * APPOINTEES_PAGE_SIZE;

  const people = await db.transaction().execute(async (trx) => {
    // A page of 51 rows: parallel workers only add start-up cost (measured: 270 ms instead of 15 ms for a
    // district at 520,000 people on a busy 2-CPU machine), and a busy portal needs its CPUs for other requests.
    await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
    const base = trx.selectFrom("appointees as a") as unknown as ListQueryBuilder;
    if (selectiveNameSearch) {
      // The hits of the trigram indexes first (materialised), then sorted: walking the name index and
      // testing every row would read the whole table for a rare name.
      return trx
        .with(
          (cte) => cte("hits").materialized(),
          () => filtered(base).select(columns),
        )
        .selectFrom("hits")
        .selectAll()
        .orderBy("name")
        .orderBy("id")
        .limit(APPOINTEES_PAGE_SIZE + 1)
        .offset(offset)
        .execute();
    }
    return filtered(base)
      .select(columns)
      .orderBy("a.name")
      .orderBy("a.id")
      .limit(APPOINTEES_PAGE_SIZE + 1)
      .offset(offset)
      .execute();
  });

  const pageRows = people.slice(0, APPOINTEES_PAGE_SIZE);
  const appointments = await listAppointmentsOf(
    db,
    scope,
    pageRows.map((p) => p.id),
    { includeEnded: false },
  );
  const byPerson = new Map<number, AppointeeAppointment[]>();
  for (const { appointeeId, ...appointment } of appointments) {
    const list = byPerson.get(appointeeId) ?? [];
    list.push(appointment);
    byPerson.set(appointeeId, list);
  }
  return {
    rows: pageRows.map((p) => ({ ...p, appointments: byPerson.get(p.id) ?? [] })),
    page: query.page,
    hasMore: people.length > APPOINTEES_PAGE_SIZE,
    notFound: null,
    unit,
    committee,
  };
}

const personColumns = [
  "a.id",
  "a.name",
  "a.nameHi",
  "a.phone",
  "a.email",
  "a.preferredLanguage",
  "a.createdAt",
  "a.updatedAt",
] as const;

function toRecord(row: {
  id: number;
  name: string;
  nameHi: string | null;
  phone: string | null;
  email: string | null;
  preferredLanguage: "hi" | "en";
  createdAt: Date;
  updatedAt: Date;
}): AppointeeRecord {
  return { ...row, createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt) };
}

/** The person if the viewer may see them, else null. `lock` takes a row lock for the transaction. */
export async function findVisibleAppointee(
  db: Database,
  scope: Scope,
  id: number,
  options: { lock?: boolean } = {},
): Promise<AppointeeRecord | null> {
  let q = db
    .selectFrom("appointees as a")
    .select(personColumns)
    .where("a.id", "=", id)
    .where((eb) => visibleIn(eb, scope));
  if (options.lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** A person's page: their details, every appointment the viewer may see (ended ones too), their audit history. */
export async function getAppointeePage(db: Database, scope: Scope, id: number): Promise<AppointeePage> {
  const appointee = await findVisibleAppointee(db, scope, id);
  if (!appointee) throw notFound();
  const [appointments, history] = await Promise.all([
    listAppointmentsOf(db, scope, [id], { includeEnded: true }),
    listAudit(db, "appointee", id, 50),
  ]);
  return {
    appointee,
    appointments: appointments.map(({ appointeeId: _, ...a }) => a),
    history: history.map((h) => ({
      id: h.id,
      at: iso(h.at),
      action: h.action,
      actorName: h.actorName,
      details: (h.details ?? {}) as Record<string, unknown>,
    })),
  };
}

/** What the "new person" form needs: designations, and the committee named by ?committee= if in scope. */
export async function getNewAppointeeForm(
  db: Database,
  scope: Scope,
  committeeId: number | null,
): Promise<{ designations: DesignationOption[]; committee: FilterCommittee | null }> {
  const [designations, committee] = await Promise.all([
    listDesignationOptions(db),
    committeeId ? findCommitteeInScope(db, scope, committeeId) : Promise.resolve(null),
  ]);
  return {
    designations,
    committee: committee
      ? { id: committee.id, nameEn: committee.nameEn, nameHi: committee.nameHi, unitCode: committee.unitCode }
      : null,
  };
}

// ---- duplicates ----

/** Another person with this phone or email (phone first), and whether the viewer may see them. */
async function findDuplicate(
  db: Database,
  scope: Scope,
  values: { phone?: string | null; email?: string | null },
  exceptId: number | null,
): Promise<DuplicateFailure | null> {
  for (const field of ["phone", "email"] as const) {
    const value = values[field];
    if (!value) continue;
    const row = await db
      .selectFrom("appointees")
      .select(["id", "name"])
      .where(field, "=", value)
      .$if(exceptId !== null, (q) => q.where("id", "<>", exceptId!))
      .executeTakeFirst();
    if (!row) continue;
    const visible = await findVisibleAppointee(db, scope, row.id);
    return {
      ok: false,
      error: field === "phone" ? "appointees.errors.phoneTaken" : "appointees.errors.emailTaken",
      field,
      existing: visible ? { id: visible.id, name: visible.name } : null,
    };
  }
  return null;
}

/** Turns a unique violation from a race (two saves of one phone at once) into the same answer as the check. */
async function duplicateFromViolation(
  db: Database,
  scope: Scope,
  error: { constraint_name?: string },
  values: { phone?: string | null; email?: string | null },
  exceptId: number | null,
): Promise<AppointeeFailure> {
  const field = error.constraint_name === "appointees_email_key" ? "email" : "phone";
  const found = await findDuplicate(db, scope, { [field]: values[field] }, exceptId);
  return (
    found ?? {
      ok: false,
      error: field === "phone" ? "appointees.errors.phoneTaken" : "appointees.errors.emailTaken",
      field,
      existing: null,
    }
  );
}

// ---- changes ----

class Refusal extends Error {
  constructor(readonly failure: AppointeeFailure) {
    super(failure.error);
  }
}

/** Records a change to a person, by the acting staff member, in the audit log. */
async function auditAppointee(
  trx: Tx,
  actor: AppointeeActor,
  id: number,
  action: string,
  details: Record<string, unknown>,
) {
  await recordAudit(trx, {
    actorStaffId: actor.staffId,
    action,
    entityType: "appointee",
    entityId: id,
    details,
  });
}

/** Why a save of `values` failed: its Refusal, or the person whose phone or email it collided with. */
async function saveFailure(
  db: Database,
  scope: Scope,
  error: unknown,
  values: PersonValues,
  exceptId: number | null,
): Promise<AppointeeFailure> {
  if (error instanceof Refusal) return error.failure;
  if (isUniqueViolation(error)) return duplicateFromViolation(db, scope, error, values, exceptId);
  throw error;
}

/**
 * Creates a person, and with a committee (by its unit's code, in scope, not full) and designation also their
 * first appointment, in one transaction. Organisers must give both (the form schema says so): a person with no
 * appointment would be invisible to them. A phone or email that another person has is refused.
 */
export async function createAppointee(
  db: Database,
  actor: AppointeeActor,
  input: NewAppointeeInput,
): Promise<AppointeeResult> {
  const values = personValues(input);
  if (actor.scope.kind === "subtree" && (!input.unitCode || !input.designation)) {
    return { ok: false, error: "appointees.errors.committeeRequired", field: "unitCode" };
  }
  try {
    return await db.transaction().execute(async (trx) => {
      let appointment: { committeeId: number; designation: string } | null = null;
      if (input.unitCode && input.designation) {
        const committee = await trx
          .selectFrom("committees")
          .innerJoin("units", "units.id", "committees.unitId")
          .select(["committees.id", "committees.seatQuota"])
          .where("units.code", "=", input.unitCode)
          .$if(actor.scope.kind === "subtree", (q) =>
            q.where(pathWithin("units.path", (actor.scope as { path: string }).path)),
          )
          .forUpdate("committees")
          .executeTakeFirst();
        if (!committee) {
          throw new Refusal({ ok: false, error: "appointees.errors.committeeNotFound", field: "unitCode" });
        }
        const designation = await trx
          .selectFrom("designations")
          .select("code")
          .where("code", "=", input.designation)
          .where("active", "=", true)
          .executeTakeFirst();
        if (!designation) {
          throw new Refusal({
            ok: false,
            error: "appointees.errors.designationInvalid",
            field: "designation",
          });
        }
        const members = await trx
          .selectFrom("appointments")
          .select(sql<number>`count(*)::int`.as("n"))
          .where("committeeId", "=", committee.id)
          .where("active", "=", true)
          .executeTakeFirstOrThrow();
        if (members.n >= committee.seatQuota) {
          throw new Refusal({ ok: false, error: "appointees.errors.committeeFull", field: "unitCode" });
        }
        appointment = { committeeId: committee.id, designation: designation.code };
      }
      const duplicate = await findDuplicate(trx, actor.scope, values, null);
      if (duplicate) throw new Refusal(duplicate);

      const { id } = await trx
        .insertInto("appointees")
        .values(values)
        .returning("id")
        .executeTakeFirstOrThrow();
      if (appointment) {
        await trx
          .insertInto("appointments")
          .values({ appointeeId: id, ...appointment })
          .execute();
      }
      await auditAppointee(trx, actor, id, "appointee.created", { ...values, ...(appointment ?? {}) });
      return { ok: true as const, id, changed: true };
    });
  } catch (error) {
    return saveFailure(db, actor.scope, error, values, null);
  }
}

/** Saves a person's details (phone and email normalised by the schema). 404 if the viewer may not see them. */
const contactFields = ["name", "nameHi", "phone", "email"];

async function mayEditContacts(trx: Tx, scope: Scope, id: number): Promise<boolean> {
  const row = await trx
    .selectFrom("appointees")
    .select(contactsInScope(scope, "appointees.id").as("editable"))
    .where("id", "=", id)
    .executeTakeFirst();
  return row?.editable === true;
}

export async function updateAppointee(
  db: Database,
  actor: AppointeeActor,
  id: number,
  input: AppointeeInput,
): Promise<AppointeeResult> {
  const values = personValues(input);
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await findVisibleAppointee(trx, actor.scope, id, { lock: true });
      if (!before) throw notFound();
      const changes: Record<string, [unknown, unknown]> = {};
      for (const field of Object.keys(values) as (keyof PersonValues)[]) {
        if (before[field] !== values[field]) changes[field] = [before[field], values[field]];
      }
      if (Object.keys(changes).length === 0) return { ok: true as const, id, changed: false };
      // Another district's invitations and links use the same name, phone and email: an organiser changes
      // them only for people wholly in their own area.
      if (contactFields.some((field) => field in changes) && !(await mayEditContacts(trx, actor.scope, id))) {
        throw new Refusal({ ok: false, error: "appointees.errors.contactNotEditable" });
      }
      const duplicate = await findDuplicate(trx, actor.scope, values, id);
      if (duplicate) throw new Refusal(duplicate);
      await trx
        .updateTable("appointees")
        .set({ ...values, updatedAt: sql<Date>`now()` })
        .where("id", "=", id)
        .execute();
      await auditAppointee(trx, actor, id, "appointee.updated", { changes });
      return { ok: true as const, id, changed: true };
    });
  } catch (error) {
    return saveFailure(db, actor.scope, error, values, id);
  }
}

// ---- merge ----

/** The person to merge into `keptId`, found by id, phone or email, if the viewer may see them. */
export async function findMergeCandidate(
  db: Database,
  scope: Scope,
  keptId: number,
  lookup: MergeLookup,
): Promise<AppointeeRecord | null> {
  const row = await db
    .selectFrom("appointees")
    .select("id")
    .$call((q) =>
      "id" in lookup
        ? q.where("id", "=", lookup.id)
        : "phone" in lookup
          ? q.where("phone", "=", lookup.phone)
          : q.where("email", "=", lookup.email),
    )
    .where("id", "<>", keptId)
    .executeTakeFirst();
  return row ? findVisibleAppointee(db, scope, row.id) : null;
}

/** Both people of a merge, side by side, with the appointments the viewer may see. 404 unless both are visible. */
export async function getMergePair(db: Database, scope: Scope, keptId: number, otherId: number | null) {
  const kept = await findVisibleAppointee(db, scope, keptId);
  if (!kept) throw notFound();
  const other = otherId && otherId !== keptId ? await findVisibleAppointee(db, scope, otherId) : null;
  const appointments = await listAppointmentsOf(db, scope, other ? [keptId, other.id] : [keptId], {
    includeEnded: false,
  });
  return {
    kept,
    other,
    keptAppointments: appointments.filter((a) => a.appointeeId === keptId),
    otherAppointments: other ? appointments.filter((a) => a.appointeeId === other.id) : [],
  };
}

/**
 * Merges the duplicate `input.otherId` into `keptId` in one transaction: the duplicate's appointments move to the
 * kept person (one that would duplicate an active appointment in the same committee is ended first, and kept as
 * history), the kept person takes the chosen values, the duplicate is deleted, and the audit log records it.
 * Both people must be visible to the viewer (404 otherwise, with nothing changed).
 */
/**
 * Moves the duplicate's invitations (and their registrations) to the kept person. Where both were invited to
 * the same event, the invitation with a live answer (registered or waitlisted) wins and the other is dropped.
 * The duplicate's calendar feed link stops working.
 */
async function moveInvitations(trx: Database, fromId: number, toId: number) {
  const live = sql<boolean>`exists (select 1 from registrations r where r.invitation_id = i.id and r.status in ('registered', 'waitlisted'))`;
  const dropped = await sql<{ id: number }>`
    with pairs as (
      select k.id as kept_id, o.id as other_id
        from invitations k join invitations o on o.event_id = k.event_id
       where k.appointee_id = ${toId} and o.appointee_id = ${fromId}
    )
    delete from invitations where id in (
      select case
               when not exists (select 1 from invitations i where i.id = p.kept_id and ${live})
                and exists (select 1 from invitations i where i.id = p.other_id and ${live})
               then p.kept_id else p.other_id end
        from pairs p)
    returning id`.execute(trx);
  const moved = await trx
    .updateTable("invitations")
    .set({ appointeeId: toId })
    .where("appointeeId", "=", fromId)
    .returning("id")
    .execute();
  await trx
    .updateTable("registrations")
    .set({ appointeeId: toId })
    .where("appointeeId", "=", fromId)
    .execute();
  await trx.deleteFrom("calendarFeeds").where("appointeeId", "=", fromId).execute();
  return { dropped: dropped.rows.map((r) => r.id), moved: moved.map((m) => m.id) };
}

export async function mergeAppointees(
  db: Database,
  actor: AppointeeActor,
  keptId: number,
  input: MergeInput,
): Promise<MergeOutcome> {
  const otherId = input.otherId;
  if (otherId === keptId) return { ok: false, error: "appointees.errors.mergeSame" };
  try {
    return await db.transaction().execute(async (trx) => {
      // Lock both rows in id order, so two merges of the same pair cannot deadlock.
      await trx
        .selectFrom("appointees")
        .select("id")
        .where("id", "in", [keptId, otherId])
        .orderBy("id")
        .forUpdate()
        .execute();
      // And their report summary rows, in id order too: the statements below touch one, then the other,
      // which would otherwise deadlock with a report flush holding them the other way round.
      await sql`select training_lock_appointees(${sql.val([keptId, otherId])}::bigint[])`.execute(trx);
      const kept = await findVisibleAppointee(trx, actor.scope, keptId);
      const other = await findVisibleAppointee(trx, actor.scope, otherId);
      if (!kept || !other) throw notFound();
      const values = mergedValues(kept, other, input);

      const ended = await trx
        .updateTable("appointments")
        .set({ active: false, endedAt: sql<Date>`now()` })
        .where("appointeeId", "=", otherId)
        .where("active", "=", true)
        .where("committeeId", "in", (eb) =>
          eb
            .selectFrom("appointments")
            .select("committeeId")
            .where("appointeeId", "=", keptId)
            .where("active", "=", true),
        )
        .returning("id")
        .execute();
      const moved = await trx
        .updateTable("appointments")
        .set({ appointeeId: keptId })
        .where("appointeeId", "=", otherId)
        .returning("id")
        .execute();
      const invitations = await moveInvitations(trx, otherId, keptId);
      await moveAttendance(trx, otherId, keptId);
      // The duplicate goes first: the kept person may take over its phone or email (both are unique).
      await trx.deleteFrom("appointees").where("id", "=", otherId).execute();
      await trx
        .updateTable("appointees")
        .set({ ...values, updatedAt: sql<Date>`now()` })
        .where("id", "=", keptId)
        .execute();
      const choices = {
        name: input.name,
        nameHi: input.nameHi,
        phone: input.phone,
        email: input.email,
        preferredLanguage: input.preferredLanguage,
      };
      await auditAppointee(trx, actor, keptId, "appointee.merged", {
        keptId,
        mergedId: otherId,
        choices,
        values,
        before: { kept, merged: other },
        movedAppointments: moved.map((m) => m.id),
        endedAppointments: ended.map((e) => e.id),
        invitations,
      });
      return {
        ok: true as const,
        keptId,
        mergedId: otherId,
        moved: moved.length,
        ended: ended.length,
        values,
      };
    });
  } catch (error) {
    // Another table that points at the duplicate (added later) blocks the delete: refuse, nothing changed.
    if (isForeignKeyViolation(error)) return { ok: false, error: "appointees.errors.mergeBlocked" };
    if (isUniqueViolation(error)) return { ok: false, error: "appointees.errors.mergeConflict" };
    throw error;
  }
}
