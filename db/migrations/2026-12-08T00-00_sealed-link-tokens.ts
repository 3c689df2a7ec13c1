// Personal links become random tokens (issue 13): the hash finds a link, and the token itself is kept sealed
// (AES-GCM under a key derived from a session secret, see app/platform/link-seal.server.ts) so the portal can
// show or send the same link again. Links made before this migration were derived from the secret and the
// invitation id; the server gives each of them a new random token on its next start (sealLegacyLinks).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("invitations").addColumn("token_sealed", "text").execute();
  await db.schema.alterTable("calendar_feeds").addColumn("token_sealed", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("calendar_feeds").dropColumn("token_sealed").execute();
  await db.schema.alterTable("invitations").dropColumn("token_sealed").execute();
}
