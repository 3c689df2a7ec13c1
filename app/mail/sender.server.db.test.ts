import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeResend, startFakeResend } from "#tests/fakes/resend-fake.ts";
import { acceptedPerOutboxId, queueTestEmails } from "#tests/support/outbox.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { drainOutbox } from "./sender.server.ts";
import { createResendTransport, localTransport, type Transport } from "./transport.server.ts";

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
    transport = createResendTransport({ apiKey: fake.apiKey, baseUrl: fake.url, timeoutMs: 1000 });
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
    await drainOutbox(testDb().db, transport, { ...fast, retriesPerClaim: 0 });
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
    const result = await drainOutbox(testDb().db, transport, {
      ...fast,
      ratePerSecond: 50,
      retriesPerClaim: 10,
    });
    expect(result.sent).toBe(400);
    expect(fake.requests.some((r) => r.status === 429)).toBe(true);
    expect(fake.requests.some((r) => r.status === 500)).toBe(true);
    const perId = acceptedPerOutboxId(fake.accepted);
    expect(perId.size).toBe(400);
    expect([...perId.values()].every((n) => n === 1)).toBe(true);
  });

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

  it("gives up after the attempts limit with the reason, and never loops forever", async () => {
    await queueTestEmails(testDb().db, 3, { prefix: "down" });
    fake.setFaults({ serverErrorRate: 1 });
    for (let claim = 0; claim < 4; claim++) {
      await drainOutbox(testDb().db, transport, { ...fast, retriesPerClaim: 0, maxAttempts: 3 });
      await sql`update emails set lease_until = now() - interval '1 second' where status = 'sending'`.execute(
        testDb().db,
      );
    }
    const stored = await rows();
    expect(stored.every((r) => r.status === "failed")).toBe(true);
    expect(stored[0]?.lastError).toMatch(/gave up after 3 attempts: 500/);
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
});
