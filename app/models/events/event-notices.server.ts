// What registrants and invitees are told when a published event changes or is cancelled, and the reminder
// before it starts. Every message goes through the outbox inside the caller's transaction, with an
// idempotency key made from the rows, so a retried use case or job never sends twice.
import { sql } from "kysely";
import { z } from "zod";
import { addJob } from "#app/platform/jobs.server.ts";
import { type QueueEmailInput, queueEmails } from "#app/mail/outbox.server.ts";
import type { Database, Tx } from "#app/platform/db.server.ts";
import { type Result, refuse } from "#app/platform/result.ts";
import { getEnv } from "#app/platform/env.server.ts";
import type { EventFacts } from "#emails/_components/event-time.ts";
import { recordAudit } from "#app/models/organisation/audit.server.ts";
import { getEventInScope } from "./event-access.server.ts";
import {
  calendarOrganizer,
  eventEntry,
  eventEntryColumns,
  icsAttachment,
} from "#app/models/calendar/event-calendar.server.ts";
import { liveInvitationUrl } from "#app/models/registration/personal-link.server.ts";
import type { Scope } from "#app/models/organisation/scope.server.ts";

/** What changed in a published event; `before` holds the old values for the "what changed" email. */
export type EventChange = {
  time: boolean;
  venue: boolean;
  before: { startsAt: Date; endsAt: Date; venueName: string; venueAddress: string };
};

async function loadEvent(db: Database, eventId: number) {
  return db
    .selectFrom("events")
    .select([...eventEntryColumns, "id", "reminderHours"])
    .where("id", "=", eventId)
    .executeTakeFirst();
}

type NoticeEvent = NonNullable<Awaited<ReturnType<typeof loadEvent>>>;

function eventFacts(event: NoticeEvent): EventFacts {
  return {
    titleEn: event.titleEn,
    titleHi: event.titleHi,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    venueName: event.venueName,
    venueAddress: event.venueAddress,
    venueMapUrl: event.venueMapUrl,
  };
}

/**
 * The people an event notice may reach: everyone invited, with their answer (null: none yet) and email.
 * `registered` people have the event in their calendar; the others only ever got the invitation.
 */
async function listAudience(db: Database, eventId: number, only: "registered" | "cancellation") {
  let query = db
    .selectFrom("invitations")
    .innerJoin("appointees", "appointees.id", "invitations.appointeeId")
    .leftJoin("registrations", "registrations.invitationId", "invitations.id")
    .select([
      "invitations.id as invitationId",
      "invitations.tokenSealed",
      "invitations.revokedAt",
      "registrations.id as registrationId",
      "registrations.status",
      "appointees.name",
      "appointees.nameHi",
      "appointees.email",
      "appointees.preferredLanguage as locale",
    ])
    .where("invitations.eventId", "=", eventId)
    .orderBy("invitations.id");
  query =
    only === "registered"
      ? query.where("registrations.status", "=", "registered")
      : // Registrants, and invitees who have not answered or wait for a place; not those who declined or
        // cancelled (they are no longer coming) nor those whose invitation was withdrawn.
        query.where((eb) =>
          eb.or([
            eb("registrations.status", "=", "registered"),
            eb.and([
              eb("invitations.revokedAt", "is", null),
              eb.or([eb("registrations.status", "is", null), eb("registrations.status", "=", "waitlisted")]),
            ]),
          ]),
        );
  return query.execute();
}

type Person = Awaited<ReturnType<typeof listAudience>>[number];

function personalize(person: Person, publicUrl: string) {
  const locale = person.locale;
  return {
    locale,
    name: locale === "hi" && person.nameHi ? person.nameHi : person.name,
    // A withdrawn link opens nothing: leave it out rather than send a dead link.
    url: liveInvitationUrl(publicUrl, person),
  };
}

/**
 * Called inside the transaction that changed the event, after ical_sequence was raised: queues the updated
 * invite (METHOD:REQUEST, new SEQUENCE) and a short "what changed" email to every registrant with an
 * email address, and moves the reminder when the time changed. Returns how many emails were queued.
 */
