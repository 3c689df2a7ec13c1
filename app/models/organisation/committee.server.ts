// Committees: creation for a unit, names and quota, appointments, formation. Every use case checks the
// committee's unit against the staff user's scope in its own query (404 outside it), runs in one
// transaction that locks the committee row (so seat counts cannot race) and writes the audit log there.
import { addJob } from "#app/platform/jobs.server.ts";
import { isUniqueViolation } from "#app/platform/db-errors.server.ts";
import { sql } from "kysely";
import type { Database, Tx } from "#app/platform/db.server.ts";
import type { Result } from "#app/platform/result.ts";
import { type AppointeeInput, escapeLikePattern, personValues } from "./appointee.ts";
import { listAudit, recordAudit } from "./audit.server.ts";
import {
  type AppointExistingInput,
  type AppointSearch,
  type CommitteeFormInput,
  type ContactDetails,
  canSetQuota,
  type ContactLookup,
  decideFormation,
  defaultCommitteeNames,
  HISTORY_LIMIT,
  isFull,
  MEMBERS_PAGE_SIZE,
} from "./committee.ts";
import { type MaskedPerson, maskPerson } from "./masked-person.ts";
import { appointeeInScope, contactsInScope } from "./person-scope.server.ts";
import { getUnitInScope, type Scope, unitInScope } from "./scope.server.ts";
import { defaultSeatQuota, type UnitLevel } from "./unit.ts";

/** Who acts: the staff user (for the audit log) and what they may see. */
export type CommitteeActor = { staffId: number; scope: Scope };

/** A refusal (app/platform/result.ts) may point at the person or committee already on record. */
export type CommitteeResult<T extends object = object> = Result<
  T,
  { existingAppointeeId?: number; existingCommitteeId?: number }
>;

export type CommitteeUnit = { id: number; code: string; level: UnitLevel; nameEn: string; nameHi: string };

export type CommitteeMember = {
  appointmentId: number;
  appointeeId: number;
  name: string;
  nameHi: string | null;
  phone: string | null;
  email: string | null;
  designation: string;
  appointedAt: string;
};

export type DesignationOption = { code: string; nameEn: string; nameHi: string; active: boolean };

export type CommitteeHistoryEntry = {
  id: number;
  at: string;
  action: string;
  actorName: string | null;
  appointeeId: number | null;
  appointeeName: string | null;
  appointeeNameHi: string | null;
  designation: string | null;
  fromDesignation: string | null;
  seatQuota: number | null;
  fromSeatQuota: number | null;
  activeMembers: number | null;
  overrideReason: string | null;
};

export type CommitteePage = {
  committee: {
    id: number;
    nameEn: string;
    nameHi: string;
    seatQuota: number;
    status: "forming" | "formed";
    formedAt: string | null;
    formedOverrideReason: string | null;
  };
  unit: CommitteeUnit;
  activeMembers: number;
  members: CommitteeMember[];
  page: number;
  hasMore: boolean;
  designations: DesignationOption[];
  history: CommitteeHistoryEntry[];
};

const notFound = () => new Response("Not found", { status: 404 });

/** Throws a 404 unless the committee exists in the scope: actions call it before reading their form. */
export async function assertCommitteeInScope(db: Database, scope: Scope, committeeId: number): Promise<void> {
  await lockCommitteeInScope(db, scope, committeeId);
}

/**
 * The committee and its unit if the unit lies in the scope, else null: the one way to find a committee in
 * scope (the committee page, every change to a committee with `lock`, the appointee list's committee filter).
 */
