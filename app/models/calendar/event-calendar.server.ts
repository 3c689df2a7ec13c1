// Calendar attachments of one event for one person, built by the pure ICS function in calendar.ts.
import { type Selectable, sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";
import { getEventInScope } from "#app/models/events/event-access.server.ts";
import type { Scope } from "#app/models/organisation/scope.server.ts";
import { getEnv } from "#app/platform/env.server.ts";
import type { Events } from "#db/types.ts";
import type { Lang } from "#emails/_components/t.ts";
import { buildIcs, type CalendarEntry, type Mailbox, parseMailbox } from "./calendar.ts";
import { type EntryField, entryFields, entryFieldsOf, onEvents } from "./entry-fields.ts";

export type EmailAttachment = { filename: string; contentType: string; content: string };

type EventRow = Pick<Selectable<Events>, "icalUid" | "icalSequence" | EntryField | "status">;

/** The columns eventEntry reads. */
export const eventEntryColumns = [
  "icalUid",
  "icalSequence",
  ...entryFields,
  "status",
] as const satisfies readonly (keyof EventRow)[];

/** The same columns as `events.…`, for a select that joins `events` to other tables. */
export const eventEntryColumnsOnEvents = onEvents(eventEntryColumns);

/** An event row as a calendar entry; `url` is the person's invitation page. */
export function eventEntry(event: EventRow, url?: string): CalendarEntry {
  return {
    uid: event.icalUid,
    sequence: event.icalSequence,
    ...entryFieldsOf(event),
    url,
    cancelled: event.status === "cancelled",
  };
}

/** The organiser of every invite: the address our mail comes from (MAIL_FROM), where replies go. */
export function calendarOrganizer(): Mailbox {
  return parseMailbox(getEnv().MAIL_FROM);
}

/** The invite or cancellation for one attendee as an email attachment (one event per calendar object). */
export function icsAttachment(
  entry: CalendarEntry,
  attendee: { name: string; email: string; locale: Lang },
  method: "REQUEST" | "CANCEL",
  organizer: Mailbox = calendarOrganizer(),
): EmailAttachment {
  const ics = buildIcs({ method, organizer, attendee, locale: attendee.locale, entries: [entry] });
  return {
    filename: "invite.ics",
    contentType: `text/calendar; method=${method}; charset=UTF-8`,
    content: Buffer.from(ics, "utf8").toString("base64"),
  };
}

/**
 * The event's invite (REQUEST, current SEQUENCE) or its cancellation (CANCEL) for one attendee, base64.
 * `options.url` is the attendee's invitation page, linked from the entry.
 *
 * A CANCEL first raises the event's SEQUENCE (inside the caller's transaction): RFC 5546 clients, Outlook in
 * particular, ignore a cancellation that is not newer than the invite they hold, and a later invite to the
 * same person (registering again) must in turn be newer than the cancellation.
 */
export async function eventIcsAttachment(
  db: Database,
  eventId: number,
  attendee: { name: string; email: string; locale: Lang },
  method: "REQUEST" | "CANCEL",
  options: { url?: string } = {},
): Promise<EmailAttachment> {
  const event =
    method === "CANCEL"
      ? await db
          .updateTable("events")
          .set({ icalSequence: sql<number>`ical_sequence + 1` })
          .where("id", "=", eventId)
          .returning(eventEntryColumns)
          .executeTakeFirstOrThrow()
      : await db
          .selectFrom("events")
          .select(eventEntryColumns)
          .where("id", "=", eventId)
          .executeTakeFirstOrThrow();
  return icsAttachment(eventEntry(event, options.url), attendee, method);
}

/**
 * The event as a calendar file for its organisers (METHOD:PUBLISH, no attendee), in `locale`; 404 outside the
 * scope. Cancelled events come out as STATUS:CANCELLED.
 */
export async function eventCalendarFile(db: Database, scope: Scope, eventId: number | null, locale: Lang) {
  const event = await getEventInScope(db, scope, eventId);
  const ics = buildIcs({
    method: "PUBLISH",
    organizer: calendarOrganizer(),
    locale,
    entries: [eventEntry(event)],
  });
  return { ics, filename: `event-${event.id}.ics` };
}
