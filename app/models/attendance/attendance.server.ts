// Attendance at sessions: who may use which tablet roster, the roster itself, the sync of marks from
// tablets (idempotent, last writer by time of marking wins, the log keeps every mark) and live counts.
import { type ExpressionBuilder, sql } from "kysely";
import type {
  Roster,
  RosterChanges,
  AttendanceState,
  RosterWalkIn,
} from "#app/models/attendance/roster-types.ts";
import type { Database, Tx } from "#app/platform/db.server.ts";
import type { DB } from "#db/types.ts";
import type { MarkRejection, SyncBatch, SyncResult } from "./attendance.ts";
import { recordAudit } from "#app/models/organisation/audit.server.ts";
import { getEventInScope, listAgenda } from "#app/models/events/event-access.server.ts";
import { findRegistrationByPass, verifyPassCode } from "#app/models/registration/registration-pass.server.ts";
import { type Scope, unitInScope } from "#app/models/organisation/scope.server.ts";
import { type MaskedPerson, maskPerson } from "#app/models/organisation/masked-person.ts";
import { appointeeInScope } from "#app/models/organisation/person-scope.server.ts";
import type { StaffUser } from "#app/models/staff/staff-session.server.ts";
import type { TabletDevice } from "./tablet-device.server.ts";

/** A signed-in staff user (scope null for trainers) or a tablet paired for one event. */
export type TabletActor =
  | { kind: "staff"; staff: StaffUser; scope: Scope | null }
  | { kind: "device"; device: TabletDevice };

const notFound = () => new Response("Not found", { status: 404 });

/**
 * The event if the actor may mark attendance at it: a paired tablet its own event, a trainer an event
 * where they train a session, an organiser or admin an event in their scope. Otherwise a 404.
 */
export async function getTabletEvent(db: Database, actor: TabletActor, eventId: number | null) {
  if (!eventId) throw notFound();
  if (actor.kind === "staff" && actor.scope) {
    const event = await getEventInScope(db, actor.scope, eventId);
    return pickEvent(event);
  }
  let query = db
    .selectFrom("events")
    .select(["id", "titleEn", "titleHi", "venueName", "startsAt", "endsAt", "status"])
    .where("id", "=", eventId);
  if (actor.kind === "device") query = query.where("id", "=", actor.device.eventId);
  else query = query.where((eb) => trainsAtEvent(eb, actor.staff.id));
  const event = await query.executeTakeFirst();
  if (!event) throw notFound();
  return event;
}

function pickEvent(event: Awaited<ReturnType<typeof getEventInScope>>) {
  const { id, titleEn, titleHi, venueName, startsAt, endsAt, status } = event;
  return { id, titleEn, titleHi, venueName, startsAt, endsAt, status };
}

function trainsAtEvent(eb: ExpressionBuilder<DB, "events">, staffId: number) {
  return eb.exists(
    eb
      .selectFrom("sessionTrainers")
      .innerJoin("eventSessions", "eventSessions.id", "sessionTrainers.sessionId")
      .select(sql.lit(1).as("one"))
      .whereRef("eventSessions.eventId", "=", "events.id")
      .where("sessionTrainers.staffUserId", "=", staffId),
  );
}

/** The query of those of `sessionIds` at events the actor may mark attendance at. */
function allowedSessions(db: Database, actor: TabletActor, sessionIds: number[]) {
  let query = db
    .selectFrom("eventSessions")
    .innerJoin("events", "events.id", "eventSessions.eventId")
    .select("eventSessions.id")
    .where("eventSessions.id", "in", sessionIds);
  if (actor.kind === "device") query = query.where("events.id", "=", actor.device.eventId);
  else if (!actor.scope) query = query.where((eb) => trainsAtEvent(eb, actor.staff.id));
  else if (actor.scope.kind === "subtree") {
    const scope = actor.scope;
    query = query.innerJoin("units", "units.id", "events.unitId").where((eb) => unitInScope(eb, scope));
  }
  return query;
}

/** Start of today in India: the tablet lists sessions from today on. */
const startOfTodayIst = sql<Date>`date_trunc('day', now() at time zone 'Asia/Kolkata') at time zone 'Asia/Kolkata'`;

