// The organiser's side of registrations: who answered what, counts against capacity, the waitlist in
// order, registering/moving/cancelling a person by hand, and the CSV export. Seat changes take the same
// event lock as the appointee's (via getEventInScope(…, lock)), so both sides allocate seats together.
import { sql } from "kysely";
import { DateTime } from "luxon";
import type { CsvCell } from "#app/models/imports/csv.ts";
import { csvStream } from "#app/models/imports/csv-stream.server.ts";
import { IST } from "#app/i18n/datetime.ts";
import type { Database, Tx } from "#app/platform/db.server.ts";
import { type Result, refuse } from "#app/platform/result.ts";
import { recordAudit } from "#app/models/organisation/audit.server.ts";
import { getEventInScope } from "#app/models/events/event-access.server.ts";
import {
  type AnswerStatus,
  type OrganiserAction,
  parseStoredAnswers,
  REGISTRATIONS_PAGE_SIZE,
  type RegistrationFilter,
  reorderWaitlist,
} from "./registration.ts";
import {
  cancelRegistration,
  countRegistered,
  currentRegistration,
  queueCancelEmail,
  queueSeatEmail,
  upsertRegistration,
  waitlistPosition,
} from "./registration.server.ts";
import type { Scope } from "#app/models/organisation/scope.server.ts";

/** How many waitlisted people the page lists in order (the filtered list shows all of them). */
export const WAITLIST_PREVIEW = 20;

const statusOf = sql<AnswerStatus>`coalesce(r.status, 'invited')`;

/**
 * The event's invitations (withdrawn ones left out) with their registration and waitlist position, as a
 * query the list, the counts and the export share. Filters apply to the invitation, its committee, the
 * status and the stored answers.
 */
function invitees(db: Database, eventId: number, filter: Omit<RegistrationFilter, "page">) {
  let query = db
    .selectFrom("invitations as i")
    .innerJoin("appointees as a", "a.id", "i.appointeeId")
    .innerJoin("committees as c", "c.id", "i.committeeId")
    .innerJoin("units as u", "u.id", "c.unitId")
    .leftJoin("registrations as r", "r.invitationId", "i.id")
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("registrations")
          .select(["id", sql<number>`row_number() over (order by waitlisted_at, id)::int`.as("position")])
          .where("eventId", "=", eventId)
          .where("status", "=", "waitlisted")
          .as("w"),
      (join) => join.onRef("w.id", "=", "r.id"),
    )
    .where("i.eventId", "=", eventId)
    .where("i.revokedAt", "is", null);
  if (filter.status === "invited") query = query.where("r.id", "is", null);
  else if (filter.status) query = query.where("r.status", "=", filter.status);
  if (filter.committee) query = query.where("i.committeeId", "=", filter.committee);
  if (filter.travelMode) query = query.where(sql`r.answers->>'travelMode'`, "=", filter.travelMode);
  if (filter.needsStay)
    query = query.where(sql`r.answers->>'needsStay'`, "=", filter.needsStay === "yes" ? "true" : "false");
  if (filter.foodPreference)
    query = query.where(sql`r.answers->>'foodPreference'`, "=", filter.foodPreference);
  return query;
}

const rowColumns = [
  "i.id as invitationId",
  "a.name",
  "a.nameHi",
  "a.phone",
  "a.email",
  "c.id as committeeId",
  "c.nameEn as committeeEn",
  "c.nameHi as committeeHi",
  "u.code as unitCode",
  "i.designation",
  "i.linkOpenedAt",
  "r.answers",
  "r.registeredAt",
  "r.waitlistedAt",
  "w.position",
] as const;

