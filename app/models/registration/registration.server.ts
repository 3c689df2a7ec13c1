// Registrations: the appointee's answer to an invitation, with capacity and an ordered waitlist.
// Every use case that takes, frees or reorders seats first locks the event row (`select … for update`),
// so seat allocation is serialised per event: any number of simultaneous registrations fill exactly the
// free seats, and the rest join the waitlist in the order they got the lock. Waitlist order is
// (waitlisted_at, id); waitlisted_at is clock_timestamp() taken under that lock.
import { sql } from "kysely";
import { queueEmail } from "#app/mail/outbox.server.ts";
import { listAgenda } from "#app/models/events/event-access.server.ts";
import type { Database, Tx } from "#app/platform/db.server.ts";
import { getEnv } from "#app/platform/env.server.ts";
import { type Refusal, type Result, refuse } from "#app/platform/result.ts";
import { recordAudit } from "#app/models/organisation/audit.server.ts";
import { googleCalendarUrl } from "#app/models/calendar/calendar.ts";
import { entryFields, entryFieldsOf } from "#app/models/calendar/entry-fields.ts";
import {
  eventEntry,
  eventEntryColumnsOnEvents,
  eventIcsAttachment,
} from "#app/models/calendar/event-calendar.server.ts";
import { type EventQuestions, parseEventQuestions } from "#app/models/events/event.ts";
import { calendarFeedUrls, invitationUrl } from "./personal-link.server.ts";
import { hashToken, looksLikeToken } from "#app/platform/token.server.ts";
import { hitRateLimit } from "#app/platform/rate-limit.server.ts";
import {
  type Answers,
  type LinkPhase,
  linkActions,
  linkExpired,
  linkPhase,
  parseStoredAnswers,
  promotesWaitlist,
  type RegistrationStatus,
} from "./registration.ts";
import { encodePass, newPassId, passImageUrl, passQrPath } from "./registration-pass.server.ts";

/** Wrong links per client address before it is told to wait: guessing links must stay slow. */
export const LINK_FAILURE_LIMIT = { limit: 30, windowSeconds: 10 * 60 };

// ---- The personal link ----

/** What a valid personal link stands for; the guard of every appointee page and form. */
export type PersonalLink = {
  invitationId: number;
  eventId: number;
  appointeeId: number;
  preferredLanguage: "hi" | "en";
  questions: EventQuestions;
  startsAt: Date;
  endsAt: Date;
  /** Whether a person had opened the link when it was resolved (the page then has no open to record). */
  opened?: boolean;
};

/** A refused link: 404 (the same for every failure) or 429 (too many wrong links from this address). */
type LinkFailure = { status: 404 | 429; retryAfterSeconds: number };
export type LinkRefusal = Refusal<LinkFailure>;

/**
 * The invitation a link token opens, or a refusal that is the same for every kind of failure (malformed,
 * tampered, revoked, another secret, draft or long-past event), so it never tells whether a person or an
 * event exists. Failures count against the client address; past the limit the answer is 429. A valid
 * link always works, even from a busy shared address (mobile networks put many people behind one).
 */
export async function resolvePersonalLink(
  db: Database,
  token: unknown,
  ip: string,
): Promise<Result<{ link: PersonalLink }, LinkFailure>> {
  // The invitation, its event and its person in one query (a page view's first; issue 18).
  const row = looksLikeToken(token)
    ? await db
        .selectFrom("invitations")
        .innerJoin("events", "events.id", "invitations.eventId")
        .innerJoin("appointees", "appointees.id", "invitations.appointeeId")
        .select([
          "invitations.id",
          "invitations.eventId",
          "invitations.appointeeId",
          "invitations.linkOpenedAt",
          "events.status",
          "events.startsAt",
          "events.endsAt",
          "events.registrationOpensAt",
          "events.registrationClosesAt",
          "events.questions",
          "appointees.preferredLanguage",
        ])
        .where("invitations.tokenHash", "=", hashToken(token))
        .where("invitations.revokedAt", "is", null)
        .executeTakeFirst()
    : undefined;
  if (!row || linkExpired(row, new Date())) {
    const limit = await hitRateLimit(db, `personal-link:ip:${ip}`, LINK_FAILURE_LIMIT);
    const failure: LinkFailure = {
      status: limit.allowed ? 404 : 429,
      retryAfterSeconds: limit.retryAfterSeconds,
    };
    return refuse(
      limit.allowed ? "registration.notFound.body" : "registration.notFound.rateLimited",
      undefined,
      failure,
    );
  }
  return {
    ok: true,
    link: {
      invitationId: row.id,
      eventId: row.eventId,
      appointeeId: row.appointeeId,
      opened: row.linkOpenedAt !== null,
      preferredLanguage: row.preferredLanguage,
      questions: parseEventQuestions(row.questions),
      startsAt: row.startsAt,
      endsAt: row.endsAt,
    },
  };
}