/**
 * The events (with today's and later sessions) the actor runs tablets at: a trainer's events (their own
 * sessions flagged), an organiser's or admin's events in scope. Drafts and cancelled events are left out.
 */
export async function listTabletEvents(db: Database, actor: TabletActor & { kind: "staff" }) {
  let events = db
    .selectFrom("events")
    .innerJoin("units", "units.id", "events.unitId")
    .select([
      "events.id",
      "events.titleEn",
      "events.titleHi",
      "events.venueName",
      "events.startsAt",
      "events.endsAt",
    ])
    .where("events.status", "in", ["published", "completed"])
    .where("events.endsAt", ">=", startOfTodayIst)
    .orderBy("events.startsAt")
    .orderBy("events.id")
    .limit(50);
  const scope = actor.scope;
  if (!scope) events = events.where((eb) => trainsAtEvent(eb, actor.staff.id));
  else events = events.where((eb) => unitInScope(eb, scope));
  const eventRows = await events.execute();
  if (eventRows.length === 0) return [];
  const sessions = await db
    .selectFrom("eventSessions")
    .select([
      "eventSessions.id",
      "eventSessions.eventId",
      "eventSessions.titleEn",
      "eventSessions.titleHi",
      "eventSessions.room",
      "eventSessions.startsAt",
      "eventSessions.endsAt",
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom("sessionTrainers")
              .select(sql.lit(1).as("one"))
              .whereRef("sessionTrainers.sessionId", "=", "eventSessions.id")
              .where("sessionTrainers.staffUserId", "=", actor.staff.id),
          )
          .as("mine"),
    ])
    .where(
      "eventSessions.eventId",
      "in",
      eventRows.map((e) => e.id),
    )
    .where("eventSessions.endsAt", ">=", startOfTodayIst)
    .orderBy("eventSessions.startsAt")
    .orderBy("eventSessions.id")
    .execute();
  return eventRows.map((event) => ({ ...event, sessions: sessions.filter((s) => s.eventId === event.id) }));
}

const iso = (date: Date) => date.toISOString();

/** Everything a tablet keeps offline for one event: its sessions, everyone invited, walk-ins and marks. */
export async function getTabletRoster(
  db: Database,
  actor: TabletActor,
  eventId: number | null,
): Promise<Roster> {
  const event = await getTabletEvent(db, actor, eventId);
  const [sessions, people, designations, walkIns, attendance, now] = await Promise.all([
    listAgenda(db, event.id),
    db
      .selectFrom("invitations")
      .innerJoin("appointees", "appointees.id", "invitations.appointeeId")
      .innerJoin("committees", "committees.id", "invitations.committeeId")
      .leftJoin("registrations", "registrations.invitationId", "invitations.id")
      .select([
        "appointees.id",
        "appointees.name",
        "appointees.nameHi",
        "appointees.phone",
        "invitations.committeeId",
        "invitations.designation",
        "committees.nameEn as committeeNameEn",
        "committees.nameHi as committeeNameHi",
        "registrations.status",
        "registrations.passId",
      ])
      .where("invitations.eventId", "=", event.id)
      .where("invitations.revokedAt", "is", null)
      .orderBy("appointees.name")
      .orderBy("appointees.id")
      .execute(),
    db.selectFrom("designations").select(["code", "nameEn", "nameHi"]).orderBy("sortOrder").execute(),
    walkInsSince(db, event.id, null),
    attendanceSince(db, event.id, null),
    serverNow(db),
  ]);
  const committees = new Map<number, { id: number; nameEn: string; nameHi: string }>();
  for (const p of people) {
    if (!committees.has(p.committeeId))
      committees.set(p.committeeId, {
        id: p.committeeId,
        nameEn: p.committeeNameEn,
        nameHi: p.committeeNameHi,
      });
  }
  return {
    event: {
      id: event.id,
      titleEn: event.titleEn,
      titleHi: event.titleHi,
      venueName: event.venueName,
      startsAt: iso(event.startsAt),
      endsAt: iso(event.endsAt),
    },
    sessions: sessions.map((s) => ({ ...s, startsAt: iso(s.startsAt), endsAt: iso(s.endsAt) })),
    committees: [...committees.values()].sort((a, b) => a.nameEn.localeCompare(b.nameEn)),
    designations,
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      nameHi: p.nameHi,
      phone: p.phone,
      committeeId: p.committeeId,
      designation: p.designation,
      status: p.status,
      pass: p.passId,
    })),
    walkIns,
    attendance,
    serverTime: iso(now),
  };
}

