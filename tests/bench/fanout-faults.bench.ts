import { writeFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { startFakeResend } from "#tests/fakes/resend-fake.ts";
import { acceptedPerOutboxId, queueTestEmails } from "#tests/support/outbox.ts";
import { createScratchDatabase } from "#tests/support/scratch-database.ts";
import { startWorkerProcess, type WorkerProcess } from "#tests/support/worker-process.ts";
import type { Bench } from "./run.ts";

// 2,000 emails through two `npm run worker` processes, the real SDK and the Resend fake at the provider's
// default limit (2 requests/s, so 200 emails/s at 100 a request), while the provider misbehaves: 10% of
// requests answered 500, 5% answered 429 (on top of its real rate limit), two answers lost after the
// provider accepted the batch, and the worker with a batch in flight SIGKILLed after the provider accepted
// it (then started again).
//
// - fanout_faults_ratio: 2,000 ÷ (seconds from the commit that queued them until every one is accepted by
//   the provider and recorded as sent) ÷ the 200 emails/s ceiling. Goal ≥ 0.6.
// - fanout_faults_max_pause_s: the longest time in which the provider accepted nothing (from the commit to
//   the first acceptance, and between consecutive acceptances). Goal ≤ 10.
// Every email must reach the provider exactly once and none may end failed, or the bench fails.
const EMAILS = 2000;
const LIMIT_PER_SECOND = 2;
const KILL_AFTER = 800;

export default {
  figures: ["fanout_faults_ratio", "fanout_faults_max_pause_s"],
  async run() {
    process.env.SESSION_SECRET ??= "fanout-faults-bench-secret-0123456789abcdef";
    const scratch = await createScratchDatabase();
    const keys = ["re_worker_a", "re_worker_b"] as const;
    const fake = await startFakeResend({ rateLimitPerSecond: LIMIT_PER_SECOND, extraApiKeys: [...keys] });
    fake.setFaults({ serverErrorRate: 0.1, rateLimitedRate: 0.05, dropAfterAcceptNth: [4, 11], seed: 18 });
    const workers = new Map<string, WorkerProcess>();
    const start = (key: string) => {
      const worker = startWorkerProcess(scratch.url, {
        RESEND_API_KEY: key,
        RESEND_BASE_URL: fake.url,
        MAIL_FROM: "Shivir <shivir@example.in>",
        MAIL_RATE_PER_SECOND: String(LIMIT_PER_SECOND),
        NODE_ENV: "production",
        LOG_LEVEL: process.env.BENCH_VERBOSE ? "debug" : "error",
      });
      workers.set(key, worker);
      if (process.env.BENCH_VERBOSE) {
        const log = `/tmp/fanout-faults-${key}-${Date.now()}.log`;
        void worker.exited.then(() => writeFile(log, worker.output()));
      }
      return worker;
    };
    try {
      await Promise.all(keys.map((key) => start(key).ready));
      let killedAt = 0;
      fake.onAccept((_emails, key) => {
        // The worker whose request this is dies before it hears the answer; it is started again.
        if (killedAt || fake.accepted.length < KILL_AFTER) return;
        killedAt = performance.now();
        void workers
          .get(key)
          ?.kill()
          .then(() => start(key));
      });

      await queueTestEmails(scratch.db, EMAILS, { prefix: "faults" });
      const queued = performance.now();
      const queuedAt = Date.now();
      const deadline = queued + 300_000;
      for (;;) {
        const row = await sql<{ open: number; failed: number }>`
          select count(*) filter (where status in ('queued', 'sending'))::int as open,
                 count(*) filter (where status = 'failed')::int as failed
            from emails`.execute(scratch.db);
        const { open, failed } = row.rows[0]!;
        if (failed) throw new Error(`${failed} emails failed`);
        if (open === 0 && fake.accepted.length >= EMAILS) break;
        if (performance.now() > deadline) throw new Error(`${open} emails still open after 300 s`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const seconds = (performance.now() - queued) / 1000;
      if (!killedAt) throw new Error("no worker was killed");

      const perId = acceptedPerOutboxId(fake.accepted);
      const twice = [...perId.values()].filter((n) => n !== 1).length;
      if (perId.size !== EMAILS || twice)
        throw new Error(`${perId.size} distinct accepted, ${twice} not once`);
      const times = [queuedAt, ...fake.accepted.map((e) => e.acceptedAt)].sort((a, b) => a - b);
      const maxPause = Math.max(...times.slice(1).map((t, i) => t - times[i]!)) / 1000;
      const count = (status: number | string) => fake.requests.filter((r) => r.status === status).length;
      console.log(
        `fanout-faults: ${EMAILS} emails in ${seconds.toFixed(2)} s, ${fake.requests.length} requests ` +
          `(${count(500)} × 500, ${count(429)} × 429, ${count("dropped")} answers lost), ` +
          `worker killed ${((killedAt - queued) / 1000).toFixed(1)} s in, longest pause ${maxPause.toFixed(2)} s`,
      );
      if (process.env.BENCH_VERBOSE)
        for (const r of fake.requests)
          console.log(
            `  ${((r.at - queuedAt) / 1000).toFixed(2)} s ${r.apiKey} ${r.status} ${r.count} ${r.idempotencyKey}`,
          );
      return [
        { name: "fanout_faults_ratio", value: EMAILS / seconds / (LIMIT_PER_SECOND * 100), unit: "ratio" },
        { name: "fanout_faults_max_pause_s", value: maxPause, unit: "s" },
      ];
    } finally {
      fake.onAccept(null);
      await Promise.all([...workers.values()].map((worker) => worker.kill()));
      await fake.close();
      await scratch.drop();
    }
  },
} satisfies Bench;