/**
 * Everything the link page shows. `recordOpen` notes the first time a person (not a mail scanner) opened
 * the link: a view marker for the organiser, not an action.
 */
export async function getPersonalLinkPage(
  db: Database,
  link: PersonalLink,
  options: { recordOpen: boolean },
) {
  const [event, sessions, person, registration, registeredCount] = await Promise.all([
    db
      .selectFrom("events")
      .select([
        "id",
        "kind",
        "status",
        ...entryFields,
        "registrationOpensAt",
        "registrationClosesAt",
        "capacity",
        "icalUid",
        "icalSequence",
      ])
      .where("id", "=", link.eventId)
      .executeTakeFirstOrThrow(),
    listAgenda(db, link.eventId),
    db
      .selectFrom("invitations")
      .innerJoin("appointees", "appointees.id", "invitations.appointeeId")
      .innerJoin("committees", "committees.id", "invitations.committeeId")
      .leftJoin("designations", "designations.code", "invitations.designation")
      .select([
        "invitations.tokenSealed",
        "appointees.name",
        "appointees.nameHi",
        "appointees.email",
        "committees.nameEn as committeeEn",
        "committees.nameHi as committeeHi",
        "invitations.designation",
        "designations.nameEn as designationEn",
        "designations.nameHi as designationHi",
      ])
      .where("invitations.id", "=", link.invitationId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("registrations")
      .select(["id", "status", "answers", "passId"])
      .where("invitationId", "=", link.invitationId)
      .executeTakeFirst(),
    countRegistered(db, link.eventId),
    // Beside the reads, which do not look at it; nothing to do once the link is known to be opened.
    options.recordOpen && !link.opened
      ? db
          .updateTable("invitations")
          .set({ linkOpenedAt: sql`now()` })
          .where("id", "=", link.invitationId)
          .where("linkOpenedAt", "is", null)
          .execute()
      : null,
  ]);
  const status = registration?.status ?? null;
  const phase = linkPhase(event, new Date());
  const position = registration?.status === "waitlisted" ? await waitlistPosition(db, registration.id) : null;
  let pass: { code: string; qr: { size: number; d: string } } | null = null;
  let calendar: { feed: string; webcal: string; google: { hi: string; en: string } } | null = null;
  if (registration?.status === "registered") {
    const code = encodePass(registration.passId);
    pass = { code, qr: passQrPath(code) };
    const publicUrl = getEnv().PUBLIC_URL;
    const feed = await calendarFeedUrls(db, publicUrl, link.appointeeId);
    const entry = eventEntry(event, invitationUrl(publicUrl, person));
    calendar = {
      feed: feed.https,
      webcal: feed.webcal,
      google: { hi: googleCalendarUrl(entry, "hi"), en: googleCalendarUrl(entry, "en") },
    };
  }
  return {
    event: {
      kind: event.kind,
      status: event.status,
      ...entryFieldsOf(event),
      registrationOpensAt: event.registrationOpensAt,
      registrationClosesAt: event.registrationClosesAt,
    },
    sessions,
    person: {
      name: person.name,
      nameHi: person.nameHi,
      hasEmail: person.email !== null,
      committeeEn: person.committeeEn,
      committeeHi: person.committeeHi,
      designationEn: person.designationEn ?? person.designation,
      designationHi: person.designationHi ?? person.designation,
    },
    questions: link.questions,
    registration: registration
      ? { status: registration.status, answers: parseStoredAnswers(registration.answers), position }
      : null,
    phase,
    actions: linkActions(phase, status),
    full: registeredCount >= event.capacity,
    pass,
    calendar,
  };
}

// ---- The appointee's answers ----

export type RegistrationResult = Result<{ status: RegistrationStatus; position: number | null }>;

const phaseErrors: Record<Exclude<LinkPhase, "open">, string> = {
  notYetOpen: "registration.errors.notYetOpen",
  closed: "registration.errors.closed",
  started: "registration.errors.started",
  over: "registration.errors.over",
  cancelled: "registration.errors.eventCancelled",
};

/** Runs a person's action on their link in a transaction: the event locked, their registration, the phase now. */
function inLinkTransaction<T>(
  db: Database,
  link: PersonalLink,
  work: (
    trx: Tx,
    state: {
      event: Awaited<ReturnType<typeof lockEvent>>;
      current: Awaited<ReturnType<typeof currentRegistration>>;
      phase: LinkPhase;
    },
  ) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const event = await lockEvent(trx, link.eventId);
    const current = await currentRegistration(trx, link.invitationId);
    const phase = linkPhase(event, new Date());
    return work(trx, { event, current, phase });
  });
}