/** What changed at the event since `since` (a tablet asks every few seconds). */
export async function getRosterChanges(
  db: Database,
  actor: TabletActor,
  eventId: number | null,
  since: Date,
): Promise<RosterChanges> {
  const event = await getTabletEvent(db, actor, eventId);
  const [walkIns, attendance, withdrawn, now] = await Promise.all([
    walkInsSince(db, event.id, since),
    attendanceSince(db, event.id, since),
    db
      .selectFrom("invitations")
      .select("appointeeId")
      .where("eventId", "=", event.id)
      .where("revokedAt", ">", since)
      .execute(),
    serverNow(db),
  ]);
  return { walkIns, attendance, withdrawn: withdrawn.map((w) => w.appointeeId), serverTime: iso(now) };
}

async function serverNow(db: Database): Promise<Date> {
  const row = await sql<{ now: Date }>`select clock_timestamp() as now`.execute(db);
  return row.rows[0]!.now;
}

async function walkInsSince(db: Database, eventId: number, since: Date | null): Promise<RosterWalkIn[]> {
  let query = db
    .selectFrom("walkIns")
    .select(["id", "sessionId", "name", "phone", "createdAt"])
    .where("eventId", "=", eventId);
  if (since) query = query.where("receivedAt", ">", since);
  const rows = await query.orderBy("createdAt").execute();
  return rows.map((w) => ({ ...w, createdAt: iso(w.createdAt) }));
}

async function attendanceSince(
  db: Database,
  eventId: number,
  since: Date | null,
): Promise<AttendanceState[]> {
  let query = db
    .selectFrom("attendance")
    .innerJoin("eventSessions", "eventSessions.id", "attendance.sessionId")
    .select([
      "attendance.sessionId",
      "attendance.appointeeId",
      "attendance.walkInId",
      "attendance.present",
      "attendance.markedAt",
      "attendance.decidedByClientId as clientId",
    ])
    .where("eventSessions.eventId", "=", eventId);
  if (since) query = query.where("attendance.updatedAt", ">", since);
  const rows = await query.execute();
  return rows.map((a) => ({ ...a, markedAt: iso(a.markedAt) }));
}

export type PassLookup =
  | { result: "this-event"; appointeeId: number }
  | { result: "not-invited" | "unknown" };

/**
 * What a scanned pass the tablet's roster does not know is: a pass of this event (registered since the
 * roster was loaded), of another event, or none of ours (forged, mistyped, or cancelled and deleted).
 */
export async function resolvePass(
  db: Database,
  actor: TabletActor,
  eventId: number | null,
  code: string,
): Promise<PassLookup> {
  const event = await getTabletEvent(db, actor, eventId);
  const passId = verifyPassCode(code);
  const registration = passId ? await findRegistrationByPass(db, passId) : null;
  if (!registration) return { result: "unknown" };
  if (registration.eventId !== event.id) return { result: "not-invited" };
  // A pass whose invitation the organisers withdrew admits no one.
  const invitation = await db
    .selectFrom("invitations")
    .select("revokedAt")
    .where("id", "=", registration.invitationId)
    .executeTakeFirst();
  if (!invitation || invitation.revokedAt) return { result: "not-invited" };
  return { result: "this-event", appointeeId: registration.appointeeId };
}

const DEADLOCK = "40P01";

/**
 * Stores a batch of marks from a tablet: new walk-ins, then every mark into the log (a mark whose client id
 * is already there is skipped, so a batch sent twice counts once) and the latest mark per session and person
 * into the current state, unless a later mark is already there. Marks at sessions the actor may not mark, or
 * of people not invited to the event, are refused one by one. Without walk-ins this is one statement (atomic
 * on its own, and the fast path of a tablet's backlog); with walk-ins, one transaction.
 */
