// A fresh install's way in: until anyone has signed in, every start prints a sign-in link for the first
// admin in the terminal (as Jupyter prints its token URL). The outbox is for admins only, so the terminal,
// which only the operator sees, is where the first link must go.
import { sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";
import { hashToken, newToken } from "#app/platform/token.server.ts";

/** How long the printed link works: long enough to read the terminal tomorrow, then a restart prints anew. */
export const FIRST_ADMIN_LINK_HOURS = 24;

/**
 * A single-use sign-in link for the earliest active admin, or null once anyone has ever signed in. With no
 * admin at all and `adminEmail` given (ADMIN_EMAIL), that admin is created first.
 */
export async function firstAdminSignInLink(
  db: Database,
  publicUrl: string,
  adminEmail?: string,
): Promise<{ email: string; url: string } | null> {
  return db.transaction().execute(async (trx) => {
    // One start at a time decides (several web processes may start together).
    await sql`select pg_advisory_xact_lock(hashtext('shivir:first-admin'))`.execute(trx);
    const signedIn = await trx.selectFrom("staffSessions").select("id").limit(1).executeTakeFirst();
    if (signedIn) return null;
    let admin = await trx
      .selectFrom("staffUsers")
      .select(["id", "email"])
      .where("role", "=", "admin")
      .where("active", "=", true)
      .orderBy("id")
      .executeTakeFirst();
    if (!admin && adminEmail) {
      admin = await trx
        .insertInto("staffUsers")
        .values({ email: adminEmail.trim().toLowerCase(), name: "Admin", role: "admin" })
        .returning(["id", "email"])
        .executeTakeFirstOrThrow();
    }
    if (!admin) return null;
    const token = newToken();
    await trx
      .insertInto("signInTokens")
      .values({
        staffUserId: admin.id,
        tokenHash: hashToken(token),
        expiresAt: sql<Date>`now() + make_interval(hours => ${FIRST_ADMIN_LINK_HOURS})`,
      })
      .execute();
    return { email: admin.email, url: `${publicUrl}/sign-in/${token}` };
  });
}