export async function findCommitteeInScope(
  db: Database,
  scope: Scope,
  committeeId: number,
  options: { lock?: boolean } = {},
) {
  const row = await db
    .selectFrom("committees")
    .innerJoin("units", "units.id", "committees.unitId")
    .select([
      "committees.id",
      "committees.nameEn",
      "committees.nameHi",
      "committees.seatQuota",
      "committees.status",
      "committees.formedAt",
      "committees.formedOverrideReason",
      "units.id as unitId",
      "units.code as unitCode",
      "units.level as unitLevel",
      "units.nameEn as unitNameEn",
      "units.nameHi as unitNameHi",
      "units.path",
    ])
    .where("committees.id", "=", committeeId)
    .where((eb) => unitInScope(eb, scope))
    .$if(Boolean(options.lock), (q) => q.forUpdate("committees"))
    .executeTakeFirst();
  return row ?? null;
}

/** Records a change to the committee, by the acting staff member, in the audit log. */
async function auditCommittee(
  trx: Tx,
  actor: CommitteeActor,
  committeeId: number,
  action: string,
  details: Record<string, unknown>,
) {
  await recordAudit(trx, {
    actorStaffId: actor.staffId,
    action,
    entityType: "committee",
    entityId: committeeId,
    details,
  });
}

/** Marks the committee changed (updated_at) after a change to one of its appointments. */
async function touchCommittee(trx: Tx, committeeId: number) {
  await trx.updateTable("committees").set({ updatedAt: sql`now()` }).where("id", "=", committeeId).execute();
}

/** The committee row, locked for this transaction, if its unit is in the scope; otherwise a 404. */
async function lockCommitteeInScope(trx: Database, scope: Scope, committeeId: number) {
  const row = await findCommitteeInScope(trx, scope, committeeId, { lock: true });
  if (!row) throw notFound();
  return row;
}

async function countActiveMembers(db: Database, committeeId: number): Promise<number> {
  const row = await db
    .selectFrom("appointments")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("committeeId", "=", committeeId)
    .where("active", "=", true)
    .executeTakeFirstOrThrow();
  return row.n;
}

async function isActiveDesignation(db: Database, code: string): Promise<boolean> {
  const row = await db
    .selectFrom("designations")
    .select("code")
    .where("code", "=", code)
    .where("active", "=", true)
    .executeTakeFirst();
  return Boolean(row);
}

async function findAppointeeId(db: Database, lookup: ContactLookup): Promise<number | null> {
  const query = db.selectFrom("appointees").select("id");
  const row = await ("phone" in lookup
    ? query.where("phone", "=", lookup.phone)
    : query.where("email", "=", lookup.email)
  ).executeTakeFirst();
  return row?.id ?? null;
}

/** The default seat quota of a level: level_settings, else the built-in default. */
export async function getDefaultSeatQuota(db: Database, level: UnitLevel): Promise<number> {
  const row = await db
    .selectFrom("levelSettings")
    .select("defaultSeatQuota")
    .where("level", "=", level)
    .executeTakeFirst();
  return row?.defaultSeatQuota ?? defaultSeatQuota[level];
}

/** What the "new committee" form needs: the unit (404 outside scope), its committee if any, the defaults. */
export async function getNewCommitteeForm(
  db: Database,
  scope: Scope,
  unitId: number | null,
): Promise<{ unit: CommitteeUnit; existingCommitteeId: number | null; defaults: CommitteeFormInput }> {
  const unit = await getUnitInScope(db, scope, unitId);
  const [existing, seatQuota] = await Promise.all([
    db.selectFrom("committees").select("id").where("unitId", "=", unit.id).executeTakeFirst(),
    getDefaultSeatQuota(db, unit.level),
  ]);
  return {
    unit: { id: unit.id, code: unit.code, level: unit.level, nameEn: unit.nameEn, nameHi: unit.nameHi },
    existingCommitteeId: existing?.id ?? null,
    defaults: { ...defaultCommitteeNames(unit), seatQuota },
  };
}