export async function syncMarks(db: Database, actor: TabletActor, batch: SyncBatch): Promise<SyncResult> {
  if (batch.marks.length === 0 && batch.walkIns.length === 0)
    return { accepted: 0, duplicates: 0, rejected: [] };
  for (let attempt = 1; ; attempt++) {
    try {
      if (batch.walkIns.length === 0) return await storeMarks(db, actor, batch);
      return await db.transaction().execute(async (trx) => {
        await storeWalkIns(trx, actor, batch);
        return storeMarks(trx, actor, batch);
      });
    } catch (error) {
      // Two tablets' batches that touch the same people in another order: run ours again.
      if ((error as { code?: string }).code === DEADLOCK && attempt < 3) continue;
      throw error;
    }
  }
}

function authorOf(actor: TabletActor) {
  return actor.kind === "device"
    ? { staffUserId: null, tabletDeviceId: actor.device.id }
    : { staffUserId: actor.staff.id, tabletDeviceId: null };
}

async function storeWalkIns(trx: Database, actor: TabletActor, batch: SyncBatch) {
  const author = authorOf(actor);
  const allowed = await allowedSessions(trx, actor, [
    ...new Set(batch.walkIns.map((w) => w.sessionId)),
  ]).execute();
  const ok = new Set(allowed.map((row) => row.id));
  const rows = batch.walkIns
    .filter((w) => ok.has(w.sessionId))
    .map((w) => ({
      id: w.id,
      session_id: w.sessionId,
      name: w.name,
      phone: w.phone,
      created_at: w.createdAt.toISOString(),
    }));
  if (rows.length === 0) return;
  await sql`
    insert into walk_ins (id, event_id, session_id, name, phone, device_id, staff_user_id, tablet_device_id,
      created_at)
    select w.id, s.event_id, w.session_id, w.name, w.phone, ${batch.deviceId}::text,
      ${author.staffUserId}::bigint, ${author.tabletDeviceId}::bigint, w.created_at
    from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb)
      as w(id uuid, session_id bigint, name text, phone text, created_at timestamptz)
    join event_sessions s on s.id = w.session_id
    on conflict (id) do nothing`.execute(trx);
}

