// Exports respect backpressure (issue 18, item 3): a 520,000-row office-bearer export read by a client at about
// 100 KB/s keeps the portal's memory flat (RSS growth < 50 MB over a warmed-up baseline) while other requests
// stay fast; when the client goes away, the export stops querying and holds no database connection.
import http from "node:http";
import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaffSession } from "#app/models/staff/staff-session.server.ts";
import { sessionCookieHeader } from "#app/web/auth.server.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { type Portal, startPortal } from "#tests/support/portal.ts";

const ROWS = 520_000;
const COMMITTEES = 10;
const READ_RATE = 100_000; // bytes per second
const TICK_MS = 100;
const SLOW_READ_MS = 15_000;
const MAX_GROWTH_MB = 50;
const FAST_MS = 500;
// The keyset page query of csv-export.server.ts (pg_stat_activity shows the statement's text).
const EXPORT_QUERY = `%from "appointments" inner join "appointees"%`;

let testDb: TestDatabase;
let portal: Portal;
let cookie = "";

/**
 * 52,000 office-bearers, each in the 10 district committees: 520,000 export rows of the usual width (about
 * 50 MB of CSV), set-based. Only a scratch copy of the schema, so, for seconds instead of a minute: no
 * triggers or foreign-key checks (session_replication_role), appointments unlogged, and none of the indexes
 * the export does not read (it walks the primary keys).
 */
async function seedAppointees(db: TestDatabase["db"]) {
  await db.transaction().execute(async (trx) => {
    const run = (statement: ReturnType<typeof sql>) => statement.execute(trx);
    await run(
      sql`insert into units (level, code, name_en, name_hi) values ('state', 'BP', 'Backpressure', 'बैकप्रेशर')`,
    );
    await run(sql`insert into units (parent_id, level, code, name_en, name_hi)
                  select s.id, 'district', 'BP-D' || d, 'District ' || d, 'ज़िला ' || d
                  from units s, generate_series(1, ${COMMITTEES}) d`);
    await run(sql`insert into committees (unit_id, name_en, name_hi, seat_quota, status, formed_at)
                  select id, name_en || ' Committee', name_hi || ' समिति', 1000, 'formed', now()
                  from units where level = 'district'`);
    await run(sql`set local session_replication_role = replica`);
    await run(sql`alter table appointments set unlogged`);
    await run(sql`drop index appointees_name_trgm, appointees_name_hi_trgm, appointees_name_id_idx,
                  appointees_email_key, appointments_one_active_per_committee, appointments_committee_idx,
                  appointments_appointee_idx`);
    await run(sql`insert into appointees (name, name_hi, phone, email, preferred_language)
                  select 'Office Bearer ' || n, 'पदाधिकारी ' || n, '+91' || (6000000000 + n)::text,
                         'person' || n || '@backpressure.example', case when n % 10 < 7 then 'hi' else 'en' end
                  from generate_series(1, ${ROWS / COMMITTEES}) n`);
    await run(sql`insert into appointments (appointee_id, committee_id, designation)
                  select p.id, c.id, 'member' from committees c, appointees p`);
  });
  await sql`analyze appointees, appointments, committees, units`.execute(db);
  const count = await sql<{ n: number }>`select count(*)::int as n from appointments where active`.execute(
    db,
  );
  expect(count.rows[0]!.n).toBe(ROWS);
}

function rssMb(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!line) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line[1]) / 1024;
}

/** Milliseconds to a complete answer, which must be 200. */
async function timed(path: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${portal.url}${path}`, { headers: { Cookie: cookie } });
  await response.arrayBuffer();
  expect(response.status, path).toBe(200);
  return performance.now() - started;
}

type SlowReader = { received: () => number; status: number; abort: () => void; ended: () => boolean };

/** GET the export over a raw socket that is read only READ_RATE bytes a second (the rest waits in the kernel). */
function slowExport(): Promise<SlowReader> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${portal.url}/exports/appointees.csv`, { headers: { Cookie: cookie } });
    request.on("error", reject);
    request.on("response", (response) => {
      let received = 0;
      let ended = false;
      response.pause();
      response.on("end", () => (ended = true));
      response.on("error", () => {});
      const timer = setInterval(() => {
        let budget = (READ_RATE * TICK_MS) / 1000;
        while (budget > 0) {
          const chunk: Buffer | null = response.read(Math.min(budget, response.readableLength || budget));
          if (!chunk) break;
          received += chunk.length;
          budget -= chunk.length;
        }
      }, TICK_MS);
      resolve({
        received: () => received,
        status: response.statusCode ?? 0,
        ended: () => ended,
        abort: () => {
          clearInterval(timer);
          request.destroy();
        },
      });
    });
  });
}

type Backend = { state: string | null; queryStart: Date | null };

