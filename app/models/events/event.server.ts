// Events and their agenda: creation inside the organiser's scope, edits (with updated invites for
// registrants of a published event), completion, deletion of drafts, and sessions with trainers. Every
// use case is one transaction that locks the event row, and writes the audit log there.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Database, Tx } from "#app/platform/db.server.ts";
import { type Refusal, type Result, refuse } from "#app/platform/result.ts";
import { recordAudit } from "#app/models/organisation/audit.server.ts";
import {
  canDeleteDraft,
  canMarkCompleted,
  capacityError,
  diffEvent,
  EVENTS_PAGE_SIZE,
  type EventDiff,
  type EventFormInput,
  type EventKind,
  type EventListQuery,
  type EventVersion,
  eventUnitLevels,
  isEditable,
  kindLevelError,
  parseEventQuestions,
  type SessionFormInput,
  sessionCapacityError,
  sessionScheduleChanged,
  sessionsOutside,
  sessionTimeError,
  suggestNextSession,
} from "./event.ts";
import { getEventInScope, type ScopedEvent } from "./event-access.server.ts";
import { queueEventChangeNotices, scheduleReminders } from "./event-notices.server.ts";
import { promoteFromWaitlist } from "#app/models/registration/registration.server.ts";
import { getUnitInScope, type Scope, unitInScope } from "#app/models/organisation/scope.server.ts";
import type { UnitLevel } from "#app/models/organisation/unit.ts";
import { entryFieldsOf } from "#app/models/calendar/entry-fields.ts";

/** Who acts: the staff user (for the audit log) and what they may see. */
export type EventActor = { staffId: number; scope: Scope };

/** Another session a trainer already has at that time (event names only when the reader may see it). */
export type TrainerClash = {
  trainerName: string;
  sessionTitleEn: string | null;
  sessionTitleHi: string | null;
  eventTitleEn: string | null;
  eventTitleHi: string | null;
  startsAt: Date;
  endsAt: Date;
};

/** A refusal (app/platform/result.ts); a double-booked trainer's refusal names the clash. */
export type EventFailure = Refusal<{ clash?: TrainerClash }>;
export type EventResult<T extends object = object> = Result<T, { clash?: TrainerClash }>;
const notFound = () => new Response("Not found", { status: 404 });

export type EventUnitOption = {
  id: number;
  code: string;
  level: UnitLevel;
  nameEn: string;
  nameHi: string;
  depth: number;
};
export type TrainerOption = { id: number; name: string };

export type EventCounts = { invited: number; registered: number; waitlisted: number; declined: number };

// ---- Reading ----

const countsSelect = {
  invited: sql<number>`(select count(*)::int from invitations i where i.event_id = events.id and i.revoked_at is null)`,
  registered: sql<number>`(select count(*)::int from registrations r where r.event_id = events.id and r.status = 'registered')`,
  waitlisted: sql<number>`(select count(*)::int from registrations r where r.event_id = events.id and r.status = 'waitlisted')`,
};

/**
 * The events of units in the scope, 50 a page: those still to come (or running) first, soonest first, then
 * past ones, latest first. Counts come from indexed subqueries per row of the page only.
 */
export async function listEventsForOrganiser(db: Database, scope: Scope, query: EventListQuery) {
  let q = db
    .selectFrom("events")
    .innerJoin("units", "units.id", "events.unitId")
    .select([
      "events.id",
      "events.kind",
      "events.status",
      "events.titleEn",
      "events.titleHi",
      "events.venueName",
      "events.startsAt",
      "events.endsAt",
      "events.capacity",
      "units.nameEn as unitNameEn",
      "units.nameHi as unitNameHi",
      "units.level as unitLevel",
      countsSelect.invited.as("invited"),
      countsSelect.registered.as("registered"),
      countsSelect.waitlisted.as("waitlisted"),
    ])
    .where((eb) => unitInScope(eb, scope));
  if (query.status) q = q.where("events.status", "=", query.status);
  const rows = await q
    .orderBy(sql`events.ends_at < now()`)
    .orderBy(sql`case when events.ends_at >= now() then events.starts_at end`)
    .orderBy("events.startsAt", "desc")
    .orderBy("events.id", "desc")
    .limit(EVENTS_PAGE_SIZE + 1)
    .offset((query.page - 1) * EVENTS_PAGE_SIZE)
    .execute();
  return { rows: rows.slice(0, EVENTS_PAGE_SIZE), hasMore: rows.length > EVENTS_PAGE_SIZE };
}