/** Saves new answers; the registration keeps its status (and a waitlisted one its place). */
async function keepWithAnswers(
  trx: Tx,
  current: { id: number; status: RegistrationStatus },
  answers: Answers,
): Promise<RegistrationResult> {
  await saveAnswers(trx, current.id, answers);
  return { ok: true, status: current.status, position: await waitlistPosition(trx, current.id) };
}

/** The audit entry of what a person did on their own link (no staff actor). */
async function auditByLink(
  trx: Tx,
  action: string,
  registrationId: number,
  eventId: number,
  link: PersonalLink,
) {
  await recordAudit(trx, {
    actorStaffId: null,
    action,
    entityType: "registration",
    entityId: registrationId,
    details: { eventId, invitationId: link.invitationId },
  });
}

/** Why an action is refused: the event's phase, or (phase fine) the registration changed meanwhile. */
function refusal(phase: LinkPhase): Refusal {
  return refuse(phase === "open" ? "registration.errors.stateChanged" : phaseErrors[phase]);
}

/**
 * Registers the person: a seat if one is free, else the end of the waitlist. Pressing Register again
 * (a double click, a second tab) keeps their place and only saves the answers.
 */
export async function registerByLink(
  db: Database,
  link: PersonalLink,
  answers: Answers,
): Promise<RegistrationResult> {
  return inLinkTransaction(db, link, async (trx, { event, current, phase }) => {
    if (current && (current.status === "registered" || current.status === "waitlisted")) {
      if (!linkActions(phase, current.status).change) return refusal(phase);
      return keepWithAnswers(trx, current, answers);
    }
    if (!linkActions(phase, current?.status ?? null).register) return refusal(phase);
    const seat = (await countRegistered(trx, event.id)) < event.capacity;
    const registration = await upsertRegistration(trx, link, seat ? "registered" : "waitlisted", answers);
    if (seat) await queueSeatEmail(trx, registration.id, "registration-confirmed", registration.stamp);
    await auditByLink(
      trx,
      seat ? "registration.registered" : "registration.waitlisted",
      registration.id,
      event.id,
      link,
    );
    return {
      ok: true,
      status: seat ? "registered" : "waitlisted",
      position: seat ? null : await waitlistPosition(trx, registration.id),
    };
  });
}

/** Records that the person will not come (before they registered). */
export async function declineByLink(db: Database, link: PersonalLink): Promise<RegistrationResult> {
  return inLinkTransaction(db, link, async (trx, { event, current, phase }) => {
    if (current?.status === "declined") return { ok: true, status: "declined", position: null };
    if (!linkActions(phase, current?.status ?? null).decline) return refusal(phase);
    const registration = await upsertRegistration(trx, link, "declined", {});
    await auditByLink(trx, "registration.declined", registration.id, event.id, link);
    return { ok: true, status: "declined", position: null };
  });
}

/** Saves new answers of a registered or waitlisted person; their seat or place stays. */
export async function changeAnswersByLink(
  db: Database,
  link: PersonalLink,
  answers: Answers,
): Promise<RegistrationResult> {
  return inLinkTransaction(db, link, async (trx, { current, phase }) => {
    if (!current || !linkActions(phase, current.status).change) return refusal(phase);
    return keepWithAnswers(trx, current, answers);
  });
}

/** Cancels a seat or a waitlist place; a freed seat goes to the first person waiting. */
export async function cancelByLink(db: Database, link: PersonalLink): Promise<RegistrationResult> {
  return inLinkTransaction(db, link, async (trx, { current, phase }) => {
    if (current?.status === "cancelled") return { ok: true, status: "cancelled", position: null };
    if (!current || !linkActions(phase, current.status).cancel) return refusal(phase);
    await cancelRegistration(trx, current, { actorStaffId: null });
    return { ok: true, status: "cancelled", position: null };
  });
}

// ---- Seats, shared with the organiser's use cases ----

