// The portal scaled out as the README describes: two web processes (WORKER=none) and two `npm run worker`
// processes on one database, the Resend fake behind the real SDK. Requests are spread over both web ports, as
// a proxy would: an event is published to 2,000 people, 500 people register for 300 seats through their
// personal links, and two tablets sync 1,000 marks. In the middle one web process and the worker with a batch
// in flight are SIGKILLed, then started again (a request that hit the dead web process is sent to a live
// one, as a proxy retries). Afterwards every email reached the provider exactly once, the seats and the
// waitlist add up, every mark is stored once and counted once in the report, and no job is left behind.
import { randomUUID } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pairTablet, createPairingCode } from "#app/models/attendance/tablet-device.server.ts";
import { scopeOf } from "#app/models/organisation/scope.server.ts";
import type { Database } from "#app/platform/db.server.ts";
import { type FakeResend, startFakeResend } from "#tests/fakes/resend-fake.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { acceptedPerOutboxId } from "#tests/support/outbox.ts";
import { type Portal, startPortal } from "#tests/support/portal.ts";
import { createRegistrationFixture, type RegistrationFixture } from "#tests/support/registration-fixture.ts";
import { tabletTestCookies } from "#tests/support/tablet-cookies.ts";
import { createTabletFixture, type TabletFixture } from "#tests/support/tablet-fixture.ts";
import { startWorkerProcess, type WorkerProcess } from "#tests/support/worker-process.ts";

const SECRET = process.env.SESSION_SECRET!;
const INVITEES = 2000;
const DISTRICTS = 20;
const REGISTRANTS = 500;
const SEATS = 300;
const MARKS_PER_TABLET = 500;
const MARKS_PER_BATCH = 50;
const RATE = 4;
const KEYS = ["re_worker_a", "re_worker_b"] as const;
const browser = "Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36";

let testDb: TestDatabase;
let fake: FakeResend;
let publishEventId: number;
let camp: RegistrationFixture;
let hall: TabletFixture;
let cookies: { admin: string; organiser: string; tablets: [string, string] };
const portals: (Portal | null)[] = [null, null];
const workers = new Map<string, WorkerProcess>();

