// Personal links cannot be computed (issue 13): two fresh installs give the same invitation different random
// tokens, sealed under secrets each install made for itself; nothing in the built server can produce one;
// SESSION_SECRETS keeps sessions and links alive across a change of secret; a re-issued link kills the old.
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaffSession } from "#app/models/staff/staff-session.server.ts";
import { sealedWithOlderSecret, sealToken, unsealToken } from "#app/platform/link-seal.server.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { type Portal, startPortal } from "#tests/support/portal.ts";
import { createRegistrationFixture, type RegistrationFixture } from "#tests/support/registration-fixture.ts";

const browser = "Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36";
const scratch = mkdtempSync(path.join(tmpdir(), "shivir-tokens-"));
let ip = 0;

function get(portal: Portal, pathname: string, headers: Record<string, string> = {}) {
  return fetch(`${portal.url}${pathname}`, {
    redirect: "manual",
    headers: { "User-Agent": browser, "X-Forwarded-For": `203.0.113.${++ip % 250}`, ...headers },
  });
}

function post(portal: Portal, pathname: string, fields: Record<string, string>, cookie: string) {
  return fetch(`${portal.url}${pathname}`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams(fields).toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, "Accept-Language": "en" },
  });
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("two fresh installs", () => {
  type Install = {
    testDb: TestDatabase;
    portal: Portal;
    dataDir: string;
    secret: string;
    camp: RegistrationFixture;
  };
  const installs: Install[] = [];

  beforeAll(async () => {
    for (const name of ["a", "b"]) {
      const testDb = await createTestDatabase();
      const camp = await createRegistrationFixture(testDb.db, { people: 3 });
      // Invitations as an older portal left them (a hash, no seal): the new portal's start gives each one a
      // random token of its own, the path every link made before sealed tokens takes.
      await testDb.db.updateTable("invitations").set({ tokenSealed: null }).execute();
      const dataDir = path.join(scratch, name);
      // No secret configured: a development portal makes one beside its data.
      const portal = await startPortal(testDb.url, {
        SESSION_SECRET: "",
        SESSION_SECRETS: "",
        SHIVIR_DATA_DIR: dataDir,
        WORKER: "none",
      });
      const secret = readFileSync(path.join(dataDir, "session-secret"), "utf8").trim();
      installs.push({ testDb, portal, dataDir, secret, camp });
    }
  }, 120_000);

  afterAll(async () => {
    for (const install of installs) {
      await install.portal.stop();
      await dropTestDatabase(install.testDb);
    }
  });

  const tokensOf = async (install: Install) => {
    const rows = await install.testDb.db
      .selectFrom("invitations")
      .select(["id", "tokenSealed"])
      .orderBy("id")
      .execute();
    return rows.map((row) => ({ id: row.id, token: unsealToken(row.tokenSealed!, [install.secret])! }));
  };

  it("each made its own secret, readable by its owner only", () => {
    const [a, b] = installs;
    expect(a!.secret).not.toBe(b!.secret);
    expect(a!.secret.length).toBeGreaterThanOrEqual(48);
    for (const install of installs) {
      expect(statSync(path.join(install.dataDir, "session-secret")).mode & 0o777).toBe(0o600);
    }
  });

  it("gives the same invitation ids different tokens, and no token of one install opens anything on the other", async () => {
    const [a, b] = installs;
    const tokensA = await tokensOf(a!);
    const tokensB = await tokensOf(b!);
    expect(tokensA.map((t) => t.id)).toEqual(tokensB.map((t) => t.id));
    expect(tokensA.every((t) => /^[A-Za-z0-9_-]{43}$/.test(t.token))).toBe(true);
    for (const [i, { token }] of tokensA.entries()) {
      expect(token).not.toBe(tokensB[i]!.token);
      expect((await get(a!.portal, `/i/${token}`)).status).toBe(200);
      expect((await get(b!.portal, `/i/${token}`)).status).toBe(404);
      expect((await get(b!.portal, `/i/${tokensB[i]!.token}`)).status).toBe(200);
      expect((await get(a!.portal, `/i/${tokensB[i]!.token}`)).status).toBe(404);
    }
    // The links the fixture made before the start (sealed by this test process) died with the new tokens.
    expect((await get(a!.portal, `/i/${a!.camp.people[0]!.token}`)).status).toBe(404);
  });

  it("has nothing in the built server that produces a token", async () => {
    const built = readFileSync(path.resolve("build/index.js"), "utf8");
    const tokens = await tokensOf(installs[0]!);
    for (const { token } of tokens) expect(built).not.toContain(token);
    expect(built).not.toContain(installs[0]!.secret);
    // Every string the build holds, tried as the HMAC key the old derived links used, over each id and
    // version: none gives a live token.
    const literals = new Set(
      [...built.matchAll(/"([^"\\\n]{8,200})"|'([^'\\\n]{8,200})'/g)].map((m) => m[1] ?? m[2]!),
    );
    expect(literals.size).toBeGreaterThan(1000);
    const live = new Set(tokens.map((t) => t.token));
    for (const key of literals) {
      for (const { id } of tokens) {
        for (const version of [1, 2]) {
          for (const purpose of ["invitation", "calendar-feed"]) {
            const derived = createHmac("sha256", key)
              .update(`shivir:${purpose}:${id}:${version}`)
              .digest("base64url");
            expect(live.has(derived)).toBe(false);
          }
        }
      }
    }
  });
});

