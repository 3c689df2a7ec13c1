// Personal links of appointees: the invitation link (/i/<token>) and the private calendar feed
// (/calendar/<token>.ics). Tokens are random; the database keeps their hash (to find them) and the token
// sealed under a session secret (to show or send the same link again), see platform/link-seal.server.ts.
import { sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";
import { unsealToken } from "#app/platform/link-seal.server.ts";
import { logger } from "#app/platform/logger.server.ts";
import { hashToken, looksLikeToken, newSealedToken } from "#app/platform/token.server.ts";

export class LinkUnreadableError extends Error {
  constructor() {
    super("a personal link was sealed with a secret no longer in SESSION_SECRETS: re-issue it");
  }
}

/** The token a stored seal holds; a link sealed with a secret since removed cannot be shown again. */
export function openSeal(tokenSealed: string | null): string {
  const token = tokenSealed ? unsealToken(tokenSealed) : null;
  if (!token) throw new LinkUnreadableError();
  return token;
}

export function invitationUrl(publicUrl: string, invitation: { tokenSealed: string | null }): string {
  return `${publicUrl}/i/${openSeal(invitation.tokenSealed)}`;
}

/**
 * The link where a message or feed may go without one: null for an invitation that has no live link (revoked,
 * or sealed with a secret since removed), so one such row never breaks a feed or a notice to everyone else.
 */
export function liveInvitationUrl(
  publicUrl: string,
  invitation: { tokenSealed: string | null; revokedAt?: unknown },
): string | null {
  if (invitation.revokedAt) return null;
  const token = invitation.tokenSealed ? unsealToken(invitation.tokenSealed) : null;
  return token ? `${publicUrl}/i/${token}` : null;
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

/**
 * A new link for one invitation: the old token stops working at once (its hash is gone), and the version
 * rises so mail keyed on the old link is not mistaken for mail about the new one.
 */
export async function renewInvitationToken(db: Database, invitationId: number) {
  const fresh = newSealedToken();
  await db
    .updateTable("invitations")
    .set((eb) => ({
      tokenHash: fresh.tokenHash,
      tokenSealed: fresh.tokenSealed,
      linkVersion: eb(eb.ref("linkVersion"), "+", 1),
    }))
    .where("id", "=", invitationId)
    .execute();
  return fresh.token;
}

/** The appointee's calendar feed URLs (https and webcal), creating the feed on first use. */
export async function calendarFeedUrls(db: Database, publicUrl: string, appointeeId: number) {
  const fresh = newSealedToken();
  const feed = await db
    .insertInto("calendarFeeds")
    .values({ appointeeId, tokenHash: fresh.tokenHash, tokenSealed: fresh.tokenSealed, version: 1 })
    .onConflict((oc) =>
      oc.column("appointeeId").doUpdateSet((eb) => ({ version: eb.ref("calendarFeeds.version") })),
    )
    .returning(["tokenSealed"])
    .executeTakeFirstOrThrow();
  return feedUrls(publicUrl, openSeal(feed.tokenSealed));
}

/** A new private feed address for a person whose old one leaked: the old address stops at once. */
export async function renewCalendarFeed(db: Database, publicUrl: string, appointeeId: number) {
  const fresh = newSealedToken();
  await db
    .insertInto("calendarFeeds")
    .values({ appointeeId, tokenHash: fresh.tokenHash, tokenSealed: fresh.tokenSealed, version: 1 })
    .onConflict((oc) =>
      oc.column("appointeeId").doUpdateSet((eb) => ({
        tokenHash: fresh.tokenHash,
        tokenSealed: fresh.tokenSealed,
        version: eb(eb.ref("calendarFeeds.version"), "+", 1),
      })),
    )
    .execute();
  return feedUrls(publicUrl, fresh.token);
}

function feedUrls(publicUrl: string, token: string) {
  const https = `${publicUrl}/calendar/${token}.ics`;
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

/**
 * Links made before tokens were random (an HMAC of the secret and the id, so anyone with the code and the
 * secret could make them) get new random tokens; run at start-up, once per database in practice.
 */
export async function sealLegacyLinks(db: Database): Promise<{ invitations: number; feeds: number }> {
  let invitations = 0;
  let feeds = 0;
  for (const table of ["invitations", "calendar_feeds"] as const) {
    const key = table === "invitations" ? "id" : "appointee_id";
    for (;;) {
      const { rows } = await sql<{ id: number }>`
        select ${sql.ref(key)} as id from ${sql.table(table)}
         where token_sealed is null and token_hash is not null limit 5000`.execute(db);
      if (rows.length === 0) break;
      const fresh = rows.map(() => newSealedToken());
      await sql`
        update ${sql.table(table)} t set token_hash = v.token_hash, token_sealed = v.token_sealed
          from unnest(${rows.map((r) => r.id)}::int8[], ${fresh.map((f) => f.tokenHash)}::text[],
                      ${fresh.map((f) => f.tokenSealed)}::text[]) as v(id, token_hash, token_sealed)
         where t.${sql.ref(key)} = v.id`.execute(db);
      if (table === "invitations") invitations += rows.length;
      else feeds += rows.length;
    }
  }
  if (invitations || feeds)
    logger.warn({ invitations, feeds }, "gave links made before sealed tokens new tokens");
  return { invitations, feeds };
}