async function countsOf(db: Database, eventId: number): Promise<EventCounts> {
  const [invited, registrations] = await Promise.all([
    db
      .selectFrom("invitations")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("eventId", "=", eventId)
      .where("revokedAt", "is", null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("registrations")
      .select(["status", sql<number>`count(*)::int`.as("n")])
      .where("eventId", "=", eventId)
      .groupBy("status")
      .execute(),
  ]);
  const of = (status: string) => registrations.find((r) => r.status === status)?.n ?? 0;
  return {
    invited: invited.n,
    registered: of("registered"),
    waitlisted: of("waitlisted"),
    declined: of("declined"),
  };
}

/** The sessions of an event by start, each with its trainers. */
export async function listSessions(db: Database, eventId: number) {
  const [sessions, trainers] = await Promise.all([
    db
      .selectFrom("eventSessions")
      .select([
        "id",
        "kind",
        "titleEn",
        "titleHi",
        "room",
        "startsAt",
        "endsAt",
        "capacity",
        "required",
        "icalSequence",
      ])
      .where("eventId", "=", eventId)
      .orderBy("startsAt")
      .orderBy("endsAt")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("sessionTrainers")
      .innerJoin("eventSessions", "eventSessions.id", "sessionTrainers.sessionId")
      .innerJoin("staffUsers", "staffUsers.id", "sessionTrainers.staffUserId")
      .select(["sessionTrainers.sessionId", "staffUsers.id", "staffUsers.name"])
      .where("eventSessions.eventId", "=", eventId)
      .orderBy("staffUsers.name")
      .orderBy("staffUsers.id")
      .execute(),
  ]);
  return sessions.map((s) => ({
    ...s,
    trainers: trainers.filter((t) => t.sessionId === s.id).map((t) => ({ id: t.id, name: t.name })),
  }));
}
export type EventSession = Awaited<ReturnType<typeof listSessions>>[number];

function eventDetails(event: ScopedEvent) {
  return {
    id: event.id,
    kind: event.kind,
    status: event.status,
    unitId: event.unitId,
    ...entryFieldsOf(event),
    registrationOpensAt: event.registrationOpensAt,
    registrationClosesAt: event.registrationClosesAt,
    capacity: event.capacity,
    reminderHours: event.reminderHours,
    questions: parseEventQuestions(event.questions),
    icalSequence: event.icalSequence,
    publishedAt: event.publishedAt,
    cancelledAt: event.cancelledAt,
  };
}

/** The overview of one event (404 outside the scope): details, agenda with trainers, counts, what may be done. */
export async function getEventPage(db: Database, scope: Scope, eventId: number | null, now = new Date()) {
  const event = await getEventInScope(db, scope, eventId);
  const [sessions, counts] = await Promise.all([listSessions(db, event.id), countsOf(db, event.id)]);
  return {
    event: eventDetails(event),
    unit: { id: event.unitId, level: event.unitLevel, nameEn: event.unitNameEn, nameHi: event.unitNameHi },
    sessions,
    counts,
    canComplete: canMarkCompleted(event, now),
    canDelete: canDeleteDraft(event, counts.invited),
  };
}

/**
 * The units an organiser may hold events for (state, district and assembly levels of their scope), in tree
 * order with their depth for indenting.
 */
export async function listEventUnitOptions(db: Database, scope: Scope): Promise<EventUnitOption[]> {
  const rows = await db
    .selectFrom("units")
    .select(["id", "parentId", "code", "level", "nameEn", "nameHi"])
    .where((eb) => unitInScope(eb, scope))
    .where("level", "in", [...eventUnitLevels])
    .orderBy("nameEn")
    .orderBy("id")
    .execute();
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<number | null, typeof rows>();
  for (const row of rows) {
    const parent = row.parentId !== null && ids.has(row.parentId) ? row.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  const ordered: EventUnitOption[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const row of children.get(parent) ?? []) {
      ordered.push({
        id: row.id,
        code: row.code,
        level: row.level,
        nameEn: row.nameEn,
        nameHi: row.nameHi,
        depth,
      });
      walk(row.id, depth + 1);
    }
  };
  walk(null, 0);
  return ordered;
}

/** Active staff with the trainer role, by name. */
export async function listTrainerOptions(db: Database): Promise<TrainerOption[]> {
  return db
    .selectFrom("staffUsers")
    .select(["id", "name"])
    .where("role", "=", "trainer")
    .where("active", "=", true)
    .orderBy("name")
    .orderBy("id")
    .execute();
}

/** What the edit form needs: the event (404 outside scope), the units to choose from. */
export async function getEventForm(db: Database, scope: Scope, eventId: number | null) {
  const event = await getEventInScope(db, scope, eventId);
  const units = await listEventUnitOptions(db, scope);
  // An event made for another level (plain rows) keeps its unit rather than silently taking the first option.
  if (!units.some((u) => u.id === event.unitId)) {
    const unit = await getUnitInScope(db, scope, event.unitId);
    units.unshift({
      id: unit.id,
      code: unit.code,
      level: unit.level,
      nameEn: unit.nameEn,
      nameHi: unit.nameHi,
      depth: 0,
    });
  }
  return { event: eventDetails(event), units };
}

/** What the session forms need: the event, its sessions, the trainers, and the session being edited. */
export async function getSessionForm(
  db: Database,
  scope: Scope,
  eventId: number | null,
  sessionId: number | null = null,
) {
  const event = await getEventInScope(db, scope, eventId);
  const [sessions, trainers] = await Promise.all([listSessions(db, event.id), listTrainerOptions(db)]);
  const session = sessionId === null ? null : sessions.find((s) => s.id === sessionId);
  if (session === undefined) throw notFound();
  return {
    event: eventDetails(event),
    sessions,
    session,
    trainers,
    suggested: suggestNextSession(event, sessions),
  };
}

// ---- Events ----

/** The unit is in scope (404 otherwise) and at a level the kind of event may be held for. */
async function checkUnit(
  trx: Database,
  scope: Scope,
  unitId: number,
  kind: EventKind,
): Promise<EventFailure | null> {
  const unit = await getUnitInScope(trx, scope, unitId);
  const error = kindLevelError(kind, unit.level);
  return error ? refuse(error, "unitId") : null;
}

/** Creates a draft event for a unit in the scope (404 outside it). */
export async function createEvent(
  db: Database,
  actor: EventActor,
  input: EventFormInput,
): Promise<EventResult<{ eventId: number }>> {
  return db.transaction().execute(async (trx) => {
    const refusal = await checkUnit(trx, actor.scope, input.unitId, input.kind);
    if (refusal) return refusal;
    const event = await trx
      .insertInto("events")
      .values({
        ...eventColumns(input),
        icalUid: `${randomUUID()}@shivir`,
        createdByStaffId: actor.staffId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "event.created",
      entityType: "event",
      entityId: event.id,
      details: { unitId: input.unitId, kind: input.kind, titleEn: input.titleEn, titleHi: input.titleHi },
    });
    return { ok: true as const, eventId: event.id };
  });
}

function eventColumns(input: EventFormInput) {
  return {
    kind: input.kind,
    unitId: input.unitId,
    titleEn: input.titleEn,
    titleHi: input.titleHi,
    descriptionEn: input.descriptionEn,
    descriptionHi: input.descriptionHi,
    venueName: input.venueName,
    venueAddress: input.venueAddress,
    venueMapUrl: input.venueMapUrl,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    registrationOpensAt: input.registrationOpensAt,
    registrationClosesAt: input.registrationClosesAt,
    capacity: input.capacity,
    reminderHours: input.reminderHours,
    questions: input.questions,
  };
}

/** Audit details of an edit: each changed field's old and new value. */
function changeDetails(before: EventVersion, after: EventVersion, diff: EventDiff) {
  return Object.fromEntries(diff.fields.map((f) => [f, { from: before[f], to: after[f] }]));
}

/**
 * Saves an edit of a draft or published event (completed and cancelled events are read-only). In a published
 * event a new time or venue raises the iCalendar SEQUENCE and queues updated invites for registrants; a new
 * title raises SEQUENCE alone (the feed and later invites carry it, no email); a new start or reminder
 * setting reschedules the reminder; more seats promote people from the waitlist.
 */
export async function updateEvent(
  db: Database,
  actor: EventActor,
  eventId: number,
  input: EventFormInput,
): Promise<EventResult<{ diff: EventDiff }>> {
  return db.transaction().execute(async (trx) => {
    const event = await getEventInScope(trx, actor.scope, eventId, true);
    if (!isEditable(event.status)) return refuse("events.errors.readOnly");
    const before: EventVersion = eventDetails(event);
    const diff = diffEvent(before, input);
    if (diff.fields.length === 0) return { ok: true as const, diff };

    // An event kept as it was stays savable; a new unit or kind must fit together.
    if (diff.fields.includes("unitId") || diff.fields.includes("kind")) {
      const refusal = await checkUnit(trx, actor.scope, input.unitId, input.kind);
      if (refusal) return refusal;
    }
    const sessions = await trx
      .selectFrom("eventSessions")
      .select(["startsAt", "endsAt", "capacity"])
      .where("eventId", "=", eventId)
      .execute();
    if (diff.time && sessionsOutside(input, sessions).length > 0) {
      return refuse("events.errors.sessionsOutsideNewTimes", "startsAt");
    }
    const counts = diff.fields.includes("capacity") ? await countsOf(trx, eventId) : null;
    if (counts) {
      const belowRegistered = capacityError(input.capacity, counts.registered);
      if (belowRegistered) return refuse(belowRegistered, "capacity");
      if (sessions.some((s) => sessionCapacityError(input.capacity, s.capacity))) {
        return refuse("events.errors.capacityBelowSession", "capacity");
      }
    }

    const published = event.status === "published";
    const newInvite = published && (diff.time || diff.venue);
    // Calendars keep an entry's old text until they see a higher SEQUENCE, so a new title (either language:
    // the description carries both) raises it too; registrants need not act on it, so no email.
    const retitled = diff.fields.includes("titleEn") || diff.fields.includes("titleHi");
    const bump = newInvite || (published && retitled);
    await trx
      .updateTable("events")
      .set({
        ...eventColumns(input),
        ...(bump ? { icalSequence: sql<number>`ical_sequence + 1` } : {}),
        updatedAt: sql`now()`,
      })
      .where("id", "=", eventId)
      .execute();
    if (newInvite) {
      await queueEventChangeNotices(trx, eventId, {
        time: diff.time,
        venue: diff.venue,
        before: {
          startsAt: event.startsAt,
          endsAt: event.endsAt,
          venueName: event.venueName,
          venueAddress: event.venueAddress,
        },
      });
    }
    if (published && diff.reminders) await scheduleReminders(trx, eventId);
    if (published && diff.capacityRaised && counts && counts.waitlisted > 0) {
      await promoteFromWaitlist(trx, eventId);
    }
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "event.updated",
      entityType: "event",
      entityId: eventId,
      details: {
        status: event.status,
        icalSequence: event.icalSequence + (bump ? 1 : 0),
        changes: changeDetails(before, input, diff),
      },
    });
    return { ok: true as const, diff };
  });
}

