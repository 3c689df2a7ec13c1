// Staff sign in by emailed link: single use, 15 minutes, only the token's hash is stored.
import { sql } from "kysely";
import { queueEmail } from "#app/mail/outbox.server.ts";
import type { Database } from "#app/platform/db.server.ts";
import { hashToken, looksLikeToken, newToken } from "#app/platform/token.server.ts";
import { hitRateLimit } from "#app/platform/rate-limit.server.ts";
import { createStaffSession } from "./staff-session.server.ts";

export const SIGN_IN_MINUTES = 15;
export const signInLimits = {
  perEmail: { limit: 5, windowSeconds: 15 * 60 },
  perIp: { limit: 30, windowSeconds: 15 * 60 },
};

export type SignInRequestResult =
  | { status: "accepted" }
  | { status: "rate-limited"; retryAfterSeconds: number };

/**
 * Emails a sign-in link if the address belongs to an active staff user. The result is the same whether or
 * not it does, so the answer never tells who is staff.
 */
export async function requestSignInLink(
  db: Database,
  input: { email: string; ip: string; publicUrl: string },
): Promise<SignInRequestResult> {
  const email = input.email.trim().toLowerCase();
  return db.transaction().execute(async (trx) => {
    for (const check of [
      hitRateLimit(trx, `sign-in:email:${email}`, signInLimits.perEmail),
      hitRateLimit(trx, `sign-in:ip:${input.ip}`, signInLimits.perIp),
    ]) {
      const result = await check;
      if (!result.allowed) return { status: "rate-limited", retryAfterSeconds: result.retryAfterSeconds };
    }
    const staff = await trx
      .selectFrom("staffUsers")
      .select(["id", "name", "preferredLanguage"])
      .where("email", "=", email)
      .where("active", "=", true)
      .executeTakeFirst();
    if (!staff) return { status: "accepted" };

    const token = newToken();
    const row = await trx
      .insertInto("signInTokens")
      .values({
        staffUserId: staff.id,
        tokenHash: hashToken(token),
        expiresAt: sql<Date>`now() + make_interval(mins => ${SIGN_IN_MINUTES})`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await queueEmail(trx, {
      to: email,
      locale: staff.preferredLanguage,
      template: "sign-in-link",
      props: {
        name: staff.name,
        url: `${input.publicUrl}/sign-in/${token}`,
        expiresInMinutes: SIGN_IN_MINUTES,
      },
      idempotencyKey: `sign-in-${row.id}`,
    });
    return { status: "accepted" };
  });
}

export type TokenState = "valid" | "used" | "expired" | "invalid";

/** What a GET of the link may say about it; changes nothing (mail scanners follow links). */
export async function inspectSignInToken(db: Database, token: unknown): Promise<TokenState> {
  if (!looksLikeToken(token)) return "invalid";
  const row = await db
    .selectFrom("signInTokens")
    .innerJoin("staffUsers", "staffUsers.id", "signInTokens.staffUserId")
    .select([
      "signInTokens.usedAt",
      sql<boolean>`sign_in_tokens.expires_at <= now()`.as("expired"),
      "staffUsers.active",
    ])
    .where("signInTokens.tokenHash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row || !row.active) return "invalid";
  if (row.usedAt) return "used";
  return row.expired ? "expired" : "valid";
}

/** Uses the link (once) and opens a session; returns the session token, or why it cannot. */
export async function signInWithToken(
  db: Database,
  token: unknown,
): Promise<
  | { ok: true; sessionToken: string; staffUserId: number; role: "admin" | "organiser" | "trainer" }
  | { ok: false; reason: Exclude<TokenState, "valid"> }
> {
  if (!looksLikeToken(token)) return { ok: false, reason: "invalid" };
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable("signInTokens")
      .set({ usedAt: sql`now()` })
      .where("tokenHash", "=", hashToken(token))
      .where("usedAt", "is", null)
      .where("expiresAt", ">", sql<Date>`now()`)
      .where("staffUserId", "in", (eb) => eb.selectFrom("staffUsers").select("id").where("active", "=", true))
      .returning("staffUserId")
      .executeTakeFirst();
    if (!used) {
      const state = await inspectSignInToken(trx, token);
      return { ok: false as const, reason: state === "valid" ? ("used" as const) : state };
    }
    const sessionToken = await createStaffSession(trx, used.staffUserId);
    await trx
      .insertInto("auditLog")
      .values({
        actorStaffId: used.staffUserId,
        action: "staff.signed_in",
        entityType: "staff_user",
        entityId: used.staffUserId,
      })
      .execute();
    const { role } = await trx
      .selectFrom("staffUsers")
      .select("role")
      .where("id", "=", used.staffUserId)
      .executeTakeFirstOrThrow();
    return { ok: true as const, sessionToken, staffUserId: used.staffUserId, role };
  });
}