async function storeMarks(db: Database, actor: TabletActor, batch: SyncBatch): Promise<SyncResult> {
  if (batch.marks.length === 0) return { accepted: 0, duplicates: 0, rejected: [] };
  const author = authorOf(actor);
  const allowed = allowedSessions(db, actor, [...new Set(batch.marks.map((m) => m.sessionId))]);
  const marks = batch.marks.map((m) => ({
    client_id: m.clientId,
    session_id: m.sessionId,
    appointee_id: m.appointeeId,
    walk_in_id: m.walkInId,
    action: m.action,
    marked_at: m.markedAt.toISOString(),
  }));
  const result = await sql<{
    accepted: number;
    valid: number;
    rejected: { clientId: string; reason: MarkRejection }[];
  }>`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(marks)}::text::jsonb) as m(
        client_id uuid, session_id bigint, appointee_id bigint, walk_in_id uuid,
        action text, marked_at timestamptz)
    ),
    allowed as (${allowed}),
    checked as (
      select m.client_id, m.session_id, m.appointee_id, m.walk_in_id, m.action, m.marked_at,
        i.committee_id,
        case
          when a.id is null then 'forbidden'
          -- A withdrawn invitation admits no one, but a mark made before it can still be undone.
          when m.appointee_id is not null
            and (i.committee_id is null or (i.revoked_at is not null and m.action = 'mark')) then 'not_invited'
          when m.walk_in_id is not null and w.id is null then 'unknown_walk_in'
        end as problem
      from input m
      left join allowed a on a.id = m.session_id
      left join event_sessions s on s.id = a.id
      left join invitations i on i.event_id = s.event_id and i.appointee_id = m.appointee_id
      left join walk_ins w on w.id = m.walk_in_id and w.event_id = s.event_id
    ),
    inserted as (
      insert into attendance_marks (client_id, session_id, appointee_id, walk_in_id, committee_id, action,
        marked_at, device_id, staff_user_id, tablet_device_id)
      select client_id, session_id, appointee_id, walk_in_id, committee_id, action, marked_at,
        ${batch.deviceId}::text, ${author.staffUserId}::bigint, ${author.tabletDeviceId}::bigint
      from checked where problem is null
      on conflict (client_id) do nothing
      returning id, client_id, session_id, appointee_id, walk_in_id, committee_id, action, marked_at
    ),
    latest as (
      select distinct on (session_id, appointee_id, walk_in_id) *
      from inserted
      order by session_id, appointee_id, walk_in_id, marked_at desc, client_id desc
    ),
    appointee_state as (
      insert into attendance as a (session_id, appointee_id, committee_id, present, decided_by_mark_id,
        decided_by_client_id, marked_at)
      select session_id, appointee_id, committee_id, action = 'mark', id, client_id, marked_at
      from latest where appointee_id is not null
      order by session_id, appointee_id
      on conflict (session_id, appointee_id) where appointee_id is not null do update set
        present = excluded.present, committee_id = excluded.committee_id,
        decided_by_mark_id = excluded.decided_by_mark_id,
        decided_by_client_id = excluded.decided_by_client_id,
        marked_at = excluded.marked_at, updated_at = clock_timestamp()
      where (excluded.marked_at, excluded.decided_by_client_id) > (a.marked_at, a.decided_by_client_id)
      returning 1
    ),
    walk_in_state as (
      insert into attendance as a (session_id, walk_in_id, present, decided_by_mark_id, decided_by_client_id,
        marked_at)
      select session_id, walk_in_id, action = 'mark', id, client_id, marked_at
      from latest where walk_in_id is not null
      order by session_id, walk_in_id
      on conflict (session_id, walk_in_id) where walk_in_id is not null do update set
        present = excluded.present, decided_by_mark_id = excluded.decided_by_mark_id,
        decided_by_client_id = excluded.decided_by_client_id,
        marked_at = excluded.marked_at, updated_at = clock_timestamp()
      where (excluded.marked_at, excluded.decided_by_client_id) > (a.marked_at, a.decided_by_client_id)
      returning 1
    )
    select
      (select count(*)::int from inserted) as accepted,
      (select count(*)::int from checked where problem is null) as valid,
      coalesce((select json_agg(json_build_object('clientId', client_id, 'reason', problem))
        from checked where problem is not null), '[]'::json) as rejected
  `.execute(db);
  const row = result.rows[0]!;
  return { accepted: row.accepted, duplicates: row.valid - row.accepted, rejected: row.rejected };
}

export type CommitteeCounts = {
  committeeId: number;
  nameEn: string;
  nameHi: string;
  invited: number;
  registered: number;
  present: number;
};

export type SessionCounts = {
  sessionId: number;
  titleEn: string;
  titleHi: string;
  startsAt: Date;
  invited: number;
  registered: number;
  /** Invited people marked present (walk-ins not linked to an invitation are counted apart). */
  present: number;
  walkIns: number;
  committees: CommitteeCounts[];
};

/**
 * Present / registered / invited per session of an event, in total and per committee the people were
 * invited through. The caller has checked that the event is in the reader's scope.
 */
