// The portal's Prometheus metrics (prom-client), served on METRICS_PORT by app/web/http/metrics-server.server.ts,
// never on the public port. docs/operations.md lists each one with an example alert.
// One registry per process: the Remix build bundles its own copy of this module (tablet.sync imports it), so
// the metrics live on globalThis and both copies count into the same ones.
import type { Runner } from "graphile-worker";
import { sql } from "kysely";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { getDb } from "./db.server.ts";

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "shivir_" });

  const httpRequestDuration = new Histogram({
    name: "shivir_http_request_duration_seconds",
    help: "Time to answer a request, by route pattern (never the raw URL), method and status class",
    labelNames: ["route", "method", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  // The mail gauges come from one query at scrape time (a scrape's collect() runs it once for all three).
  let mailSnapshot: Promise<MailSnapshot> | undefined;
  const readMail = () => {
    mailSnapshot ??= readMailSnapshot().finally(() => {
      setTimeout(() => (mailSnapshot = undefined), 100).unref();
    });
    return mailSnapshot;
  };
  new Gauge({
    name: "shivir_mail_queue_depth",
    help: "Emails waiting to be handed to the provider (queued + sending)",
    registers: [registry],
    async collect() {
      const snapshot = await readMail();
      this.set((snapshot.byStatus.queued ?? 0) + (snapshot.byStatus.sending ?? 0));
    },
  });
  new Gauge({
    name: "shivir_mail_oldest_pending_seconds",
    help: "Age of the oldest email still queued or sending (0 when none waits)",
    registers: [registry],
    async collect() {
      this.set((await readMail()).oldestPendingSeconds);
    },
  });
  new Gauge({
    name: "shivir_emails",
    help: "Emails in the outbox by status",
    labelNames: ["status"] as const,
    registers: [registry],
    async collect() {
      const snapshot = await readMail();
      this.reset();
      for (const [status, count] of Object.entries(snapshot.byStatus)) this.set({ status }, count);
    },
  });

  const jobRuns = new Counter({
    name: "shivir_job_runs_total",
    help: "Background jobs finished by this process's worker, by task (successes and failures)",
    labelNames: ["task"] as const,
    registers: [registry],
  });
  const jobFailures = new Counter({
    name: "shivir_job_failures_total",
    help: "Background jobs that threw in this process's worker, by task (graphile-worker retries them)",
    labelNames: ["task"] as const,
    registers: [registry],
  });
  const tabletSyncBatches = new Counter({
    name: "shivir_tablet_sync_batches_total",
    help: "Tablet sync batches accepted for storing (valid JSON from an allowed tablet or staff member)",
    registers: [registry],
  });
  const tabletSyncMarks = new Counter({
    name: "shivir_tablet_sync_marks_total",
    help: "Attendance marks received in tablet sync batches (duplicates included)",
    registers: [registry],
  });
  return {
    registry,
    httpRequestDuration,
    jobRuns,
    jobFailures,
    tabletSyncBatches,
    tabletSyncMarks,
    observedRunners: new WeakSet<Runner>(),
  };
}

type MailSnapshot = { byStatus: Record<string, number>; oldestPendingSeconds: number };

async function readMailSnapshot(): Promise<MailSnapshot> {
  const { rows } = await sql<{ status: string; n: number; oldest: number | null }>`
    select status, count(*)::int as n,
           extract(epoch from now() - min(created_at))::float8 as oldest
    from emails group by status`.execute(getDb());
  const byStatus: Record<string, number> = {};
  let oldestPendingSeconds = 0;
  for (const row of rows) {
    byStatus[row.status] = Number(row.n);
    if ((row.status === "queued" || row.status === "sending") && row.oldest !== null)
      oldestPendingSeconds = Math.max(oldestPendingSeconds, Math.max(0, Number(row.oldest)));
  }
  return { byStatus, oldestPendingSeconds };
}

type Metrics = ReturnType<typeof createMetrics>;
const globalForMetrics = globalThis as unknown as { __shivirMetrics?: Metrics };
globalForMetrics.__shivirMetrics ??= createMetrics();
export const metrics: Metrics = globalForMetrics.__shivirMetrics;

/** Counts a job worker's runs and failures by task (graphile-worker's runner events). */
export function observeJobs(runner: Runner): void {
  if (metrics.observedRunners.has(runner)) return;
  metrics.observedRunners.add(runner);
  runner.events.on("job:success", ({ job }) => metrics.jobRuns.inc({ task: job.task_identifier }));
  runner.events.on("job:failed", ({ job }) => {
    metrics.jobRuns.inc({ task: job.task_identifier });
    metrics.jobFailures.inc({ task: job.task_identifier });
  });
}

/** A tablet sync batch about to be stored. */
export function countTabletSync(marks: number): void {
  metrics.tabletSyncBatches.inc();
  metrics.tabletSyncMarks.inc(marks);
}

// Path segments after these prefixes are secrets (personal links, sign-in links, calendar feeds, passes).
const TOKEN_PREFIXES = new Set(["i", "sign-in", "calendar", "pass"]);

/**
 * A request's route pattern for a label: ids become `:id`, tokens `:token` (an extension such as `.ics` or
 * `.data` is kept), assets one pattern per folder, and anything that answered 404 `(unmatched)` so that
 * scanners cannot grow the label set.
 */
export function routePattern(url: string, status: number): string {
  const path = url.split("?")[0]!;
  if (status === 404) return "(unmatched)";
  if (path.startsWith("/build/")) return "/build/*";
  if (path.startsWith("/fonts/")) return "/fonts/*";
  const segments = path.split("/");
  return (
    segments
      .map((segment, i) => {
        if (i === 0 || segment === "") return segment;
        const dot = segment.indexOf(".");
        const base = dot > 0 ? segment.slice(0, dot) : segment;
        const ext = dot > 0 ? segment.slice(dot) : "";
        if (TOKEN_PREFIXES.has(segments[i - 1] ?? "") && i === 2) return `:token${ext}`;
        if (/^\d+$/.test(base)) return `:id${ext}`;
        // Anything long or mixing digits into letters is treated as a token rather than trusted as a name.
        if (base.length >= 20 || (base.length >= 8 && /\d/.test(base) && /[a-z]/i.test(base)))
          return `:token${ext}`;
        return segment.length > 40 ? ":token" : segment;
      })
      .join("/") || "/"
  );
}

/** Records one answered request (called from the request log in portal-app.server.ts). */
export function observeRequest(url: string, method: string, status: number, seconds: number): void {
  metrics.httpRequestDuration.observe(
    { route: routePattern(url, status), method, status: `${Math.floor(status / 100)}xx` },
    seconds,
  );
}
