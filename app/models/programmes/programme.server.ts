// Training programmes (issue 14): an admin defines a programme and its modules, and tags the sessions that
// teach each module. Completion is read from the view module_completions (see the migration).
import { sql } from "kysely";
import type { Database, Tx } from "#app/platform/db.server.ts";
import { type Result, refuse } from "#app/platform/result.ts";
import { recordAudit } from "#app/models/organisation/audit.server.ts";
import type { Scope } from "#app/models/organisation/scope.server.ts";
import { pathIds } from "#app/models/organisation/unit.ts";
import { type ModuleInput, moduleSetProblem, type ProgrammeInput } from "./programme.ts";

export type ProgrammeActor = { staffId: number };

const notFound = () => new Response("Not found", { status: 404 });

/**
 * Whether an organiser sees a programme: one for a unit inside their scope, or for a unit above it (a state
 * programme concerns every district). Another district's programme is not theirs (a 404, as for its data).
 */
export function programmeVisibleIn(scope: Scope, unitPath: string): boolean {
  return scope.kind === "all" || scope.path.startsWith(unitPath) || unitPath.startsWith(scope.path);
}

export async function listProgrammes(db: Database, scope: Scope) {
  const rows = await db
    .selectFrom("programmes")
    .innerJoin("units", "units.id", "programmes.unitId")
    .select((eb) => [
      "programmes.id",
      "programmes.nameHi",
      "programmes.nameEn",
      "programmes.startsOn",
      "programmes.endsOn",
      "units.nameHi as unitNameHi",
      "units.nameEn as unitNameEn",
      "units.path as unitPath",
      eb
        .selectFrom("programmeModules")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("programmeModules.programmeId", "=", "programmes.id")
        .as("modules"),
    ])
    .orderBy("programmes.startsOn", "desc")
    .orderBy("programmes.id", "desc")
    .execute();
  return rows.filter((p) => programmeVisibleIn(scope, p.unitPath));
}

