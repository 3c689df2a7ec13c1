// Which events a staff user may see: an organiser those of units in their scope, an admin all of them.
import { sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";
import { type Scope, unitInScope } from "#app/models/organisation/scope.server.ts";

/**
 * The event if it exists and its unit lies in the scope; otherwise a 404 (never a 403, which would tell an
 * organiser that an event exists in another district). Pass `lock` inside a transaction that changes it.
 */
export async function getEventInScope(db: Database, scope: Scope, eventId: number | null, lock = false) {
  if (!eventId) throw new Response("Not found", { status: 404 });
  let query = db
    .selectFrom("events")
    .innerJoin("units", "units.id", "events.unitId")
    .selectAll("events")
    .select([
      "units.path as unitPath",
      "units.level as unitLevel",
      "units.nameEn as unitNameEn",
      "units.nameHi as unitNameHi",
    ])
    .where("events.id", "=", eventId)
    .where((eb) => unitInScope(eb, scope));
  if (lock) query = query.modifyEnd(sql`for update of events`);
  const event = await query.executeTakeFirst();
  if (!event) throw new Response("Not found", { status: 404 });
  return event;
}

export type ScopedEvent = Awaited<ReturnType<typeof getEventInScope>>;

/** An event's agenda in time order, as the appointee's page and the tablet show it. */
export function listAgenda(db: Database, eventId: number) {
  return db
    .selectFrom("eventSessions")
    .select(["id", "kind", "titleEn", "titleHi", "room", "startsAt", "endsAt"])
    .where("eventId", "=", eventId)
    .orderBy("startsAt")
    .orderBy("id")
    .execute();
}