/** The portal's connections whose current or last statement is an export page. */
async function exportBackends(): Promise<Backend[]> {
  const result = await sql<Backend>`
    select state, query_start as "queryStart" from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid() and query like ${EXPORT_QUERY}`.execute(
    testDb.db,
  );
  return result.rows;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  const started = performance.now();
  await seedAppointees(testDb.db);
  console.log(
    `export-backpressure: seeded ${ROWS} office-bearers in ${Math.round(performance.now() - started)} ms`,
  );
  const admin = await testDb.db
    .insertInto("staffUsers")
    .values({ email: "admin@backpressure.example", name: "Admin", role: "admin", preferredLanguage: "en" })
    .returning("id")
    .executeTakeFirstOrThrow();
  cookie = (await sessionCookieHeader(await createStaffSession(testDb.db, admin.id))).split(";")[0]!;
  // Production, as on camp day (the vitest config gives the portal its SESSION_SECRET).
  portal = await startPortal(testDb.url, { WORKER: "none", NODE_ENV: "production" });
}, 120_000);

afterAll(async () => {
  await portal?.stop();
  if (testDb) await dropTestDatabase(testDb);
}, 60_000);

/** Reads the export at full speed up to `bytes`, then cancels it. */
async function fastExportPrefix(bytes: number) {
  const response = await fetch(`${portal.url}/exports/appointees.csv`, { headers: { Cookie: cookie } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/csv");
  const reader = response.body!.getReader();
  let read = 0;
  let head = "";
  while (read < bytes) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`the export ended after ${read} bytes`);
    if (!read) head = new TextDecoder().decode(value.subarray(0, 200));
    read += value.length;
  }
  await reader.cancel();
  return head;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
};

describe("the office-bearer export to a slow reader", () => {
  it("keeps memory flat and other requests fast, and stops querying when the reader goes", async () => {
    const pid = portal.pid!;
    // Warm-up: the export's code, query plan and first 5 MB (so the heap has grown to its working size), the
    // pages and the pool, before the baseline is taken.
    expect(await fastExportPrefix(5_000_000)).toContain("name,name_hi,phone");
    for (let i = 0; i < 5; i++) {
      await timed("/healthz");
      await timed("/events");
    }
    const baseline = rssMb(pid);

    const reader = await slowExport();
    expect(reader.status).toBe(200);
    let peak = baseline;
    const timeline: number[] = [];
    const times = { healthz: [] as number[], page: [] as number[] };
    const until = performance.now() + SLOW_READ_MS;
    while (performance.now() < until) {
      times.healthz.push(await timed("/healthz"));
      times.page.push(await timed("/events"));
      const rss = rssMb(pid);
      timeline.push(Math.round(rss));
      peak = Math.max(peak, rss);
      // A sampling interval, not a wait for something: the reader's pace is what is under test.
      await new Promise((r) => setTimeout(r, 1000));
    }
    const received = reader.received();
    const summary = (t: number[]) =>
      `median ${percentile(t, 0.5).toFixed(0)} ms, p90 ${percentile(t, 0.9).toFixed(0)} ms, max ${Math.max(...t).toFixed(0)} ms`;
    console.log(
      `export-backpressure: RSS baseline ${baseline.toFixed(0)} MB, peak ${peak.toFixed(0)} MB ` +
        `(+${(peak - baseline).toFixed(1)} MB); read ${(received / 1e6).toFixed(2)} MB; ` +
        `/healthz ${summary(times.healthz)}; /events ${summary(times.page)} (${times.page.length} each); RSS ${timeline.join(" ")}`,
    );
    // The reader really was slow and still short of the end (about 50 MB in all).
    expect(reader.ended()).toBe(false);
    expect(received).toBeGreaterThan(0.5 * READ_RATE * (SLOW_READ_MS / 1000));
    expect(received).toBeLessThan(2 * READ_RATE * (SLOW_READ_MS / 1000));
    expect(peak - baseline).toBeLessThan(MAX_GROWTH_MB);
    // Fast: the typical answer under FAST_MS, and none stuck behind the export. (The machine is shared: a
    // single answer can wait for a core; a server busy pulling the whole file would slow them all.)
    expect(percentile(times.healthz, 0.5)).toBeLessThan(FAST_MS);
    expect(percentile(times.page, 0.5)).toBeLessThan(FAST_MS);
    expect(Math.max(...times.healthz, ...times.page)).toBeLessThan(4 * FAST_MS);

    // The reader goes away. Within a few seconds no export page runs, no transaction is left open, and no
    // new page starts afterwards (a server that ignored the abort would go on through the remaining pages).
    const abortedAt = new Date();
    reader.abort();
    const deadline = Date.now() + 5_000;
    let quietSince = Date.now();
    let lastStart = 0;
    for (;;) {
      const backends = await exportBackends();
      const busy = backends.some((b) => b.state !== "idle");
      const latest = Math.max(0, ...backends.map((b) => b.queryStart?.getTime() ?? 0));
      if (busy || latest > lastStart) quietSince = Date.now();
      lastStart = Math.max(lastStart, latest);
      if (!busy && Date.now() - quietSince >= 1_500) break;
      if (Date.now() > deadline)
        throw new Error(`export pages still running 5 s after the reader left: ${JSON.stringify(backends)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // At most the page that was in flight when the reader left (the clocks are the same machine's).
    expect(lastStart - abortedAt.getTime()).toBeLessThan(1_000);
    const open = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and state like 'idle in transaction%'`.execute(
      testDb.db,
    );
    expect(open.rows[0]!.n).toBe(0);
    // The portal still answers.
    expect(await timed("/healthz")).toBeLessThan(4 * FAST_MS);
  });
});
