// Make-up camps: an event whose audience rule reaches "people who have not completed module X". Its audience
// is read live (app/models/events/invitation.server.ts audienceCtes), so someone who completes X elsewhere
// is no longer among those still to invite; this keeps the other half current: someone who newly needs X
// (appointed since, or a mark undone) is invited while the event's registration is open. The worker runs it
// every minute with the certificate reconciler (app/jobs/worker.server.ts).
import { sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";
import { inviteAudience } from "#app/models/events/invitation.server.ts";
import { type Scope, unitInScope } from "#app/models/organisation/scope.server.ts";

export async function inviteMakeUpAudiences(db: Database): Promise<number> {
  const events = await db
    .selectFrom("events")
    .select("id")
    .where("status", "=", "published")
    .where("registrationClosesAt", ">", sql<Date>`now()`)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("eventAudienceRules")
          .select("id")
          .whereRef("eventAudienceRules.eventId", "=", "events.id")
          .where("eventAudienceRules.missingModuleId", "is not", null),
      ),
    )
    .orderBy("id")
    .execute();
  let invited = 0;
  for (const { id } of events) {
    invited += await db.transaction().execute(async (trx) => {
      // FOR SHARE, as a committee formed later does: an event cancelled meanwhile is seen cancelled.
      const event = await trx
        .selectFrom("events")
        .select([
          "id",
          "kind",
          "titleEn",
          "titleHi",
          "startsAt",
          "endsAt",
          "registrationOpensAt",
          "registrationClosesAt",
          "venueName",
          "venueAddress",
          "venueMapUrl",
        ])
        .where("id", "=", id)
        .where("status", "=", "published")
        .forShare()
        .executeTakeFirst();
      return event ? (await inviteAudience(trx, event)).invited : 0;
    });
  }
  return invited;
}

/** Events a make-up rule may be added to: drafts, and published events still open, in the organiser's scope. */
export async function listMakeUpEventOptions(db: Database, scope: Scope) {
  return db
    .selectFrom("events")
    .innerJoin("units", "units.id", "events.unitId")
    .select(["events.id", "events.titleHi", "events.titleEn", "events.startsAt", "events.status"])
    .where((eb) => unitInScope(eb, scope))
    .where((eb) =>
      eb.or([
        eb("events.status", "=", "draft"),
        eb.and([
          eb("events.status", "=", "published"),
          eb("events.registrationClosesAt", ">", sql<Date>`now()`),
        ]),
      ]),
    )
    .orderBy("events.startsAt")
    .orderBy("events.id")
    .limit(200)
    .execute();
}
