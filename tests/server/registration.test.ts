// The personal link over HTTP against a real portal: what a valid link shows and does, and that every
// wrong, tampered, revoked, renewed or long-expired link gets the same 404, is rate limited per client
// address, and never a 500. The pass image decodes to the right registration.
import { randomBytes } from "node:crypto";
import jsQR from "jsqr";
import { sql } from "kysely";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LINK_FAILURE_LIMIT } from "#app/models/registration/registration.server.ts";
import { PASS_PREFIX } from "#app/models/registration/pass.ts";
import {
  encodePass,
  findRegistrationByPass,
  verifyPassCode,
} from "#app/models/registration/registration-pass.server.ts";
import { languageCookie } from "#app/i18n/language-cookie.server.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { type Portal, startPortal } from "#tests/support/portal.ts";
import { createRegistrationFixture, type RegistrationFixture } from "#tests/support/registration-fixture.ts";

const browser =
  "Mozilla/5.0 (Linux; Android 12; Redmi 9A) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36";

let testDb: TestDatabase;
let portal: Portal;
let camp: RegistrationFixture;
let ipCounter = 0;

/** Each test speaks from its own address (the portal trusts X-Forwarded-For from loopback). */
function newClient() {
  const ip = `198.51.100.${++ipCounter}`;
  return (path: string, init: RequestInit = {}) =>
    fetch(`${portal.url}${path}`, {
      ...init,
      redirect: "manual",
      headers: {
        "User-Agent": browser,
        "X-Forwarded-For": ip,
        "Accept-Language": "en",
        ...(init.headers ?? {}),
      },
    });
}

function form(fields: Record<string, string>): RequestInit {
  return {
    method: "POST",
    body: new URLSearchParams(fields).toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  };
}

const registrationOf = (invitationId: number) =>
  testDb.db
    .selectFrom("registrations")
    .selectAll()
    .where("invitationId", "=", invitationId)
    .executeTakeFirst();

/**
 * A 404 page's body with the requested path taken out (the language switch echoes it), and the CSP nonce
 * (new for every answer).
 */
async function notFoundBody(response: Response, path: string) {
  const body = await response.text();
  return body
    .replaceAll(path, "PATH")
    .replaceAll(encodeURI(path), "PATH")
    .replace(/nonce="[^"]*"/g, 'nonce=""');
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  camp = await createRegistrationFixture(testDb.db, { people: 6, capacity: 2 });
  portal = await startPortal(testDb.url, { WORKER: "none" });
}, 120_000);

afterAll(async () => {
  await portal?.stop();
  if (testDb) await dropTestDatabase(testDb);
});

