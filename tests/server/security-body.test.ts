// Request bodies are capped while they stream (app/web/http/): a 50 MB chunked body, generated as it is sent,
// to every route of the build that has an action (signed in as an admin, so guards pass) and to the public
// ones, answers 413 (or 401/403/405 before reading), the server's memory stays flat, and the next request
// is served. A form of too many fields gets a clear refusal.
import http from "node:http";
import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaffSession } from "#app/models/staff/staff-session.server.ts";
import { hashToken, newToken } from "#app/platform/token.server.ts";
import { sessionCookieHeader } from "#app/web/auth.server.ts";
import { DEMO_ADMIN_EMAIL, seedDemo } from "#db/seed/demo.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { type BuiltRoute, builtRoutes } from "#tests/support/build-routes.ts";
import { type Portal, startPortal } from "#tests/support/portal.ts";
import { createRegistrationFixture } from "#tests/support/registration-fixture.ts";

// The portal inherits this process's secret, so sessions made here are valid there.
process.env.SESSION_SECRET ||= "security-body-test-secret-0123456789abcdef";

const MB = 1024 * 1024;
const BODY_MB = 50;

let testDb: TestDatabase;
let portal: Portal;
let routes: BuiltRoute[];
let adminId: number;
let adminCookie: string;
const ids: Record<string, string> = {};

