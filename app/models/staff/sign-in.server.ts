// Staff sign in by emailed link: single use, 15 minutes, only the token's hash is stored.
import { sql } from "kysely";
import { queueEmail } from "#app/mail/outbox.server.ts";
import type { Database, Tx } from "#app/platform/db.server.ts";
import type { Result } from "#app/platform/result.ts";
import { hashToken, looksLikeToken, newToken } from "#app/platform/token.server.ts";
import { hitRateLimit } from "#app/platform/rate-limit.server.ts";
import { createStaffSession } from "./staff-session.server.ts";

export const SIGN_IN_MINUTES = 15;
export const signInLimits = {
  perEmail: { limit: 5, windowSeconds: 15 * 60 },
  perIp: { limit: 30, windowSeconds: 15 * 60 },
};

/** Accepted (whether or not a link went out), or refused by a rate limit for `retryAfterSeconds`. */
export type SignInRequestResult = Result<object, { error: "auth.rateLimited"; retryAfterSeconds: number }>;

/**
 * The one way to issue a sign-in link (a sign-in request, a staff invitation): a random token stored only as
 * its hash, valid for `minutes`, and the email carrying `<publicUrl>/sign-in/<token>`, queued in the caller's
 * transaction with an idempotency key from the token's id. Returns the token's id.
 */
export async function issueSignInLink(
  trx: Tx,
  staff: { id: number; email: string; preferredLanguage: "hi" | "en" },
  link: {
    minutes: number;
    publicUrl: string;
    template: "sign-in-link" | "staff-invite";
    /** The email's props besides the link's url and minutes. */
    props: Record<string, unknown>;
  },
): Promise<number> {
  const token = newToken();
  const row = await trx
    .insertInto("signInTokens")
    .values({
      staffUserId: staff.id,
      tokenHash: hashToken(token),
      expiresAt: sql<Date>`now() + make_interval(mins => ${link.minutes})`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await queueEmail(trx, {
    to: staff.email,
    locale: staff.preferredLanguage,
    template: link.template,
    props: { ...link.props, url: `${link.publicUrl}/sign-in/${token}`, expiresInMinutes: link.minutes },
    idempotencyKey: `${link.template === "sign-in-link" ? "sign-in" : "staff-invite"}-${row.id}`,
  });
  return row.id;
}

/**
 * Emails a sign-in link if the address belongs to an active staff user. The result is the same whether or
 * not it does, so the answer never tells who is staff.
 */
export async function requestSignInLink(
  db: Database,
  input: { email: string; ip: string; publicUrl: string },
): Promise<SignInRequestResult> {
  const email = input.email.trim().toLowerCase();
  return db.transaction().execute(async (trx): Promise<SignInRequestResult> => {
    for (const check of [
      hitRateLimit(trx, `sign-in:email:${email}`, signInLimits.perEmail),
      hitRateLimit(trx, `sign-in:ip:${input.ip}`, signInLimits.perIp),
    ]) {
      const result = await check;
      if (!result.allowed) {
        return { ok: false, error: "auth.rateLimited", retryAfterSeconds: result.retryAfterSeconds };
      }
    }
    const staff = await trx
      .selectFrom("staffUsers")
      .select(["id", "name", "preferredLanguage"])
      .where("email", "=", email)
      .where("active", "=", true)
      .executeTakeFirst();
    if (!staff) return { ok: true };
    await issueSignInLink(
      trx,
      { id: staff.id, email, preferredLanguage: staff.preferredLanguage },
      {
        minutes: SIGN_IN_MINUTES,
        publicUrl: input.publicUrl,
        template: "sign-in-link",
        props: { name: staff.name },
      },
    );
    return { ok: true };
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
  Result<
    { sessionToken: string; staffUserId: number; role: "admin" | "organiser" | "trainer" },
    { error: Exclude<TokenState, "valid"> }
  >
> {
  if (!looksLikeToken(token)) return { ok: false, error: "invalid" };
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
      return { ok: false as const, error: state === "valid" ? ("used" as const) : state };
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
