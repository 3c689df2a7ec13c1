// The tablet routes over HTTP against a real portal: who may open which roster and send which marks
// (trainers of the event, organisers in scope, the event's own paired tablet; a withdrawn tablet nothing),
// and the sync endpoint's answers to bad input (400, never 500, nothing stored) and to a batch sent twice.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scopeOf } from "#app/models/organisation/scope.server.ts";
import { createPairingCode } from "#app/models/attendance/tablet-device.server.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { type Portal, startPortal } from "#tests/support/portal.ts";
import { tabletTestCookies } from "#tests/support/tablet-cookies.ts";
import { createTabletFixture, type TabletFixture } from "#tests/support/tablet-fixture.ts";

const SECRET = "tablet-routes-secret-0123456789abcdefghij";

type Who = "trainer" | "otherTrainer" | "organiser" | "otherOrganiser" | "device" | "otherDevice" | "revoked";

let testDb: TestDatabase;
let portal: Portal;
let f: TabletFixture;
const cookies = {} as Record<Who, string>;

async function request(path: string, who: Who | null, init: RequestInit = {}) {
  return fetch(`${portal.url}${path}`, {
    ...init,
    redirect: "manual",
    headers: { ...(who ? { Cookie: cookies[who] } : {}), "Accept-Language": "en", ...(init.headers ?? {}) },
  });
}

function sync(who: Who | null, body: unknown, headers: Record<string, string> = {}) {
  return request("/tablet/sync", who, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "Content-Type": "application/json", "Sec-Fetch-Site": "same-origin", ...headers },
  });
}

const mark = (appointeeId: number, sessionId = f.sessionIds[0], action: "mark" | "undo" = "mark") => ({
  clientId: randomUUID(),
  sessionId,
  appointeeId,
  action,
  markedAt: new Date(Date.now() - 60_000).toISOString(),
});

async function markCount() {
  const row = await sql<{ n: number }>`select count(*)::int as n from attendance_marks`.execute(testDb.db);
  return row.rows[0]!.n;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  const db = testDb.db;
  f = await createTabletFixture(db, { people: 10 });
  Object.assign(cookies, await tabletTestCookies(db, f, SECRET));
  portal = await startPortal(testDb.url, { NODE_ENV: "production", SESSION_SECRET: SECRET, WORKER: "none" });
}, 120_000);

afterAll(async () => {
  await portal?.stop();
  if (testDb) await dropTestDatabase(testDb);
});

describe("who may open a roster", () => {
  const rosterPage = () => `/tablet/events/${f.eventId}`;
  const rosterJson = () => `/tablet/events/${f.eventId}/roster.json`;

  it("sends a signed-out visitor to sign in, and answers the JSON endpoints 401", async () => {
    const page = await request(rosterPage(), null);
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe(`/sign-in?redirectTo=${encodeURIComponent(rosterPage())}`);
    expect((await request("/tablet", null)).headers.get("location")).toMatch(/^\/sign-in/);
    const json = await request(rosterJson(), null);
    expect(json.status).toBe(401);
    expect(await json.json()).toEqual({ error: "signed-out" });
    expect((await sync(null, { deviceId: "d", marks: [mark(f.people[0]!.id)] })).status).toBe(401);
  });

  it.each(["trainer", "organiser", "device"] as const)("lets the %s in", async (who) => {
    expect((await request(rosterPage(), who)).status).toBe(200);
    const roster = await (await request(rosterJson(), who)).json();
    expect(roster.people).toHaveLength(10);
    expect(roster.sessions.map((s: { id: number }) => s.id)).toEqual(f.sessionIds);
  });

  it.each(["otherTrainer", "otherOrganiser", "otherDevice"] as const)(
    "answers 404 to the %s of another event, on every tablet route",
    async (who) => {
      expect((await request(rosterPage(), who)).status).toBe(404);
      expect((await request(rosterJson(), who)).status).toBe(404);
      expect((await request(`${rosterJson()}?since=2026-01-01T00:00:00Z`, who)).status).toBe(404);
      expect((await request(`/tablet/events/${f.eventId}/pass.json?code=x`, who)).status).toBe(404);
      const before = await markCount();
      const answer = await sync(who, { deviceId: "d", marks: [mark(f.people[0]!.id)] });
      expect(answer.status).toBe(200);
      expect((await answer.json()).rejected).toEqual([{ clientId: expect.any(String), reason: "forbidden" }]);
      expect(await markCount()).toBe(before);
    },
  );

  it("refuses a withdrawn tablet everywhere and sends it to pairing", async () => {
    const page = await request(rosterPage(), "revoked");
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/tablet/pair?revoked=1");
    expect(page.headers.get("set-cookie")).toMatch(/^__tablet=;/);
    const json = await request(rosterJson(), "revoked");
    expect(json.status).toBe(401);
    expect(await json.json()).toEqual({ error: "revoked" });
    const before = await markCount();
    expect((await sync("revoked", { deviceId: "d", marks: [mark(f.people[0]!.id)] })).status).toBe(401);
    expect(await markCount()).toBe(before);
  });

  it("takes a paired tablet from /tablet straight to its event", async () => {
    const home = await request("/tablet", "device");
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe(`/tablet/events/${f.eventId}`);
    // A paired tablet is no staff member: the organiser pages stay closed to it.
    expect((await request(`/events/${f.eventId}/tablets`, "device")).headers.get("location")).toMatch(
      /^\/sign-in/,
    );
  });

  it("lists a trainer's events on /tablet", async () => {
    const home = await request("/tablet", "trainer");
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain(`/tablet/events/${f.eventId}`);
    expect(html).not.toContain(`/tablet/events/${f.otherEvent.eventId}`);
  });
});

