// The JSON and query-string endpoints against hostile and careless input, over HTTP against a real portal:
// the tablet's sync (bodies of every wrong shape and size, ids that overflow, impossible times, marks and
// walk-ins for sessions the sender may not mark, duplicates inside one batch), the roster and pass lookups,
// pairing by guessing, the reports' query strings and ids out of scope, and garbage tokens in the personal
// links. Every answer must be 4xx (never 5xx), bad input must change nothing, and nothing may cross scopes.
import { createHmac, randomUUID } from "node:crypto";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scopeOf } from "#app/models/organisation/scope.server.ts";
import { createPairingCode } from "#app/models/attendance/tablet-device.server.ts";
import { PASS_PREFIX } from "#app/models/registration/pass.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { type Portal, startPortal } from "#tests/support/portal.ts";
import { type TabletWho, tabletTestCookies } from "#tests/support/tablet-cookies.ts";
import { createTabletFixture, type TabletFixture } from "#tests/support/tablet-fixture.ts";

const SECRET = "hostile-json-secret-0123456789abcdefghijkl";

type Who = TabletWho;

let testDb: TestDatabase;
let portal: Portal;
let f: TabletFixture;
let otherCommitteeId: number;
let otherDistrictId: number;
let cookies: Record<Who, string>;

async function request(path: string, who: Who | null, init: RequestInit & { ip?: string } = {}) {
  const { ip, ...rest } = init;
  return fetch(`${portal.url}${path}`, {
    ...rest,
    redirect: "manual",
    headers: {
      ...(who ? { Cookie: cookies[who] } : {}),
      // The portal believes X-Forwarded-For from loopback: each rate-limited test gets its own address.
      ...(ip ? { "X-Forwarded-For": ip } : {}),
      "Accept-Language": "en",
      ...(rest.headers ?? {}),
    },
  });
}

function sync(who: Who, body: unknown, headers: Record<string, string> = {}) {
  return request("/tablet/sync", who, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "Content-Type": "application/json", "Sec-Fetch-Site": "same-origin", ...headers },
  });
}

const recent = () => new Date(Date.now() - 60_000).toISOString();
const mark = (
  appointeeId: number | null,
  sessionId = f.sessionIds[0],
  extra: Record<string, unknown> = {},
) => ({
  clientId: randomUUID(),
  sessionId,
  appointeeId,
  action: "mark",
  markedAt: recent(),
  ...extra,
});
const walkIn = (sessionId = f.sessionIds[0], extra: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  sessionId,
  name: "Walk In Person",
  phone: "98290 12345",
  createdAt: recent(),
  ...extra,
});

type Counts = { attendance: number; marks: number; walkIns: number; devices: number };
async function counts(): Promise<Counts> {
  const { rows } = await sql<Counts>`select
      (select count(*)::int from attendance) as attendance,
      (select count(*)::int from attendance_marks) as marks,
      (select count(*)::int from walk_ins) as "walkIns",
      (select count(*)::int from tablet_devices) as devices`.execute(testDb.db);
  return rows[0]!;
}

/** Runs `send`, and checks that the answer is a 4xx and that the database did not change. */
async function refused(send: () => Promise<Response>, status?: number | number[]) {
  const before = await counts();
  const answer = await send();
  const body = await answer.text();
  if (status !== undefined) expect([status].flat(), body.slice(0, 300)).toContain(answer.status);
  expect(answer.status, body.slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(answer.status, body.slice(0, 300)).toBeLessThan(500);
  expect(await counts()).toEqual(before);
  return { status: answer.status, body, type: answer.headers.get("content-type") ?? "" };
}

/** A refused JSON request: the answer is JSON with a short message saying what was wrong. */
async function refusedJson(send: () => Promise<Response>, status?: number | number[]) {
  const answer = await refused(send, status);
  expect(answer.type).toMatch(/^application\/json/);
  const json = JSON.parse(answer.body) as { error?: unknown };
  expect(typeof json.error).toBe("string");
  expect((json.error as string).length).toBeGreaterThan(0);
  // Short: the answer says what was wrong, it does not echo what was sent.
  expect(answer.body.length).toBeLessThan(4096);
  return json;
}

/** A sync that the server takes as a whole but refuses mark by mark: 200, nothing stored. */
async function refusedMarks(who: Who, body: unknown) {
  const before = await counts();
  const answer = await sync(who, body);
  expect(answer.status).toBe(200);
  const json = (await answer.json()) as {
    accepted: number;
    rejected: { clientId: string; reason: string }[];
  };
  expect(json.accepted).toBe(0);
  expect(await counts()).toEqual(before);
  return json.rejected;
}

function passCode(passId: string) {
  const signature = createHmac("sha256", SECRET).update(`shivir:pass:v1:${passId}`).digest().subarray(0, 16);
  return `${PASS_PREFIX}${passId}.${signature.toString("base64url")}`;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  const db = testDb.db;
  f = await createTabletFixture(db, { people: 10 });
  cookies = await tabletTestCookies(db, f, SECRET);
  const other = await db
    .selectFrom("committees")
    .innerJoin("units", "units.id", "committees.unitId")
    .select(["committees.id", "units.id as unitId"])
    .where("committees.nameEn", "=", "Jodhpur District Committee")
    .executeTakeFirstOrThrow();
  otherCommitteeId = other.id;
  otherDistrictId = other.unitId;
  portal = await startPortal(testDb.url, { NODE_ENV: "production", SESSION_SECRET: SECRET, WORKER: "none" });
}, 120_000);

