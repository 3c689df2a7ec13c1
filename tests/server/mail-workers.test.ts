// Separate worker processes (npm run worker) against one database and the Resend fake: a worker killed
// in the middle of a batch loses nothing and sends nothing twice; two workers never send a message twice.
import { type ChildProcess, spawn } from "node:child_process";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeResend, startFakeResend } from "#tests/fakes/resend-fake.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { acceptedPerOutboxId, queueTestEmails } from "#tests/support/outbox.ts";

let fake: FakeResend;
const workers = new Set<ChildProcess>();

beforeAll(async () => {
  fake = await startFakeResend();
});
afterAll(() => fake?.close());
afterEach(async () => {
  for (const worker of workers) worker.kill("SIGKILL");
  workers.clear();
});

function startWorker(testDb: TestDatabase, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", "worker.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: testDb.url,
      RESEND_API_KEY: fake.apiKey,
      RESEND_BASE_URL: fake.url,
      MAIL_FROM: "Shivir <shivir@example.in>",
      MAIL_LEASE_SECONDS: "3",
      LOG_LEVEL: "error",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  workers.add(child);
  return child;
}

async function waitUntilSettled(testDb: TestDatabase, total: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await testDb.db
      .selectFrom("emails")
      .select(sql<number>`count(*) filter (where status = 'sent')`.as("sent"))
      .executeTakeFirstOrThrow();
    if (row.sent === total) return;
    if (Date.now() > deadline) throw new Error(`only ${row.sent} of ${total} sent after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function expectEachOnce(ids: number[]) {
  const perId = acceptedPerOutboxId(fake.accepted);
  expect(fake.accepted).toHaveLength(ids.length);
  expect([...perId.keys()].sort((a, b) => a - b)).toEqual(ids);
  expect([...perId.values()].filter((n) => n !== 1)).toEqual([]);
}

describe("mail workers", () => {
  it("1,000 emails with 10% 500s and 429s, and a worker SIGKILLed mid-batch: each accepted exactly once", async () => {
    const testDb = await createTestDatabase();
    try {
      fake.reset();
      fake.setRateLimit(2);
      fake.setFaults({ serverErrorRate: 0.1, seed: 42 });
      const ids = await queueTestEmails(testDb.db, 1000, { prefix: "fault" });

      // Faster than the provider allows, so that it answers some requests with 429.
      const env = { MAIL_RATE_PER_SECOND: "8", MAIL_BATCH_SIZE: "25" };
      const first = startWorker(testDb, env);
      const killed = new Promise<void>((resolve) => {
        // The provider has accepted a batch and not yet answered: the worker dies before it can record it.
        fake.onAccept(() => {
          if (fake.accepted.length >= 300 && first.exitCode === null && !first.killed) {
            first.kill("SIGKILL");
            fake.onAccept(null);
            resolve();
          }
        });
      });
      await killed;
      const stuck = await testDb.db
        .selectFrom("emails")
        .select(sql<number>`count(*)`.as("n"))
        .where("status", "=", "sending")
        .executeTakeFirstOrThrow();
      expect(stuck.n).toBeGreaterThan(0); // the batch the dead worker held

      startWorker(testDb, env);
      await waitUntilSettled(testDb, 1000, 120_000);
      expectEachOnce(ids);
      expect(fake.requests.some((r) => r.status === 429)).toBe(true);
      expect(fake.requests.some((r) => r.status === 500)).toBe(true);
    } finally {
      await dropTestDatabase(testDb);
    }
  }, 180_000);

  it("two workers on one database send 1,000 messages with no duplicate", async () => {
    const testDb = await createTestDatabase();
    try {
      fake.reset();
      fake.setRateLimit(1000);
      fake.setFaults({});
      const ids = await queueTestEmails(testDb.db, 1000, { prefix: "two" });
      // Small batches so that both workers get work.
      startWorker(testDb, { MAIL_RATE_PER_SECOND: "200", MAIL_BATCH_SIZE: "10" });
      startWorker(testDb, { MAIL_RATE_PER_SECOND: "200", MAIL_BATCH_SIZE: "10" });
      await waitUntilSettled(testDb, 1000, 120_000);
      expectEachOnce(ids);
      const keys = new Set(fake.accepted.map((e) => e.idempotencyKey));
      expect(keys.size).toBeGreaterThan(50);
    } finally {
      await dropTestDatabase(testDb);
    }
  }, 180_000);
});
