// Mail through provider faults with real processes (a web process with WORKER=none beside `npm run worker`),
// the real SDK and the Resend fake: a worker killed after the provider accepted its batch, with delivery
// webhooks (some late) and MAIL_FROM changed before the restart, sends nobody anything twice and shows nothing
// accepted as failed; a 10-minute outage (its back-offs skipped by moving the outbox's clock) ends with every message sent once.
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type AcceptedEmail, type FakeResend, startFakeResend } from "#tests/fakes/resend-fake.ts";
import { randomWebhookSecret, signWebhook } from "#tests/fakes/svix-sign.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { acceptedPerOutboxId, queueTestEmails } from "#tests/support/outbox.ts";
import { type Portal, startPortal } from "#tests/support/portal.ts";
import { startWorkerProcess, type WorkerProcess } from "#tests/support/worker-process.ts";

const SECRET = process.env.SESSION_SECRET!;
const webhookSecret = randomWebhookSecret();
let fake: FakeResend;
let testDb: TestDatabase | undefined;
let portal: Portal | undefined;
const workers: WorkerProcess[] = [];
// (A sign-in link asked for in the middle of a 2,000-email fan-out reached the provider within 5 s once and
// in 6.0 s once at a load average of 27: kept out until it is steady; see the branch's stash.)

beforeAll(async () => {
  fake = await startFakeResend({ extraApiKeys: ["re_worker_a", "re_worker_b"] });
});
afterAll(() => fake?.close());
afterEach(async () => {
  fake.onAccept(null);
  await Promise.all(workers.splice(0).map((worker) => worker.kill()));
  await portal?.stop();
  portal = undefined;
  if (testDb) await dropTestDatabase(testDb);
  testDb = undefined;
});

function startWorker(db: TestDatabase, env: Record<string, string> = {}) {
  const worker = startWorkerProcess(db.url, {
    RESEND_API_KEY: "re_worker_a",
    RESEND_BASE_URL: fake.url,
    MAIL_FROM: "Shivir <shivir@example.in>",
    NODE_ENV: "production",
    SESSION_SECRET: SECRET,
    ...env,
  });
  workers.push(worker);
  return worker;
}

async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function statusCounts(db: TestDatabase) {
  const rows = await db.db
    .selectFrom("emails")
    .select(["status", sql<number>`count(*)::int`.as("n")])
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
}