describe("rotating the secret", () => {
  const OLD = randomBytes(32).toString("base64url");
  const NEW = randomBytes(32).toString("base64url");
  const session = (secrets: string[]) =>
    createCookie("__session", { secrets, path: "/", httpOnly: true, sameSite: "lax" });
  let testDb: TestDatabase;
  let camp: RegistrationFixture;
  let oldCookie = "";
  let portal: Portal | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    camp = await createRegistrationFixture(testDb.db, { people: 3 });
    // The links as a portal running on OLD made them.
    for (const person of camp.people) {
      await testDb.db
        .updateTable("invitations")
        .set({ tokenSealed: sealToken(person.token, [OLD]) })
        .where("id", "=", person.invitationId)
        .execute();
    }
    const admin = await testDb.db
      .insertInto("staffUsers")
      .values({ email: "rotation.admin@example.in", name: "Rotation Admin", role: "admin" })
      .returning("id")
      .executeTakeFirstOrThrow();
    oldCookie = await session([OLD]).serialize(await createStaffSession(testDb.db, admin.id));
  }, 60_000);

  afterAll(async () => {
    await portal?.stop();
    if (testDb) await dropTestDatabase(testDb);
  });

  const restart = async (secrets: string) => {
    await portal?.stop();
    portal = await startPortal(testDb.url, { SESSION_SECRET: "", SESSION_SECRETS: secrets, WORKER: "none" });
    return portal;
  };
  const invitationsPage = () => `/events/${camp.eventId}/invitations`;
  const sharedUrl = async (p: Portal, invitationId: number, intent: "copy" | "reissue") => {
    const response = await post(
      p,
      invitationsPage(),
      { intent, invitationId: String(invitationId) },
      oldCookie,
    );
    const html = await response.text();
    return { status: response.status, url: /id="shared-link"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? null };
  };

  it("keeps old sessions and links working after a new secret is put first, and reseals the links", async () => {
    const before = await restart(OLD);
    expect((await get(before, invitationsPage(), { Cookie: oldCookie })).status).toBe(200);

    const after = await restart(`${NEW},${OLD}`);
    // The session signed with the old secret still signs in; the links still open and can still be shown.
    expect((await get(after, invitationsPage(), { Cookie: oldCookie })).status).toBe(200);
    for (const person of camp.people) expect((await get(after, `/i/${person.token}`)).status).toBe(200);
    const shown = await sharedUrl(after, camp.people[1]!.invitationId, "copy");
    expect(shown.url).toMatch(new RegExp(`/i/${camp.people[1]!.token}$`));
    // The start sealed every link again under the newest secret, without changing a token.
    const seals = await testDb.db.selectFrom("invitations").select("tokenSealed").execute();
    for (const { tokenSealed } of seals) expect(sealedWithOlderSecret(tokenSealed!, [NEW, OLD])).toBe(false);

    // So the old secret can go: links still open and show; the old session no longer signs in.
    const newOnly = await restart(NEW);
    for (const person of camp.people) expect((await get(newOnly, `/i/${person.token}`)).status).toBe(200);
    expect((await get(newOnly, invitationsPage(), { Cookie: oldCookie })).status).toBe(302);
  });

  it("after re-issuing one person's link, the old link is a 404 and the new one works", async () => {
    const p = await restart(`${NEW},${OLD}`);
    const person = camp.people[2]!;
    const reissued = await sharedUrl(p, person.invitationId, "reissue");
    expect(reissued.status).toBe(200);
    expect(reissued.url).toMatch(/\/i\/[A-Za-z0-9_-]{43}$/);
    expect(reissued.url).not.toContain(person.token);
    expect((await get(p, `/i/${person.token}`)).status).toBe(404);
    expect((await get(p, new URL(reissued.url!).pathname)).status).toBe(200);
  });
});