/** Marks a published event completed once it has ended. */
export async function markEventCompleted(
  db: Database,
  actor: EventActor,
  eventId: number,
  now = new Date(),
): Promise<EventResult> {
  return db.transaction().execute(async (trx) => {
    const event = await getEventInScope(trx, actor.scope, eventId, true);
    if (!canMarkCompleted(event, now)) return refuse("events.errors.cannotComplete");
    await trx
      .updateTable("events")
      .set({ status: "completed", updatedAt: sql`now()` })
      .where("id", "=", eventId)
      .execute();
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "event.completed",
      entityType: "event",
      entityId: eventId,
    });
    return { ok: true as const };
  });
}

/** Deletes a draft that has invited no one, with its agenda and audience. */
export async function deleteDraftEvent(
  db: Database,
  actor: EventActor,
  eventId: number,
): Promise<EventResult> {
  return db.transaction().execute(async (trx) => {
    const event = await getEventInScope(trx, actor.scope, eventId, true);
    const invitations = await trx
      .selectFrom("invitations")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("eventId", "=", eventId)
      .executeTakeFirstOrThrow();
    if (!canDeleteDraft(event, invitations.n)) return refuse("events.errors.cannotDelete");
    await trx.deleteFrom("events").where("id", "=", eventId).execute();
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "event.deleted",
      entityType: "event",
      entityId: eventId,
      details: { unitId: event.unitId, titleEn: event.titleEn, titleHi: event.titleHi },
    });
    return { ok: true as const };
  });
}

