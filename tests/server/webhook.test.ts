// POST /webhooks/resend through a real portal: signed events move delivery status forward; unsigned,
// mis-signed, stale or replayed ones change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomWebhookSecret, signWebhook } from "#tests/fakes/svix-sign.ts";
import { type Portal, startPortal } from "#tests/support/portal.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";

const secret = randomWebhookSecret();
let testDb: TestDatabase;
let portal: Portal;

beforeAll(async () => {
  testDb = await createTestDatabase();
  portal = await startPortal(testDb.url, { RESEND_WEBHOOK_SECRET: secret, WORKER: "none" });
});

afterAll(async () => {
  await portal?.stop();
  if (testDb) await dropTestDatabase(testDb);
});

async function sentEmail(providerId: string) {
  return testDb.db
    .insertInto("emails")
    .values({
      recipient: "someone@example.in",
      locale: "hi",
      template: "sign-in-link",
      props: {},
      subject: "s",
      idempotencyKey: `test-${providerId}`,
      status: "sent",
      transport: "resend",
      providerId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

const statusOf = async (id: number) =>
  (await testDb.db.selectFrom("emails").select("status").where("id", "=", id).executeTakeFirstOrThrow())
    .status;
const eventCount = async () =>
  (
    await testDb.db
      .selectFrom("emailEvents")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow()
  ).n;

function post(body: string, headers: Record<string, string>) {
  return fetch(`${portal.url}/webhooks/resend`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}

const event = (type: string, emailId: string, extra: object = {}) =>
  JSON.stringify({ type, created_at: new Date().toISOString(), data: { email_id: emailId, ...extra } });

describe("Resend webhooks", () => {
  it("a valid signed event updates the status; a replay is harmless", async () => {
    const email = await sentEmail("prov-valid");
    const body = event("email.delivered", "prov-valid");
    const headers = signWebhook(secret, body, { id: "msg_valid_1" });
    const first = await post(body, headers);
    expect(first.status).toBe(200);
    expect(await statusOf(email.id)).toBe("delivered");
    const events = await eventCount();

    const replay = await post(body, headers);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ outcome: "duplicate" });
    expect(await eventCount()).toBe(events);
    expect(await statusOf(email.id)).toBe("delivered");
  });

  it("never moves a status backwards (a late 'sent' after 'delivered')", async () => {
    const email = await sentEmail("prov-order");
    for (const [i, type] of ["email.delivered", "email.sent", "email.delivery_delayed"].entries()) {
      const body = event(type, "prov-order");
      expect((await post(body, signWebhook(secret, body, { id: `msg_order_${i}` }))).status).toBe(200);
    }
    expect(await statusOf(email.id)).toBe("delivered");
    const bounce = event("email.bounced", "prov-order", { bounce: { type: "Permanent" } });
    await post(bounce, signWebhook(secret, bounce, { id: "msg_order_bounce" }));
    expect(await statusOf(email.id)).toBe("bounced");
  });

  it("finds the row by our outbox tag when the provider id is not stored yet", async () => {
    const email = await testDb.db
      .insertInto("emails")
      .values({
        recipient: "x@example.in",
        locale: "en",
        template: "sign-in-link",
        props: {},
        subject: "s",
        idempotencyKey: "test-tag",
        status: "sending",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const body = event("email.delivered", "prov-unknown-yet", { tags: { outbox_id: String(email.id) } });
    expect((await post(body, signWebhook(secret, body, { id: "msg_tag" }))).status).toBe(200);
    expect(await statusOf(email.id)).toBe("delivered");
  });

  it.each([
    ["no signature headers", () => ({})],
    [
      "a wrong signature",
      (body: string) => ({ ...signWebhook(randomWebhookSecret(), body, { id: "msg_wrong" }) }),
    ],
    [
      "a tampered body",
      (body: string) =>
        signWebhook(secret, body.replace("email.complained", "email.delivered"), { id: "msg_tamper" }),
    ],
    [
      "a stale timestamp (replayed a day later)",
      (body: string) =>
        signWebhook(secret, body, { id: "msg_stale", timestamp: Math.floor(Date.now() / 1000) - 86_400 }),
    ],
  ])("refuses %s and changes nothing", async (_name, sign) => {
    const email = await sentEmail(`prov-bad-${_name.length}`);
    const body = event("email.complained", `prov-bad-${_name.length}`);
    const before = await eventCount();
    const response = await post(body, sign(body) as Record<string, string>);
    expect([400, 401]).toContain(response.status);
    expect(await statusOf(email.id)).toBe("sent");
    expect(await eventCount()).toBe(before);
  });

  it("answers bad bodies with 400, never 500", async () => {
    for (const body of [
      "{}",
      JSON.stringify({ type: 5 }),
      "[]",
      JSON.stringify({ type: "email.sent", data: 7 }),
    ]) {
      const response = await post(body, signWebhook(secret, body));
      expect(response.status).toBe(400);
    }
    // The SDK's verifier parses the body too: a signed non-JSON body is refused as not verifiable.
    const notJson = await post("not json", signWebhook(secret, "not json"));
    expect([400, 401]).toContain(notJson.status);
    const get = await fetch(`${portal.url}/webhooks/resend`);
    expect(get.status).toBe(405);
  });
});
