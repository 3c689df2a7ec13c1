import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type FakeResend, startFakeResend } from "#tests/fakes/resend-fake.ts";
import { acceptedPerOutboxId, queueTestEmails } from "#tests/support/outbox.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { createDb, type Database } from "#app/platform/db.server.ts";
import { logger } from "#app/platform/logger.server.ts";
import { drainOutbox } from "./sender.server.ts";
import { createResendTransport, localTransport, type Transport } from "./transport.server.ts";

// A backend killed under a statement: postgres.js reports the close, or the socket reset (RST) on Linux.
const connectionGone = expect.stringMatching(/^(CONNECTION_CLOSED|ECONNRESET)$/);

const fast = {
  leaseSeconds: 30,
  ratePerSecond: 1000,
  backoffMs: () => 10,
  from: "Shivir <shivir@example.in>",
};

describe("the sender", () => {
  const testDb = useTestDatabase();
  let fake: FakeResend;
  let transport: Transport;

  beforeAll(async () => {
    fake = await startFakeResend({ rateLimitPerSecond: 1000 });
    // A generous timeout: a busy machine must not turn a slow answer into a retry (the tests count requests).
    transport = createResendTransport({ apiKey: fake.apiKey, baseUrl: fake.url, timeoutMs: 10_000 });
  });
  afterAll(() => fake?.close());
  beforeEach(async () => {
    fake.reset();
    fake.setFaults({});
    fake.setRateLimit(1000);
    await testDb().db.deleteFrom("emails").execute();
  });

  const rows = () => testDb().db.selectFrom("emails").selectAll().orderBy("id").execute();

  it("sends queued mail in batches of at most 100, each message once, and records the provider ids", async () => {
    const ids = await queueTestEmails(testDb().db, 250);
    const result = await drainOutbox(testDb().db, transport, fast);
    expect(result).toEqual({ sent: 250, failed: 0 });
    const batches = fake.requests.filter((r) => r.path === "/emails/batch");
    expect(batches.map((r) => r.count)).toEqual([100, 100, 50]);
    expect(fake.accepted.every((e) => e.viaBatch)).toBe(true);
    const perId = acceptedPerOutboxId(fake.accepted);
    expect([...perId.keys()].sort((a, b) => a - b)).toEqual(ids);
    expect([...perId.values()].every((n) => n === 1)).toBe(true);
    const stored = await rows();
    expect(stored.every((r) => r.status === "sent" && r.transport === "resend")).toBe(true);
    const providerIds = new Set(fake.accepted.map((e) => e.id));
    expect(stored.every((r) => r.providerId && providerIds.has(r.providerId))).toBe(true);
    // Every message carries an HTML and a plain-text part.
    expect(
      fake.accepted.every((e) => e.html?.includes("shivir.example") && e.text?.includes("shivir.example")),
    ).toBe(true);
  });

  it("sends mail with a calendar attachment alone, through the single-email endpoint", async () => {
    await queueTestEmails(testDb().db, 2, { attachment: true, prefix: "att" });
    await queueTestEmails(testDb().db, 3, { prefix: "plain" });
    await drainOutbox(testDb().db, transport, fast);
    const single = fake.accepted.filter((e) => !e.viaBatch);
    expect(single).toHaveLength(2);
    expect(single.every((e) => e.attachments?.[0]?.filename === "invite.ics")).toBe(true);
    expect(fake.accepted.filter((e) => e.viaBatch)).toHaveLength(3);
  });

  it("never sends twice when the provider accepted but the answer was lost", async () => {
    await queueTestEmails(testDb().db, 120, { prefix: "lost" });
    fake.setFaults({ dropAfterAcceptRate: 1 });
    await drainOutbox(testDb().db, transport, { ...fast, backoffMs: () => 60_000 });
    expect(fake.accepted).toHaveLength(120);
    expect((await rows()).every((r) => r.status === "sending")).toBe(true);

    // The provider recovers; the claims' leases run out and another worker takes them over.
    fake.setFaults({});
    await sql`update emails set lease_until = now() - interval '1 second'`.execute(testDb().db);
    await drainOutbox(testDb().db, transport, fast);
    expect(fake.accepted).toHaveLength(120);
    expect((await rows()).every((r) => r.status === "sent")).toBe(true);
  });

  it("waits out 429s and retries 500s until everything is sent once", async () => {
    await queueTestEmails(testDb().db, 400, { prefix: "flaky" });
    fake.setRateLimit(3);
    fake.setFaults({ serverErrorRate: 0.3, seed: 7 });
    // Small batches, so that requests come faster than the provider's 3 per second whatever the machine's load.
    const result = await drainOutbox(testDb().db, transport, { ...fast, ratePerSecond: 50, batchSize: 40 });
    expect(result.sent).toBe(400);
    expect(fake.requests.some((r) => r.status === 429)).toBe(true);
    expect(fake.requests.some((r) => r.status === 500)).toBe(true);
    const perId = acceptedPerOutboxId(fake.accepted);
    expect(perId.size).toBe(400);
    expect([...perId.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);

  it("fails only the message the provider refuses; its batch-mates are sent", async () => {
    // The fake refuses a recipient whose domain has no dot-separated label, which the database allows.
    await queueTestEmails(testDb().db, 5, {
      prefix: "mixed",
      recipient: (i) => (i === 2 ? "bad@exa_mple.in" : `ok${i}@example.in`),
    });
    await drainOutbox(testDb().db, transport, fast);
    const stored = await rows();
    expect(stored.filter((r) => r.status === "sent")).toHaveLength(4);
    const failed = stored.filter((r) => r.status === "failed");
    expect(failed.map((r) => r.recipient)).toEqual(["bad@exa_mple.in"]);
    expect(failed[0]?.lastError).toMatch(/422/);
    expect(fake.accepted).toHaveLength(4);
  });

  it("splits a refused batch in halves, so one bad address among 100 costs a few requests, not 100", async () => {
    await queueTestEmails(testDb().db, 100, {
      prefix: "bisect",
      recipient: (i) => (i === 61 ? "bad@exa_mple.in" : `ok${i}@example.in`),
    });
    const result = await drainOutbox(testDb().db, transport, { ...fast, ratePerSecond: 100 });
    expect(result).toEqual({ sent: 99, failed: 1 });
    const stored = await rows();
    expect(stored.filter((r) => r.status === "failed").map((r) => r.recipient)).toEqual(["bad@exa_mple.in"]);
    const perId = acceptedPerOutboxId(fake.accepted);
    expect(perId.size).toBe(99);
    expect([...perId.values()].every((n) => n === 1)).toBe(true);
    // 1 + 2 per level of halving (100 → 50 → 25 → 13 → 7 → 4 → 2 → 1): 15 requests at most.
    expect(fake.requests.length).toBeLessThanOrEqual(15);
  });

  it("gives up only after the retry window, with the reason, and never loops forever", async () => {
    await queueTestEmails(testDb().db, 3, { prefix: "down" });
    fake.setFaults({ serverErrorRate: 1 });
    const started = Date.now();
    const result = await drainOutbox(testDb().db, transport, { ...fast, retryWindowMs: 2000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(result).toEqual({ sent: 0, failed: 3 });
    const stored = await rows();
    expect(stored.every((r) => r.status === "failed")).toBe(true);
    expect(stored[0]?.lastError).toMatch(/gave up after retrying for 2 s: 500/);
    // Every try was the same request under the same key.
    expect(new Set(fake.requests.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(fake.requests.length).toBeGreaterThan(1);
  });

  it("an outage far longer than a few attempts ends with every message sent once and none failed", async () => {
    const ids = await queueTestEmails(testDb().db, 150, { prefix: "outage" });
    fake.setFaults({ serverErrorRate: 1 });
    // Twelve tries of every batch during the outage (each run waits out the short back-offs itself).
    for (let run = 0; run < 12; run++) {
      await drainOutbox(testDb().db, transport, { ...fast, backoffMs: () => 60_000 });
      await sql`update emails set lease_until = now() - interval '1 second' where status = 'sending'`.execute(
        testDb().db,
      );
    }
    expect(Math.min(...(await rows()).map((r) => r.attempts))).toBeGreaterThanOrEqual(12);
    fake.setFaults({});
    await drainOutbox(testDb().db, transport, fast);
    const stored = await rows();
    expect(stored.filter((r) => r.status !== "sent")).toEqual([]);
    const perId = acceptedPerOutboxId(fake.accepted);
    expect([...perId.keys()].sort((a, b) => a - b)).toEqual(ids);
    expect([...perId.values()].every((n) => n === 1)).toBe(true);
  });

  it("a retry after a crash sends the same request: a changed sender or a delivered message sends no one twice", async () => {
    await queueTestEmails(testDb().db, 100, { prefix: "crash" });
    // The provider accepts the batch, then the answer is lost (the worker died before recording it).
    fake.setFaults({ dropAfterAcceptRate: 1 });
    await drainOutbox(testDb().db, transport, { ...fast, backoffMs: () => 60_000 });
    expect(fake.accepted).toHaveLength(100);
    fake.setFaults({});
    // A delivery webhook arrives for one of them, and the operator changes MAIL_FROM before the recovery.
    const [first] = await rows();
    await testDb()
      .db.updateTable("emails")
      .set({ status: "delivered" })
      .where("id", "=", first!.id)
      .execute();
    await sql`update emails set lease_until = now() - interval '1 second' where status = 'sending'`.execute(
      testDb().db,
    );
    await drainOutbox(testDb().db, transport, { ...fast, from: "Shivir Camps <camps@example.in>" });
    expect(fake.accepted).toHaveLength(100);
    expect(fake.requests.map((r) => r.status)).toEqual(["dropped", 200]);
    const stored = await rows();
    expect(stored.filter((r) => r.status === "failed")).toEqual([]);
    expect(stored[0]?.status).toBe("delivered");
    expect(stored.slice(1).every((r) => r.status === "sent")).toBe(true);
  });

  it("counts a batch the provider already holds under its key as sent, never as failed or sent again", async () => {
    await queueTestEmails(testDb().db, 10, { prefix: "held" });
    fake.setFaults({ dropAfterAcceptRate: 1 });
    await drainOutbox(testDb().db, transport, { ...fast, backoffMs: () => 60_000 });
    fake.setFaults({});
    // Something outside our control changed the stored request (an older sender's batch, say).
    await sql`update email_batches set sender = 'Other <other@example.in>'`.execute(testDb().db);
    await sql`update emails set lease_until = now() - interval '1 second' where status = 'sending'`.execute(
      testDb().db,
    );
    await drainOutbox(testDb().db, transport, fast);
    expect(fake.requests.map((r) => r.status)).toEqual(["dropped", 409]);
    expect(fake.accepted).toHaveLength(10);
    expect((await rows()).every((r) => r.status === "sent")).toBe(true);
  });

  it("sends transactional mail (a sign-in link) ahead of bulk invitations queued before it", async () => {
    await queueTestEmails(testDb().db, 250, { prefix: "bulk" });
    await testDb().db.updateTable("emails").set({ priority: 1 }).execute();
    const [signIn] = await queueTestEmails(testDb().db, 1, { prefix: "urgent" });
    await drainOutbox(testDb().db, transport, { ...fast, batchSize: 100 });
    const firstRequestIds = fake.accepted
      .filter((e) => e.acceptedAt === fake.accepted[0]?.acceptedAt)
      .map((e) => Number(e.tags?.find((t) => t.name === "outbox_id")?.value));
    expect(firstRequestIds).toEqual([signIn]);
    expect(fake.accepted).toHaveLength(251);
  });

  it("fails a message it cannot render, with the reason", async () => {
    await queueTestEmails(testDb().db, 2, { prefix: "render" });
    await testDb()
      .db.updateTable("emails")
      .set({ template: "no-such-template" })
      .where("idempotencyKey", "=", "render-0")
      .execute();
    await drainOutbox(testDb().db, transport, fast);
    const stored = await rows();
    expect(stored.map((r) => r.status)).toEqual(["failed", "sent"]);
    expect(stored[0]?.lastError).toMatch(/cannot render: Unknown email template/);
  });

  it("keeps mail on the machine without a Resend key", async () => {
    await queueTestEmails(testDb().db, 3, { prefix: "local" });
    await drainOutbox(testDb().db, localTransport, fast);
    const stored = await rows();
    expect(stored.every((r) => r.status === "sent" && r.transport === "local" && r.html && r.text)).toBe(
      true,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it("queues a message once for one idempotency key", async () => {
    await queueTestEmails(testDb().db, 2, { prefix: "dup" });
    await queueTestEmails(testDb().db, 2, { prefix: "dup" });
    expect(await rows()).toHaveLength(2);
  });

  describe("when the batch claimed ahead fails while the current one is sent", () => {
    // The sender's own pool, whose second claim (the look-ahead during the first batch's send) loses its
    // database connection: its backend is terminated in the middle of the claim's transaction.
    function failingLookAhead() {
      const pool = createDb(testDb().url, { max: 3 });
      let claims = 0;
      let failed: (error: unknown) => void = () => {};
      const lookAheadFailed = new Promise<unknown>((resolve) => {
        failed = resolve;
      });
      const db = new Proxy(pool, {
        get(target, property) {
          if (property !== "transaction") {
            // Kysely keeps its state in private fields: its methods run on the pool itself.
            const value = Reflect.get(target, property, target);
            return typeof value === "function" ? value.bind(target) : value;
          }
          return () => {
            const builder = target.transaction();
            // Only the claims count (the sender writes in other transactions too): a claim is made in claimNext.
            if (!new Error().stack?.includes("claimNext") || ++claims !== 2) return builder;
            return {
              execute: <T>(
                work: (trx: Parameters<Parameters<typeof builder.execute>[0]>[0]) => Promise<T>,
              ) => {
                const run = builder.execute(async (trx) => {
                  const { rows: backend } = await sql<{
                    pid: number;
                  }>`select pg_backend_pid() as pid`.execute(trx);
                  await sql`select pg_terminate_backend(${backend[0]!.pid})`.execute(testDb().db);
                  return work(trx);
                });
                run.catch(failed);
                return run;
              },
            };
          };
        },
      }) as Database;
      const close = () => Promise.race([pool.destroy(), new Promise((resolve) => setTimeout(resolve, 1000))]);
      return { db, lookAheadFailed, close };
    }

    it("keeps the process alive: the failure reaches drainOutbox when it awaits the look-ahead, and nothing is lost", async () => {
      await queueTestEmails(testDb().db, 5, { prefix: "ahead" });
      const { db, lookAheadFailed, close } = failingLookAhead();
      const sentBatches: number[][] = [];
      // The first batch's request is in flight until the look-ahead has failed: for that time nobody awaits
      // the look-ahead's promise (an unobserved rejection would fail this run, and end a real process).
      const slowTransport: Transport = {
        name: "local",
        sendOne: async () => ({ ok: true, providerIds: [null] }),
        sendBatch: async (emails) => {
          await lookAheadFailed;
          await new Promise((resolve) => setTimeout(resolve, 50));
          sentBatches.push(emails.map((email) => email.outboxId));
          return { ok: true, providerIds: emails.map(() => null) };
        },
      };
      try {
        await expect(drainOutbox(db, slowTransport, { ...fast, batchSize: 2 })).rejects.toMatchObject({
          code: connectionGone,
        });
      } finally {
        await close();
      }
      // The batch in flight was sent and recorded; the look-ahead's claim was rolled back with its connection.
      expect(sentBatches).toHaveLength(1);
      const afterFailure = await rows();
      expect(afterFailure.filter((r) => r.status === "sent").map((r) => r.id)).toEqual(sentBatches[0]);
      expect(afterFailure.filter((r) => r.status === "queued")).toHaveLength(3);

      // The job's retry sends the rest, each message once.
      const result = await drainOutbox(testDb().db, slowTransportAfter(sentBatches), {
        ...fast,
        batchSize: 2,
      });
      expect(result).toEqual({ sent: 3, failed: 0 });
      expect(new Set(sentBatches.flat()).size).toBe(5);
      expect((await rows()).every((r) => r.status === "sent")).toBe(true);
    });

    it("logs the look-ahead's failure when the run fails first (it is never awaited then)", async () => {
      await queueTestEmails(testDb().db, 4, { prefix: "both" });
      const { db, lookAheadFailed, close } = failingLookAhead();
      const warn = vi.spyOn(logger, "warn");
      const brokenTransport: Transport = {
        name: "local",
        sendOne: async () => ({ ok: true, providerIds: [null] }),
        sendBatch: async () => {
          await lookAheadFailed;
          throw new Error("the network went away");
        },
      };
      try {
        await expect(drainOutbox(db, brokenTransport, { ...fast, batchSize: 2 })).rejects.toThrow(
          "the network went away",
        );
        // Observed, not unhandled: logged with its error (through the logger's redaction).
        await vi.waitFor(() =>
          expect(warn).toHaveBeenCalledWith(
            { err: expect.objectContaining({ code: connectionGone }) },
            "mail look-ahead failed while the run was failing",
          ),
        );
      } finally {
        warn.mockRestore();
        await close();
      }
    });
  });
});

/** A transport that records each batch it is given into `batches` and accepts it. */
function slowTransportAfter(batches: number[][]): Transport {
  return {
    name: "local",
    sendOne: async (email) => {
      batches.push([email.outboxId]);
      return { ok: true, providerIds: [null] };
    },
    sendBatch: async (emails) => {
      batches.push(emails.map((email) => email.outboxId));
      return { ok: true, providerIds: emails.map(() => null) };
    },
  };
}
