import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { hashToken } from "#app/platform/token.server.ts";
import { inspectSignInToken, requestSignInLink, signInLimits, signInWithToken } from "./sign-in.server.ts";
import { getSessionStaff, revokeStaffSession } from "./staff-session.server.ts";

const publicUrl = "https://shivir.example.org";

describe("sign-in by emailed link", () => {
  const testDb = useTestDatabase();

  beforeAll(async () => {
    await testDb()
      .db.insertInto("staffUsers")
      .values([
        { email: "organiser@example.in", name: "Organiser", role: "admin", preferredLanguage: "en" },
        { email: "gone@example.in", name: "Gone", role: "trainer", active: false },
      ])
      .execute();
  });

  async function latestLinkToken(): Promise<string> {
    const email = await testDb()
      .db.selectFrom("emails")
      .select(["props", "recipient", "locale", "template"])
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(email.template).toBe("sign-in-link");
    const url = (email.props as { url: string }).url;
    expect(url.startsWith(`${publicUrl}/sign-in/`)).toBe(true);
    return url.split("/").pop()!;
  }

  it("queues a link for staff, in their language, storing only the token's hash", async () => {
    const result = await requestSignInLink(testDb().db, {
      email: " Organiser@Example.in ",
      ip: "10.0.0.1",
      publicUrl,
    });
    expect(result).toEqual({ ok: true });
    const token = await latestLinkToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits
    const email = await testDb()
      .db.selectFrom("emails")
      .select(["recipient", "locale"])
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(email).toEqual({ recipient: "organiser@example.in", locale: "en" });
    const stored = await testDb().db.selectFrom("signInTokens").select("tokenHash").execute();
    expect(stored.map((r) => r.tokenHash)).toContain(hashToken(token));
    const raw = await sql<{
      n: number;
    }>`select count(*)::int as n from sign_in_tokens where token_hash = ${token}`.execute(testDb().db);
    expect(raw.rows[0]?.n).toBe(0);
  });

  it("answers the same for unknown and inactive addresses, and queues nothing", async () => {
    const before = await testDb()
      .db.selectFrom("emails")
      .select(sql<number>`count(*)`.as("n"))
      .executeTakeFirstOrThrow();
    for (const email of ["nobody@example.in", "gone@example.in"]) {
      expect(await requestSignInLink(testDb().db, { email, ip: "10.0.0.2", publicUrl })).toEqual({
        ok: true,
      });
    }
    const after = await testDb()
      .db.selectFrom("emails")
      .select(sql<number>`count(*)`.as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("signs in once; a second use, a tampered token and an expired one all fail", async () => {
    await requestSignInLink(testDb().db, { email: "organiser@example.in", ip: "10.0.0.3", publicUrl });
    const token = await latestLinkToken();
    expect(await inspectSignInToken(testDb().db, token)).toBe("valid");
    expect(await inspectSignInToken(testDb().db, token)).toBe("valid"); // looking does not use it up

    const first = await signInWithToken(testDb().db, token);
    expect(first).toMatchObject({ ok: true, role: "admin" }); // the fixture's user is an admin
    const staff = await getSessionStaff(testDb().db, first.ok ? first.sessionToken : "");
    expect(staff?.email).toBe("organiser@example.in");

    expect(await signInWithToken(testDb().db, token)).toEqual({ ok: false, error: "used" });
    const tampered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    expect(await signInWithToken(testDb().db, tampered)).toEqual({ ok: false, error: "invalid" });
    expect(await signInWithToken(testDb().db, "short")).toEqual({ ok: false, error: "invalid" });
    expect(await signInWithToken(testDb().db, undefined)).toEqual({ ok: false, error: "invalid" });

    await requestSignInLink(testDb().db, { email: "organiser@example.in", ip: "10.0.0.3", publicUrl });
    const late = await latestLinkToken();
    await sql`update sign_in_tokens set expires_at = now() - interval '1 second' where token_hash = ${hashToken(late)}`.execute(
      testDb().db,
    );
    expect(await inspectSignInToken(testDb().db, late)).toBe("expired");
    expect(await signInWithToken(testDb().db, late)).toEqual({ ok: false, error: "expired" });
  });

  it("links expire after 15 minutes", async () => {
    await requestSignInLink(testDb().db, { email: "organiser@example.in", ip: "10.0.0.4", publicUrl });
    const row = await sql<{ minutes: number }>`
      select round(extract(epoch from expires_at - created_at) / 60)::int as minutes
        from sign_in_tokens order by id desc limit 1`.execute(testDb().db);
    expect(row.rows[0]?.minutes).toBe(15);
  });

  it("revoking a session signs it out everywhere", async () => {
    await requestSignInLink(testDb().db, { email: "organiser@example.in", ip: "10.0.0.5", publicUrl });
    const result = await signInWithToken(testDb().db, await latestLinkToken());
    if (!result.ok) throw new Error("sign-in failed");
    expect(await getSessionStaff(testDb().db, result.sessionToken)).not.toBeNull();
    await revokeStaffSession(testDb().db, result.sessionToken);
    expect(await getSessionStaff(testDb().db, result.sessionToken)).toBeNull();
  });

  it("limits requests per email address and per IP address", async () => {
    const { limit } = signInLimits.perEmail;
    for (let i = 0; i < limit; i++) {
      expect(
        (await requestSignInLink(testDb().db, { email: "victim@example.in", ip: `10.1.0.${i}`, publicUrl }))
          .ok,
      ).toBe(true);
    }
    const blocked = await requestSignInLink(testDb().db, {
      email: "victim@example.in",
      ip: "10.1.0.99",
      publicUrl,
    });
    expect(blocked).toMatchObject({ ok: false, error: "auth.rateLimited" });

    for (let i = 0; i < signInLimits.perIp.limit; i++) {
      await requestSignInLink(testDb().db, { email: `spray${i}@example.in`, ip: "10.2.0.1", publicUrl });
    }
    const sprayed = await requestSignInLink(testDb().db, {
      email: "fresh@example.in",
      ip: "10.2.0.1",
      publicUrl,
    });
    expect(sprayed).toMatchObject({ ok: false, error: "auth.rateLimited" });
  });
});