/** Creates the committee of a unit that has none (404 outside scope). */
export async function createCommittee(
  db: Database,
  actor: CommitteeActor,
  unitId: number,
  input: CommitteeFormInput,
): Promise<CommitteeResult<{ committeeId: number }>> {
  try {
    return await db.transaction().execute(async (trx) => {
      const unit = await getUnitInScope(trx, actor.scope, unitId);
      const existing = await trx
        .selectFrom("committees")
        .select("id")
        .where("unitId", "=", unit.id)
        .executeTakeFirst();
      if (existing) {
        return {
          ok: false as const,
          error: "committees.errors.alreadyExists",
          existingCommitteeId: existing.id,
        };
      }
      const committee = await trx
        .insertInto("committees")
        .values({ unitId: unit.id, nameEn: input.nameEn, nameHi: input.nameHi, seatQuota: input.seatQuota })
        .returning("id")
        .executeTakeFirstOrThrow();
      await auditCommittee(trx, actor, committee.id, "committee.created", {
        unitId: unit.id,
        nameEn: input.nameEn,
        nameHi: input.nameHi,
        seatQuota: input.seatQuota,
      });
      return { ok: true as const, committeeId: committee.id };
    });
  } catch (error) {
    // Two organisers creating the same unit's committee at once: the second one finds the first.
    if (!isUniqueViolation(error, "committees_unit_id_key")) throw error;
    const existing = await db
      .selectFrom("committees")
      .select("id")
      .where("unitId", "=", unitId)
      .executeTakeFirst();
    return { ok: false, error: "committees.errors.alreadyExists", existingCommitteeId: existing?.id };
  }
}

/** Everything the committee page shows: one page of members, the designations and the last 50 changes. */
export async function getCommitteePage(
  db: Database,
  scope: Scope,
  committeeId: number | null,
  options: { page?: number } = {},
): Promise<CommitteePage> {
  const row = committeeId ? await findCommitteeInScope(db, scope, committeeId) : null;
  if (!row) throw notFound();

  const page = Math.max(1, Math.min(options.page ?? 1, 1000));
  const [activeMembers, memberRows, designations, history] = await Promise.all([
    countActiveMembers(db, row.id),
    db
      .selectFrom("appointments")
      .innerJoin("appointees", "appointees.id", "appointments.appointeeId")
      .innerJoin("designations", "designations.code", "appointments.designation")
      .select([
        "appointments.id as appointmentId",
        "appointees.id as appointeeId",
        "appointees.name",
        "appointees.nameHi",
        "appointees.phone",
        "appointees.email",
        "appointments.designation",
        "appointments.appointedAt",
      ])
      .where("appointments.committeeId", "=", row.id)
      .where("appointments.active", "=", true)
      .orderBy("designations.sortOrder")
      .orderBy("appointees.name")
      .orderBy("appointees.id")
      .limit(MEMBERS_PAGE_SIZE + 1)
      .offset((page - 1) * MEMBERS_PAGE_SIZE)
      .execute(),
    db
      .selectFrom("designations")
      .select(["code", "nameEn", "nameHi", "active"])
      .orderBy("sortOrder")
      .orderBy("code")
      .execute(),
    listCommitteeHistory(db, row.id),
  ]);

  return {
    committee: {
      id: row.id,
      nameEn: row.nameEn,
      nameHi: row.nameHi,
      seatQuota: row.seatQuota,
      status: row.status,
      formedAt: row.formedAt ? row.formedAt.toISOString() : null,
      formedOverrideReason: row.formedOverrideReason,
    },
    unit: {
      id: row.unitId,
      code: row.unitCode,
      level: row.unitLevel,
      nameEn: row.unitNameEn,
      nameHi: row.unitNameHi,
    },
    activeMembers,
    members: memberRows.slice(0, MEMBERS_PAGE_SIZE).map((m) => ({
      ...m,
      appointedAt: m.appointedAt.toISOString(),
    })),
    page,
    hasMore: memberRows.length > MEMBERS_PAGE_SIZE,
    designations,
    history,
  };
}

const num = (v: unknown) => (typeof v === "number" ? v : null);
const str = (v: unknown) => (typeof v === "string" ? v : null);

