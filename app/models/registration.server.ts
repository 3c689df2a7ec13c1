// Registrations: the appointee's answer to an invitation, with capacity and an ordered waitlist.
// (Being built: the function below is the agreed interface.)
import type { Database } from "#app/utils/db.server.ts";

/**
 * Inside a transaction that freed seats or raised capacity: moves waitlisted people into free seats in
 * waitlist order and queues their emails. Returns how many were promoted.
 */
export async function promoteFromWaitlist(_db: Database, _eventId: number): Promise<number> {
  throw new Error("promoteFromWaitlist is not built yet");
}