// ---- Sessions ----

/**
 * Checks a session against its (locked) event and the trainers' other sessions. The trainers' rows are
 * locked first, in id order, so two saves that involve one trainer run one after the other and the second
 * sees the first's session: both cannot pass.
 */
async function checkSession(
  trx: Tx,
  scope: Scope,
  event: ScopedEvent,
  sessionId: number | null,
  input: SessionFormInput,
): Promise<EventFailure | null> {
  if (!isEditable(event.status)) return refuse("events.errors.readOnly");
  const timeError = sessionTimeError(event, input);
  if (timeError)
    return refuse(timeError, timeError === "events.errors.endsBeforeStart" ? "endsAt" : "startsAt");
  const capacity = sessionCapacityError(event.capacity, input.capacity);
  if (capacity) return refuse(capacity, "capacity");
  if (input.trainerIds.length === 0) return null;

  const trainers = await trx
    .selectFrom("staffUsers")
    .select("id")
    .where("id", "in", input.trainerIds)
    .where("role", "=", "trainer")
    .where("active", "=", true)
    .orderBy("id")
    .forNoKeyUpdate()
    .execute();
  if (trainers.length !== input.trainerIds.length)
    return refuse("events.errors.trainerInvalid", "trainerIds");

  let clashQuery = trx
    .selectFrom("sessionTrainers")
    .innerJoin("eventSessions", "eventSessions.id", "sessionTrainers.sessionId")
    .innerJoin("events", "events.id", "eventSessions.eventId")
    .innerJoin("units", "units.id", "events.unitId")
    .innerJoin("staffUsers", "staffUsers.id", "sessionTrainers.staffUserId")
    .select((eb) => [
      "staffUsers.name as trainerName",
      "eventSessions.titleEn as sessionTitleEn",
      "eventSessions.titleHi as sessionTitleHi",
      "events.titleEn as eventTitleEn",
      "events.titleHi as eventTitleHi",
      "eventSessions.startsAt",
      "eventSessions.endsAt",
      unitInScope(eb, scope).as("visible"),
    ])
    .where("sessionTrainers.staffUserId", "in", input.trainerIds)
    .where("events.status", "<>", "cancelled")
    .where("eventSessions.startsAt", "<", input.endsAt)
    .where("eventSessions.endsAt", ">", input.startsAt);
  if (sessionId !== null) clashQuery = clashQuery.where("eventSessions.id", "<>", sessionId);
  const clash = await clashQuery.orderBy("eventSessions.startsAt").limit(1).executeTakeFirst();
  if (!clash) return null;
  // Another district's event is named only by its time.
  const visible = Boolean(clash.visible);
  return refuse("events.errors.trainerDoubleBooked", "trainerIds", {
    clash: {
      trainerName: clash.trainerName,
      sessionTitleEn: visible ? clash.sessionTitleEn : null,
      sessionTitleHi: visible ? clash.sessionTitleHi : null,
      eventTitleEn: visible ? clash.eventTitleEn : null,
      eventTitleHi: visible ? clash.eventTitleHi : null,
      startsAt: clash.startsAt,
      endsAt: clash.endsAt,
    },
  });
}