/**
 * The committee's audit history, newest first, with the names of the people it mentions (one query for
 * all of them). Callers check the scope first.
 */
export async function listCommitteeHistory(
  db: Database,
  committeeId: number,
  limit = HISTORY_LIMIT,
): Promise<CommitteeHistoryEntry[]> {
  const rows = await listAudit(db, "committee", committeeId, limit);
  const detailsOf = (d: unknown) => (d && typeof d === "object" ? (d as Record<string, unknown>) : {});
  const ids = [...new Set(rows.map((r) => num(detailsOf(r.details).appointeeId)).filter((v) => v !== null))];
  const people = ids.length
    ? await db.selectFrom("appointees").select(["id", "name", "nameHi"]).where("id", "in", ids).execute()
    : [];
  const byId = new Map(people.map((p) => [p.id, p]));
  return rows.map((r) => {
    const d = detailsOf(r.details);
    const appointeeId = num(d.appointeeId);
    const person = appointeeId === null ? undefined : byId.get(appointeeId);
    return {
      id: r.id,
      at: r.at.toISOString(),
      action: r.action,
      actorName: r.actorName,
      appointeeId,
      appointeeName: person?.name ?? null,
      appointeeNameHi: person?.nameHi ?? null,
      designation: str(d.designation),
      fromDesignation: str(d.fromDesignation),
      seatQuota: num(d.seatQuota),
      fromSeatQuota: num(d.fromSeatQuota),
      activeMembers: num(d.activeMembers),
      overrideReason: str(d.overrideReason),
    };
  });
}

/** Changes the names and the seat quota; the quota may not drop below the current members. */
export async function updateCommittee(
  db: Database,
  actor: CommitteeActor,
  committeeId: number,
  input: CommitteeFormInput,
): Promise<CommitteeResult> {
  return db.transaction().execute(async (trx) => {
    const committee = await lockCommitteeInScope(trx, actor.scope, committeeId);
    const activeMembers = await countActiveMembers(trx, committeeId);
    if (!canSetQuota(input.seatQuota, activeMembers)) {
      return { ok: false as const, error: "committees.errors.quotaBelowMembers", field: "seatQuota" };
    }
    const changed =
      committee.nameEn !== input.nameEn ||
      committee.nameHi !== input.nameHi ||
      committee.seatQuota !== input.seatQuota;
    if (!changed) return { ok: true as const };
    await trx
      .updateTable("committees")
      .set({ nameEn: input.nameEn, nameHi: input.nameHi, seatQuota: input.seatQuota, updatedAt: sql`now()` })
      .where("id", "=", committeeId)
      .execute();
    await auditCommittee(trx, actor, committeeId, "committee.updated", {
      fromNameEn: committee.nameEn,
      fromNameHi: committee.nameHi,
      fromSeatQuota: committee.seatQuota,
      nameEn: input.nameEn,
      nameHi: input.nameHi,
      seatQuota: input.seatQuota,
    });
    return { ok: true as const };
  });
}

async function insertAppointment(
  trx: Tx,
  actor: CommitteeActor,
  committeeId: number,
  appointeeId: number,
  designation: string,
  newAppointee: boolean,
) {
  const appointment = await trx
    .insertInto("appointments")
    .values({ appointeeId, committeeId, designation })
    .returning("id")
    .executeTakeFirstOrThrow();
  await auditCommittee(trx, actor, committeeId, "committee.appointed", {
    appointeeId,
    designation,
    appointmentId: appointment.id,
    newAppointee,
  });
  const committee = await trx
    .selectFrom("committees")
    .select("status")
    .where("id", "=", committeeId)
    .executeTakeFirstOrThrow();
  // Someone appointed to a formed committee joins the audience of events already published.
  if (committee.status === "formed") await inviteMembersAfterCommit(trx, committeeId);
  return appointment.id;
}

