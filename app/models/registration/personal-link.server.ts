// Personal links of appointees: the invitation link (/i/<token>) and the private calendar feed
// (/calendar/<token>.ics). Tokens are derived, never stored; only their SHA-256 is (see token.server.ts).
import type { Database } from "#app/platform/db.server.ts";
import { getEnv } from "#app/platform/env.server.ts";
import { derivePersonalToken, hashToken, looksLikeToken } from "#app/platform/token.server.ts";

export function invitationToken(invitation: { id: number; linkVersion: number }): string {
  return derivePersonalToken(getEnv().SESSION_SECRET, "invitation", invitation.id, invitation.linkVersion);
}

export function invitationUrl(publicUrl: string, invitation: { id: number; linkVersion: number }): string {
  return `${publicUrl}/i/${invitationToken(invitation)}`;
}

/** The hash to store in invitations.token_hash when an invitation is created or its link renewed. */
export function invitationTokenHash(invitation: { id: number; linkVersion: number }): string {
  return hashToken(invitationToken(invitation));
}

/** The live (not revoked) invitation a link token opens, or null; a malformed token costs no query. */
export async function findInvitationByToken(db: Database, token: unknown) {
  if (!looksLikeToken(token)) return null;
  const row = await db
    .selectFrom("invitations")
    .selectAll()
    .where("tokenHash", "=", hashToken(token))
    .where("revokedAt", "is", null)
    .executeTakeFirst();
  return row ?? null;
}

/** The appointee's calendar feed URLs (https and webcal), creating the feed on first use. */
export async function calendarFeedUrls(db: Database, publicUrl: string, appointeeId: number) {
  const feed = await db
    .insertInto("calendarFeeds")
    .values({ appointeeId, tokenHash: feedTokenHash(appointeeId, 1), version: 1 })
    .onConflict((oc) =>
      oc.column("appointeeId").doUpdateSet((eb) => ({ version: eb.ref("calendarFeeds.version") })),
    )
    .returning(["version"])
    .executeTakeFirstOrThrow();
  const https = `${publicUrl}/calendar/${feedToken(appointeeId, feed.version)}.ics`;
  return { https, webcal: https.replace(/^https?:/, "webcal:") };
}

/** The appointee whose calendar feed a token opens, or null. */
export async function findCalendarFeedByToken(db: Database, token: unknown) {
  if (!looksLikeToken(token)) return null;
  const row = await db
    .selectFrom("calendarFeeds")
    .select(["appointeeId"])
    .where("tokenHash", "=", hashToken(token))
    .executeTakeFirst();
  return row ?? null;
}

function feedToken(appointeeId: number, version: number): string {
  return derivePersonalToken(getEnv().SESSION_SECRET, "calendar-feed", appointeeId, version);
}

function feedTokenHash(appointeeId: number, version: number): string {
  return hashToken(feedToken(appointeeId, version));
}
