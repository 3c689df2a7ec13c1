// A fresh install's way in, as an operator meets it: the outbox is for admins only, so until anyone has signed
// in, `npm start` prints a single-use sign-in link for the first admin in the terminal; the link signs in once,
// and a portal that someone has signed in to prints none. A production portal without a secret does not start.
import { spawn } from "node:child_process";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import h from "#app/i18n/locales/hi.ts";
import { hashToken } from "#app/platform/token.server.ts";
import { freePort } from "#db/embedded.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { type Portal, startPortal } from "#tests/support/portal.ts";

const FIRST_ADMIN = { email: "first.admin@example.in", name: "पहली एडमिन" };
const HEADLINE = (email: string) =>
  `shivir: nobody has signed in yet. Sign in as the first admin (${email}) within 24 hours, once:`;
// The printed link: PUBLIC_URL (by default http://localhost:<PORT>) and a 43-character token.
const PRINTED_LINK = /^ {4}(http:\/\/localhost:(\d+))\/sign-in\/([A-Za-z0-9_-]{43})$/;

/** The one printed sign-in link: the headline line, then the indented URL line; fails on anything else. */
function printedLink(output: string, email: string, portal: Portal) {
  // Exactly one sign-in address anywhere in what the portal printed.
  expect(output.match(/\/sign-in\//g) ?? [], output).toHaveLength(1);
  const lines = output.split("\n");
  const at = lines.indexOf(HEADLINE(email));
  expect(at, output).toBeGreaterThanOrEqual(0);
  const match = PRINTED_LINK.exec(lines[at + 1] ?? "");
  expect(match, output).not.toBeNull();
  expect(match![2]).toBe(new URL(portal.url).port);
  const token = match![3]!;
  return { token, path: `/sign-in/${token}` };
}

const count = async (db: TestDatabase["db"], table: "signInTokens" | "staffSessions") =>
  (await db.selectFrom(table).select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).n;

describe("the first admin's sign-in link, printed at start until anyone has signed in", () => {
  let testDb: TestDatabase;
  let portal: Portal;
  let adminId: number;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    // An organiser made first, then the one admin: the link is the admin's.
    const unit = await testDb.db
      .insertInto("units")
      .values({ level: "state", code: "FA", nameEn: "First", nameHi: "पहला" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await testDb.db
      .insertInto("staffUsers")
      .values({
        email: "organiser.first@example.in",
        name: "Organiser",
        role: "organiser",
        scopeUnitId: unit.id,
      })
      .execute();
    adminId = (
      await testDb.db
        .insertInto("staffUsers")
        .values({ ...FIRST_ADMIN, role: "admin" })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    expect(await count(testDb.db, "staffSessions")).toBe(0);
    portal = await startPortal(testDb.url);
  }, 120_000);

  afterAll(async () => {
    await portal?.stop();
    if (testDb) await dropTestDatabase(testDb);
  }, 60_000);

  it("prints one link, whose page asks to confirm; confirming signs the admin in, and the link is then used", async () => {
    const link = printedLink(portal.output(), FIRST_ADMIN.email, portal);
    const row = await testDb.db
      .selectFrom("signInTokens")
      .select(["staffUserId", "usedAt", sql<number>`extract(epoch from expires_at - now())::int`.as("left")])
      .where("tokenHash", "=", hashToken(link.token))
      .executeTakeFirstOrThrow();
    expect(row.staffUserId).toBe(adminId);
    expect(row.usedAt).toBeNull();
    expect(row.left).toBeGreaterThan(23 * 3600);
    expect(row.left).toBeLessThanOrEqual(24 * 3600);
    expect(await count(testDb.db, "signInTokens")).toBe(1);

    // Opening it shows the confirmation page (a mail scanner or a preview uses nothing up).
    const page = await fetch(`${portal.url}${link.path}`, { redirect: "manual" });
    expect(page.status).toBe(200);
    expect(page.headers.get("set-cookie")).toBeNull();
    const html = await page.text();
    expect(/<h1>([^<]*)<\/h1>/.exec(html)?.[1]).toBe(h.auth.confirmTitle);
    expect(html).toContain(h.auth.confirmButton);
    expect(
      (await testDb.db.selectFrom("signInTokens").select("usedAt").executeTakeFirstOrThrow()).usedAt,
    ).toBeNull();

    // The confirmation form posts no fields: its post signs in, with a session cookie, and goes home.
    const confirm = await fetch(`${portal.url}${link.path}`, { method: "POST", redirect: "manual" });
    expect(confirm.status).toBe(302);
    expect(confirm.headers.get("location")).toBe("/");
    const setCookie = confirm.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^__session=[^;]+;/);
    expect(setCookie).toMatch(/HttpOnly/i);
    const cookie = setCookie.split(";")[0]!;
    expect(await count(testDb.db, "staffSessions")).toBe(1);

    // The session is the admin's: the outbox, for admins only, opens; without the cookie it does not.
    expect((await fetch(`${portal.url}/outbox`, { headers: { cookie }, redirect: "manual" })).status).toBe(
      200,
    );
    const anonymous = await fetch(`${portal.url}/outbox`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe("/sign-in?redirectTo=%2Foutbox");

    // The link works once: opening it again says so (410), posting it again signs nobody in.
    expect((await fetch(`${portal.url}${link.path}`, { redirect: "manual" })).status).toBe(410);
    const replay = await fetch(`${portal.url}${link.path}`, { method: "POST", redirect: "manual" });
    expect(replay.status).toBe(410);
    expect(replay.headers.get("set-cookie")).toBeNull();
    expect(await count(testDb.db, "staffSessions")).toBe(1);
  }, 90_000);

  it("prints no link after a restart on the same database, as someone has signed in", async () => {
    const tokens = await count(testDb.db, "signInTokens");
    expect(await count(testDb.db, "staffSessions")).toBeGreaterThan(0);
    await portal.stop();
    portal = await startPortal(testDb.url);
    const output = portal.output();
    expect(output).not.toContain("/sign-in/");
    expect(output).not.toContain("nobody has signed in yet");
    expect(await count(testDb.db, "signInTokens")).toBe(tokens);
  }, 120_000);
});

describe("ADMIN_EMAIL on an empty database", () => {
  let testDb: TestDatabase;
  let portal: Portal | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase();
  }, 60_000);

  afterAll(async () => {
    await portal?.stop();
    if (testDb) await dropTestDatabase(testDb);
  }, 60_000);

  it("makes that admin and prints one link for them, which signs them in", async () => {
    expect(await testDb.db.selectFrom("staffUsers").select("id").execute()).toEqual([]);
    portal = await startPortal(testDb.url, { ADMIN_EMAIL: " New.Admin@Example.in " });
    const link = printedLink(portal.output(), "new.admin@example.in", portal);
    expect(await testDb.db.selectFrom("staffUsers").select(["email", "role", "active"]).execute()).toEqual([
      { email: "new.admin@example.in", role: "admin", active: true },
    ]);
    const confirm = await fetch(`${portal.url}${link.path}`, { method: "POST", redirect: "manual" });
    expect(confirm.status).toBe(302);
    const cookie = (confirm.headers.get("set-cookie") ?? "").split(";")[0]!;
    expect(cookie).toMatch(/^__session=./);
    expect((await fetch(`${portal.url}/outbox`, { headers: { cookie }, redirect: "manual" })).status).toBe(
      200,
    );
  }, 120_000);
});

describe("a production portal without a secret", () => {
  let testDb: TestDatabase;

  beforeAll(async () => {
    testDb = await createTestDatabase();
  }, 60_000);

  afterAll(async () => {
    if (testDb) await dropTestDatabase(testDb);
  }, 60_000);

  const productionEnv = () => ({
    DATABASE_URL: testDb.url,
    NODE_ENV: "production" as const,
    SESSION_SECRET: "",
    ADMIN_EMAIL: "prod.admin@example.in",
  });

  it("stops with one line naming SESSION_SECRET and a non-zero exit", async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...productionEnv(),
      PORT: String(await freePort()),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
    };
    delete env.SESSION_SECRETS;
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
          env,
          stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (c) => (stdout += c));
        child.stderr.on("data", (c) => (stderr += c));
        child.on("error", reject);
        const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
        child.on("exit", (code) => {
          clearTimeout(timer);
          resolve({ code, stdout, stderr });
        });
      },
    );
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    const lines = run.stderr.trim().split("\n");
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^shivir: invalid configuration: SESSION_SECRET /);
    expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
    expect(run.stdout).not.toContain("/sign-in/");
    // It stopped before touching the database: no admin made, no link made.
    expect(await testDb.db.selectFrom("staffUsers").select("id").execute()).toEqual([]);
    expect(await count(testDb.db, "signInTokens")).toBe(0);
  }, 60_000);

  it("startPortal says the portal exited early", async () => {
    await expect(startPortal(testDb.url, { ...productionEnv(), SESSION_SECRETS: "" })).rejects.toThrow(
      /the portal exited early:[\s\S]*SESSION_SECRET/,
    );
  }, 60_000);
});