/** Published events whose audience holds this committee invite its (new) members, by a job after commit. */
async function inviteMembersAfterCommit(trx: Tx, committeeId: number) {
  await addJob(trx, "audience:invite-committee", {
    payload: { committeeId },
    jobKey: `audience:invite-committee:${committeeId}`,
  });
}

/** A recorded person as "appoint existing" shows them: in full inside the organiser's scope, masked outside. */
export type AppointCandidate =
  | {
      inScope: true;
      id: number;
      name: string;
      nameHi: string | null;
      phone: string | null;
      email: string | null;
      /** Only then may the organiser correct name, phone and email while appointing. */
      contactsEditable: boolean;
      alreadyMember: boolean;
    }
  /** `contact` is the phone or email the organiser typed: the appoint form sends it back. */
  | ({ inScope: false; contact: string } & MaskedPerson);

export const CANDIDATES_LIMIT = 10;

/**
 * The recorded people "appoint existing" offers for a search (404 outside the scope). A phone or email is
 * matched across the whole organisation, so a person is appointed rather than recorded twice, but a person
 * outside the scope comes back masked; a name is searched among the organiser's own people only, since
 * across the organisation it would list strangers.
 */
export async function findAppointCandidates(
  db: Database,
  scope: Scope,
  committeeId: number,
  search: AppointSearch,
): Promise<{ candidates: AppointCandidate[]; more: boolean }> {
  const committee = await findCommitteeInScope(db, scope, committeeId);
  if (!committee) throw notFound();
  let query = db.selectFrom("appointees as a").select([
    "a.id",
    "a.name",
    "a.nameHi",
    "a.phone",
    "a.email",
    appointeeInScope(scope, "a.id").as("inScope"),
    contactsInScope(scope, "a.id").as("contactsEditable"),
    sql<boolean>`exists (select 1 from appointments m
        where m.appointee_id = ${sql.ref("a.id")} and m.committee_id = ${committee.id} and m.active)`.as(
      "alreadyMember",
    ),
  ]);
  let typed: string | null = null;
  if (search.kind === "contact") {
    const { lookup } = search;
    typed = "phone" in lookup ? lookup.phone : lookup.email;
    query =
      "phone" in lookup
        ? query.where("a.phone", "=", lookup.phone)
        : query.where("a.email", "=", lookup.email);
  } else {
    const pattern = `%${escapeLikePattern(search.text)}%`;
    query = query
      .where((eb) => eb.or([eb("a.name", "ilike", pattern), eb("a.nameHi", "ilike", pattern)]))
      .where(appointeeInScope(scope, "a.id"));
  }
  const rows = await query
    .orderBy("a.name")
    .orderBy("a.id")
    .limit(CANDIDATES_LIMIT + 1)
    .execute();
  const candidates = rows.slice(0, CANDIDATES_LIMIT).flatMap((r): AppointCandidate[] => {
    if (r.inScope) {
      const { id, name, nameHi, phone, email, contactsEditable, alreadyMember } = r;
      return [{ inScope: true, id, name, nameHi, phone, email, contactsEditable, alreadyMember }];
    }
    return typed === null ? [] : [{ inScope: false, contact: typed, ...maskPerson(r) }];
  });
  return { candidates, more: rows.length > CANDIDATES_LIMIT };
}

/**
 * The person to appoint, locked: by the phone or email typed (anyone), or by id (only someone the organiser
 * may see, so an id cannot stand in for a phone number they do not know). With whether their contact
 * details are the organiser's to change.
 */
async function lockAppointee(trx: Tx, scope: Scope, input: AppointExistingInput) {
  let query = trx
    .selectFrom("appointees as a")
    .select([
      "a.id",
      "a.name",
      "a.nameHi",
      "a.phone",
      "a.email",
      "a.preferredLanguage",
      contactsInScope(scope, "a.id").as("contactsEditable"),
    ]);
  if ("appointeeId" in input) {
    query = query.where("a.id", "=", input.appointeeId).where(appointeeInScope(scope, "a.id"));
  } else {
    const { contact } = input;
    query =
      "phone" in contact
        ? query.where("a.phone", "=", contact.phone)
        : query.where("a.email", "=", contact.email);
  }
  return (await query.forUpdate().executeTakeFirst()) ?? null;
}

