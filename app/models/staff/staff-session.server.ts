// Staff sessions live in PostgreSQL: any web process can serve them, and signing out revokes them.
import { sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";
import { hashToken, looksLikeToken, newToken } from "#app/platform/token.server.ts";

export const SESSION_DAYS = 7;

export type StaffUser = {
  id: number;
  email: string;
  name: string;
  role: "admin" | "organiser" | "trainer";
  scopeUnitId: number | null;
  preferredLanguage: "hi" | "en";
};

export async function createStaffSession(db: Database, staffUserId: number): Promise<string> {
  const token = newToken();
  await db
    .insertInto("staffSessions")
    .values({
      staffUserId,
      tokenHash: hashToken(token),
      expiresAt: sql<Date>`now() + make_interval(days => ${SESSION_DAYS})`,
    })
    .execute();
  return token;
}

export async function getSessionStaff(db: Database, token: unknown): Promise<StaffUser | null> {
  if (!looksLikeToken(token)) return null;
  const staff = await db
    .selectFrom("staffSessions")
    .innerJoin("staffUsers", "staffUsers.id", "staffSessions.staffUserId")
    .select([
      "staffUsers.id",
      "staffUsers.email",
      "staffUsers.name",
      "staffUsers.role",
      "staffUsers.scopeUnitId",
      "staffUsers.preferredLanguage",
    ])
    .where("staffSessions.tokenHash", "=", hashToken(token))
    .where("staffSessions.revokedAt", "is", null)
    .where("staffSessions.expiresAt", ">", sql<Date>`now()`)
    .where("staffUsers.active", "=", true)
    .executeTakeFirst();
  return staff ?? null;
}

export async function revokeStaffSession(db: Database, token: unknown): Promise<void> {
  if (!looksLikeToken(token)) return;
  await db
    .updateTable("staffSessions")
    .set({ revokedAt: sql`now()` })
    .where("tokenHash", "=", hashToken(token))
    .where("revokedAt", "is", null)
    .execute();
}