export async function sessionAttendanceCounts(db: Database, eventId: number): Promise<SessionCounts[]> {
  const [sessions, invited, present, walkIns] = await Promise.all([
    db
      .selectFrom("eventSessions")
      .select(["id", "titleEn", "titleHi", "startsAt"])
      .where("eventId", "=", eventId)
      .orderBy("startsAt")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("invitations")
      .innerJoin("committees", "committees.id", "invitations.committeeId")
      .leftJoin("registrations", "registrations.invitationId", "invitations.id")
      .select((eb) => [
        "invitations.committeeId",
        "committees.nameEn",
        "committees.nameHi",
        eb.fn.countAll<number>().as("invited"),
        sql<number>`count(*) filter (where registrations.status = 'registered')`.as("registered"),
      ])
      .where("invitations.eventId", "=", eventId)
      .where("invitations.revokedAt", "is", null)
      .groupBy(["invitations.committeeId", "committees.nameEn", "committees.nameHi"])
      .execute(),
    db
      .selectFrom("attendance")
      .innerJoin("eventSessions", "eventSessions.id", "attendance.sessionId")
      .innerJoin("committees", "committees.id", "attendance.committeeId")
      .select((eb) => [
        "attendance.sessionId",
        "attendance.committeeId",
        "committees.nameEn",
        "committees.nameHi",
        eb.fn.countAll<number>().as("present"),
      ])
      .where("eventSessions.eventId", "=", eventId)
      .where("attendance.present", "=", true)
      .groupBy(["attendance.sessionId", "attendance.committeeId", "committees.nameEn", "committees.nameHi"])
      .execute(),
    db
      .selectFrom("attendance")
      .innerJoin("eventSessions", "eventSessions.id", "attendance.sessionId")
      .select((eb) => ["attendance.sessionId", eb.fn.countAll<number>().as("walkIns")])
      .where("eventSessions.eventId", "=", eventId)
      .where("attendance.present", "=", true)
      .where("attendance.walkInId", "is not", null)
      .groupBy("attendance.sessionId")
      .execute(),
  ]);
  return sessions.map((session) => {
    const committees = new Map<number, CommitteeCounts>(
      invited.map((c) => [
        c.committeeId,
        {
          committeeId: c.committeeId,
          nameEn: c.nameEn,
          nameHi: c.nameHi,
          invited: c.invited,
          registered: c.registered,
          present: 0,
        },
      ]),
    );
    for (const p of present) {
      if (p.sessionId !== session.id || p.committeeId === null) continue;
      const entry = committees.get(p.committeeId) ?? {
        committeeId: p.committeeId,
        nameEn: p.nameEn,
        nameHi: p.nameHi,
        invited: 0,
        registered: 0,
        present: 0,
      };
      entry.present = p.present;
      committees.set(p.committeeId, entry);
    }
    const list = [...committees.values()].sort((a, b) => a.nameEn.localeCompare(b.nameEn));
    const sum = (key: "invited" | "registered" | "present") => list.reduce((n, c) => n + c[key], 0);
    return {
      sessionId: session.id,
      titleEn: session.titleEn,
      titleHi: session.titleHi,
      startsAt: session.startsAt,
      invited: sum("invited"),
      registered: sum("registered"),
      present: sum("present"),
      walkIns: walkIns.find((w) => w.sessionId === session.id)?.walkIns ?? 0,
      committees: list,
    };
  });
}

/** The counts of an event in the organiser's scope (404 outside it). */
export async function eventAttendanceCounts(db: Database, scope: Scope, eventId: number | null) {
  const event = await getEventInScope(db, scope, eventId);
  return sessionAttendanceCounts(db, event.id);
}

/** An appointee a walk-in was linked to or matches: in full inside the organiser's scope, masked outside it. */
export type WalkInAppointee =
  | { id: number; inScope: true; name: string; nameHi: string | null }
  | ({ id: number; inScope: false } & MaskedPerson);

function walkInAppointee(
  id: number | null,
  person: { name: string | null; nameHi: string | null; phone: string | null; inScope: boolean | null },
): WalkInAppointee | null {
  if (id === null || person.name === null) return null;
  if (person.inScope) return { id, inScope: true, name: person.name, nameHi: person.nameHi };
  return { id, inScope: false, ...maskPerson({ name: person.name, phone: person.phone }) };
}

/**
 * The walk-ins of an event (404 outside the scope), each with the appointee it was linked to or the one whose
 * phone matches. The phone is looked up across the whole organisation (a walk-in may come from another
 * district), so a person outside the organiser's scope comes back masked: initials and two digits only.
 */