/** The organiser's registrations page: counts, committees to filter by, one page of people, the waitlist. */
export async function getRegistrationsPage(
  db: Database,
  scope: Scope,
  eventId: number | null,
  filter: RegistrationFilter,
) {
  const event = await getEventInScope(db, scope, eventId);
  const { page, ...filters } = filter;
  const order = sql`case coalesce(r.status, 'invited') when 'registered' then 0 when 'waitlisted' then 1 when 'invited' then 2 when 'declined' then 3 else 4 end`;
  const [counts, committees, rows, total, waitlist] = await Promise.all([
    invitees(db, event.id, {})
      .select([statusOf.as("status"), sql<number>`count(*)::int`.as("n")])
      .groupBy(statusOf)
      .execute(),
    db
      .selectFrom("invitations as i")
      .innerJoin("committees as c", "c.id", "i.committeeId")
      .select(["c.id", "c.nameEn", "c.nameHi"])
      .distinct()
      .where("i.eventId", "=", event.id)
      .orderBy("c.nameEn")
      .execute(),
    invitees(db, event.id, filters)
      .select([...rowColumns, statusOf.as("status")])
      .orderBy(order)
      .orderBy("w.position")
      .orderBy("a.name")
      .orderBy("i.id")
      .limit(REGISTRATIONS_PAGE_SIZE + 1)
      .offset((page - 1) * REGISTRATIONS_PAGE_SIZE)
      .execute(),
    invitees(db, event.id, filters).select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
    invitees(db, event.id, { status: "waitlisted" })
      .select(["i.id as invitationId", "a.name", "a.nameHi", "w.position"])
      .orderBy("w.position")
      .limit(WAITLIST_PREVIEW)
      .execute(),
  ]);
  const count = (status: AnswerStatus) => counts.find((c) => c.status === status)?.n ?? 0;
  return {
    event: {
      id: event.id,
      titleEn: event.titleEn,
      titleHi: event.titleHi,
      status: event.status,
      capacity: event.capacity,
      startsAt: event.startsAt,
    },
    counts: {
      invited: count("invited"),
      registered: count("registered"),
      waitlisted: count("waitlisted"),
      declined: count("declined"),
      cancelled: count("cancelled"),
      total: counts.reduce((sum, c) => sum + c.n, 0),
    },
    committees,
    rows: rows
      .slice(0, REGISTRATIONS_PAGE_SIZE)
      .map((row) => ({ ...row, answers: parseStoredAnswers(row.answers) })),
    hasMore: rows.length > REGISTRATIONS_PAGE_SIZE,
    matching: total.n,
    waitlist,
  };
}

export type OrganiserActor = { staffId: number; scope: Scope };
export type OrganiserResult = Result<{
  done: "register" | "registerOver" | "waitlist" | "position" | "cancel";
  registered: number;
  capacity: number;
}>;

const fail = (key: string): OrganiserResult => refuse(`registration.organiser.errors.${key}`);

/**
 * An organiser registers, moves or cancels one invited person. Registering by hand may go over capacity
 * (the organiser decides; the page shows it), so a swap is "register B, then move A to the waitlist".
 * Moving someone to the waitlist is only allowed over capacity: with a free seat they would get it back.
 */
export async function actOnRegistration(
  db: Database,
  actor: OrganiserActor,
  eventId: number,
  action: OrganiserAction,
): Promise<OrganiserResult> {
  return db.transaction().execute(async (trx) => {
    const event = await getEventInScope(trx, actor.scope, eventId, true);
    if (event.status !== "published" || Date.now() >= new Date(event.endsAt).getTime())
      return fail("eventClosed");
    const invitation = await trx
      .selectFrom("invitations")
      .select(["id", "eventId", "appointeeId", "revokedAt"])
      .where("id", "=", action.invitationId)
      .where("eventId", "=", event.id)
      .executeTakeFirst();
    if (!invitation) return fail("unknownPerson");
    const current = await currentRegistration(trx, invitation.id);
    const audit = (action: string, registrationId: number, details: Record<string, unknown> = {}) =>
      recordAudit(trx, {
        actorStaffId: actor.staffId,
        action,
        entityType: "registration",
        entityId: registrationId,
        details: { eventId: event.id, invitationId: invitation.id, ...details },
      });
    const done = async (
      result: "register" | "registerOver" | "waitlist" | "position" | "cancel",
    ): Promise<OrganiserResult> => ({
      ok: true,
      done: result,
      registered: await countRegistered(trx, event.id),
      capacity: event.capacity,
    });

    switch (action.intent) {
      case "register": {
        if (invitation.revokedAt) return fail("revoked");
        if (current?.status === "registered") return fail("alreadyRegistered");
        const link = { invitationId: invitation.id, eventId: event.id, appointeeId: invitation.appointeeId };
        const registration = await upsertRegistration(trx, link, "registered", null);
        const template = current?.status === "waitlisted" ? "waitlist-promoted" : "registration-confirmed";
        await queueSeatEmail(trx, registration.id, template, registration.stamp);
        await audit("registration.registered_by_organiser", registration.id, {
          from: current?.status ?? null,
        });
        const registered = await countRegistered(trx, event.id);
        return done(registered > event.capacity ? "registerOver" : "register");
      }
      case "waitlist": {
        if (current?.status !== "registered") return fail("notRegistered");
        if ((await countRegistered(trx, event.id)) <= event.capacity) return fail("notOverCapacity");
        const moved = await trx
          .updateTable("registrations")
          .set({
            status: "waitlisted",
            waitlistedAt: sql`clock_timestamp()`,
            updatedAt: sql`clock_timestamp()`,
          })
          .where("id", "=", current.id)
          .returning(sql<number>`(extract(epoch from updated_at) * 1000000)::bigint`.as("stamp"))
          .executeTakeFirstOrThrow();
        await moveInWaitlist(trx, event.id, current.id, action.position);
        const position = await waitlistPosition(trx, current.id);
        await queueCancelEmail(trx, current.id, moved.stamp, {
          byOrganiser: true,
          waitlistPosition: position,
        });
        await audit("registration.moved_to_waitlist", current.id, { position });
        return done("waitlist");
      }
      case "position": {
        if (current?.status !== "waitlisted") return fail("notWaitlisted");
        await moveInWaitlist(trx, event.id, current.id, action.position);
        await audit("registration.waitlist_moved", current.id, {
          position: await waitlistPosition(trx, current.id),
        });
        return done("position");
      }
      case "cancel": {
        if (current?.status !== "registered" && current?.status !== "waitlisted") return fail("notHolding");
        await cancelRegistration(trx, current, { actorStaffId: actor.staffId });
        return done("cancel");
      }
    }
  });
}