afterAll(async () => {
  await portal?.stop();
  if (testDb) await dropTestDatabase(testDb);
});

describe("POST /tablet/sync: bodies that are not a batch", () => {
  it.each([
    ["an empty body", ""],
    ["broken JSON", '{"deviceId":"d","marks":['],
    ["JSON with a trailing comma", '{"deviceId":"d","marks":[],}'],
    ["a NUL byte", '{"deviceId":"d\u0000","marks":[]}'],
    ["null", "null"],
    ["a number", "1e400"],
    ["a string", '"marks"'],
    ["an array of batches", '[{"deviceId":"d","marks":[]}]'],
    ["an empty object", "{}"],
    ["marks as an object", '{"deviceId":"d","marks":{"0":{}}}'],
    ["marks as a string", '{"deviceId":"d","marks":"[]"}'],
    ["walkIns as an object", '{"deviceId":"d","marks":[],"walkIns":{}}'],
    ["a numeric deviceId", '{"deviceId":12,"marks":[]}'],
    ["an empty deviceId", '{"deviceId":"  ","marks":[]}'],
    ["a deviceId with spaces inside", '{"deviceId":"a b","marks":[]}'],
    ["a deviceId of 101 characters", `{"deviceId":"${"d".repeat(101)}","marks":[]}`],
    ["a deviceId in Devanagari", '{"deviceId":"टैबलेट","marks":[]}'],
    ["a mark that is null", '{"deviceId":"d","marks":[null]}'],
    ["a mark that is an array", '{"deviceId":"d","marks":[[1,2,3]]}'],
  ])("answers %s with 400 and a message", async (_name, body) => {
    await refusedJson(() => sync("trainer", body), 400);
  });

  it("answers a deeply nested body 400 (or 413), without a crash", async () => {
    const depth = 200_000;
    await refusedJson(() => sync("trainer", "[".repeat(depth) + "]".repeat(depth)), [400, 413]);
    const nestedMarks = `{"deviceId":"d","marks":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    await refusedJson(() => sync("trainer", nestedMarks), [400, 413]);
    const nestedObject = `{"deviceId":"d","marks":[${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}]}`;
    await refusedJson(() => sync("trainer", nestedObject), [400, 413]);
  });

  it("refuses bodies that are too large, also when they come in chunks without a length", async () => {
    const big = `{"deviceId":"d","marks":[],"pad":"${"x".repeat(5 * 1024 * 1024)}"}`;
    await refusedJson(() => sync("trainer", big), 413);
    // A body whose length is not announced: the server keeps none of it past the limit.
    const streamed = (megabytes: number) => {
      const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent === 0) controller.enqueue(new TextEncoder().encode('{"deviceId":"d","marks":[],"pad":"'));
          if (sent >= megabytes * 1024 * 1024) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      return request("/tablet/sync", "trainer", {
        method: "POST",
        body,
        headers: { "Content-Type": "application/json", "Sec-Fetch-Site": "same-origin" },
        duplex: "half",
      } as RequestInit);
    };
    await refusedJson(() => streamed(16), 413);
    // Beyond what is worth reading to the end, the server may cut the connection; it stays up.
    const before = await counts();
    const huge = await streamed(200).catch((error: Error) => error);
    if (huge instanceof Response) expect(huge.status).toBe(413);
    expect(await counts()).toEqual(before);
    expect((await request("/healthz", null)).status).toBe(200);
  });

  it.each([
    ["no content type", undefined],
    ["text/plain", "text/plain"],
    ["a form", "application/x-www-form-urlencoded"],
    ["multipart", "multipart/form-data; boundary=x"],
    ["JSON's cousin", "application/jsonp"],
  ])("answers %s with 415", async (_name, type) => {
    const body = JSON.stringify({ deviceId: "d", marks: [mark(f.people[0]!.id)] });
    await refusedJson(
      () =>
        request("/tablet/sync", "trainer", {
          method: "POST",
          body,
          headers: { "Sec-Fetch-Site": "same-origin", ...(type ? { "Content-Type": type } : {}) },
        }),
      415,
    );
  });

  it("ignores keys it does not know, __proto__ included", async () => {
    const answer = await sync(
      "trainer",
      '{"__proto__":{"admin":true},"deviceId":"d","marks":[],"constructor":1}',
    );
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ accepted: 0, duplicates: 0, rejected: [] });
  });

  it.each(["PUT", "DELETE", "PATCH", "OPTIONS"])("answers %s with 405", async (method) => {
    const body = JSON.stringify({ deviceId: "d", marks: [mark(f.people[0]!.id)] });
    await refusedJson(
      () =>
        request("/tablet/sync", "trainer", {
          method,
          body,
          headers: { "Content-Type": "application/json", "Sec-Fetch-Site": "same-origin" },
        }),
      405,
    );
  });

  it("refuses a tablet whose pairing was withdrawn, a forged credential and no credential, with 401", async () => {
    const batch = { deviceId: "d", marks: [mark(f.people[0]!.id)] };
    expect(await refusedJson(() => sync("revoked", batch), 401)).toEqual({ error: "revoked" });
    expect(await refusedJson(() => sync("forged", batch), 401)).toEqual({ error: "revoked" });
    await refusedJson(() => sync("trainer", batch, { Cookie: "__tablet=garbage.signature" }), 401);
  });
});

describe("POST /tablet/sync: marks with wrong values", () => {
  const person = () => f.people[0]!.id;
  // Raw JSON text, so that numbers JavaScript cannot hold reach the server as typed.
  const rawMark = (field: string, value: string) => {
    const m = mark(person()) as Record<string, unknown>;
    m[field] = "__VALUE__";
    return `{"deviceId":"d","marks":[${JSON.stringify(m).replace('"__VALUE__"', value)}]}`;
  };
  const badIds = [
    "9223372036854775808",
    "9223372036854775807",
    "18446744073709551616",
    "9007199254740993",
    "1e30",
    "1e400",
    "-1",
    "0",
    "-0",
    "1.5",
    '"1"',
    "true",
    "[1]",
    "{}",
  ];

  it.each(badIds)("refuses appointeeId %s", async (value) => {
    await refusedJson(() => sync("trainer", rawMark("appointeeId", value)), 400);
  });

  it.each([...badIds, "null"])("refuses sessionId %s", async (value) => {
    await refusedJson(() => sync("trainer", rawMark("sessionId", value)), 400);
  });

  it.each([
    '"x"',
    '"00000000000000000000000000000000"',
    `"${randomUUID()} "`,
    `"{${randomUUID()}}"`,
    `"${randomUUID()}\\u0000"`,
    "1",
    '"\'; drop table walk_ins; --"',
  ])("refuses walkInId %s", async (value) => {
    const m = { ...mark(null), walkInId: "__VALUE__" };
    const body = `{"deviceId":"d","marks":[${JSON.stringify(m).replace('"__VALUE__"', value)}]}`;
    await refusedJson(() => sync("trainer", body), 400);
  });

  it.each([
    '"10000-01-01T00:00:00Z"',
    '"+010000-01-01T00:00:00Z"',
    '"-000001-01-01T00:00:00Z"',
    '"2026-13-01T00:00:00Z"',
    '"2026-01-01T25:61:00Z"',
    '"yesterday"',
    '""',
    `"${"2026-01-01T00:00:00Z".padEnd(5000, "0")}"`,
    "1767225600000",
    "null",
  ])("refuses markedAt %s", async (value) => {
    await refusedJson(() => sync("trainer", rawMark("markedAt", value)), 400);
  });

  it("keeps a walk-in whose name carries half of a surrogate pair, as a replacement character", async () => {
    const w = walkIn(f.sessionIds[0], { name: "__NAME__" });
    const m = mark(null, f.sessionIds[0], { walkInId: w.id });
    const body = JSON.stringify({ deviceId: "d", marks: [m], walkIns: [w] }).replace(
      '"__NAME__"',
      '"Ramesh \\ud83d \\udc4d end"',
    );
    const answer = await sync("trainer", body);
    expect(answer.status).toBe(200);
    const stored = await testDb.db
      .selectFrom("walkIns")
      .select("name")
      .where("id", "=", w.id)
      .executeTakeFirstOrThrow();
    expect(stored.name).toBe("Ramesh \uFFFD \uFFFD end");
  });

  it("takes marks from a tablet whose clock is wrong, at the time they arrived", async () => {
    const wrong = ["1970-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "2999-01-01T00:00:00Z"];
    const marks = wrong.map((markedAt, i) => mark(f.people[7 + i]!.id, f.sessionIds[0], { markedAt }));
    const before = Date.now();
    for (const m of marks) {
      const answer = await sync("trainer", { deviceId: "d", marks: [m] });
      expect(answer.status).toBe(200);
      expect(((await answer.json()) as { accepted: number }).accepted).toBe(1);
    }
    const stored = await testDb.db
      .selectFrom("attendanceMarks")
      .select("markedAt")
      .where(
        "clientId",
        "in",
        marks.map((m) => m.clientId),
      )
      .execute();
    expect(stored).toHaveLength(3);
    for (const row of stored) expect(Math.abs(row.markedAt.getTime() - before)).toBeLessThan(60_000);
  });

  it.each([
    ["an unknown action", { action: "delete" }],
    ["an action in capitals", { action: "MARK" }],
    ["both a person and a walk-in", { walkInId: randomUUID() }],
    ["neither a person nor a walk-in", { appointeeId: null }],
    ["a clientId that is not a uuid", { clientId: "1" }],
    ["no clientId", { clientId: undefined }],
  ])("refuses %s", async (_name, extra) => {
    await refusedJson(
      () => sync("trainer", { deviceId: "d", marks: [{ ...mark(person()), ...extra }] }),
      400,
    );
  });

  it("refuses the whole batch when one mark is bad, keeping the good ones out too", async () => {
    const good = mark(f.people[1]!.id);
    await refusedJson(
      () => sync("trainer", { deviceId: "d", marks: [good, { ...mark(person()), appointeeId: 1.5 }] }),
      400,
    );
    await refusedJson(
      () =>
        sync("trainer", {
          deviceId: "d",
          marks: [good],
          walkIns: Array.from({ length: 501 }, () => walkIn()),
        }),
      400,
    );
  });

  it("survives arbitrary values in any field of a mark (fast-check)", async () => {
    const fields = ["clientId", "sessionId", "appointeeId", "walkInId", "action", "markedAt"] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 3 }), async (field, value) => {
        const before = await counts();
        const m: Record<string, unknown> = { ...mark(person()), [field]: value };
        const answer = await sync("trainer", { deviceId: "fuzz", marks: [m] });
        await answer.body?.cancel();
        expect([200, 400]).toContain(answer.status);
        if (answer.status === 400) expect(await counts()).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });

  it("survives arbitrary times as markedAt (fast-check)", async () => {
    const times = fc.oneof(
      fc
        .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc.string({ maxLength: 40 }),
      fc
        .tuple(
          fc.integer({ min: 0, max: 9999 }),
          fc.integer({ min: 0, max: 99 }),
          fc.integer({ min: 0, max: 99 }),
          fc.integer({ min: 0, max: 99 }),
        )
        .map(
          ([y, mo, d, h]) =>
            `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}T${String(h).padStart(2, "0")}:00:00Z`,
        ),
    );
    await fc.assert(
      fc.asyncProperty(times, async (markedAt) => {
        const before = await counts();
        const answer = await sync("trainer", { deviceId: "fuzz", marks: [{ ...mark(person()), markedAt }] });
        await answer.body?.cancel();
        expect([200, 400]).toContain(answer.status);
        if (answer.status === 400) expect(await counts()).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });
});

describe("POST /tablet/sync: marks the sender may not make", () => {
  it("refuses, mark by mark, sessions of another event, unknown sessions and people not invited", async () => {
    const jodhpurSession = f.otherEvent.sessionId;
    const cases: [Who, ReturnType<typeof mark>, string][] = [
      ["device", mark(f.people[0]!.id, jodhpurSession), "forbidden"],
      ["device", mark(f.otherEvent.personId, jodhpurSession), "forbidden"],
      ["trainer", mark(f.otherEvent.personId, jodhpurSession), "forbidden"],
      ["organiser", mark(f.otherEvent.personId, jodhpurSession), "forbidden"],
      ["otherDevice", mark(f.people[0]!.id), "forbidden"],
      ["otherOrganiser", mark(f.people[0]!.id), "forbidden"],
      ["device", mark(f.people[0]!.id, 999_999_999), "forbidden"],
      ["device", mark(f.people[0]!.id, Number.MAX_SAFE_INTEGER), "forbidden"],
      ["device", mark(f.uninvitedIds[0]!), "not_invited"],
      ["device", mark(f.otherEvent.personId), "not_invited"],
      ["device", mark(Number.MAX_SAFE_INTEGER), "not_invited"],
      ["admin", mark(f.otherEvent.personId), "not_invited"],
      ["device", mark(null, f.sessionIds[0], { walkInId: randomUUID() }), "unknown_walk_in"],
    ];
    for (const [who, m, reason] of cases) {
      expect(await refusedMarks(who, { deviceId: "d", marks: [m] })).toEqual([
        { clientId: m.clientId, reason },
      ]);
    }
  });

  it("keeps a walk-in at another event's session out, and refuses its mark", async () => {
    for (const who of ["device", "trainer", "organiser"] as const) {
      const w = walkIn(f.otherEvent.sessionId);
      const m = mark(null, f.otherEvent.sessionId, { walkInId: w.id });
      expect(await refusedMarks(who, { deviceId: "d", marks: [m], walkIns: [w] })).toEqual([
        { clientId: m.clientId, reason: "forbidden" },
      ]);
    }
    // A walk-in the sender may not add, marked at a session it may: still unknown, still nothing stored.
    const w = walkIn(f.otherEvent.sessionId);
    const m = mark(null, f.sessionIds[0], { walkInId: w.id });
    expect(await refusedMarks("device", { deviceId: "d", marks: [m], walkIns: [w] })).toEqual([
      { clientId: m.clientId, reason: "unknown_walk_in" },
    ]);
  });

  it("does not let a walk-in's id reach into another event's walk-in", async () => {
    const jodhpur = walkIn(f.otherEvent.sessionId, { name: "Jodhpur Walk In" });
    const stored = await sync("otherDevice", {
      deviceId: "jd",
      marks: [mark(null, f.otherEvent.sessionId, { walkInId: jodhpur.id })],
      walkIns: [jodhpur],
    });
    expect(await stored.json()).toMatchObject({ accepted: 1, rejected: [] });
    // Jaipur's tablet sends a walk-in with the same id, and marks it (and the original) at its own session.
    const copy = { ...jodhpur, sessionId: f.sessionIds[0], name: "Overwritten" };
    const m = mark(null, f.sessionIds[0], { walkInId: jodhpur.id });
    expect(await refusedMarks("device", { deviceId: "d", marks: [m], walkIns: [copy] })).toEqual([
      { clientId: m.clientId, reason: "unknown_walk_in" },
    ]);
    const row = await testDb.db
      .selectFrom("walkIns")
      .select(["name", "eventId"])
      .where("id", "=", jodhpur.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: "Jodhpur Walk In", eventId: f.otherEvent.eventId });
    const roster = await (await request(`/tablet/events/${f.eventId}/roster.json`, "device")).json();
    expect(JSON.stringify(roster)).not.toContain(jodhpur.id);
    const changes = await request(
      `/tablet/events/${f.eventId}/roster.json?since=2020-01-01T00:00:00Z`,
      "device",
    );
    expect(await changes.text()).not.toContain(jodhpur.id);
  });
});

describe("POST /tablet/sync: walk-ins as typed by a tired volunteer", () => {
  it("refuses a name of 10,000 characters, a name of only control characters, and a phone of 41", async () => {
    for (const extra of [
      { name: "R".repeat(10_000) },
      { name: "\u0000\u0001\u0007" },
      { name: "   " },
      { name: null },
      { name: 42 },
      { phone: "9".repeat(41) },
      { phone: 9829012345 },
      { id: "not-a-uuid" },
      { sessionId: -1 },
    ]) {
      const w = walkIn(f.sessionIds[0], extra);
      const m = mark(null, f.sessionIds[0], { walkInId: w.id });
      await refusedJson(
        () => sync("device", { deviceId: "d", marks: [m, mark(f.people[4]!.id)], walkIns: [w] }),
        400,
      );
    }
  });

  it("keeps the person when the name has stray control characters or the phone is garbage", async () => {
    const cases = [
      {
        name: "Ram\u0000esh\u0007 Kumar\u001b[31m",
        phone: "98290 12345",
        expect: ["Ram esh Kumar [31m", "+919829012345"],
      },
      { name: "  Sita   Devi  ", phone: "'; drop table walk_ins; --", expect: ["Sita Devi", null] },
      { name: "गीता\u200d देवी", phone: "abc", expect: ["गीता\u200d देवी", null] },
      { name: "Mohan", phone: "+91 00000 00000", expect: ["Mohan", null] },
      { name: "Hari", phone: "", expect: ["Hari", null] },
      { name: "Lal", phone: null, expect: ["Lal", null] },
    ];
    for (const c of cases) {
      const w = walkIn(f.sessionIds[0], { name: c.name, phone: c.phone });
      const answer = await sync("device", {
        deviceId: "d",
        marks: [mark(null, f.sessionIds[0], { walkInId: w.id })],
        walkIns: [w],
      });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ accepted: 1, rejected: [] });
      const row = await testDb.db
        .selectFrom("walkIns")
        .select(["name", "phone"])
        .where("id", "=", w.id)
        .executeTakeFirstOrThrow();
      expect([row.name, row.phone]).toEqual(c.expect);
      expect(row.name).not.toMatch(/\p{Cc}/u);
    }
  });
});

describe("POST /tablet/sync: duplicates inside one batch", () => {
  const stateOf = (sessionId: number, appointeeId: number) =>
    testDb.db
      .selectFrom("attendance")
      .select(["present", "decidedByClientId"])
      .where("sessionId", "=", sessionId)
      .where("appointeeId", "=", appointeeId)
      .execute();

  it("counts the same client id twice in one batch once", async () => {
    const before = await counts();
    const m = mark(f.people[5]!.id);
    const answer = await sync("device", { deviceId: "d", marks: [m, m, { ...m }] });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ accepted: 1, duplicates: 2, rejected: [] });
    const after = await counts();
    expect(after.marks - before.marks).toBe(1);
    expect(after.attendance - before.attendance).toBe(1);
  });

  it("takes one of two different marks that share a client id, without an error", async () => {
    const before = await counts();
    const clientId = randomUUID();
    const answer = await sync("device", {
      deviceId: "d",
      marks: [
        { ...mark(f.people[6]!.id), clientId },
        { ...mark(f.people[7]!.id, f.sessionIds[1]), clientId },
      ],
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ accepted: 1, duplicates: 1, rejected: [] });
    expect((await counts()).marks - before.marks).toBe(1);
  });

  it("keeps every mark of one person in the log and the latest as the state", async () => {
    const person = f.people[8]!.id;
    const session = f.sessionIds[1];
    const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    const marks = [
      mark(person, session, { markedAt: at(5) }),
      mark(person, session, { action: "undo", markedAt: at(1) }),
      mark(person, session, { markedAt: at(3) }),
      // The same time twice: the larger client id decides, and still no "cannot affect row a second time".
      mark(person, session, { markedAt: at(10), clientId: "00000000-0000-4000-8000-000000000000" }),
      mark(person, session, { markedAt: at(10), clientId: "ffffffff-ffff-4fff-bfff-ffffffffffff" }),
    ];
    const before = await counts();
    const answer = await sync("device", { deviceId: "d", marks });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ accepted: 5, duplicates: 0, rejected: [] });
    expect((await counts()).marks - before.marks).toBe(5);
    expect(await stateOf(session, person)).toEqual([
      { present: false, decidedByClientId: marks[1]!.clientId },
    ]);
  });

  it("stores a walk-in sent twice in one batch once, with its marks", async () => {
    const w = walkIn(f.sessionIds[1]);
    const before = await counts();
    const answer = await sync("device", {
      deviceId: "d",
      marks: [
        mark(null, f.sessionIds[1], { walkInId: w.id }),
        mark(null, f.sessionIds[1], {
          walkInId: w.id,
          action: "undo",
          markedAt: new Date(Date.now() - 1000).toISOString(),
        }),
      ],
      walkIns: [w, { ...w, name: "Second copy" }],
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const after = await counts();
    expect(after.walkIns - before.walkIns).toBe(1);
    expect(after.attendance - before.attendance).toBe(1);
  });

  it("counts one batch sent by two requests at once once", async () => {
    const batch = {
      deviceId: "d",
      marks: f.people.slice(0, 5).map((p) => mark(p.id, f.sessionIds[1])),
      walkIns: [walkIn(f.sessionIds[1])],
    };
    const before = await counts();
    const answers = await Promise.all([
      sync("device", batch),
      sync("trainer", batch),
      sync("organiser", batch),
    ]);
    const bodies = await Promise.all(answers.map((a) => a.json()));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(bodies.reduce((n, b) => n + b.accepted, 0)).toBe(5);
    const after = await counts();
    expect(after.marks - before.marks).toBe(5);
    expect(after.walkIns - before.walkIns).toBe(1);
  });
});

describe("GET /tablet/events/:id/roster.json and pass.json", () => {
  const roster = (id: string | number, query = "") => `/tablet/events/${id}/roster.json${query}`;

  it.each([
    "abc",
    "0",
    "-1",
    "1e3",
    "1.0",
    "0x10",
    "999999999999999999999",
    "9223372036854775808",
    "9007199254740993",
    "%00",
    "%ZZ",
    "%E0%A4",
    "%F0%9F%98%80",
    "1%20",
  ])("answers an event id %s with 404 on every tablet route", async (id) => {
    await refused(() => request(roster(id), "admin"), [400, 404]);
    await refused(() => request(roster(id, "?since=2026-01-01T00:00:00Z"), "admin"), [400, 404]);
    await refused(() => request(`/tablet/events/${id}/pass.json?code=x`, "admin"), [400, 404]);
    await refused(() => request(`/tablet/events/${id}`, "admin"), [400, 404]);
  });

  it("answers a roster of another event 404 to a tablet, a trainer and an organiser of elsewhere", async () => {
    for (const who of ["otherDevice", "otherTrainer", "otherOrganiser"] as const) {
      await refused(() => request(roster(f.eventId), who), 404);
      await refused(() => request(roster(f.eventId, "?since=2026-01-01T00:00:00Z"), who), 404);
    }
    // Nor the other way round, with a valid `since`.
    await refused(() => request(roster(f.otherEvent.eventId, "?since=2020-01-01T00:00:00Z"), "device"), 404);
  });

  it.each([
    "abc",
    "",
    "2026",
    "2026-01-01",
    "2026-13-40T00:00:00Z",
    "2026-01-01T99:00:00Z",
    "+275760-09-13T00:00:00Z",
    "275760-09-13T00:00:00Z",
    "-000001-01-01T00:00:00Z",
    `2026-01-01T00:00:00Z${"0".repeat(10_000)}`,
    "%00",
    "2026-01-01T00:00:00Z%00",
    "2026-01-01T00:00:00Z%20garbage",
    "2026-01-01T00:00:00",
    "abc&since=2026-01-01T00:00:00Z",
  ])("answers since=%s with 400 and a message", async (since) => {
    await refusedJson(() => request(roster(f.eventId, `?since=${since}`), "device"), 400);
  });

  it.each([
    "0000-01-01T00:00:00Z",
    "0001-01-01T00:00:00Z",
    "1969-12-31T23:59:59Z",
    "9999-12-31T23:59:59Z",
    "2026-01-01T00:00:00%2B14:00",
    "2026-01-01T00:00:00+14:00",
    "2026-01-01T00:00:00Z&since=garbage",
  ])("answers since=%s without an error", async (since) => {
    const answer = await request(roster(f.eventId, `?since=${since}`), "device");
    const body = await answer.text();
    expect([200, 400], body).toContain(answer.status);
    if (answer.status === 200) expect(JSON.parse(body)).toHaveProperty("serverTime");
    else expect(JSON.parse(body).error).toMatch(/since/);
  });

  it("answers arbitrary since values 200 or 400 (fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc
            .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
            .map((d) => d.toISOString()),
        ),
        async (since) => {
          const answer = await request(roster(f.eventId, `?since=${encodeURIComponent(since)}`), "device");
          await answer.body?.cancel();
          expect([200, 400]).toContain(answer.status);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("looks up any scanned text without an error, and tells nothing about passes of other events", async () => {
    const path = (code: string) => `/tablet/events/${f.eventId}/pass.json?code=${encodeURIComponent(code)}`;
    const mine = f.people.find((p) => p.pass)!;
    const lookups: [string, unknown][] = [
      ["", { result: "unknown" }],
      ["x".repeat(10_000), { result: "unknown" }],
      ["\u0000", { result: "unknown" }],
      ["पास", { result: "unknown" }],
      [`${PASS_PREFIX}${mine.pass}.${"A".repeat(22)}`, { result: "unknown" }],
      [`${PASS_PREFIX}${"A".repeat(22)}.${"A".repeat(22)}`, { result: "unknown" }],
      [passCode("A".repeat(22)), { result: "unknown" }],
      [passCode(f.otherEvent.pass), { result: "not-invited" }],
      [`  ${passCode(mine.pass!)}\n`, { result: "this-event", appointeeId: mine.id }],
    ];
    for (const [code, expected] of lookups) {
      const answer = await request(path(code), "device");
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual(expected);
    }
    const twice = await request(
      `/tablet/events/${f.eventId}/pass.json?code=x&code=${encodeURIComponent(passCode(mine.pass!))}`,
      "device",
    );
    expect(await twice.json()).toEqual({ result: "unknown" });
    // The other event's tablet cannot ask about this event at all.
    await refused(() => request(path(passCode(mine.pass!)), "otherDevice"), 404);
    for (const who of ["revoked", "forged"] as const) {
      expect(await refusedJson(() => request(path(passCode(mine.pass!)), who), 401)).toEqual({
        error: "revoked",
      });
    }
  });
});

describe("POST /tablet/pair: guessing codes", () => {
  const post = (body: string, ip: string, type = "application/x-www-form-urlencoded") =>
    request("/tablet/pair", null, {
      method: "POST",
      body,
      ip,
      headers: { "Content-Type": type, "Sec-Fetch-Site": "same-origin" },
    });

  it("refuses malformed codes with 400", async () => {
    for (const body of [
      "",
      "code=",
      "code=%00%00%00%00%00%00%00%00",
      `code=${"A".repeat(10_000)}`,
      "code=ABCD-EFG0",
      "code=ABCDEFGHJ",
      "code=%E0%A4%95%E0%A4%95%E0%A4%95%E0%A4%95%E0%A4%95%E0%A4%95%E0%A4%95%E0%A4%95",
      "code=a&code=b",
      "code=%ZZ",
    ]) {
      await refused(() => post(body, "10.9.0.1"), 400);
    }
    await refused(() => post('{"code":"ABCDEFGH"}', "10.9.0.1", "application/json"), 400);
  });

  it("stops a guesser after 20 wrong codes from one address, even when the 21st is right", async () => {
    const ip = "10.9.0.2";
    for (let i = 0; i < 20; i++) await refused(() => post("code=ZZZZ-ZZZZ", ip), 400);
    await refused(() => post("code=ZZZZ-ZZZZ", ip), 429);
    const organiser = await testDb.db
      .selectFrom("staffUsers")
      .select(["id", "email", "name", "role", "scopeUnitId", "preferredLanguage"])
      .where("id", "=", f.organiserId)
      .executeTakeFirstOrThrow();
    const { code } = await createPairingCode(
      testDb.db,
      { staffId: organiser.id, scope: await scopeOf(testDb.db, organiser) },
      f.eventId,
      "Right code, wrong time",
    );
    const limited = await refused(() => post(`code=${code}`, ip), 429);
    expect(limited.body).toContain("Too many tries");
    // Another address may still pair with it.
    const paired = await post(`code=${code}`, "10.9.0.3");
    expect(paired.status).toBe(302);
  });
});

describe("reports and live counts: query strings and scope", () => {
  it.each(["abc", "-1", "0", "1e9", "999999999999999999999", "", "%00", "1.5"])(
    "answers /reports?unit=%s with 404",
    async (unit) => {
      await refused(() => request(`/reports?unit=${unit}`, "organiser"), 404);
    },
  );

  it("answers a unit, an event and a committee of another district 404, not 403 or 500", async () => {
    await refused(() => request(`/reports?unit=${otherDistrictId}`, "organiser"), 404);
    await refused(() => request(`/reports?unit=${otherDistrictId}&unit=1`, "organiser"), 404);
    await refused(() => request(`/reports/events/${f.otherEvent.eventId}`, "organiser"), 404);
    await refused(() => request(`/reports/events/${f.otherEvent.eventId}.csv`, "organiser"), 404);
    await refused(() => request(`/reports/committees/${otherCommitteeId}`, "organiser"), 404);
    await refused(() => request(`/events/${f.otherEvent.eventId}/attendance.json`, "organiser"), 404);
    for (const id of f.committeeIds)
      await refused(() => request(`/reports/committees/${id}`, "otherOrganiser"), 404);
    await refused(() => request(`/events/${f.eventId}/attendance.json`, "otherOrganiser"), 404);
    // The admin sees them all.
    expect((await request(`/reports/committees/${otherCommitteeId}`, "admin")).status).toBe(200);
    expect((await request(`/reports?unit=${otherDistrictId}`, "admin")).status).toBe(200);
  });

  it.each(["abc", "0", "-1", "999999999999999999999", "1e3", "%00", "%ZZ"])(
    "answers the report routes with id %s 404",
    async (id) => {
      await refused(() => request(`/reports/events/${id}`, "organiser"), [400, 404]);
      await refused(() => request(`/reports/events/${id}.csv`, "organiser"), [400, 404]);
      await refused(() => request(`/reports/committees/${id}`, "organiser"), [400, 404]);
      await refused(() => request(`/events/${id}/attendance.json`, "organiser"), [400, 404]);
    },
  );

  it("reads any sort, direction and page of an event's report as something sensible", async () => {
    for (const query of [
      "page=-1",
      "page=0",
      "page=1e9",
      "page=abc",
      "page=1.5",
      "page=99999",
      "page=100001",
      "page=Infinity",
      "page=0x10",
      "page=",
      "page=1&page=2",
      "sort=__proto__",
      "sort=constructor&dir=sideways",
      "sort=rate;drop table units&dir=asc",
      `sort=${"x".repeat(5000)}`,
      "sort[]=rate&dir[]=asc",
      "dir=%00",
      "sort=%ZZ",
    ]) {
      const answer = await request(`/reports/events/${f.eventId}?${query}`, "organiser");
      expect(answer.status, query).toBe(200);
      await answer.body?.cancel();
    }
  });

  it("lets neither trainers nor tablets read reports or live counts", async () => {
    for (const path of [
      "/reports",
      `/reports/events/${f.eventId}`,
      `/reports/events/${f.eventId}.csv`,
      `/reports/committees/${f.committeeIds[0]}`,
      `/events/${f.eventId}/attendance.json`,
    ]) {
      await refused(() => request(path, "trainer"), 403);
      // A tablet's credential is no staff session: it is sent to sign in.
      const device = await request(path, "device");
      expect(device.status).toBe(302);
      expect(device.headers.get("location")).toMatch(/^\/sign-in/);
    }
  });

  it("shows live counts of the organiser's own event, and nothing of the other district", async () => {
    const answer = await request(`/events/${f.eventId}/attendance.json`, "organiser");
    expect(answer.status).toBe(200);
    const text = await answer.text();
    expect(text).not.toContain("Jodhpur");
  });
});

describe("personal links with garbage tokens", () => {
  const tokens = [
    "x",
    "A".repeat(43),
    "A".repeat(5000),
    "%00",
    `${"A".repeat(42)}%00`,
    "%E0%A4%9F%E0%A5%8B%E0%A4%95%E0%A4%A8",
    "%F0%9F%98%80".repeat(20),
    "%ZZ",
    "%",
    "..%2F..%2Fetc%2Fpasswd",
    "'%20or%201=1--",
  ];

  it.each(tokens)(
    "answers the token %s on /calendar/….ics, /i/… and /i/…/pass.png with 4xx",
    async (token) => {
      const ip = `10.8.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
      await refused(() => request(`/calendar/${token}.ics`, null, { ip }), [400, 404, 429]);
      await refused(() => request(`/i/${token}/pass.png`, null, { ip }), [400, 404, 429]);
      await refused(() => request(`/i/${token}`, null, { ip }), [400, 404, 429]);
    },
  );
});
