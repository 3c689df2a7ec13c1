// What registrants and invitees are told when a published event changes or is cancelled, and the reminder
// schedule. (Being built: the functions below are the agreed interface.)
import type { Database } from "#app/utils/db.server.ts";

/** What changed in a published event; `before` holds the old values for the "what changed" email. */
export type EventChange = {
  time: boolean;
  venue: boolean;
  before: { startsAt: Date; endsAt: Date; venueName: string; venueAddress: string };
};

/**
 * Called inside the transaction that changed the event, after ical_sequence was raised: queues the updated
 * invite (METHOD:REQUEST, new SEQUENCE) and a short "what changed" email to every registrant.
 */
export async function queueEventChangeNotices(
  _db: Database,
  _eventId: number,
  _change: EventChange,
): Promise<void> {
  throw new Error("queueEventChangeNotices is not built yet");
}

/** (Re)schedules the reminder job of a published event from its start and reminder_hours; removes it otherwise. */
export async function scheduleReminders(_db: Database, _eventId: number): Promise<void> {
  throw new Error("scheduleReminders is not built yet");
}