/** Puts a waitlisted registration at `position`, rewriting only the order keys that must change. */
async function moveInWaitlist(db: Tx, eventId: number, registrationId: number, position: number) {
  const waitlist = await db
    .selectFrom("registrations")
    .select(["id", sql<number>`(extract(epoch from waitlisted_at) * 1000000)::bigint`.as("key")])
    .where("eventId", "=", eventId)
    .where("status", "=", "waitlisted")
    .orderBy("waitlistedAt")
    .orderBy("id")
    .execute();
  const changes = reorderWaitlist(waitlist, registrationId, position);
  if (changes.length === 0) return;
  // Microseconds as whole numbers, sent as text lists and split in the database: exact, one statement.
  await sql`
    update registrations r
       set waitlisted_at = timestamptz 'epoch' + v.key * interval '1 microsecond', updated_at = clock_timestamp()
      from (select unnest(string_to_array(${changes.map((c) => c.id).join(",")}, ',')::bigint[]) as id,
                   unnest(string_to_array(${changes.map((c) => c.key).join(",")}, ',')::bigint[]) as key) v
     where r.id = v.id`.execute(db);
}

// ---- CSV ----

export const registrationCsvColumns = [
  "name",
  "name_hi",
  "phone",
  "email",
  "committee",
  "unit_code",
  "designation",
  "status",
  "waitlist_position",
  "registered_at",
  "travel_mode",
  "arrival_time",
  "needs_stay",
  "food_preference",
  "link_opened_at",
] as const;

const CSV_PAGE_SIZE = 2000;
const ist = (value: Date | string | null) =>
  value ? DateTime.fromJSDate(new Date(value), { zone: IST }).toFormat("yyyy-LL-dd HH:mm") : null;

/** "shivir-registrations-12-2026-11-26.csv": the event id and the day in IST. */
export function registrationsCsvFilename(eventId: number, now: Date = new Date()): string {
  return `shivir-registrations-${eventId}-${DateTime.fromJSDate(now, { zone: IST }).toISODate()}.csv`;
}

/**
 * The filtered list as CSV (UTF-8 with BOM, CRLF, formula-looking cells neutralised), streamed in keyset
 * pages over invitation ids. Scope is checked before the first byte.
 */
export async function streamRegistrationsCsv(
  db: Database,
  scope: Scope,
  eventId: number | null,
  filter: RegistrationFilter,
  signal?: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
  const event = await getEventInScope(db, scope, eventId);
  const { page: _page, ...filters } = filter;
  return csvStream({
    header: registrationCsvColumns,
    fetchPage: (afterId, limit) =>
      invitees(db, event.id, filters)
        .select([...rowColumns, statusOf.as("status")])
        .where("i.id", ">", afterId)
        .orderBy("i.id")
        .limit(limit)
        .execute(),
    keyOf: (row) => row.invitationId,
    toCells: csvCells,
    pageSize: CSV_PAGE_SIZE,
    signal,
  });
}

function csvCells(row: {
  name: string;
  nameHi: string | null;
  phone: string | null;
  email: string | null;
  unitCode: string;
  committeeEn: string;
  designation: string;
  status: AnswerStatus;
  position: number | null;
  registeredAt: Date | null;
  answers: unknown;
  linkOpenedAt: Date | null;
}): CsvCell[] {
  const answers = parseStoredAnswers(row.answers);
  return [
    row.name,
    row.nameHi,
    row.phone,
    row.email,
    row.committeeEn,
    row.unitCode,
    row.designation,
    row.status,
    row.position,
    row.status === "registered" ? ist(row.registeredAt) : null,
    answers.travelMode ?? null,
    answers.arrivalTime ? ist(answers.arrivalTime) : null,
    answers.needsStay === undefined ? null : answers.needsStay ? "yes" : "no",
    answers.foodPreference ?? null,
    ist(row.linkOpenedAt),
  ];
}