export async function queueEventChangeNotices(db: Tx, eventId: number, change: EventChange): Promise<number> {
  const event = await loadEvent(db, eventId);
  // Only a published event has registrants with the event in their calendars.
  if (event?.status !== "published") return 0;
  const { PUBLIC_URL } = getEnv();
  const organizer = calendarOrganizer();
  const before = {
    startsAt: change.before.startsAt.toISOString(),
    endsAt: change.before.endsAt.toISOString(),
    venueName: change.before.venueName,
    venueAddress: change.before.venueAddress,
  };
  const messages: QueueEmailInput[] = [];
  for (const person of await listAudience(db, eventId, "registered")) {
    if (!person.email) continue;
    const { locale, name, url } = personalize(person, PUBLIC_URL);
    messages.push({
      to: person.email,
      locale,
      template: "event-updated",
      props: {
        name,
        event: eventFacts(event),
        before,
        changed: { time: change.time, venue: change.venue },
        invitationUrl: url,
      },
      idempotencyKey: `event-updated:${eventId}:${event.icalSequence}:${person.registrationId}`,
      attachment: icsAttachment(
        eventEntry(event, url ?? undefined),
        { name, email: person.email, locale },
        "REQUEST",
        organizer,
      ),
    });
  }
  await queueEmails(db, messages);
  if (change.time) await scheduleReminders(db, eventId);
  return messages.length;
}

const reminderJobKey = (eventId: number) => `event-reminders:${eventId}`;

/**
 * (Re)schedules the reminder job of a published event at starts_at − reminder_hours; removes it when the
 * event is not published, has no reminder, or the reminder time has passed. Adding a job under the same
 * key replaces its run time and payload, so a rescheduled event moves its reminder.
 */
export async function scheduleReminders(db: Tx, eventId: number): Promise<void> {
  const event = await db
    .selectFrom("events")
    .select(["status", "startsAt", "reminderHours"])
    .where("id", "=", eventId)
    .executeTakeFirst();
  const runAt =
    event?.status === "published" && event.reminderHours !== null
      ? new Date(event.startsAt.getTime() - event.reminderHours * 3_600_000)
      : null;
  if (event && runAt && runAt.getTime() > Date.now()) {
    await addJob(db, "event:send-reminders", {
      payload: { eventId, startsAt: event.startsAt.toISOString() },
      jobKey: reminderJobKey(eventId),
      runAt,
      // The job only writes outbox rows; retrying for days would remind people after the event.
      maxAttempts: 5,
    });
  } else {
    await sql`select graphile_worker.remove_job(${reminderJobKey(eventId)})`.execute(db);
  }
}

export const ReminderPayloadSchema = z.object({
  eventId: z.number().int().positive(),
  startsAt: z.iso.datetime(),
});

/**
 * The "event:send-reminders" task: queues the reminder to every registrant with an email address, if the
 * event is still published, still starts when the job was scheduled for, and has not started. A stale job
 * (the event moved or was cancelled) does nothing. Returns how many reminders were queued.
 */
export async function sendEventReminders(db: Database, payload: unknown): Promise<number> {
  const { eventId, startsAt } = ReminderPayloadSchema.parse(payload);
  return db.transaction().execute(async (trx) => {
    // FOR SHARE: a concurrent change of the event waits until these reminders are queued.
    const event = await trx
      .selectFrom("events")
      .select([...eventEntryColumns, "id", "reminderHours"])
      .where("id", "=", eventId)
      .forShare()
      .executeTakeFirst();
    if (event?.status !== "published") return 0;
    if (event.startsAt.getTime() !== Date.parse(startsAt) || event.startsAt.getTime() <= Date.now()) return 0;
    const { PUBLIC_URL } = getEnv();
    const epoch = Math.floor(event.startsAt.getTime() / 1000);
    const messages: QueueEmailInput[] = [];
    for (const person of await listAudience(trx, eventId, "registered")) {
      if (!person.email) continue;
      const { locale, name, url } = personalize(person, PUBLIC_URL);
      messages.push({
        to: person.email,
        locale,
        template: "event-reminder",
        props: { name, event: eventFacts(event), invitationUrl: url },
        idempotencyKey: `event-reminder:${eventId}:${epoch}:${person.registrationId}`,
      });
    }
    await queueEmails(trx, messages);
    return messages.length;
  });
}