describe("a valid personal link", () => {
  it("shows the invitation in the person's language without changing anything but the opened mark", async () => {
    const request = newClient();
    const person = camp.people[0]!;
    const scanner = await request(`/i/${person.token}`, {
      headers: { "User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" },
    });
    expect(scanner.status).toBe(200);
    const opened = () =>
      testDb.db
        .selectFrom("invitations")
        .select("linkOpenedAt")
        .where("id", "=", person.invitationId)
        .executeTakeFirstOrThrow();
    expect((await opened()).linkOpenedAt).toBeNull();

    const response = await request(`/i/${person.token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("cache-control")).toContain("no-store");
    const html = await response.text();
    // Hindi (the person's language), although the browser asked for English.
    expect(html).toContain("अजमेर प्रशिक्षण शिविर");
    expect(html).toContain(`नमस्ते, ${person.nameHi}`);
    expect(html).toContain("उद्घाटन सत्र");
    expect(html).toContain('href="https://maps.example.org/?q=Jawahar+Rang+Manch"');
    expect((await opened()).linkOpenedAt).toBeInstanceOf(Date);
    expect(await registrationOf(person.invitationId)).toBeUndefined();
  });

  it("registers with a POST, refuses a missing required answer, and serves the pass image that decodes to it", async () => {
    const request = newClient();
    const person = camp.people[1]!;
    const missing = await request(`/i/${person.token}`, form({ intent: "register" }));
    expect(missing.status).toBe(400);
    expect(await registrationOf(person.invitationId)).toBeUndefined();

    // No personal token in any image address: the old pass address is gone.
    expect((await request(`/i/${person.token}/pass.png`)).status).toBe(404);

    const response = await request(
      `/i/${person.token}`,
      form({ intent: "register", travelMode: "train", needsStay: "yes" }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/i/${person.token}?done=registered`);
    expect(await registrationOf(person.invitationId)).toMatchObject({
      status: "registered",
      answers: { travelMode: "train", needsStay: true },
    });

    // The pass image lives at an address that carries the pass only (the one the confirmation email uses).
    const passId = (await registrationOf(person.invitationId))!.passId;
    const passPath = `/pass/${encodePass(passId).slice(PASS_PREFIX.length)}.png`;
    const image = await request(passPath);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    const png = PNG.sync.read(Buffer.from(await image.arrayBuffer()));
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
    expect(verifyPassCode(code)).toBe(passId);
    expect(await findRegistrationByPass(testDb.db, passId)).toMatchObject({
      invitationId: person.invitationId,
      status: "registered",
    });
    // A forged signature, a made-up pass and a cancelled seat show nothing.
    const forged = passPath.replace(/\.([A-Za-z0-9_-])/, (_, c: string) => `.${c === "A" ? "B" : "A"}`);
    expect((await request(forged)).status).toBe(404);
    expect((await request("/pass/AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.png")).status).toBe(404);
    await testDb.db
      .updateTable("registrations")
      .set({ status: "cancelled" })
      .where("passId", "=", passId)
      .execute();
    expect((await request(passPath)).status).toBe(404);
  });

  it("answers an unknown intent with a message, not a 500", async () => {
    const request = newClient();
    const response = await request(`/i/${camp.people[2]!.token}`, form({ intent: "delete-everything" }));
    expect(response.status).toBe(400);
    expect(await registrationOf(camp.people[2]!.invitationId)).toBeUndefined();
  });
});