export async function listWalkIns(db: Database, scope: Scope, eventId: number) {
  await getEventInScope(db, scope, eventId);
  const rows = await db
    .selectFrom("walkIns")
    .innerJoin("eventSessions", "eventSessions.id", "walkIns.sessionId")
    .leftJoin("appointees as verified", "verified.id", "walkIns.verifiedAppointeeId")
    .leftJoin("appointees as match", (join) =>
      join.onRef("match.phone", "=", "walkIns.phone").on("walkIns.verifiedAppointeeId", "is", null),
    )
    .select([
      "walkIns.id",
      "walkIns.name",
      "walkIns.phone",
      "walkIns.createdAt",
      "eventSessions.titleEn as sessionTitleEn",
      "eventSessions.titleHi as sessionTitleHi",
      "verified.id as verifiedId",
      "verified.name as verifiedName",
      "verified.nameHi as verifiedNameHi",
      "verified.phone as verifiedPhone",
      appointeeInScope(scope, "verified.id").as("verifiedInScope"),
      "match.id as matchId",
      "match.name as matchName",
      "match.nameHi as matchNameHi",
      "match.phone as matchPhone",
      appointeeInScope(scope, "match.id").as("matchInScope"),
    ])
    .where("walkIns.eventId", "=", eventId)
    .orderBy("walkIns.createdAt")
    .limit(500)
    .execute();
  // The appointees' own columns stay here: only the shown (or masked) form leaves the model.
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    phone: r.phone,
    createdAt: r.createdAt,
    sessionTitleEn: r.sessionTitleEn,
    sessionTitleHi: r.sessionTitleHi,
    verified: walkInAppointee(r.verifiedId, {
      name: r.verifiedName,
      nameHi: r.verifiedNameHi,
      phone: r.verifiedPhone,
      inScope: r.verifiedInScope,
    }),
    match: walkInAppointee(r.matchId, {
      name: r.matchName,
      nameHi: r.matchNameHi,
      phone: r.matchPhone,
      inScope: r.matchInScope,
    }),
  }));
}

export type VerifyWalkInResult = { ok: true } | { ok: false; error: "tablet.errors.walkInNotFound" };

/**
 * Records that a walk-in was the appointee with the same phone (an organiser checked). That person may be
 * outside the organiser's scope: the answer says only whether it worked, never who they are.
 */
export async function verifyWalkIn(
  db: Database,
  actor: { staffId: number; scope: Scope },
  eventId: number,
  input: { walkInId: string; appointeeId: number },
): Promise<VerifyWalkInResult> {
  return db.transaction().execute(async (trx): Promise<VerifyWalkInResult> => {
    await getEventInScope(trx, actor.scope, eventId);
    const walkIn = await trx
      .updateTable("walkIns")
      .set({
        verifiedAppointeeId: input.appointeeId,
        verifiedByStaffId: actor.staffId,
        verifiedAt: sql`now()`,
      })
      .where("id", "=", input.walkInId)
      .where("eventId", "=", eventId)
      .where("verifiedAppointeeId", "is", null)
      // Only the appointee the page offered: the one with the walk-in's phone.
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("appointees")
            .select(sql.lit(1).as("one"))
            .where("appointees.id", "=", input.appointeeId)
            .whereRef("appointees.phone", "=", "walkIns.phone"),
        ),
      )
      .returning(["id", "name"])
      .executeTakeFirst();
    if (!walkIn) return { ok: false, error: "tablet.errors.walkInNotFound" };
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "tablet.walk_in_verified",
      entityType: "event",
      entityId: eventId,
      details: { walkInId: walkIn.id, appointeeId: input.appointeeId },
    });
    return { ok: true };
  });
}

/**
 * For merging two records of one person (inside the merge's transaction): the duplicate's marks and
 * attendance move to the kept person. Where both were marked at the same session the later decision stands,
 * as if both had been the same person all along; walk-ins verified as the duplicate follow too.
 */
export async function moveAttendance(trx: Tx, fromId: number, toId: number): Promise<void> {
  await sql`
    delete from attendance loser using attendance winner
    where loser.session_id = winner.session_id
      and ((loser.appointee_id = ${fromId} and winner.appointee_id = ${toId})
        or (loser.appointee_id = ${toId} and winner.appointee_id = ${fromId}))
      and (loser.marked_at, loser.decided_by_client_id) < (winner.marked_at, winner.decided_by_client_id)`.execute(
    trx,
  );
  await trx.updateTable("attendance").set({ appointeeId: toId }).where("appointeeId", "=", fromId).execute();
  await trx
    .updateTable("attendanceMarks")
    .set({ appointeeId: toId })
    .where("appointeeId", "=", fromId)
    .execute();
  await trx
    .updateTable("walkIns")
    .set({ verifiedAppointeeId: toId })
    .where("verifiedAppointeeId", "=", fromId)
    .execute();
}