const contactFields = ["name", "nameHi", "phone", "email"] as const;

/**
 * Saves the corrections made while appointing (the caller has checked they are the organiser's to make), with
 * an appointee.updated audit entry like the person's own page writes. A phone or email that another person
 * has is refused without saying who.
 */
async function correctContactDetails(
  trx: Tx,
  actor: CommitteeActor,
  person: NonNullable<Awaited<ReturnType<typeof lockAppointee>>>,
  details: ContactDetails,
): Promise<Extract<CommitteeResult, { ok: false }> | null> {
  if (!details.name) return { ok: false, error: "appointees.errors.nameRequired" };
  const values = personValues({
    ...details,
    name: details.name,
    preferredLanguage: person.preferredLanguage,
  });
  const changes: Record<string, [unknown, unknown]> = {};
  for (const field of contactFields) {
    if (person[field] !== values[field]) changes[field] = [person[field], values[field]];
  }
  if (Object.keys(changes).length === 0) return null;
  for (const field of ["phone", "email"] as const) {
    const value = values[field];
    if (!value || !changes[field]) continue;
    const taken = await trx
      .selectFrom("appointees")
      .select("id")
      .where(field, "=", value)
      .where("id", "<>", person.id)
      .executeTakeFirst();
    if (taken) return { ok: false, error: "committees.errors.contactTaken" };
  }
  await trx
    .updateTable("appointees")
    .set({ ...values, updatedAt: sql<Date>`now()` })
    .where("id", "=", person.id)
    .execute();
  await recordAudit(trx, {
    actorStaffId: actor.staffId,
    action: "appointee.updated",
    entityType: "appointee",
    entityId: person.id,
    details: { changes },
  });
  return null;
}

/**
 * Appoints a person who is already recorded, found by phone or email or chosen by id from the search. Their
 * name, phone and email may be corrected on the way only when they are the organiser's to change (every
 * active appointment of theirs in the scope): another district's invitations go to the same address, so for
 * anyone else a correction is refused and nothing changes.
 */
export async function appointExistingAppointee(
  db: Database,
  actor: CommitteeActor,
  committeeId: number,
  input: AppointExistingInput,
): Promise<CommitteeResult<{ appointmentId: number; appointeeId: number }>> {
  try {
    return await db.transaction().execute(async (trx) => {
      const committee = await lockCommitteeInScope(trx, actor.scope, committeeId);
      if (!(await isActiveDesignation(trx, input.designation))) {
        return { ok: false as const, error: "committees.errors.designationInvalid", field: "designation" };
      }
      const person = await lockAppointee(trx, actor.scope, input);
      if (!person) {
        return { ok: false as const, error: "committees.errors.personNotFound", field: "contact" };
      }
      if (input.details && !person.contactsEditable) {
        return { ok: false as const, error: "committees.errors.contactNotEditable" };
      }
      const appointeeId = person.id;
      const active = await trx
        .selectFrom("appointments")
        .select("id")
        .where("committeeId", "=", committeeId)
        .where("appointeeId", "=", appointeeId)
        .where("active", "=", true)
        .executeTakeFirst();
      if (active) {
        return {
          ok: false as const,
          error: "committees.errors.alreadyMember",
          field: "contact",
          existingAppointeeId: appointeeId,
        };
      }
      const activeMembers = await countActiveMembers(trx, committeeId);
      if (isFull({ activeMembers, seatQuota: committee.seatQuota })) {
        return { ok: false as const, error: "committees.errors.full" };
      }
      if (input.details) {
        const refused = await correctContactDetails(trx, actor, person, input.details);
        if (refused) return refused;
      }
      const appointmentId = await insertAppointment(
        trx,
        actor,
        committeeId,
        appointeeId,
        input.designation,
        false,
      );
      return { ok: true as const, appointmentId, appointeeId };
    });
  } catch (error) {
    // Someone recorded the corrected phone or email a moment ago.
    if (
      isUniqueViolation(error, "appointees_phone_key") ||
      isUniqueViolation(error, "appointees_email_key")
    ) {
      return { ok: false, error: "committees.errors.contactTaken" };
    }
    if (!isUniqueViolation(error, "appointments_one_active_per_committee")) throw error;
    const again = "contact" in input ? await findAppointeeId(db, input.contact) : input.appointeeId;
    return {
      ok: false,
      error: "committees.errors.alreadyMember",
      field: "contact",
      existingAppointeeId: again ?? undefined,
    };
  }
}

