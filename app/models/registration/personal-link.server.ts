// Personal links of appointees: the invitation link (/i/<token>) and the private calendar feed
// (/calendar/<token>.ics). Tokens are random; the database keeps their hash (to find them) and the token
// sealed under a session secret (to show or send the same link again), see platform/link-seal.server.ts.
import { sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";
import { getEnv } from "#app/platform/env.server.ts";
import { sealToken, unsealToken } from "#app/platform/link-seal.server.ts";
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
 * Start-up care of the stored links, table by table (invitations, calendar feeds):
 * - links made before tokens were random (an HMAC of the secret and the id, so anyone with the code and the
 *   secret could make them) get new random tokens;
 * - links sealed with an older secret of SESSION_SECRETS are sealed again with the newest, so the older one
 *   can be dropped after one start (their tokens do not change: links already sent keep working);
 * - links sealed with a secret no longer listed still open (the hash finds them) but cannot be shown again:
 *   counted, so the operator learns to put the secret back or re-issue them.
 */
export async function maintainLinkSeals(db: Database) {
  const counts = { renewed: 0, resealed: 0, unreadable: 0 };
  const secrets = getEnv().SESSION_SECRETS;
  const newest = `${sealToken("", secrets).split(".")[0]}.%`;
  for (const table of ["invitations", "calendar_feeds"] as const) {
    const key = sql.ref(table === "invitations" ? "id" : "appointee_id");
    let after = 0;
    for (;;) {
      const { rows } = await sql<{ id: number; tokenSealed: string | null }>`
        select ${key} as id, token_sealed from ${sql.table(table)}
         where ${key} > ${after} and token_hash is not null
           and (token_sealed is null or token_sealed not like ${newest})
         order by ${key} limit 2000`.execute(db);
      if (rows.length === 0) break;
      after = rows.at(-1)!.id;
      const changes = rows.flatMap((row) => {
        const token = row.tokenSealed === null ? null : unsealToken(row.tokenSealed, secrets);
        if (row.tokenSealed !== null && token === null) {
          counts.unreadable++;
          return [];
        }
        if (token === null) counts.renewed++;
        else counts.resealed++;
        const fresh =
          token === null ? newSealedToken() : { tokenHash: hashToken(token), tokenSealed: sealToken(token) };
        return [{ id: row.id, ...fresh }];
      });
      if (changes.length === 0) continue;
      await sql`
        update ${sql.table(table)} t set token_hash = v.token_hash, token_sealed = v.token_sealed
          from unnest(${changes.map((c) => c.id)}::int8[], ${changes.map((c) => c.tokenHash)}::text[],
                      ${changes.map((c) => c.tokenSealed)}::text[]) as v(id, token_hash, token_sealed)
         where t.${key} = v.id`.execute(db);
    }
  }
  if (counts.renewed || counts.resealed || counts.unreadable)
    logger.warn(counts, "personal link seals maintained");
  return counts;
}