/** Locks the event row for this transaction: the one lock every seat change takes first. */
async function lockEvent(db: Tx, eventId: number) {
  return db
    .selectFrom("events")
    .select(["id", "status", "capacity", "startsAt", "endsAt", "registrationOpensAt", "registrationClosesAt"])
    .where("id", "=", eventId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function countRegistered(db: Database, eventId: number): Promise<number> {
  const row = await db
    .selectFrom("registrations")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("eventId", "=", eventId)
    .where("status", "=", "registered")
    .executeTakeFirstOrThrow();
  return row.n;
}

/** 1 for the first person waiting; null unless waitlisted. */
export async function waitlistPosition(db: Database, registrationId: number): Promise<number | null> {
  const row = await sql<{ position: number }>`
    select count(*)::int as position
      from registrations r
      join registrations w on w.event_id = r.event_id and w.status = 'waitlisted'
       and (w.waitlisted_at, w.id) <= (r.waitlisted_at, r.id)
     where r.id = ${registrationId} and r.status = 'waitlisted'`.execute(db);
  const position = row.rows[0]?.position ?? 0;
  return position > 0 ? position : null;
}

/** The person's registration, locked for the seat transaction it is read in. */
export async function currentRegistration(db: Tx, invitationId: number) {
  const row = await db
    .selectFrom("registrations")
    .select(["id", "eventId", "invitationId", "status"])
    .where("invitationId", "=", invitationId)
    .forUpdate()
    .executeTakeFirst();
  return row ?? null;
}

// As text, then jsonb: a parameter typed jsonb would be JSON-encoded a second time by the driver.
const jsonb = (value: Answers) => sql<Answers>`${JSON.stringify(value)}::text::jsonb`;

// Microseconds of a timestamp column: exact in a JS number (below 2^53 until the year 2255).
const micros = (column: string) => sql<number>`(extract(epoch from ${sql.ref(column)}) * 1000000)::bigint`;

/**
 * Creates or overwrites the person's registration with a new status. A new row gets its pass id; an old
 * one keeps it (a printed pass stays valid). The stamp (updated_at in microseconds) keys the emails.
 */
export async function upsertRegistration(
  db: Tx,
  link: Pick<PersonalLink, "invitationId" | "eventId" | "appointeeId">,
  status: RegistrationStatus,
  answers: Answers | null,
) {
  const now = sql<Date>`clock_timestamp()`;
  const values = {
    status,
    registeredAt: status === "registered" ? now : null,
    waitlistedAt: status === "waitlisted" ? now : null,
    updatedAt: now,
  };
  return db
    .insertInto("registrations")
    .values({
      invitationId: link.invitationId,
      eventId: link.eventId,
      appointeeId: link.appointeeId,
      answers: jsonb(answers ?? {}),
      passId: newPassId(),
      ...values,
    })
    .onConflict((oc) =>
      oc.column("invitationId").doUpdateSet({
        ...values,
        ...(answers ? { answers: jsonb(answers) } : {}),
      }),
    )
    .returning(["id", micros("updated_at").as("stamp")])
    .executeTakeFirstOrThrow();
}

async function saveAnswers(db: Tx, registrationId: number, answers: Answers) {
  await db
    .updateTable("registrations")
    .set({ answers: jsonb(answers), updatedAt: sql`clock_timestamp()` })
    .where("id", "=", registrationId)
    .execute();
}

/**
 * Cancels a seat or a waitlist place inside a seat transaction (the event is locked). A registered person
 * gets the calendar cancellation and their seat goes to the waitlist.
 */
export async function cancelRegistration(
  db: Tx,
  registration: { id: number; eventId: number; status: RegistrationStatus },
  actor: { actorStaffId: number | null; revoked?: boolean },
) {
  const row = await db
    .updateTable("registrations")
    .set({ status: "cancelled", updatedAt: sql`clock_timestamp()` })
    .where("id", "=", registration.id)
    .returning([micros("updated_at").as("stamp")])
    .executeTakeFirstOrThrow();
  await recordAudit(db, {
    actorStaffId: actor.actorStaffId,
    action: "registration.cancelled",
    entityType: "registration",
    entityId: registration.id,
    details: { eventId: registration.eventId, from: registration.status },
  });
  if (registration.status !== "registered") return;
  await queueCancelEmail(db, registration.id, row.stamp, {
    byOrganiser: actor.actorStaffId !== null,
    waitlistPosition: null,
    revoked: actor.revoked ?? false,
  });
  await promoteFromWaitlist(db, registration.eventId);
}

/**
 * Inside a transaction that freed seats or raised capacity: moves waitlisted people into free seats in
 * waitlist order and queues their emails. Returns how many were promoted. Until the event starts only.
 */
export async function promoteFromWaitlist(db: Tx, eventId: number): Promise<number> {
  const event = await lockEvent(db, eventId);
  if (!promotesWaitlist(event, new Date())) return 0;
  const free = event.capacity - (await countRegistered(db, eventId));
  if (free <= 0) return 0;
  const now = sql<Date>`clock_timestamp()`;
  const promoted = await db
    .updateTable("registrations")
    .set({ status: "registered", registeredAt: now, updatedAt: now })
    .where("id", "in", (eb) =>
      eb
        .selectFrom("registrations")
        .select("id")
        .where("eventId", "=", eventId)
        .where("status", "=", "waitlisted")
        .orderBy("waitlistedAt")
        .orderBy("id")
        .limit(free),
    )
    .returning(["id", micros("updated_at").as("stamp")])
    .execute();
  for (const registration of promoted) {
    await queueSeatEmail(db, registration.id, "waitlist-promoted", registration.stamp);
    await recordAudit(db, {
      actorStaffId: null,
      action: "registration.promoted",
      entityType: "registration",
      entityId: registration.id,
      details: { eventId },
    });
  }
  return promoted.length;
}

// ---- Emails ----

/** The person, event and link an email about one registration needs. */
async function emailContext(db: Database, registrationId: number) {
  const row = await db
    .selectFrom("registrations")
    .innerJoin("invitations", "invitations.id", "registrations.invitationId")
    .innerJoin("appointees", "appointees.id", "registrations.appointeeId")
    .innerJoin("events", "events.id", "registrations.eventId")
    .select([
      "registrations.eventId",
      "registrations.appointeeId",
      "invitations.id as invitationId",
      "invitations.tokenSealed",
      "registrations.passId",
      "appointees.name",
      "appointees.nameHi",
      "appointees.email",
      "appointees.preferredLanguage as locale",
      ...eventEntryColumnsOnEvents,
    ])
    .where("registrations.id", "=", registrationId)
    .executeTakeFirstOrThrow();
  const url = invitationUrl(getEnv().PUBLIC_URL, row);
  const attendee = (email: string) => ({
    name: row.locale === "hi" && row.nameHi ? row.nameHi : row.name,
    email,
    locale: row.locale,
  });
  const event = {
    titleEn: row.titleEn,
    titleHi: row.titleHi,
    startsAt: new Date(row.startsAt).toISOString(),
    endsAt: new Date(row.endsAt).toISOString(),
    venueName: row.venueName,
    venueAddress: row.venueAddress,
    venueMapUrl: row.venueMapUrl,
  };
  return { row, url, attendee, event };
}

/**
 * The confirmation of a seat, with the calendar invite, the calendar links and the pass. People without
 * an email address get no mail; their page shows the same (the calendar feed is made for them too).
 */
export async function queueSeatEmail(
  db: Tx,
  registrationId: number,
  template: "registration-confirmed" | "waitlist-promoted",
  stamp: number,
) {
  const { row, url, attendee, event } = await emailContext(db, registrationId);
  const feed = await calendarFeedUrls(db, getEnv().PUBLIC_URL, row.appointeeId);
  if (!row.email) return;
  const entry = eventEntry(row, url);
  await queueEmail(db, {
    to: row.email,
    locale: row.locale,
    template,
    props: {
      name: row.name,
      nameHi: row.nameHi,
      event,
      url,
      passImageUrl: passImageUrl(getEnv().PUBLIC_URL, row.passId),
      googleCalendarUrls: { hi: googleCalendarUrl(entry, "hi"), en: googleCalendarUrl(entry, "en") },
      feedUrl: feed.https,
      webcalUrl: feed.webcal,
    },
    idempotencyKey: `${template}:${registrationId}:${stamp}`,
    attachment: await eventIcsAttachment(db, row.eventId, attendee(row.email), "REQUEST", { url }),
  });
}

/** Tells a person their seat is gone (cancelled, or moved to the waitlist) and removes the calendar entry. */
export async function queueCancelEmail(
  db: Tx,
  registrationId: number,
  stamp: number,
  reason: { byOrganiser: boolean; waitlistPosition: number | null; revoked?: boolean },
) {
  const { row, url, attendee, event } = await emailContext(db, registrationId);
  if (!row.email) return;
  await queueEmail(db, {
    to: row.email,
    locale: row.locale,
    template: "registration-cancelled",
    props: {
      name: row.name,
      nameHi: row.nameHi,
      event,
      url,
      byOrganiser: reason.byOrganiser,
      waitlistPosition: reason.waitlistPosition,
      revoked: reason.revoked ?? false,
    },
    idempotencyKey: `registration-cancelled:${registrationId}:${stamp}`,
    // A withdrawn invitation's link is dead: the calendar entry does not point to it either.
    attachment: await eventIcsAttachment(
      db,
      row.eventId,
      attendee(row.email),
      "CANCEL",
      reason.revoked ? {} : { url },
    ),
  });
}