describe("the sync endpoint", () => {
  it("counts a batch sent twice once", async () => {
    const batch = { deviceId: "tablet-x", marks: [mark(f.people[1]!.id), mark(f.people[2]!.id)] };
    const before = await markCount();
    const first = await sync("device", batch);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(await (await sync("device", batch)).json()).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    expect((await markCount()) - before).toBe(2);
    const stored = await testDb.db
      .selectFrom("attendanceMarks")
      .select(["tabletDeviceId", "staffUserId", "deviceId"])
      .where("clientId", "=", batch.marks[0]!.clientId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ staffUserId: null, deviceId: "tablet-x" });
    expect(stored.tabletDeviceId).toBeGreaterThan(0);
  });

  it.each([
    ["not JSON", "{marks:"],
    ["an array", []],
    ["no marks", { deviceId: "d" }],
    ["a string id", { deviceId: "d", marks: [{ ...mark(1, 1), sessionId: "1" }] }],
    ["a huge id", { deviceId: "d", marks: [{ ...mark(1, 1), appointeeId: 2 ** 63 }] }],
    ["a negative id", { deviceId: "d", marks: [{ ...mark(1, 1), appointeeId: -1 }] }],
    ["a bad uuid", { deviceId: "d", marks: [{ ...mark(1, 1), clientId: "'; drop table attendance; --" }] }],
    ["not a time", { deviceId: "d", marks: [{ ...mark(1, 1), markedAt: "2026-13-01T00:00:00Z" }] }],
    ["null marks", { deviceId: "d", marks: null }],
    [
      "a walk-in with no name",
      {
        deviceId: "d",
        marks: [],
        walkIns: [{ id: randomUUID(), sessionId: 1, name: "", createdAt: new Date().toISOString() }],
      },
    ],
    ["501 marks", { deviceId: "d", marks: Array.from({ length: 501 }, () => mark(1, 1)) }],
  ])("answers 400 to %s and stores nothing", async (_name, body) => {
    const before = await markCount();
    const answer = await sync("trainer", body);
    expect(answer.status).toBe(400);
    expect(await markCount()).toBe(before);
  });

  it("refuses a body too large, a form post, and a post from another site", async () => {
    const before = await markCount();
    expect((await sync("trainer", `{"deviceId":"${"x".repeat(600_000)}","marks":[]}`)).status).toBe(413);
    const form = await request("/tablet/sync", "trainer", {
      method: "POST",
      body: "deviceId=d",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    const crossSite = await sync(
      "trainer",
      { deviceId: "d", marks: [mark(f.people[3]!.id)] },
      {
        "Sec-Fetch-Site": "cross-site",
      },
    );
    expect(crossSite.status).toBe(403);
    expect((await request("/tablet/sync", "trainer")).status).toBe(405);
    expect(await markCount()).toBe(before);
  });
});

describe("pairing a tablet over HTTP", () => {
  it("fills the code from the QR code's link, refuses a wrong code, and sets the tablet's cookie", async () => {
    const form = await request("/tablet/pair?code=abcd-ef23", null);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('value="ABCDEF23"');
    const post = (code: string) =>
      request("/tablet/pair", null, {
        method: "POST",
        body: new URLSearchParams({ code }).toString(),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
    const wrong = await post("ZZZZ-ZZZZ");
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("This code is not valid or has expired");
    expect((await post("not a code")).status).toBe(400);

    const organiser = await testDb.db
      .selectFrom("staffUsers")
      .select(["id", "email", "name", "role", "scopeUnitId", "preferredLanguage"])
      .where("id", "=", f.organiserId)
      .executeTakeFirstOrThrow();
    const { code } = await createPairingCode(
      testDb.db,
      { staffId: organiser.id, scope: await scopeOf(testDb.db, organiser) },
      f.eventId,
      "Door",
    );
    const paired = await post(code);
    expect(paired.status).toBe(302);
    expect(paired.headers.get("location")).toBe(`/tablet/events/${f.eventId}`);
    const setCookie = paired.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^__tablet=/);
    expect(setCookie).toMatch(/Path=\/tablet/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Secure/);
    const roster = await fetch(`${portal.url}/tablet/events/${f.eventId}/roster.json`, {
      headers: { Cookie: setCookie.split(";")[0]! },
    });
    expect(roster.status).toBe(200);
    // Used once: the same code again is refused.
    expect((await post(code)).status).toBe(400);
  });
});