/**
 * Records a new person and appoints them. A phone or email that is already known is refused with the
 * existing person's id: the volunteer appoints that person instead.
 */
export async function appointNewAppointee(
  db: Database,
  actor: CommitteeActor,
  committeeId: number,
  input: AppointeeInput & { designation: string },
): Promise<CommitteeResult<{ appointmentId: number; appointeeId: number }>> {
  const duplicateOf = async (trx: Database): Promise<Extract<CommitteeResult, { ok: false }> | null> => {
    for (const lookup of [
      input.phone ? { phone: input.phone } : null,
      input.email ? { email: input.email } : null,
    ]) {
      if (!lookup) continue;
      const id = await findAppointeeId(trx, lookup);
      if (id) {
        return {
          ok: false,
          error: "committees.errors.personExists",
          field: "phone" in lookup ? "phone" : "email",
          existingAppointeeId: id,
        };
      }
    }
    return null;
  };
  try {
    return await db.transaction().execute(async (trx) => {
      const committee = await lockCommitteeInScope(trx, actor.scope, committeeId);
      if (!(await isActiveDesignation(trx, input.designation))) {
        return { ok: false as const, error: "committees.errors.designationInvalid", field: "designation" };
      }
      const duplicate = await duplicateOf(trx);
      if (duplicate) return duplicate;
      const activeMembers = await countActiveMembers(trx, committeeId);
      if (isFull({ activeMembers, seatQuota: committee.seatQuota })) {
        return { ok: false as const, error: "committees.errors.full" };
      }
      const person = await trx
        .insertInto("appointees")
        .values(personValues(input))
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorStaffId: actor.staffId,
        action: "appointee.created",
        entityType: "appointee",
        entityId: person.id,
        details: { committeeId },
      });
      const appointmentId = await insertAppointment(
        trx,
        actor,
        committeeId,
        person.id,
        input.designation,
        true,
      );
      return { ok: true as const, appointmentId, appointeeId: person.id };
    });
  } catch (error) {
    // Someone recorded the same phone or email a moment ago.
    if (!isUniqueViolation(error)) throw error;
    const duplicate = await duplicateOf(db);
    if (duplicate) return duplicate;
    throw error;
  }
}

/** The committee's active appointment `appointmentId`, locked, or null. */
async function lockActiveAppointment(trx: Database, committeeId: number, appointmentId: number) {
  const row = await trx
    .selectFrom("appointments")
    .select(["id", "appointeeId", "designation"])
    .where("id", "=", appointmentId)
    .where("committeeId", "=", committeeId)
    .where("active", "=", true)
    .forUpdate()
    .executeTakeFirst();
  return row ?? null;
}