function expectEachOnce(ids: number[]) {
  const perId = acceptedPerOutboxId(fake.accepted);
  expect([...perId.keys()].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  expect([...perId.values()].filter((n) => n !== 1)).toEqual([]);
}

const outboxId = (email: AcceptedEmail) => Number(email.tags?.find((t) => t.name === "outbox_id")?.value);

describe("mail under provider faults", () => {
  it("a worker killed after the provider accepted its batch, late webhooks and a new MAIL_FROM: everyone once, nothing accepted shown failed", async () => {
    testDb = await createTestDatabase();
    fake.reset();
    fake.setFaults({});
    fake.setRateLimit(2);
    portal = await startPortal(
      testDb.url,
      {
        WORKER: "none",
        NODE_ENV: "production",
        SESSION_SECRET: SECRET,
        RESEND_WEBHOOK_SECRET: webhookSecret,
      },
      { timeoutMs: 90_000 },
    );
    const ids = await queueTestEmails(testDb.db, 300, { prefix: "crash" });

    // Delivery webhooks for what the provider accepts: nine in ten at once, one in ten late (after the
    // recovery). The batch whose answer the dead worker never heard is delivered before the recovery.
    const webhooks: Promise<Response>[] = [];
    const late: AcceptedEmail[] = [];
    const deliver = (email: AcceptedEmail) => {
      const body = JSON.stringify({
        type: "email.delivered",
        created_at: new Date().toISOString(),
        data: { email_id: email.id, tags: email.tags },
      });
      return fetch(`${portal!.url}/webhooks/resend`, {
        method: "POST",
        headers: { "content-type": "application/json", ...signWebhook(webhookSecret, body) },
        body,
      });
    };
    let killed: Promise<number | null> | undefined;
    const first = startWorker(testDb, { MAIL_BATCH_SIZE: "50" });
    fake.onAccept((emails) => {
      for (const email of emails) {
        if (outboxId(email) % 10 === 3) late.push(email);
        else webhooks.push(deliver(email));
      }
      // The second batch: the provider holds it, the worker dies before it hears so.
      if (!killed && fake.accepted.length >= 100) killed = first.kill();
    });
    await first.ready;
    await waitFor("the worker to be killed", 120_000, async () => killed !== undefined);
    await killed;
    fake.onAccept((emails) => {
      for (const email of emails) {
        if (outboxId(email) % 10 === 3) late.push(email);
        else webhooks.push(deliver(email));
      }
    });
    const held = await testDb.db
      .selectFrom("emails")
      .select(["id", "status"])
      .where("batchKey", "is not", null)
      .where("status", "in", ["sending", "delivered"])
      .where("sentAt", "is", null)
      .execute();
    expect(held.length).toBeGreaterThan(0); // the batch the dead worker held, accepted but not recorded

    // The operator changes the sender's address and starts the worker again.
    startWorker(testDb, { MAIL_BATCH_SIZE: "50", MAIL_FROM: "Shivir Camps <camps@example.in>" });
    await waitFor("every message to be sent", 180_000, async () => {
      const counts = await statusCounts(testDb!);
      return (counts.queued ?? 0) + (counts.sending ?? 0) === 0 && fake.accepted.length >= 300;
    });
    for (const answer of await Promise.all(webhooks)) expect(answer.status).toBe(200);
    // The late webhooks arrive after the recovery.
    for (const answer of await Promise.all(late.map(deliver))) expect(answer.status).toBe(200);

    expectEachOnce(ids);
    expect(fake.accepted).toHaveLength(300);
    const rows = await testDb.db.selectFrom("emails").select(["id", "status"]).execute();
    expect(rows.filter((r) => r.status !== "delivered")).toEqual([]);
    // The batch the dead worker held was sent again as the same request (the old sender's), and the
    // provider answered it with what it had accepted: never "another body under this key" (409).
    const perKey = new Map<string, number>();
    for (const r of fake.requests) perKey.set(r.idempotencyKey!, (perKey.get(r.idempotencyKey!) ?? 0) + 1);
    expect([...perKey.values()].some((n) => n > 1)).toBe(true);
    expect(fake.requests.filter((r) => r.status === 409)).toEqual([]);
  }, 300_000);

  it("a 10-minute provider outage ends with every message sent once and none failed", async () => {
    testDb = await createTestDatabase();
    fake.reset();
    fake.setRateLimit(100);
    fake.setFaults({ serverErrorRate: 1 });
    const ids = await queueTestEmails(testDb.db, 500, { prefix: "outage" });
    await startWorker(testDb, { MAIL_RATE_PER_SECOND: "20" }).ready;

    // Ten minutes of back-offs, skipped: each time every batch has been tried again, the outbox's clock moves
    // on (first tries a minute further back, back-offs over), until the first tries are ten minutes old.
    let tries = 0;
    for (let minute = 1; minute <= 10; minute++) {
      const before = fake.requests.length;
      await waitFor("a round of retries", 60_000, async () => {
        const waiting = await testDb!.db
          .selectFrom("emails")
          .select(sql<number>`count(distinct batch_key)::int`.as("batches"))
          .where("status", "=", "sending")
          .executeTakeFirstOrThrow();
        return waiting.batches > 0 && fake.requests.length - before >= waiting.batches;
      });
      tries++;
      // Rows in id order, as the sender locks them (an unordered update can deadlock with it).
      await sql`
        update emails set first_attempt_at = now() - make_interval(mins => ${minute}),
                          lease_until = now() - interval '1 second'
         where id in (select id from emails where status = 'sending' order by id for update)`.execute(
        testDb.db,
      );
      // A worker that has no run going notices the back-off ended through its recovery job; wake it.
      await sql`select graphile_worker.add_job('mail:drain', job_key := 'mail:drain')`.execute(testDb.db);
    }
    expect(tries).toBe(10);
    expect(await statusCounts(testDb)).toEqual({ sending: 500 });
    expect(fake.accepted).toHaveLength(0);

    fake.setFaults({});
    await sql`
      update emails set lease_until = now() - interval '1 second'
       where id in (select id from emails where status = 'sending' order by id for update)`.execute(
      testDb.db,
    );
    await sql`select graphile_worker.add_job('mail:drain', job_key := 'mail:drain')`.execute(testDb.db);
    await waitFor("every message to be sent", 120_000, async () => {
      const counts = await statusCounts(testDb!);
      return counts.sent === 500 ? counts : false;
    });
    expectEachOnce(ids);
    const attempts = await testDb.db
      .selectFrom("emails")
      .select(sql<number>`min(attempts)::int`.as("min"))
      .executeTakeFirstOrThrow();
    expect(attempts.min).toBeGreaterThan(8); // the old limit, after which mail used to be failed
  }, 300_000);
});