function sessionColumns(input: SessionFormInput) {
  return {
    kind: input.kind,
    titleEn: input.titleEn,
    titleHi: input.titleHi,
    room: input.room,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    capacity: input.capacity,
    required: input.required,
  };
}

async function setTrainers(trx: Tx, sessionId: number, trainerIds: number[]) {
  await trx.deleteFrom("sessionTrainers").where("sessionId", "=", sessionId).execute();
  if (trainerIds.length === 0) return;
  await trx
    .insertInto("sessionTrainers")
    .values(trainerIds.map((staffUserId) => ({ sessionId, staffUserId })))
    .execute();
}

/** Adds an agenda item to a draft or published event. */
export async function addSession(
  db: Database,
  actor: EventActor,
  eventId: number,
  input: SessionFormInput,
): Promise<EventResult<{ sessionId: number }>> {
  return db.transaction().execute(async (trx) => {
    const event = await getEventInScope(trx, actor.scope, eventId, true);
    const refusal = await checkSession(trx, actor.scope, event, null, input);
    if (refusal) return refusal;
    const session = await trx
      .insertInto("eventSessions")
      .values({ ...sessionColumns(input), eventId, icalUid: `${randomUUID()}@shivir` })
      .returning("id")
      .executeTakeFirstOrThrow();
    await setTrainers(trx, session.id, input.trainerIds);
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "event.session_added",
      entityType: "event",
      entityId: eventId,
      details: { sessionId: session.id, titleEn: input.titleEn, trainerIds: input.trainerIds },
    });
    return { ok: true as const, sessionId: session.id };
  });
}