describe("links that must not work", () => {
  let samePage: string | undefined;

  async function expectNotFound(path: string, request = newClient()) {
    const get = await request(path);
    expect(get.status, `GET ${path}`).toBe(404);
    const body = await notFoundBody(get, path);
    expect(body).toContain("This link does not work");
    samePage ??= body;
    expect(body, `GET ${path}`).toBe(samePage);
    const post = await request(path, form({ intent: "register", travelMode: "bus" }));
    expect(post.status, `POST ${path}`).toBe(404);
    expect((await request(`${path}/pass.png`)).status).toBe(404);
  }

  it("gives the same 404 to a tampered, revoked or renewed link and to a draft or long-past event", async () => {
    const db = testDb.db;
    const [, , , revoked, renewed] = camp.people;
    const valid = camp.people[0]!.token;
    const tampered = `${valid.slice(0, 20)}${valid[20] === "A" ? "B" : "A"}${valid.slice(21)}`;
    await expectNotFound(`/i/${tampered}`);

    await db
      .updateTable("invitations")
      .set({ revokedAt: new Date() })
      .where("id", "=", revoked!.invitationId)
      .execute();
    await expectNotFound(`/i/${revoked!.token}`);

    // A renewed link: the version went up and the stored hash changed with it.
    await db
      .updateTable("invitations")
      .set({ linkVersion: 2, tokenHash: "f".repeat(64) })
      .where("id", "=", renewed!.invitationId)
      .execute();
    await expectNotFound(`/i/${renewed!.token}`);

    const draft = await createRegistrationFixture(db, { people: 1, status: "draft" });
    await expectNotFound(`/i/${draft.people[0]!.token}`);
    const past = await createRegistrationFixture(db, {
      people: 1,
      status: "completed",
      opensInHours: -24 * 50,
      closesInHours: -24 * 45,
      startsInHours: -24 * 40,
    });
    await expectNotFound(`/i/${past.people[0]!.token}`);
    expect(await registrationOf(revoked!.invitationId)).toBeUndefined();
  });

  it("keeps a token to its own invitation: another event's token cannot take a seat here", async () => {
    const request = newClient();
    const other = await createRegistrationFixture(testDb.db, { people: 1, capacity: 5 });
    const before = await sql<{ n: number }>`
      select count(*)::int as n from registrations where event_id = ${camp.eventId}`.execute(testDb.db);
    const response = await request(
      `/i/${other.people[0]!.token}`,
      form({ intent: "register", travelMode: "bus" }),
    );
    expect(response.status).toBe(303);
    const after = await sql<{ n: number }>`
      select count(*)::int as n from registrations where event_id = ${camp.eventId}`.execute(testDb.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    expect((await registrationOf(other.people[0]!.invitationId))?.eventId).toBe(other.eventId);
    // The other event's page shows the other event only.
    const titles = await testDb.db
      .selectFrom("events")
      .select(["id", "titleHi"])
      .where("id", "in", [camp.eventId, other.eventId])
      .execute();
    const html = await (await request(`/i/${other.people[0]!.token}`)).text();
    expect(html).toContain(titles.find((e) => e.id === other.eventId)!.titleHi);
    expect(html).not.toContain(titles.find((e) => e.id === camp.eventId)!.titleHi);
  });

  it("shows closed and over clearly and refuses to register, changing nothing", async () => {
    const request = newClient();
    const closed = await createRegistrationFixture(testDb.db, {
      people: 1,
      opensInHours: -48,
      closesInHours: -1,
    });
    const page = await request(`/i/${closed.people[0]!.token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("को बंद हो गया।");
    const refused = await request(
      `/i/${closed.people[0]!.token}`,
      form({ intent: "register", travelMode: "bus" }),
    );
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("पंजीकरण बंद हो गया है।");
    expect(await registrationOf(closed.people[0]!.invitationId)).toBeUndefined();

    const over = await createRegistrationFixture(testDb.db, {
      people: 1,
      status: "completed",
      opensInHours: -24 * 5,
      closesInHours: -24 * 3,
      startsInHours: -24 * 2,
    });
    // The person switched to English with the language switch: the page follows their choice.
    const english = (await languageCookie.serialize("en")).split(";")[0]!;
    const overPage = await request(`/i/${over.people[0]!.token}`, { headers: { Cookie: english } });
    expect(overPage.status).toBe(200);
    expect(await overPage.text()).toContain("This event is over.");
    const overPost = await request(
      `/i/${over.people[0]!.token}`,
      form({ intent: "register", travelMode: "bus" }),
    );
    expect(overPost.status).toBe(409);
    expect(await registrationOf(over.people[0]!.invitationId)).toBeUndefined();
  });

  it("answers enumeration with the same 404, then 429, never a 500, while valid links keep working", async () => {
    const request = newClient();
    const guesses = [
      ...Array.from({ length: LINK_FAILURE_LIMIT.limit + 5 }, () => randomBytes(32).toString("base64url")),
      "x",
      "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
      "a".repeat(500),
      "..%2F..%2Fetc%2Fpasswd",
    ];
    const statuses: number[] = [];
    const bodies = new Set<string>();
    for (const guess of guesses) {
      const path = `/i/${guess}`;
      const response = await request(path);
      statuses.push(response.status);
      if (response.status === 404) bodies.add(await notFoundBody(response, path));
      else await response.text();
    }
    expect(statuses.every((s) => s === 404 || s === 429)).toBe(true);
    expect(statuses.slice(0, LINK_FAILURE_LIMIT.limit).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(LINK_FAILURE_LIMIT.limit).every((s) => s === 429)).toBe(true);
    expect(bodies.size).toBe(1);
    const limited = await request(`/i/${randomBytes(32).toString("base64url")}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.text()).toContain("Too many attempts");
    const limitedPost = await request(
      `/i/${randomBytes(32).toString("base64url")}`,
      form({ intent: "register" }),
    );
    expect(limitedPost.status).toBe(429);
    // A real link from the same busy address still opens (mobile networks share addresses).
    expect((await request(`/i/${camp.people[0]!.token}`)).status).toBe(200);
    // Another address is not limited.
    expect((await newClient()(`/i/${randomBytes(32).toString("base64url")}`)).status).toBe(404);
  });
});