export async function listModules(db: Database, programmeId: number) {
  return db
    .selectFrom("programmeModules")
    .select(["id", "nameHi", "nameEn", "required", "position"])
    .where("programmeId", "=", programmeId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

async function findProgramme(db: Database, programmeId: number | null) {
  if (!programmeId) throw notFound();
  const programme = await db
    .selectFrom("programmes")
    .innerJoin("units", "units.id", "programmes.unitId")
    .select([
      "programmes.id",
      "programmes.nameHi",
      "programmes.nameEn",
      "programmes.startsOn",
      "programmes.endsOn",
      "programmes.levels",
      "programmes.unitId",
      "units.path as unitPath",
      "units.nameHi as unitNameHi",
      "units.nameEn as unitNameEn",
      "units.level as unitLevel",
    ])
    .where("programmes.id", "=", programmeId)
    .executeTakeFirst();
  if (!programme) throw notFound();
  return programme;
}
export type Programme = Awaited<ReturnType<typeof findProgramme>>;

/** A programme with its modules and the sessions that teach each one (404 for an unknown id, or one not in scope). */
export async function getProgramme(db: Database, programmeId: number | null, scope: Scope = { kind: "all" }) {
  const programme = await findProgramme(db, programmeId);
  if (!programmeVisibleIn(scope, programme.unitPath)) throw notFound();
  const [modules, sessions] = await Promise.all([
    listModules(db, programme.id),
    db
      .selectFrom("eventSessions")
      .innerJoin("events", "events.id", "eventSessions.eventId")
      .innerJoin("programmeModules", "programmeModules.id", "eventSessions.moduleId")
      .select([
        "eventSessions.id",
        "eventSessions.moduleId",
        "eventSessions.titleHi",
        "eventSessions.titleEn",
        "eventSessions.startsAt",
        "events.id as eventId",
        "events.titleHi as eventTitleHi",
        "events.titleEn as eventTitleEn",
        "events.status as eventStatus",
      ])
      .where("programmeModules.programmeId", "=", programme.id)
      .orderBy("eventSessions.startsAt")
      .orderBy("eventSessions.id")
      .execute(),
  ]);
  return {
    programme,
    modules: modules.map((m) => ({ ...m, sessions: sessions.filter((s) => s.moduleId === m.id) })),
  };
}

/**
 * Sessions that may teach a module of the programme: of events that are not cancelled, starting within the
 * programme's dates (IST), held for a unit inside the programme's unit or above it.
 */
export async function listCandidateSessions(db: Database, programme: Programme, limit = 200) {
  return db
    .selectFrom("eventSessions")
    .innerJoin("events", "events.id", "eventSessions.eventId")
    .innerJoin("units", "units.id", "events.unitId")
    .select([
      "eventSessions.id",
      "eventSessions.titleHi",
      "eventSessions.titleEn",
      "eventSessions.startsAt",
      "eventSessions.moduleId",
      "events.titleHi as eventTitleHi",
      "events.titleEn as eventTitleEn",
    ])
    .where("events.status", "<>", "cancelled")
    .where(sessionInDates(programme))
    .where(unitRelated(programme))
    .orderBy("eventSessions.startsAt")
    .orderBy("eventSessions.id")
    .limit(limit)
    .execute();
}

function sessionInDates(programme: Programme) {
  return sql<boolean>`(event_sessions.starts_at at time zone 'Asia/Kolkata')::date
    between ${programme.startsOn}::date and ${programme.endsOn}::date`;
}

/** The event's unit lies in the programme's subtree, or is one of its ancestors (a state convention). */
function unitRelated(programme: Programme) {
  const above = pathIds(programme.unitPath);
  const end = `${programme.unitPath.slice(0, -1)}0`;
  return sql<boolean>`((units.path ~>=~ ${programme.unitPath} and units.path ~<~ ${end})
    or units.id = any(${above}::bigint[]))`;
}

// ---- Changes (admins only; the routes check the role) ----

export async function createProgramme(
  db: Database,
  actor: ProgrammeActor,
  input: ProgrammeInput,
): Promise<Result<{ programmeId: number }>> {
  const problem = moduleSetProblem(input.modules);
  if (problem) return refuse(problem, "modules");
  return db.transaction().execute(async (trx) => {
    const unit = await trx.selectFrom("units").select("id").where("id", "=", input.unitId).executeTakeFirst();
    if (!unit) return refuse("programmes.errors.unitRequired", "unitId");
    const { id } = await trx
      .insertInto("programmes")
      .values({
        nameHi: input.nameHi,
        nameEn: input.nameEn,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        unitId: input.unitId,
        levels: input.levels,
        createdByStaffId: actor.staffId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("programmeModules")
      .values(input.modules.map((m, position) => ({ ...m, programmeId: id, position })))
      .execute();
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "programme.created",
      entityType: "programme",
      entityId: id,
      details: { nameEn: input.nameEn, modules: input.modules.length },
    });
    return { ok: true as const, programmeId: id };
  });
}

async function lockProgramme(trx: Tx, programmeId: number) {
  const row = await trx
    .selectFrom("programmes")
    .select("id")
    .where("id", "=", programmeId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound();
}

export async function addModule(
  db: Database,
  actor: ProgrammeActor,
  programmeId: number,
  input: ModuleInput,
): Promise<Result<{ moduleId: number }>> {
  return db.transaction().execute(async (trx) => {
    await lockProgramme(trx, programmeId);
    const modules = await listModules(trx, programmeId);
    const problem = moduleSetProblem([...modules, input]);
    if (problem) return refuse(problem);
    const { id } = await trx
      .insertInto("programmeModules")
      .values({ ...input, programmeId, position: Math.max(-1, ...modules.map((m) => m.position)) + 1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "programme.module_added",
      entityType: "programme",
      entityId: programmeId,
      details: { moduleId: id, nameEn: input.nameEn, required: input.required },
    });
    return { ok: true as const, moduleId: id };
  });
}

/** Makes a module required or optional; the programme keeps at least one required module. */
export async function setModuleRequired(
  db: Database,
  actor: ProgrammeActor,
  programmeId: number,
  moduleId: number,
  required: boolean,
): Promise<Result> {
  return changeModules(db, actor, programmeId, moduleId, "programme.module_required", (modules) =>
    modules.map((m) => (m.id === moduleId ? { ...m, required } : m)),
  );
}

/** Removes a module (its sessions teach nothing after); the programme keeps at least one required module. */
export async function removeModule(
  db: Database,
  actor: ProgrammeActor,
  programmeId: number,
  moduleId: number,
): Promise<Result> {
  return changeModules(db, actor, programmeId, moduleId, "programme.module_removed", (modules) =>
    modules.filter((m) => m.id !== moduleId),
  );
}

type ModuleRow = Awaited<ReturnType<typeof listModules>>[number];

async function changeModules(
  db: Database,
  actor: ProgrammeActor,
  programmeId: number,
  moduleId: number,
  action: string,
  change: (modules: ModuleRow[]) => ModuleRow[],
): Promise<Result> {
  return db.transaction().execute(async (trx) => {
    await lockProgramme(trx, programmeId);
    const modules = await listModules(trx, programmeId);
    if (!modules.some((m) => m.id === moduleId)) return refuse("programmes.errors.moduleOfOtherProgramme");
    const after = change(modules);
    const problem = moduleSetProblem(after);
    if (problem) return refuse(problem);
    const kept = after.find((m) => m.id === moduleId);
    if (kept) {
      await trx
        .updateTable("programmeModules")
        .set({ required: kept.required })
        .where("id", "=", moduleId)
        .execute();
    } else {
      await trx.deleteFrom("programmeModules").where("id", "=", moduleId).execute();
    }
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action,
      entityType: "programme",
      entityId: programmeId,
      details: { moduleId, ...(kept ? { required: kept.required } : {}) },
    });
    return { ok: true as const };
  });
}

/**
 * Tags a session as teaching a module of this programme (replacing what it taught before). Refused for a
 * module of another programme, a session of a cancelled event, outside the programme's dates, or held for
 * a unit the programme is not for.
 */
export async function tagSession(
  db: Database,
  actor: ProgrammeActor,
  programmeId: number,
  moduleId: number,
  sessionId: number,
): Promise<Result> {
  return db.transaction().execute(async (trx) => {
    await lockProgramme(trx, programmeId);
    const programme = await findProgramme(trx, programmeId);
    const module = await trx
      .selectFrom("programmeModules")
      .select(["id", "programmeId"])
      .where("id", "=", moduleId)
      .executeTakeFirst();
    if (!module || module.programmeId !== programmeId)
      return refuse("programmes.errors.moduleOfOtherProgramme", "moduleId");
    const session = await trx
      .selectFrom("eventSessions")
      .innerJoin("events", "events.id", "eventSessions.eventId")
      .innerJoin("units", "units.id", "events.unitId")
      .select([
        "eventSessions.id",
        "eventSessions.eventId",
        "events.status",
        sessionInDates(programme).as("inDates"),
        unitRelated(programme).as("unitRelated"),
      ])
      .where("eventSessions.id", "=", sessionId)
      .forUpdate("eventSessions")
      .executeTakeFirst();
    if (!session) return refuse("programmes.errors.sessionUnknown", "sessionId");
    if (session.status === "cancelled") return refuse("programmes.errors.sessionCancelled", "sessionId");
    if (!session.inDates) return refuse("programmes.errors.sessionOutsideDates", "sessionId");
    if (!session.unitRelated) return refuse("programmes.errors.sessionOtherUnit", "sessionId");
    await trx.updateTable("eventSessions").set({ moduleId }).where("id", "=", sessionId).execute();
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "programme.session_tagged",
      entityType: "programme",
      entityId: programmeId,
      details: { moduleId, sessionId, eventId: session.eventId },
    });
    return { ok: true as const };
  });
}

/** The session no longer teaches a module of this programme. */
export async function untagSession(
  db: Database,
  actor: ProgrammeActor,
  programmeId: number,
  sessionId: number,
): Promise<Result> {
  return db.transaction().execute(async (trx) => {
    await lockProgramme(trx, programmeId);
    const untagged = await trx
      .updateTable("eventSessions")
      .set({ moduleId: null })
      .where("id", "=", sessionId)
      .where("moduleId", "in", (eb) =>
        eb.selectFrom("programmeModules").select("id").where("programmeId", "=", programmeId),
      )
      .returning("id")
      .executeTakeFirst();
    if (!untagged) return refuse("programmes.errors.sessionUnknown", "sessionId");
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "programme.session_untagged",
      entityType: "programme",
      entityId: programmeId,
      details: { sessionId },
    });
    return { ok: true as const };
  });
}

/** The units a programme may be for: the state and its districts (camps below are held within them). */
export async function listProgrammeUnitOptions(db: Database) {
  return db
    .selectFrom("units")
    .select(["id", "nameHi", "nameEn", "level", "code"])
    .where("level", "in", ["state", "district"])
    .orderBy("path")
    .execute();
}