async function lockSession(trx: Tx, eventId: number, sessionId: number) {
  const session = await trx
    .selectFrom("eventSessions")
    .selectAll()
    .where("id", "=", sessionId)
    .where("eventId", "=", eventId)
    .forUpdate()
    .executeTakeFirst();
  if (!session) throw notFound();
  return session;
}

/**
 * Saves an agenda item. In a published event a new time or room raises the session's iCalendar SEQUENCE,
 * so the calendar entries of its attendees are replaced.
 */
export async function updateSession(
  db: Database,
  actor: EventActor,
  eventId: number,
  sessionId: number,
  input: SessionFormInput,
): Promise<EventResult> {
  return db.transaction().execute(async (trx) => {
    const event = await getEventInScope(trx, actor.scope, eventId, true);
    const session = await lockSession(trx, eventId, sessionId);
    const refusal = await checkSession(trx, actor.scope, event, sessionId, input);
    if (refusal) return refusal;
    const bump = event.status === "published" && sessionScheduleChanged(session, input);
    await trx
      .updateTable("eventSessions")
      .set({
        ...sessionColumns(input),
        ...(bump ? { icalSequence: sql<number>`ical_sequence + 1` } : {}),
        updatedAt: sql`now()`,
      })
      .where("id", "=", sessionId)
      .execute();
    await setTrainers(trx, sessionId, input.trainerIds);
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "event.session_updated",
      entityType: "event",
      entityId: eventId,
      details: {
        sessionId,
        titleEn: input.titleEn,
        trainerIds: input.trainerIds,
        icalSequence: session.icalSequence + (bump ? 1 : 0),
      },
    });
    return { ok: true as const };
  });
}

/** Removes an agenda item from a draft or published event. */
export async function deleteSession(
  db: Database,
  actor: EventActor,
  eventId: number,
  sessionId: number,
): Promise<EventResult> {
  return db.transaction().execute(async (trx) => {
    const event = await getEventInScope(trx, actor.scope, eventId, true);
    const session = await lockSession(trx, eventId, sessionId);
    if (!isEditable(event.status)) return refuse("events.errors.readOnly");
    await trx.deleteFrom("eventSessions").where("id", "=", sessionId).execute();
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "event.session_deleted",
      entityType: "event",
      entityId: eventId,
      details: { sessionId, titleEn: session.titleEn, titleHi: session.titleHi },
    });
    return { ok: true as const };
  });
}
