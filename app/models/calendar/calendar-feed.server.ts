// The private calendar feed of an appointee (/calendar/<token>.ics): every event they registered for, kept
// current by the calendar app fetching it again. Cancelled events and registrations stay in the feed with
// STATUS:CANCELLED, so a subscribed calendar removes them instead of keeping a stale entry.
import type { Database } from "#app/platform/db.server.ts";
import type { Refusal } from "#app/platform/result.ts";
import { emailT } from "#emails/_components/t.ts";
import { buildIcs } from "./calendar.ts";
import { calendarOrganizer, eventEntry, eventEntryColumnsOnEvents } from "./event-calendar.server.ts";
import { findCalendarFeedByToken, liveInvitationUrl } from "#app/models/registration/personal-link.server.ts";
import { hitRateLimit, type RateLimit } from "#app/platform/rate-limit.server.ts";

// Misses per IP: a calendar app polling a renewed (old) link misses about once an hour; a guesser far more.
export const feedMissLimit: RateLimit = { limit: 30, windowSeconds: 15 * 60 };

export type FeedOutcome =
  | { ok: true; ics: string }
  | Refusal<{ error: "not-found" }>
  | Refusal<{ error: "limited"; retryAfterSeconds: number }>;

/**
 * The feed a token opens. Unknown tokens count against the caller's IP; past the limit they get
 * "limited" instead of "not-found". Valid tokens are never limited: calendar services fetch many
 * people's feeds from the same addresses.
 */
export async function calendarFeed(
  db: Database,
  token: unknown,
  request: { ip: string; publicUrl: string },
): Promise<FeedOutcome> {
  const feed = await findCalendarFeedByToken(db, token);
  if (!feed) {
    const limit = await hitRateLimit(db, `calendar-feed:ip:${request.ip}`, feedMissLimit);
    return limit.allowed
      ? { ok: false, error: "not-found" }
      : { ok: false, error: "limited", retryAfterSeconds: limit.retryAfterSeconds };
  }
  return { ok: true, ics: await buildFeed(db, feed.appointeeId, request.publicUrl) };
}

async function buildFeed(db: Database, appointeeId: number, publicUrl: string): Promise<string> {
  const appointee = await db
    .selectFrom("appointees")
    .select(["name", "nameHi", "preferredLanguage"])
    .where("id", "=", appointeeId)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("registrations")
    .innerJoin("events", "events.id", "registrations.eventId")
    .innerJoin("invitations", "invitations.id", "registrations.invitationId")
    .select([
      "registrations.status as registrationStatus",
      "invitations.id as invitationId",
      "invitations.tokenSealed",
      "invitations.revokedAt",
      ...eventEntryColumnsOnEvents,
    ])
    .where("registrations.appointeeId", "=", appointeeId)
    .where("events.status", "<>", "draft")
    // Registered now, or registered once and then cancelled (that entry must be withdrawn).
    .where((eb) =>
      eb.or([
        eb("registrations.status", "=", "registered"),
        eb.and([
          eb("registrations.status", "=", "cancelled"),
          eb("registrations.registeredAt", "is not", null),
        ]),
      ]),
    )
    .orderBy("events.startsAt")
    .orderBy("events.id")
    .execute();
  const locale = appointee.preferredLanguage;
  const name = locale === "hi" && appointee.nameHi ? appointee.nameHi : appointee.name;
  const entries = rows.map((row) => {
    const url = liveInvitationUrl(publicUrl, row) ?? undefined;
    const entry = eventEntry(row, url);
    return { ...entry, cancelled: entry.cancelled || row.registrationStatus === "cancelled" };
  });
  return buildIcs({
    method: "PUBLISH",
    organizer: calendarOrganizer(),
    locale,
    calendarName: emailT(locale)("eventNotices.ics.calendarName", { name }),
    entries,
  });
}
