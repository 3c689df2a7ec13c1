// Prometheus metrics on METRICS_PORT (issue 18, item 4): after a small workload through the real server, every
// metric is there with a plausible value; the public port answers 404 for /metrics; no token reaches a label.
// A separate `npm run worker` with its own METRICS_PORT counts its jobs.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "#db/embedded.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { queueTestEmails } from "#tests/support/outbox.ts";
import { type Portal, startPortal } from "#tests/support/portal.ts";
import { tabletTestCookies } from "#tests/support/tablet-cookies.ts";
import { createTabletFixture, type TabletFixture } from "#tests/support/tablet-fixture.ts";

const SECRET = "metrics-test-secret-0123456789abcdefghijklmn";
const TOKEN = "tokTOKENtok0123456789abcdefXYZ";

let testDb: TestDatabase;
let portal: Portal;
let metricsPort = 0;
let f: TabletFixture;
let trainerCookie = "";
let worker: ChildProcess | undefined;

type Sample = { name: string; labels: Record<string, string>; value: number };

function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!match) throw new Error(`unreadable metrics line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

async function scrape(port: number): Promise<{ text: string; samples: Sample[] }> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  const text = await response.text();
  return { text, samples: parse(text) };
}

const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
const has = (samples: Sample[], name: string) => samples.some((s) => s.name === name);

beforeAll(async () => {
  testDb = await createTestDatabase();
  f = await createTabletFixture(testDb.db, { people: 4 });
  trainerCookie = (await tabletTestCookies(testDb.db, f, SECRET)).trainer;
  metricsPort = await freePort();
  // No worker in the web process: the queued mail stays queued for the depth check.
  portal = await startPortal(testDb.url, {
    SESSION_SECRET: SECRET,
    WORKER: "none",
    METRICS_PORT: String(metricsPort),
  });
}, 120_000);

afterAll(async () => {
  worker?.kill("SIGKILL");
  await portal?.stop();
  if (testDb) await dropTestDatabase(testDb);
});

describe("metrics on METRICS_PORT", () => {
  it("counts requests by pattern, mail, tablet syncs, and never shows a token", async () => {
    for (let i = 0; i < 3; i++) expect((await fetch(`${portal.url}/`)).status).toBe(200);
    await fetch(`${portal.url}/healthz`);
    // Tokens in the path: a personal link, a sign-in link and a calendar feed (whatever they answer).
    await fetch(`${portal.url}/i/${TOKEN}`, { redirect: "manual" });
    await fetch(`${portal.url}/sign-in/${TOKEN}`, { redirect: "manual" });
    await fetch(`${portal.url}/calendar/${TOKEN}.ics`, { redirect: "manual" });
    await fetch(`${portal.url}/no-such-page/${TOKEN}`);
    const marks = f.people.slice(0, 3).map((person) => ({
      clientId: randomUUID(),
      sessionId: f.sessionIds[0],
      appointeeId: person.id,
      action: "mark",
      markedAt: new Date(Date.now() - 60_000).toISOString(),
    }));
    const synced = await fetch(`${portal.url}/tablet/sync`, {
      method: "POST",
      body: JSON.stringify({ deviceId: "metrics-tablet", marks }),
      headers: { "Content-Type": "application/json", "Sec-Fetch-Site": "same-origin", Cookie: trainerCookie },
    });
    expect(synced.status).toBe(200);
    await queueTestEmails(testDb.db, 2, { prefix: "metrics" });

    // The public port knows nothing of metrics.
    expect((await fetch(`${portal.url}/metrics`)).status).toBe(404);

    const { text, samples } = await scrape(metricsPort);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(TOKEN.slice(0, 12));

    const requests = "shivir_http_request_duration_seconds_count";
    expect(value(samples, requests, { route: "/", method: "GET", status: "2xx" })).toBeGreaterThanOrEqual(3);
    expect(value(samples, requests, { route: "/healthz" })).toBeGreaterThanOrEqual(1);
    expect(value(samples, requests, { route: "/tablet/sync", method: "POST", status: "2xx" })).toBe(1);
    expect(value(samples, requests, { route: "(unmatched)" })).toBeGreaterThanOrEqual(1);
    const routes = new Set(samples.filter((s) => s.name === requests).map((s) => s.labels.route));
    for (const route of routes) expect(route).toMatch(/^(\/[\w.:()*-]*)+$|^\(unmatched\)$/);
    for (const route of routes)
      if (/^\/(i|sign-in|calendar)\//.test(route!)) expect(route).toMatch(/^\/(i|sign-in|calendar)\/:token/);
    const bucket = samples.find(
      (s) => s.name === "shivir_http_request_duration_seconds_bucket" && s.labels.route === "/",
    );
    expect(bucket).toBeDefined();
    expect(value(samples, "shivir_http_request_duration_seconds_sum", { route: "/" })).toBeGreaterThan(0);

    expect(value(samples, "shivir_mail_queue_depth")).toBe(2);
    expect(value(samples, "shivir_emails", { status: "queued" })).toBe(2);
    const oldest = value(samples, "shivir_mail_oldest_pending_seconds");
    expect(oldest).toBeGreaterThanOrEqual(0);
    expect(oldest).toBeLessThan(120);

    expect(value(samples, "shivir_tablet_sync_batches_total")).toBe(1);
    expect(value(samples, "shivir_tablet_sync_marks_total")).toBe(3);
    // No inline worker in this process: the job counters exist with nothing counted.
    expect(
      has(samples, "shivir_job_runs_total") || text.includes("# TYPE shivir_job_runs_total counter"),
    ).toBe(true);
    // prom-client's default process metrics.
    expect(value(samples, "shivir_process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(value(samples, "shivir_process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(has(samples, "shivir_nodejs_eventloop_lag_seconds")).toBe(true);

    // Only GET /metrics on the metrics port.
    expect((await fetch(`http://127.0.0.1:${metricsPort}/`)).status).toBe(404);
  }, 60_000);

  it("counts a separate worker's jobs on its own METRICS_PORT", async () => {
    const port = await freePort();
    worker = spawn(process.execPath, ["--import", "tsx", "worker.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: testDb.url,
        SESSION_SECRET: SECRET,
        METRICS_PORT: String(port),
        HOST: "127.0.0.1",
        RESEND_API_KEY: "",
        LOG_LEVEL: "error",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    // The worker drains the outbox at start (the local transport: nothing leaves this machine).
    const deadline = Date.now() + 30_000;
    let samples: Sample[] = [];
    for (;;) {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`).catch(() => null);
      if (response?.ok) {
        samples = parse(await response.text());
        if (
          value(samples, "shivir_job_runs_total", { task: "mail:drain" }) >= 1 &&
          value(samples, "shivir_mail_queue_depth") === 0
        )
          break;
      }
      if (Date.now() > deadline)
        throw new Error("the worker's metrics did not show the drained mail in 30 s");
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(value(samples, "shivir_job_failures_total")).toBe(0);
    expect(value(samples, "shivir_emails", { status: "sent" })).toBe(2);
    expect(value(samples, "shivir_mail_oldest_pending_seconds")).toBe(0);
  }, 60_000);
});