/** The portal's resident memory in MB (VmRSS of its process). */
function rssMb(): number {
  const status = readFileSync(`/proc/${portal.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
}

type Sent = { status?: number; body: string; sentMb: number; error?: string };

/**
 * POSTs a chunked body of `megabytes` of "a", made chunk by chunk as the socket takes it (never held whole),
 * and resolves with the answer (or the error, when there was none).
 */
function postChunked(path: string, headers: Record<string, string>, megabytes = BODY_MB): Promise<Sent> {
  const url = new URL(path, portal.url);
  return new Promise((resolve) => {
    let sent = 0;
    let status: number | undefined;
    let body = "";
    let settled = false;
    const done = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve({ status, body, sentMb: Math.round((sent / MB) * 10) / 10, error });
    };
    const timer = setTimeout(() => done("no answer in 30 s"), 30_000);
    const request = http.request(url, {
      method: "POST",
      headers: { "Sec-Fetch-Site": "same-origin", "Accept-Language": "en", ...headers },
    });
    request.on("response", (response) => {
      status = response.statusCode;
      response.setEncoding("utf8");
      response.on("data", (text: string) => {
        body += text;
      });
      response.on("end", () => done());
      response.on("error", () => done());
    });
    // The server closes the connection once it has answered: a write error after the answer is expected.
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (status === undefined) done(error.code ?? error.message);
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    const write = () => {
      while (!settled && sent < megabytes * MB) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", write);
      }
      if (!settled) request.end();
    };
    write();
  });
}

/** A route's pattern with its parameters filled by existing records (so the action gets past its look-ups). */
function exampleUrl(pattern: string): string {
  const [, first] = pattern.split("/");
  return pattern
    .replace(":sessionId", ids.session!)
    .replace(":token", first === "i" ? ids.personalToken! : ids.signInToken!)
    .replace(":id?", ids.unit!)
    .replace(":id", ids[first ?? ""] ?? "1");
}

async function freshAdminCookie(): Promise<string> {
  return (await sessionCookieHeader(await createStaffSession(testDb.db, adminId))).split(";")[0]!;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  const db = testDb.db;
  await seedDemo(db);
  adminId = (
    await db
      .selectFrom("staffUsers")
      .select("id")
      .where("email", "=", DEMO_ADMIN_EMAIL)
      .executeTakeFirstOrThrow()
  ).id;
  adminCookie = await freshAdminCookie();
  const fixture = await createRegistrationFixture(db, { people: 2, sessions: true });
  const first = async (table: string) =>
    String(
      (await sql<{ id: number }>`select id from ${sql.table(table)} order by id limit 1`.execute(db)).rows[0]
        ?.id,
    );
  const session = await db
    .selectFrom("eventSessions")
    .select("id")
    .where("eventId", "=", fixture.eventId)
    .executeTakeFirstOrThrow();
  const importRow = await db
    .insertInto("csvImports")
    .values({ staffUserId: adminId, kind: "appointees", filename: "a.csv", content: "name\n" })
    .returning("id")
    .executeTakeFirstOrThrow();
  Object.assign(ids, {
    events: String(fixture.eventId),
    session: String(session.id),
    units: String(fixture.unitId),
    committees: String(fixture.committeeId),
    appointees: String(fixture.people[0]!.appointeeId),
    imports: String(importRow.id),
    staff: String(adminId),
    outbox: await first("emails"),
    personalToken: fixture.people[0]!.token,
  });
  routes = await builtRoutes();
  portal = await startPortal(testDb.url, { NODE_ENV: "production", WORKER: "none" });
}, 120_000);

afterAll(async () => {
  await portal?.stop();
  if (testDb) await dropTestDatabase(testDb);
});

/** Where a body goes: made afresh for each send (a sign-in link or a session may be used up by it). */
type Target = { label: string; request: () => Promise<{ path: string; headers: Record<string, string> }> };

async function freshSignInPath(): Promise<string> {
  const token = newToken();
  await testDb.db
    .insertInto("signInTokens")
    .values({ staffUserId: adminId, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 600_000) })
    .execute();
  return `/sign-in/${token}`;
}

function targetsOf(routes: BuiltRoute[]): Target[] {
  const form = { "Content-Type": "application/x-www-form-urlencoded" };
  const json = { "Content-Type": "application/json" };
  const fixed = (label: string, path: string, headers: Record<string, string>): Target => ({
    label,
    request: async () => ({ path, headers }),
  });
  const targets: Target[] = routes
    .filter((route) => route.hasAction)
    .map((route) => {
      const label = `${route.id} (admin)`;
      const headers =
        route.id === "routes/tablet.sync" || route.id === "routes/webhooks.resend" ? json : form;
      // A valid link of its own each time: the action may use it up without reading the body.
      if (route.id === "routes/sign-in_.$token")
        return { label, request: async () => ({ path: await freshSignInPath(), headers }) };
      // Signing out ends the session it is sent with: a session of its own each time.
      if (route.id === "routes/sign-out")
        return {
          label,
          request: async () => ({
            path: "/sign-out",
            headers: { ...headers, Cookie: await freshAdminCookie() },
          }),
        };
      return fixed(label, exampleUrl(route.pattern), { ...headers, Cookie: adminCookie });
    });
  for (const path of ["/sign-in", "/language", "/tablet/pair", "/i/not-a-token"])
    targets.push(fixed(`${path} (anonymous)`, path, form));
  for (const path of ["/webhooks/resend", "/tablet/sync"])
    targets.push(fixed(`${path} (anonymous)`, path, json));
  // A multipart upload without a length, past UPLOAD_MAX_MB.
  targets.push(
    fixed("/imports multipart (admin)", "/imports", {
      "Content-Type": "multipart/form-data; boundary=xyz",
      Cookie: adminCookie,
    }),
  );
  return targets;
}

describe("a 50 MB chunked body", () => {
  it("is refused by every route with an action and by the public ones; memory stays flat", async () => {
    const targets = targetsOf(routes);
    // Warm up: each target once with a 1 MB body (also past its limit, but the upload's), so that the code,
    // pages and pools those requests touch are loaded before memory is measured; then 50 MB each.
    for (const target of targets) {
      const { path, headers } = await target.request();
      await postChunked(path, headers, 1);
    }
    const before = rssMb();
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb());
    }, 20);
    const answers: string[] = [];
    for (const target of targets) {
      const { path, headers } = await target.request();
      const answer = await postChunked(path, headers);
      answers.push(
        `${target.label} → ${answer.status ?? answer.error} after ${answer.sentMb} MB sent, RSS ${rssMb().toFixed(0)} MB`,
      );
      expect([413, 401, 403, 405], `${target.label}: ${answer.error ?? answer.body.slice(0, 200)}`).toContain(
        answer.status,
      );
      if (answer.status === 413) {
        // Read no further than its limit (the largest, the upload's, is 10 MB) and a short linger.
        expect(answer.sentMb, target.label).toBeLessThan(BODY_MB);
        if (headers["Content-Type"] === "application/json")
          expect(JSON.parse(answer.body)).toMatchObject({ error: "body too large" });
        else expect(answer.body).toMatch(/बहुत बड़ा[\s\S]*too large/);
      }
      // The next request is served.
      expect((await fetch(`${portal.url}/healthz`)).status, `after ${target.label}`).toBe(200);
    }
    clearInterval(sampler);
    const growth = peak - before;
    console.log(
      `security-body: ${targets.length} bodies of ${BODY_MB} MB; RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB (growth ${growth.toFixed(1)} MB)\n  ${answers.join("\n  ")}`,
    );
    expect(growth).toBeLessThan(50);
    expect(targets.length).toBeGreaterThan(30);
  });

  it("is refused as soon as a Content-Length says it is too large, before anything is read", async () => {
    const response = await fetch(`${portal.url}/sign-in`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
      body: "a".repeat(65 * 1024),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("connection")).toBe("close");
    expect(await response.text()).toContain("64 KB");
  });

  it("of 16 MB gets a 413 that a fetch client can read, also from the tablet's sync", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 16 * MB) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${portal.url}/tablet/sync`, {
      method: "POST",
      body,
      duplex: "half",
      headers: { "Content-Type": "application/json", "Sec-Fetch-Site": "same-origin", Cookie: adminCookie },
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: "body too large" });
  });

  it("within its limit still works (a form just under 64 KB)", async () => {
    const response = await fetch(`${portal.url}/language`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
      body: `lng=en&redirectTo=%2Fsign-in&pad=${"a".repeat(60 * 1024)}`,
    });
    expect(response.status).toBe(303);
  });
});