/** A state with 20 districts whose committees have 100 office-bearers each, and a draft event for all of them. */
async function createPublishFixture(db: Database) {
  const state = await db
    .insertInto("units")
    .values({ level: "state", code: "MP", nameEn: "Madhya Pradesh", nameHi: "मध्य प्रदेश" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await sql`
    insert into units (parent_id, level, code, name_en, name_hi)
    select ${state.id}, 'district', 'MP-D' || g, 'District ' || g, 'जिला ' || g
      from generate_series(1, ${DISTRICTS}) g`.execute(db);
  await sql`
    insert into committees (unit_id, name_en, name_hi, seat_quota, status, formed_at)
    select id, name_en || ' Committee', name_hi || ' समिति', 100, 'formed', now()
      from units where parent_id = ${state.id}`.execute(db);
  await sql`
    with people as (
      insert into appointees (name, name_hi, email, preferred_language)
      select 'Karyakarta ' || c.id || '-' || g, 'कार्यकर्ता ' || c.id || '-' || g,
             'mp' || c.id || '-' || g || '@example.in', case when g % 3 = 0 then 'en' else 'hi' end
        from committees c join units u on u.id = c.unit_id, generate_series(1, 100) g
       where u.parent_id = ${state.id}
      returning id, name)
    insert into appointments (appointee_id, committee_id, designation)
    select id, split_part(substr(name, 12), '-', 1)::bigint, 'member' from people`.execute(db);
  const event = await db
    .insertInto("events")
    .values({
      kind: "state_convention",
      unitId: state.id,
      titleEn: "Madhya Pradesh convention",
      titleHi: "मध्य प्रदेश सम्मेलन",
      venueName: "Ravindra Bhawan",
      startsAt: new Date(Date.now() + 20 * 86_400_000),
      endsAt: new Date(Date.now() + 20 * 86_400_000 + 8 * 3_600_000),
      registrationOpensAt: new Date(Date.now() - 86_400_000),
      registrationClosesAt: new Date(Date.now() + 18 * 86_400_000),
      capacity: 2500,
      icalUid: `multi-process-${randomUUID()}@shivir`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("eventAudienceRules")
    .values({ eventId: event.id, unitId: state.id, levels: ["district"] })
    .execute();
  return event.id;
}

async function secondTabletCookie(db: Database, f: TabletFixture) {
  const organiser = await db
    .selectFrom("staffUsers")
    .select(["id", "email", "name", "role", "scopeUnitId", "preferredLanguage"])
    .where("id", "=", f.organiserId)
    .executeTakeFirstOrThrow();
  const actor = { staffId: organiser.id, scope: await scopeOf(db, organiser) };
  const { code } = await createPairingCode(db, actor, f.eventId, "hall tablet 2");
  const paired = await pairTablet(db, { code, ip: "setup-hall-2" });
  if (!paired.ok) throw new Error(paired.error);
  const tablet = createCookie("__tablet", {
    secrets: [SECRET],
    httpOnly: true,
    sameSite: "lax",
    path: "/tablet",
  });
  return (await tablet.serialize(paired.token)).split(";")[0]!;
}

const webEnv = { WORKER: "none", NODE_ENV: "production", SESSION_SECRET: SECRET, LOG_LEVEL: "error" };

function startWorker(key: string) {
  const worker = startWorkerProcess(testDb.url, {
    RESEND_API_KEY: key,
    RESEND_BASE_URL: fake.url,
    MAIL_FROM: "Shivir <shivir@example.in>",
    MAIL_RATE_PER_SECOND: String(RATE),
    NODE_ENV: "production",
    SESSION_SECRET: SECRET,
  });
  workers.set(key, worker);
  return worker;
}

let turn = 0;
/**
 * Sends a request to the web processes in turn; one that cannot be reached (killed, restarting) is tried on
 * the next, as a proxy does. Any answer (even an error status) is returned to the caller.
 */
async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const deadline = Date.now() + 60_000;
  for (let attempt = 0; ; attempt++) {
    const live = portals.filter((p): p is Portal => p !== null);
    const portal = live[turn++ % Math.max(1, live.length)];
    if (portal) {
      try {
        return await fetch(`${portal.url}${path}`, { ...init, redirect: "manual" });
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(500, 20 * 2 ** attempt)));
  }
}

const form = (fields: Record<string, string>, extra: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  body: new URLSearchParams(fields).toString(),
  headers: {
    "Content-Type": "application/x-www-form-urlencoded",
    "Sec-Fetch-Site": "same-origin",
    "User-Agent": browser,
    ...extra,
  },
});

/** Runs `task` for every item with at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, task: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        await task(items[index]!, index);
      }
    }),
  );
}

async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const value = await check().catch((error) => {
      last = error;
      return false as const;
    });
    if (value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  const db = testDb.db;
  fake = await startFakeResend({ rateLimitPerSecond: RATE, extraApiKeys: [...KEYS] });
  const everyone = Array.from({ length: REGISTRANTS }, (_, i) => i);
  [publishEventId, camp, hall] = await Promise.all([
    createPublishFixture(db),
    // A few registrants have an email address: their confirmations (sent alone, with the calendar file)
    // go ahead of the invitations.
    createRegistrationFixture(db, {
      people: REGISTRANTS,
      capacity: SEATS,
      withoutEmail: everyone.filter((i) => i % 25 !== 0),
    }),
    createTabletFixture(db, { people: MARKS_PER_TABLET, committees: 5 }),
  ]);
  const hallCookies = await tabletTestCookies(db, hall, SECRET);
  cookies = {
    admin: hallCookies.admin,
    organiser: hallCookies.organiser,
    tablets: [hallCookies.device, await secondTabletCookie(db, hall)],
  };
  const [a, b] = await Promise.all([
    startPortal(testDb.url, webEnv, { timeoutMs: 180_000 }),
    startPortal(testDb.url, webEnv, { timeoutMs: 180_000 }),
    ...KEYS.map((key) => startWorker(key).ready),
  ]);
  portals[0] = a as Portal;
  portals[1] = b as Portal;
}, 400_000);

afterAll(async () => {
  fake?.onAccept(null);
  await Promise.all([...workers.values()].map((worker) => worker.kill()));
  await Promise.all(portals.map((portal) => portal?.stop()));
  await fake?.close();
  if (testDb) await dropTestDatabase(testDb);
});

describe("two web processes and two workers on one database", () => {
  it("publishes to 2,000, seats 300 of 500 and stores 1,000 marks through crashes, each exactly once", async () => {
    const db = testDb.db;
    const started = Date.now();
    const phases: string[] = [];
    const phase = (name: string) => phases.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // The worker whose batch the provider has just accepted dies before it hears back; it is started again.
    let workerKilled = false;
    let workerRestarted: Promise<void> = Promise.resolve();
    fake.onAccept((_emails, key) => {
      if (workerKilled || fake.accepted.length < 600) return;
      workerKilled = true;
      workerRestarted = workers
        .get(key)!
        .kill()
        .then(() => startWorker(key).ready);
    });
    // One web process dies with requests in flight once 150 people have registered; it is started again.
    let webKilled = false;
    let webRestarted: Promise<void> = Promise.resolve();
    const killWeb = () => {
      webKilled = true;
      const victim = portals[1]!;
      portals[1] = null;
      process.kill(victim.pid!, "SIGKILL");
      webRestarted = startPortal(testDb.url, webEnv, { timeoutMs: 180_000 }).then((portal) => {
        portals[1] = portal;
      });
    };

    const published = await request(`/events/${publishEventId}/publish`, form({}, { Cookie: cookies.admin }));
    expect(published.status).toBe(302);

    const registrations = { done: 0, statuses: new Map<number, number>() };
    const register = pool(camp.people, 16, async (person, i) => {
      const answer = await request(
        `/i/${person.token}`,
        form({ intent: "register", travelMode: "bus" }, { "X-Forwarded-For": `203.0.113.${i % 250}` }),
      );
      await answer.arrayBuffer();
      registrations.statuses.set(answer.status, (registrations.statuses.get(answer.status) ?? 0) + 1);
      if (++registrations.done === 150) killWeb();
    });

    const sentMarks: string[] = [];
    const syncAnswers: { accepted: number; duplicates: number; rejected: unknown[] }[] = [];
    const tablets = cookies.tablets.map(async (cookie, t) => {
      const sessionId = hall.sessionIds[t]!;
      for (let start = 0; start < MARKS_PER_TABLET; start += MARKS_PER_BATCH) {
        const marks = hall.people.slice(start, start + MARKS_PER_BATCH).map((person) => ({
          clientId: randomUUID(),
          sessionId,
          appointeeId: person.id,
          action: "mark",
          markedAt: new Date(Date.now() - 60_000).toISOString(),
        }));
        sentMarks.push(...marks.map((m) => m.clientId));
        const answer = await request("/tablet/sync", {
          method: "POST",
          body: JSON.stringify({ deviceId: `hall-${t}`, marks }),
          headers: { "Content-Type": "application/json", "Sec-Fetch-Site": "same-origin", Cookie: cookie },
        });
        expect(answer.status).toBe(200);
        syncAnswers.push(await answer.json());
      }
    });

    await Promise.all([register, ...tablets]);
    phase("traffic done");
    expect(webKilled).toBe(true);
    await webRestarted;
    await waitFor("the worker to be killed", 60_000, async () => workerKilled);
    await workerRestarted;
    phase("restarted");

    // Seats: exactly 300 registered and 200 waitlisted, one registration per person, every answer a redirect.
    expect([...registrations.statuses.entries()]).toEqual([[303, REGISTRANTS]]);
    const seats = await db
      .selectFrom("registrations")
      .select([
        "status",
        sql<number>`count(*)::int`.as("n"),
        sql<number>`count(distinct invitation_id)::int`.as("people"),
      ])
      .where("eventId", "=", camp.eventId)
      .groupBy("status")
      .orderBy("status")
      .execute();
    expect(seats).toEqual([
      { status: "registered", n: SEATS, people: SEATS },
      { status: "waitlisted", n: REGISTRANTS - SEATS, people: REGISTRANTS - SEATS },
    ]);

    // Marks: each stored once, whatever was sent twice; the report counts them all.
    const accepted = syncAnswers.reduce((n, a) => n + a.accepted, 0);
    expect(syncAnswers.flatMap((a) => a.rejected)).toEqual([]);
    const stored = await sql<{ n: number; distinct: number }>`
      select count(*)::int as n, count(distinct client_id)::int as distinct from attendance_marks`.execute(
      db,
    );
    expect(stored.rows[0]).toEqual({ n: 2 * MARKS_PER_TABLET, distinct: 2 * MARKS_PER_TABLET });
    expect(accepted).toBe(2 * MARKS_PER_TABLET);
    const storedIds = await db.selectFrom("attendanceMarks").select("clientId").execute();
    expect(new Set(storedIds.map((r) => r.clientId))).toEqual(new Set(sentMarks));
    const report = await request(`/events/${hall.eventId}/attendance.json`, {
      headers: { Cookie: cookies.organiser },
    });
    expect(report.status).toBe(200);
    const { sessions } = (await report.json()) as { sessions: { sessionId: number; present: number }[] };
    expect(sessions.map((s) => [s.sessionId, s.present])).toEqual(
      hall.sessionIds.map((id) => [id, MARKS_PER_TABLET]),
    );

    // Mail: every email (2,000 invitations and the confirmations) accepted by the provider exactly once,
    // recorded as sent, none failed.
    const mail = await waitFor("the outbox to settle", 120_000, async () => {
      const rows = await db.selectFrom("emails").select(["id", "status", "template"]).execute();
      return rows.every((r) => r.status === "sent") && fake.accepted.length >= rows.length ? rows : false;
    });
    phase("mail settled");
    expect(mail.filter((r) => r.template === "invitation")).toHaveLength(INVITEES);
    const confirmations = mail.filter((r) => r.template === "registration-confirmed").length;
    expect(confirmations).toBeGreaterThan(0);
    const perId = acceptedPerOutboxId(fake.accepted);
    expect([...perId.keys()].sort((x, y) => x - y)).toEqual(mail.map((r) => r.id).sort((x, y) => x - y));
    expect([...perId.values()].filter((n) => n !== 1)).toEqual([]);
    expect(fake.accepted).toHaveLength(mail.length);

    // Jobs: none locked by the dead worker (graphile-worker alone would keep it locked for 4 hours), none
    // due and waiting, none failed for good.
    await waitFor("every due job to be done", 30_000, async () => {
      const jobs = await sql<{ locked: number; due: number; failed: number }>`
        select count(*) filter (where locked_at is not null)::int as locked,
               count(*) filter (where run_at <= now() and attempts < max_attempts)::int as due,
               count(*) filter (where attempts >= max_attempts)::int as failed
          from graphile_worker._private_jobs`.execute(db);
      const row = jobs.rows[0]!;
      return row.locked === 0 && row.due === 0 && row.failed === 0;
    });
    phase("jobs done");
    console.info(`multi-process: ${phases.join(", ")}`);
  }, 400_000);
});