export type CancelActor = { staffId: number; scope: Scope };

/** Who the cancellation will reach, for the confirmation page. */
export async function getCancellationPreview(db: Database, scope: Scope, eventId: number | null) {
  const event = await getEventInScope(db, scope, eventId);
  const people = event.status === "published" ? await listAudience(db, event.id, "cancellation") : [];
  const registered = people.filter((p) => p.status === "registered");
  return {
    event: {
      id: event.id,
      status: event.status,
      titleEn: event.titleEn,
      titleHi: event.titleHi,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      venueName: event.venueName,
    },
    registrants: registered.filter((p) => p.email).length,
    invitees: people.filter((p) => p.status !== "registered" && p.email).length,
    withoutEmail: people.filter((p) => !p.email).length,
  };
}

export type CancelOutcome = Result<{ registrants: number; invitees: number }>;

/**
 * Cancels an event in one transaction. A draft was never announced: it is cancelled and no one is told.
 * A published event gets SEQUENCE + 1; registrants get the cancellation with METHOD:CANCEL attached (their
 * calendars drop the event); invitees who have not answered or are waitlisted get the notice alone;
 * those who declined or cancelled, and withdrawn invitations, get nothing. The reminder job is removed.
 */
export async function cancelEvent(
  db: Database,
  actor: CancelActor,
  eventId: number,
  input: { reason: string },
): Promise<CancelOutcome> {
  return db.transaction().execute(async (trx) => {
    const current = await getEventInScope(trx, actor.scope, eventId, true);
    if (current.status === "cancelled") return refuse("calendar.cancel.errors.alreadyCancelled");
    if (current.status === "completed") return refuse("calendar.cancel.errors.completed");
    const wasPublished = current.status === "published";
    const reason = input.reason.trim();
    await trx
      .updateTable("events")
      .set({
        status: "cancelled",
        cancelledAt: sql`now()`,
        updatedAt: sql`now()`,
        icalSequence: wasPublished ? sql`ical_sequence + 1` : current.icalSequence,
      })
      .where("id", "=", current.id)
      .execute();
    let registrants = 0;
    let invitees = 0;
    if (wasPublished) {
      const event = (await loadEvent(trx, current.id))!;
      const { PUBLIC_URL } = getEnv();
      const organizer = calendarOrganizer();
      const messages: QueueEmailInput[] = [];
      for (const person of await listAudience(trx, current.id, "cancellation")) {
        if (!person.email) continue;
        const registered = person.status === "registered";
        const { locale, name, url } = personalize(person, PUBLIC_URL);
        if (registered) registrants++;
        else invitees++;
        messages.push({
          to: person.email,
          locale,
          template: "event-cancelled",
          props: { name, event: eventFacts(event), reason, registered },
          idempotencyKey: `event-cancelled:${current.id}:${person.invitationId}`,
          // Only registrants have the event in a calendar; mail without attachments can go in batches.
          attachment: registered
            ? icsAttachment(
                eventEntry(event, url ?? undefined),
                { name, email: person.email, locale },
                "CANCEL",
                organizer,
              )
            : null,
        });
      }
      await queueEmails(trx, messages);
    }
    await scheduleReminders(trx, current.id);
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "event.cancelled",
      entityType: "event",
      entityId: current.id,
      details: {
        previousStatus: current.status,
        reason,
        registrantsEmailed: registrants,
        inviteesEmailed: invitees,
      },
    });
    return { ok: true, registrants, invitees };
  });
}