describe("a form of too many fields", () => {
  const fields = (count: number) => Array.from({ length: count }, (_, i) => `f${i}=x`).join("&");

  it("is refused with a clear page in Hindi and English, or JSON for a JSON client", async () => {
    const post = (accept: string) =>
      fetch(`${portal.url}/sign-in`, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Sec-Fetch-Site": "same-origin",
          Accept: accept,
        },
        body: fields(1500),
      });
    const page = await post("text/html");
    expect(page.status).toBe(413);
    const html = await page.text();
    expect(html).toContain("बहुत अधिक फ़ील्ड");
    expect(html).toContain("Too many fields");
    expect(html).toContain("1000");
    const json = await post("application/json");
    expect(json.status).toBe(413);
    expect(await json.json()).toEqual({ error: "too many form fields", limit: 1000 });
  });

  it("is refused in a multipart upload too (each part counts)", async () => {
    const parts = Array.from(
      { length: 1200 },
      (_, i) => `--b0undary\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nx\r\n`,
    ).join("");
    const response = await fetch(`${portal.url}/imports`, {
      method: "POST",
      headers: {
        "Content-Type": "multipart/form-data; boundary=b0undary",
        "Sec-Fetch-Site": "same-origin",
        Cookie: adminCookie,
      },
      body: `${parts}--b0undary--\r\n`,
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("Too many fields");
  });

  it("of up to 1000 fields is read as before", async () => {
    const response = await fetch(`${portal.url}/language`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
      body: `lng=en&redirectTo=%2Fsign-in&${fields(998)}`,
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("set-cookie")).toMatch(/lng=|language/i);
  });
});
