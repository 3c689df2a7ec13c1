// The Resend fake, driven through the real `resend` SDK so these tests also pin down how the SDK reports
// each outcome ({ data, error, headers }, never a throw) to our code.
import fc from "fast-check";
import { type CreateBatchOptions, type CreateEmailOptions, Resend } from "resend";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeResend, type FakeResendOptions, startFakeResend } from "./resend-fake.ts";
import { randomWebhookSecret, signWebhook } from "./svix-sign.ts";

const fakes: FakeResend[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

/** A fake (unlimited rate unless the test is about it) and an SDK client pointed at it. */
async function setup(options: FakeResendOptions = {}) {
  const fake = await startFakeResend({ rateLimitPerSecond: 1000, ...options });
  fakes.push(fake);
  return { fake, resend: new Resend(fake.apiKey, { baseUrl: fake.url }) };
}

function email(n = 0): CreateEmailOptions {
  return {
    from: "Shivir <noreply@shivir.example>",
    to: [`member${n}@example.org`],
    subject: `Camp schedule ${n}`,
    html: `<p>Hello ${n}</p>`,
    text: `Hello ${n}`,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the fake has logged `n` requests (the server notices a client abort slightly later). */
async function requestsLogged(fake: FakeResend, n: number) {
  for (let i = 0; i < 100 && fake.requests.length < n; i++) await sleep(10);
  return fake.requests;
}

describe("sending", () => {
  it("accepts and records a single email", async () => {
    const { fake, resend } = await setup();
    const { data, error } = await resend.emails.send({
      ...email(),
      replyTo: "office@shivir.example",
      tags: [{ name: "kind", value: "schedule" }],
      attachments: [{ filename: "plan.txt", content: Buffer.from("day 1"), contentType: "text/plain" }],
    });
    expect(error).toBeNull();
    expect(data?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(fake.accepted).toEqual([
      {
        id: data?.id,
        from: "Shivir <noreply@shivir.example>",
        to: ["member0@example.org"],
        subject: "Camp schedule 0",
        html: "<p>Hello 0</p>",
        text: "Hello 0",
        replyTo: ["office@shivir.example"],
        tags: [{ name: "kind", value: "schedule" }],
        attachments: [
          {
            filename: "plan.txt",
            content: Buffer.from("day 1").toString("base64"),
            contentType: "text/plain",
          },
        ],
        viaBatch: false,
        acceptedAt: expect.any(Number),
      },
    ]);
    expect(fake.requests).toMatchObject([{ method: "POST", path: "/emails", status: 200, count: 1 }]);
  });

  it("refuses an invalid email with 422 and records nothing", async () => {
    const { fake, resend } = await setup();
    const { data, error } = await resend.emails.send({ ...email(), to: "not-an-address" });
    expect(data).toBeNull();
    expect(error).toMatchObject({
      statusCode: 422,
      name: "validation_error",
      message: expect.stringContaining("`to`"),
    });
    const noBody = await resend.emails.send({
      from: "a@b.example",
      to: "c@d.example",
      subject: "x",
    } as never);
    expect(noBody.error).toMatchObject({ statusCode: 422, message: "`html` or `text` is required" });
    expect(fake.accepted).toHaveLength(0);
  });

  it("accepts a batch of 100 in order and refuses 101 with nothing recorded", async () => {
    const { fake, resend } = await setup();
    const hundred = Array.from({ length: 100 }, (_, i) => email(i));
    const ok = await resend.batch.send(hundred);
    expect(ok.error).toBeNull();
    expect(ok.data?.data).toHaveLength(100);
    expect(fake.accepted.map((e) => e.id)).toEqual(ok.data?.data.map((d) => d.id));
    expect(fake.accepted.map((e) => e.to[0])).toEqual(hundred.map((e) => e.to[0]));
    expect(fake.accepted.every((e) => e.viaBatch)).toBe(true);

    fake.reset();
    const tooMany = await resend.batch.send([...hundred, email(100)]);
    expect(tooMany.data).toBeNull();
    expect(tooMany.error).toMatchObject({ statusCode: 422, name: "validation_error" });
    expect(fake.accepted).toHaveLength(0);
  });

  it("refuses a whole batch when one email has an attachment (Resend would silently drop it)", async () => {
    const { fake, resend } = await setup();
    const withAttachment = { ...email(1), attachments: [{ filename: "a.txt", content: "aGk=" }] };
    const { data, error } = await resend.batch.send([
      email(0),
      withAttachment,
    ] as unknown as CreateBatchOptions);
    expect(data).toBeNull();
    expect(error).toMatchObject({
      statusCode: 422,
      name: "validation_error",
      message: expect.stringContaining("attachments are not supported in batch sends"),
    });
    expect(fake.accepted).toHaveLength(0);
  });
});

describe("auth and rate limit", () => {
  it("answers 401 to a wrong key", async () => {
    const { fake } = await setup();
    const wrong = new Resend("re_wrong", { baseUrl: fake.url });
    const { data, error } = await wrong.emails.send(email());
    expect(data).toBeNull();
    expect(error).toMatchObject({ statusCode: 401, name: "invalid_api_key" });
    expect(fake.accepted).toHaveLength(0);
  });

  it("answers 429 with retry-after above the limit, and recovers after waiting", async () => {
    const { fake, resend } = await setup({ rateLimitPerSecond: 2 });
    const results = await Promise.all([0, 1, 2].map((n) => resend.emails.send(email(n))));
    const limited = results.filter((r) => r.error);
    expect(limited).toHaveLength(1);
    const [{ error, headers }] = limited as [(typeof results)[number]];
    expect(error).toMatchObject({ statusCode: 429, name: "rate_limit_exceeded" });
    expect(headers).toMatchObject({ "ratelimit-limit": "2", "ratelimit-remaining": "0" });
    const retryAfter = Number(headers?.["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(fake.accepted).toHaveLength(2);

    await sleep(retryAfter * 1000 + 20);
    const again = await resend.emails.send(email(3));
    expect(again.error).toBeNull();
    expect(fake.accepted).toHaveLength(3);
  });
});

describe("idempotency", () => {
  it("replays the same id for the same key and body, recording once", async () => {
    const { fake, resend } = await setup();
    const first = await resend.emails.send(email(), { idempotencyKey: "welcome/42" });
    const second = await resend.emails.send(email(), { idempotencyKey: "welcome/42" });
    expect(first.error).toBeNull();
    expect(second.data).toEqual(first.data);
    expect(fake.accepted).toHaveLength(1);
    expect(fake.accepted[0]?.idempotencyKey).toBe("welcome/42");
  });

  it("answers 409 to the same key with a different body", async () => {
    const { fake, resend } = await setup();
    await resend.emails.send(email(1), { idempotencyKey: "k1" });
    const { data, error } = await resend.emails.send(email(2), { idempotencyKey: "k1" });
    expect(data).toBeNull();
    expect(error).toMatchObject({ statusCode: 409, name: "invalid_idempotent_request" });
    expect(fake.accepted).toHaveLength(1);
  });

  it("answers 409 while the first request with the key is still in flight", async () => {
    const { fake, resend } = await setup({ faults: { timeoutRate: 1, timeoutMs: 400 } });
    const first = resend.emails.send(email(), { idempotencyKey: "k2" });
    await sleep(100);
    fake.setFaults({});
    const second = await resend.emails.send(email(), { idempotencyKey: "k2" });
    expect(second.error).toMatchObject({ statusCode: 409, name: "concurrent_idempotent_requests" });
    expect((await first).error).toMatchObject({ name: "application_error", statusCode: null });
    // The held request accepted nothing, so the key is free again.
    const third = await resend.emails.send(email(), { idempotencyKey: "k2" });
    expect(third.error).toBeNull();
    expect(fake.accepted).toHaveLength(1);
  });
});

describe("faults", () => {
  it("serverErrorRate 1 gives 500 and records nothing", async () => {
    const { fake, resend } = await setup({ faults: { serverErrorRate: 1 } });
    const { data, error } = await resend.emails.send(email(), { idempotencyKey: "k3" });
    expect(data).toBeNull();
    expect(error).toMatchObject({ statusCode: 500, name: "internal_server_error" });
    expect(fake.accepted).toHaveLength(0);
    fake.setFaults({});
    expect((await resend.emails.send(email(), { idempotencyKey: "k3" })).error).toBeNull();
  });

  it("dropRate 1 looks like a network error and records nothing", async () => {
    const { fake, resend } = await setup({ faults: { dropRate: 1 } });
    const result = await resend.emails.send(email());
    expect(result).toEqual({
      data: null,
      error: { name: "application_error", statusCode: null, message: expect.any(String) },
      headers: null,
    });
    expect(fake.accepted).toHaveLength(0);
    expect(fake.requests).toMatchObject([{ status: "dropped" }]);
  });

  it("dropAfterAcceptRate 1 records the email; a retry with the same key replays the id", async () => {
    const { fake, resend } = await setup({ faults: { dropAfterAcceptRate: 1 } });
    const lost = await resend.emails.send(email(), { idempotencyKey: "k4" });
    expect(lost).toMatchObject({
      data: null,
      error: { name: "application_error", statusCode: null },
      headers: null,
    });
    expect(fake.accepted).toHaveLength(1);

    fake.setFaults({});
    const retry = await resend.emails.send(email(), { idempotencyKey: "k4" });
    expect(retry.error).toBeNull();
    expect(retry.data?.id).toBe(fake.accepted[0]?.id);
    expect(fake.accepted).toHaveLength(1);
  });

  it("a held request is cut off by the caller's AbortSignal and records nothing", async () => {
    const { fake, resend } = await setup({ faults: { timeoutRate: 1 } });
    const started = Date.now();
    const result = await resend.emails.send(email(), {
      idempotencyKey: "k5",
      signal: AbortSignal.timeout(300),
    });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(result).toMatchObject({
      data: null,
      error: { name: "application_error", statusCode: null },
      headers: null,
    });
    expect(fake.accepted).toHaveLength(0);
    expect(await requestsLogged(fake, 1)).toMatchObject([{ status: "timeout", idempotencyKey: "k5" }]);
  });

  it("draws the same faults from the same seed", async () => {
    const outcomes = async () => {
      const { fake, resend } = await setup({ faults: { serverErrorRate: 0.5, seed: 7 } });
      for (let i = 0; i < 20; i++) await resend.emails.send(email(i));
      return fake.requests.map((r) => r.status);
    };
    const first = await outcomes();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await outcomes()).toEqual(first);
  });

  it("injects 429s with retry-after from a stream of their own: the other faults hit the same requests", async () => {
    const statuses = async (faults: FakeResendOptions["faults"]) => {
      const { fake, resend } = await setup({ faults });
      const answers = [];
      for (let i = 0; i < 30; i++) answers.push(await resend.emails.send(email(i)));
      return { fake, answers };
    };
    const plain = await statuses({ serverErrorRate: 0.3, seed: 9 });
    const with429 = await statuses({ serverErrorRate: 0.3, rateLimitedRate: 0.3, seed: 9 });
    const limited = with429.answers.filter((a) => a.error?.statusCode === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]?.headers?.["retry-after"]).toBe("1");
    // Requests answered 429 never reach the fault draws; those that did got the same answers as before.
    const others = with429.fake.requests.filter((r) => r.status !== 429).map((r) => r.status);
    expect(others).toEqual(plain.fake.requests.slice(0, others.length).map((r) => r.status));
  });

  it("drops the answer of the n-th accepted request only, and tells a listener the request's API key", async () => {
    const { fake } = await setup({ extraApiKeys: ["re_second"], faults: { dropAfterAcceptNth: [2] } });
    const second = new Resend("re_second", { baseUrl: fake.url });
    const keys: string[] = [];
    fake.onAccept((emails, apiKey) => keys.push(`${apiKey}:${emails.length}`));
    expect((await second.emails.send(email(1), { idempotencyKey: "n1" })).error).toBeNull();
    const lost = await second.batch.send([email(2), email(3)], { idempotencyKey: "n2" });
    expect(lost.error).toMatchObject({ statusCode: null });
    const third = new Resend(fake.apiKey, { baseUrl: fake.url });
    expect((await third.emails.send(email(4), { idempotencyKey: "n3" })).error).toBeNull();
    // A replay is no new acceptance: it is answered.
    expect((await second.batch.send([email(2), email(3)], { idempotencyKey: "n2" })).error).toBeNull();
    expect(keys).toEqual(["re_second:1", "re_second:2", `${fake.apiKey}:1`]);
    expect(fake.requests.map((r) => [r.apiKey, r.status])).toEqual([
      ["re_second", 200],
      ["re_second", "dropped"],
      [fake.apiKey, 200],
      ["re_second", 200],
    ]);
    const stranger = new Resend("re_unknown", { baseUrl: fake.url });
    expect((await stranger.emails.send(email(5))).error?.statusCode).toBe(401);
  });
});

describe("robustness (raw HTTP, no SDK)", () => {
  it("answers odd input with JSON errors and keeps serving", async () => {
    const { fake, resend } = await setup();
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      fetch(fake.url + path, {
        method: "POST",
        body,
        headers: { authorization: `Bearer ${fake.apiKey}`, "content-type": "application/json", ...headers },
      });
    expect((await post("/emails", "{not json")).status).toBe(400);
    expect((await post("/emails", "[1,2]")).status).toBe(422);
    expect((await post("/emails/batch", "[]")).status).toBe(422);
    expect((await post("/emails/batch", "null")).status).toBe(422);
    expect((await post("/domains", "{}")).status).toBe(404);
    expect((await post("/emails", "{}", { authorization: "" })).status).toBe(401);
    expect((await post("/emails", "{}", { "idempotency-key": "x".repeat(257) })).status).toBe(400);
    const missing = await post("/emails", "{}", { authorization: "" });
    expect(await missing.json()).toMatchObject({ name: "missing_api_key" });
    expect((await resend.emails.send(email())).error).toBeNull();
  });

  it("never crashes on arbitrary bodies: every answer is a JSON error or an acceptance", async () => {
    const { fake, resend } = await setup();
    const fields = ["from", "to", "subject", "html", "text", "cc", "bcc", "reply_to", "headers", "tags"];
    const emailish = fc.dictionary(fc.constantFrom(...fields, "attachments", "scheduled_at"), fc.jsonValue());
    const body = fc.oneof(
      fc.string(),
      fc.json(),
      emailish.map((e) => JSON.stringify(e)),
      fc.array(emailish, { maxLength: 3 }).map((e) => JSON.stringify(e)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("/emails", "/emails/batch"), body, async (path, text) => {
        const res = await fetch(fake.url + path, {
          method: "POST",
          body: text,
          headers: { authorization: `Bearer ${fake.apiKey}`, "content-type": "application/json" },
        });
        expect([200, 400, 422]).toContain(res.status);
        const json = await res.json();
        if (res.status !== 200)
          expect(json).toMatchObject({ statusCode: res.status, name: expect.any(String) });
      }),
      { numRuns: 150 },
    );
    expect((await resend.emails.send(email())).error).toBeNull();
  });
});

describe("signWebhook", () => {
  it("produces headers the SDK verifies, and a tampered body fails", () => {
    const secret = randomWebhookSecret();
    const body = JSON.stringify({ type: "email.delivered", data: { email_id: "abc" } });
    const signed = signWebhook(secret, body);
    const verify = (payload: string) =>
      new Resend("re_x").webhooks.verify({
        payload,
        headers: {
          id: signed["svix-id"],
          timestamp: signed["svix-timestamp"],
          signature: signed["svix-signature"],
        },
        webhookSecret: secret,
      });
    expect(verify(body)).toEqual(JSON.parse(body));
    expect(() => verify(body.replace("abc", "abd"))).toThrow();
  });
});