/** Ends an active appointment of this committee (the person keeps their other appointments). */
export async function endAppointment(
  db: Database,
  actor: CommitteeActor,
  committeeId: number,
  appointmentId: number,
): Promise<CommitteeResult> {
  return db.transaction().execute(async (trx) => {
    await lockCommitteeInScope(trx, actor.scope, committeeId);
    const appointment = await lockActiveAppointment(trx, committeeId, appointmentId);
    if (!appointment) return { ok: false as const, error: "committees.errors.appointmentNotFound" };
    await trx
      .updateTable("appointments")
      .set({ active: false, endedAt: sql`now()` })
      .where("id", "=", appointment.id)
      .execute();
    await touchCommittee(trx, committeeId);
    await auditCommittee(trx, actor, committeeId, "committee.appointment_ended", {
      appointeeId: appointment.appointeeId,
      designation: appointment.designation,
      appointmentId: appointment.id,
    });
    return { ok: true as const };
  });
}

/** Gives an active appointment another (active) designation. */
export async function changeAppointmentDesignation(
  db: Database,
  actor: CommitteeActor,
  committeeId: number,
  appointmentId: number,
  designation: string,
): Promise<CommitteeResult> {
  return db.transaction().execute(async (trx) => {
    await lockCommitteeInScope(trx, actor.scope, committeeId);
    const appointment = await lockActiveAppointment(trx, committeeId, appointmentId);
    if (!appointment) return { ok: false as const, error: "committees.errors.appointmentNotFound" };
    if (!(await isActiveDesignation(trx, designation))) {
      return { ok: false as const, error: "committees.errors.designationInvalid", field: "designation" };
    }
    if (appointment.designation === designation) return { ok: true as const };
    await trx.updateTable("appointments").set({ designation }).where("id", "=", appointment.id).execute();
    await touchCommittee(trx, committeeId);
    await auditCommittee(trx, actor, committeeId, "committee.designation_changed", {
      appointeeId: appointment.appointeeId,
      designation,
      fromDesignation: appointment.designation,
      appointmentId: appointment.id,
    });
    return { ok: true as const };
  });
}

/** Marks the committee formed: with every seat filled, or with a reason for forming it short. */
export async function markCommitteeFormed(
  db: Database,
  actor: CommitteeActor,
  committeeId: number,
  input: { overrideReason?: string | null },
): Promise<CommitteeResult> {
  return db.transaction().execute(async (trx) => {
    const committee = await lockCommitteeInScope(trx, actor.scope, committeeId);
    if (committee.status === "formed")
      return { ok: false as const, error: "committees.errors.alreadyFormed" };
    const activeMembers = await countActiveMembers(trx, committeeId);
    const decision = decideFormation({
      activeMembers,
      seatQuota: committee.seatQuota,
      overrideReason: input.overrideReason,
    });
    if (!decision.ok) return { ok: false as const, error: decision.error, field: "overrideReason" };
    await trx
      .updateTable("committees")
      .set({
        status: "formed",
        formedAt: sql`now()`,
        formedOverrideReason: decision.overrideReason,
        updatedAt: sql`now()`,
      })
      .where("id", "=", committeeId)
      .execute();
    await auditCommittee(trx, actor, committeeId, "committee.formed", {
      activeMembers,
      seatQuota: committee.seatQuota,
      overrideReason: decision.overrideReason,
    });
    await inviteMembersAfterCommit(trx, committeeId);
    return { ok: true as const };
  });
}

/** Sets a formed committee back to forming. */
export async function reopenCommittee(
  db: Database,
  actor: CommitteeActor,
  committeeId: number,
): Promise<CommitteeResult> {
  return db.transaction().execute(async (trx) => {
    const committee = await lockCommitteeInScope(trx, actor.scope, committeeId);
    if (committee.status !== "formed") return { ok: false as const, error: "committees.errors.notFormed" };
    await trx
      .updateTable("committees")
      .set({ status: "forming", formedAt: null, formedOverrideReason: null, updatedAt: sql`now()` })
      .where("id", "=", committeeId)
      .execute();
    await auditCommittee(trx, actor, committeeId, "committee.reopened", {});
    return { ok: true as const };
  });
}
