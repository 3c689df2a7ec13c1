// The security headers of every answer (app/web/http/security-headers.server.ts): every route of the build,
// each with a valid and an invalid example, answers with a nonce CSP, COOP, nosniff, HSTS (production),
// the camera allowed only on tablet pages, no Referer from pages that carry a token, and `no-store` on
// every dynamic answer (all personal data among them). The nonce is new for every answer and is the one the
// page's inline scripts carry. Files, refusals and a development portal are checked too.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaffSession } from "#app/models/staff/staff-session.server.ts";
import { passImageUrl, newPassId } from "#app/models/registration/registration-pass.server.ts";
import { hashToken, newSealedToken, newToken } from "#app/platform/token.server.ts";
import { sessionCookieHeader } from "#app/web/auth.server.ts";
import { DEMO_ADMIN_EMAIL, seedDemo } from "#db/seed/demo.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { builtRoutes } from "#tests/support/build-routes.ts";
import { type Portal, startPortal } from "#tests/support/portal.ts";
import { createProgrammeFixture } from "#tests/support/programme-fixture.ts";
import { createRegistrationFixture } from "#tests/support/registration-fixture.ts";

// The portal inherits this process's secret, so sessions and passes made here are valid there.
process.env.SESSION_SECRET ||= "security-headers-test-secret-0123456789abcdef";

let testDb: TestDatabase;
let portal: Portal;
let adminCookie: string;

/** `status`: what the valid example answers when it is not a success (a POST-only address, the 404 page). */
type Example = { valid: string; invalid: string; anonymous?: true; status?: number };
type Ids = Record<
  | "unit"
  | "committee"
  | "appointee"
  | "otherAppointee"
  | "importId"
  | "staff"
  | "email"
  | "event"
  | "session"
  | "personalToken"
  | "feedToken"
  | "signInToken"
  | "passImage"
  | "programme"
  | "certificateCode",
  string
>;
let ids: Ids;

const missing = "999999";

/** Every route of the build with an example that works and one that does not. */
function examples(t: Ids): Record<string, Example> {
  const event = `/events/${t.event}`;
  return {
    root: { valid: "/", invalid: "/no-such-page" },
    "routes/_index": { valid: "/", invalid: "/?unit=nonsense" },
    "routes/$": { valid: "/no-such-page", invalid: "/no/such/page?x=%00", status: 404 },
    "routes/healthz": { valid: "/healthz", invalid: "/healthz?x=1" },
    "routes/language": { valid: "/language", invalid: "/language?lng=xx" },
    "routes/sign-in": { valid: "/sign-in", invalid: "/sign-in?redirectTo=//evil.example", anonymous: true },
    "routes/sign-in_.$token": {
      valid: `/sign-in/${t.signInToken}`,
      invalid: `/sign-in/${newToken()}`,
      anonymous: true,
    },
    "routes/sign-out": { valid: "/sign-out", invalid: "/sign-out?x=1", anonymous: true },
    "routes/webhooks.resend": {
      valid: "/webhooks/resend",
      invalid: "/webhooks/resend?x=1",
      anonymous: true,
      status: 405,
    },
    "routes/calendar.$token[.]ics": {
      valid: `/calendar/${t.feedToken}.ics`,
      invalid: `/calendar/${newToken()}.ics`,
      anonymous: true,
    },
    "routes/i.$token": { valid: `/i/${t.personalToken}`, invalid: `/i/${newToken()}`, anonymous: true },
    "routes/i.$token_.certificates.$programmeId[.]pdf": {
      valid: `/i/${t.personalToken}/certificates/${t.programme}.pdf`,
      invalid: `/i/${newToken()}/certificates/${t.programme}.pdf`,
      anonymous: true,
    },
    "routes/verify.$code": {
      valid: `/verify/${t.certificateCode}`,
      invalid: "/verify/%00-nonsense",
      anonymous: true,
    },
    "routes/programmes._index": { valid: "/programmes", invalid: "/programmes?page=%00" },
    "routes/programmes.new": { valid: "/programmes/new", invalid: "/programmes/new?unit=nonsense" },
    "routes/programmes.$id": { valid: `/programmes/${t.programme}`, invalid: `/programmes/${missing}` },
    "routes/programmes.$id.certificates.$appointeeId[.]pdf": {
      valid: `/programmes/${t.programme}/certificates/${t.appointee}.pdf`,
      invalid: `/programmes/${missing}/certificates/${t.appointee}.pdf`,
    },
    "routes/programmes.$id.certificates[.]zip": {
      valid: `/programmes/${t.programme}/certificates.zip`,
      invalid: `/programmes/${missing}/certificates.zip`,
    },
    "routes/reports.programmes.$id": {
      valid: `/reports/programmes/${t.programme}`,
      invalid: `/reports/programmes/${missing}`,
    },
    "routes/reports.programmes.$id.committees[.]csv": {
      valid: `/reports/programmes/${t.programme}/committees.csv`,
      invalid: `/reports/programmes/${missing}/committees.csv`,
    },
    "routes/pass.$code[.]png": { valid: t.passImage, invalid: "/pass/not-a-pass.png", anonymous: true },
    "routes/tablet._index": { valid: "/tablet", invalid: "/tablet?event=nonsense" },
    "routes/tablet.pair": {
      valid: "/tablet/pair?code=ABCD-EF23",
      invalid: "/tablet/pair?code=%00",
      anonymous: true,
    },
    "routes/tablet.events.$id": { valid: `/tablet${event}`, invalid: `/tablet/events/${missing}` },
    "routes/tablet.events.$id.roster[.]json": {
      valid: `/tablet${event}/roster.json`,
      invalid: `/tablet/events/${missing}/roster.json`,
    },
    "routes/tablet.events.$id.pass[.]json": {
      valid: `/tablet${event}/pass.json?code=SHIVIR-PASS:1:x.y`,
      invalid: `/tablet/events/${missing}/pass.json`,
    },
    "routes/tablet.sync": { valid: "/tablet/sync", invalid: "/tablet/sync?x=1", status: 405 },
    "routes/units.($id)": { valid: `/units/${t.unit}`, invalid: `/units/${missing}` },
    "routes/units.new": { valid: `/units/new?parent=${t.unit}`, invalid: `/units/new?parent=${missing}` },
    "routes/units.$id.edit": { valid: `/units/${t.unit}/edit`, invalid: `/units/${missing}/edit` },
    "routes/units.$id.move": { valid: `/units/${t.unit}/move`, invalid: `/units/${missing}/move` },
    "routes/committees.new": {
      valid: `/committees/new?unit=${t.unit}`,
      invalid: `/committees/new?unit=${missing}`,
    },
    "routes/committees.$id": { valid: `/committees/${t.committee}`, invalid: `/committees/${missing}` },
    "routes/appointees._index": { valid: "/appointees", invalid: "/appointees?page=-1&unit=nonsense" },
    "routes/appointees.new": { valid: "/appointees/new", invalid: "/appointees/new?committee=nonsense" },
    "routes/appointees.$id": { valid: `/appointees/${t.appointee}`, invalid: `/appointees/${missing}` },
    "routes/appointees.$id_.merge": {
      valid: `/appointees/${t.appointee}/merge?with=${t.otherAppointee}`,
      invalid: `/appointees/${missing}/merge?with=${t.otherAppointee}`,
    },
    "routes/imports._index": { valid: "/imports", invalid: "/imports?kind=nonsense" },
    "routes/imports.$id": { valid: `/imports/${t.importId}`, invalid: `/imports/${missing}` },
    "routes/exports.appointees[.]csv": {
      valid: "/exports/appointees.csv",
      invalid: "/exports/appointees.csv?unit=x",
    },
    "routes/exports.committees[.]csv": {
      valid: "/exports/committees.csv",
      invalid: "/exports/committees.csv?unit=x",
    },
    "routes/staff._index": { valid: "/staff", invalid: "/staff?page=-1" },
    "routes/staff.new": { valid: "/staff/new", invalid: "/staff/new?role=nonsense" },
    "routes/staff.$id": { valid: `/staff/${t.staff}`, invalid: `/staff/${missing}` },
    "routes/outbox._index": { valid: "/outbox", invalid: "/outbox?status=nonsense" },
    "routes/outbox.$id": { valid: `/outbox/${t.email}`, invalid: `/outbox/${missing}` },
    "routes/outbox.$id.html": { valid: `/outbox/${t.email}/html`, invalid: `/outbox/${missing}/html` },
    "routes/outbox.$id.attachment": {
      valid: `/outbox/${t.email}/attachment`,
      invalid: `/outbox/${missing}/attachment`,
    },
    "routes/events._index": { valid: "/events", invalid: "/events?status=nonsense" },
    "routes/events.new": { valid: "/events/new", invalid: "/events/new?unit=nonsense" },
    "routes/events.$id": { valid: event, invalid: `/events/${missing}` },
    "routes/events.$id_.edit": { valid: `${event}/edit`, invalid: `/events/${missing}/edit` },
    "routes/events.$id_.sessions.new": {
      valid: `${event}/sessions/new`,
      invalid: `/events/${missing}/sessions/new`,
    },
    "routes/events.$id_.sessions.$sessionId": {
      valid: `${event}/sessions/${t.session}`,
      invalid: `${event}/sessions/${missing}`,
    },
    "routes/events.$id_.cancel": { valid: `${event}/cancel`, invalid: `/events/${missing}/cancel` },
    "routes/events.$id_.delete": { valid: `${event}/delete`, invalid: `/events/${missing}/delete` },
    "routes/events.$id_.calendar[.]ics": {
      valid: `${event}/calendar.ics`,
      invalid: `/events/${missing}/calendar.ics`,
    },
    "routes/events.$id_.publish": { valid: `${event}/publish`, invalid: `/events/${missing}/publish` },
    "routes/events.$id_.registrations": {
      valid: `${event}/registrations`,
      invalid: `/events/${missing}/registrations`,
    },
    "routes/events.$id_.registrations[.]csv": {
      valid: `${event}/registrations.csv`,
      invalid: `/events/${missing}/registrations.csv`,
    },
    "routes/events.$id_.audience": { valid: `${event}/audience`, invalid: `/events/${missing}/audience` },
    "routes/events.$id_.invitations": {
      valid: `${event}/invitations`,
      invalid: `/events/${missing}/invitations`,
    },
    "routes/events.$id_.tablets": { valid: `${event}/tablets`, invalid: `/events/${missing}/tablets` },
    "routes/events.$id_.attendance[.]json": {
      valid: `${event}/attendance.json`,
      invalid: `/events/${missing}/attendance.json`,
    },
    "routes/dashboard": { valid: "/dashboard", invalid: "/dashboard?unit=nonsense" },
    "routes/reports._index": { valid: "/reports", invalid: `/reports?unit=${missing}` },
    "routes/reports.events.$id": { valid: `/reports${event}`, invalid: `/reports/events/${missing}` },
    "routes/reports.events.$id[.]csv": {
      valid: `/reports${event}.csv`,
      invalid: `/reports/events/${missing}.csv`,
    },
    "routes/reports.committees.$id": {
      valid: `/reports/committees/${t.committee}`,
      invalid: `/reports/committees/${missing}`,
    },
  };
}

const isTokenPage = (path: string) => /^\/(i|calendar|pass)\/|^\/sign-in\/[^/]|^\/tablet\/pair/.test(path);
const isTabletPage = (path: string) => /^\/tablet(\/|$|\?)/.test(path);

/** The headers every answer carries, whatever answered it. */
function expectCommonHeaders(response: Response, path: string) {
  const h = response.headers;
  const label = `${path} → ${response.status}`;
  expect(h.get("x-content-type-options"), label).toBe("nosniff");
  expect(h.get("cross-origin-opener-policy"), label).toBe("same-origin");
  expect(h.get("strict-transport-security"), label).toMatch(/^max-age=\d{7,}/);
  const camera = isTabletPage(path) ? "camera=(self)" : "camera=()";
  expect(h.get("permissions-policy"), label).toContain(camera);
  expect(h.get("permissions-policy"), label).toContain("microphone=()");
  expect(h.get("referrer-policy"), label).toBe(isTokenPage(path) ? "no-referrer" : "same-origin");
}

/** The page CSP: scripts only with this answer's nonce, no plugins, no <base>, forms and framing locked. */
function expectPageCsp(response: Response, label: string): string {
  const csp = response.headers.get("content-security-policy") ?? "";
  const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(csp)?.[1];
  expect(nonce, `${label}: ${csp}`).toBeDefined();
  for (const directive of [
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ])
    expect(csp, label).toContain(directive);
  expect(csp, label).not.toContain("unsafe-eval");
  expect(response.headers.get("x-frame-options"), label).toBe("DENY");
  return nonce!;
}

async function get(path: string, anonymous = false): Promise<Response> {
  return fetch(`${portal.url}${path}`, {
    redirect: "manual",
    headers: { "Accept-Language": "en", ...(anonymous ? {} : { Cookie: adminCookie }) },
  });
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  const db = testDb.db;
  await seedDemo(db);
  const admin = await db
    .selectFrom("staffUsers")
    .select("id")
    .where("email", "=", DEMO_ADMIN_EMAIL)
    .executeTakeFirstOrThrow();
  adminCookie = (await sessionCookieHeader(await createStaffSession(db, admin.id))).split(";")[0]!;
  const fixture = await createRegistrationFixture(db, { people: 2, sessions: true });
  const [person, other] = fixture.people;
  const session = await db
    .selectFrom("eventSessions")
    .select("id")
    .where("eventId", "=", fixture.eventId)
    .executeTakeFirstOrThrow();
  const passId = newPassId();
  await db
    .insertInto("registrations")
    .values({
      invitationId: person!.invitationId,
      eventId: fixture.eventId,
      appointeeId: person!.appointeeId,
      status: "registered",
      passId,
      registeredAt: new Date(),
    })
    .execute();
  const programme = await createProgrammeFixture(db, {
    unitId: fixture.unitId,
    name: "Headers programme",
    sessionId: session.id,
    appointeeId: person!.appointeeId,
    committeeId: fixture.committeeId,
    markedByStaffId: admin.id,
  });
  const { token: feedToken, ...feed } = newSealedToken();
  await db
    .insertInto("calendarFeeds")
    .values({ appointeeId: person!.appointeeId, ...feed, version: 1 })
    .execute();
  const signInToken = newToken();
  await db
    .insertInto("signInTokens")
    .values({
      staffUserId: admin.id,
      tokenHash: hashToken(signInToken),
      expiresAt: new Date(Date.now() + 3_600_000),
    })
    .execute();
  const importRow = await db
    .insertInto("csvImports")
    .values({ staffUserId: admin.id, kind: "appointees", filename: "a.csv", content: "name\n" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const email = await db
    .insertInto("emails")
    .values({
      recipient: "someone@example.in",
      locale: "hi",
      template: "sign-in-link",
      props: {},
      subject: "s",
      idempotencyKey: `headers-${randomBytes(4).toString("hex")}`,
      status: "sent",
      html: "<p>x</p>",
      text: "x",
      attachment: { filename: "a.ics", contentType: "text/calendar", content: "QkVHSU4=" },
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  ids = {
    unit: String(fixture.unitId),
    committee: String(fixture.committeeId),
    appointee: String(person!.appointeeId),
    otherAppointee: String(other!.appointeeId),
    importId: String(importRow.id),
    staff: String(admin.id),
    email: String(email.id),
    event: String(fixture.eventId),
    session: String(session.id),
    personalToken: person!.token,
    feedToken,
    signInToken,
    passImage: passImageUrl("", passId),
    programme: String(programme.programmeId),
    certificateCode: programme.code,
  };
  portal = await startPortal(testDb.url, { NODE_ENV: "production", WORKER: "none" });
}, 120_000);

afterAll(async () => {
  await portal?.stop();
  if (testDb) await dropTestDatabase(testDb);
});

describe("every route of the build", () => {
  it("has a valid and an invalid example here", async () => {
    const routes = await builtRoutes();
    const known = examples(ids);
    expect(routes.map((r) => r.id).filter((id) => !known[id])).toEqual([]);
    expect(Object.keys(known).filter((id) => !routes.some((r) => r.id === id))).toEqual([]);
  });

  it("answers both examples with the security headers, and no-store", async () => {
    const answers: string[] = [];
    for (const [routeId, example] of Object.entries(examples(ids))) {
      for (const [kind, path] of [
        ["valid", example.valid],
        ["invalid", example.invalid],
      ] as const) {
        const response = await get(path, example.anonymous);
        await response.arrayBuffer();
        const label = `${routeId} ${kind} ${path} → ${response.status}`;
        answers.push(label);
        expect(response.status, label).not.toBe(500);
        if (kind === "valid" && example.status) expect(response.status, label).toBe(example.status);
        else if (kind === "valid") expect(response.status, label).toBeLessThan(400);
        expectCommonHeaders(response, path);
        // Every dynamic answer: people's names, phones and emails never wait in a cache.
        expect(response.headers.get("cache-control"), label).toBe("no-store");
        if (routeId === "routes/outbox.$id.html" && kind === "valid") {
          // The email's own HTML keeps its sandbox and may be framed by the outbox page only.
          expect(response.headers.get("content-security-policy"), label).toMatch(
            /^sandbox; default-src 'none'/,
          );
          expect(response.headers.get("x-frame-options"), label).toBe("SAMEORIGIN");
        } else {
          expectPageCsp(response, label);
        }
      }
    }
    expect(answers.length).toBeGreaterThan(100);
  });

  it("answers Remix's data requests (single fetch) with them too", async () => {
    for (const path of ["/events.data", `/events/${ids.event}.data`, "/_root.data"]) {
      const response = await get(path);
      await response.arrayBuffer();
      expectCommonHeaders(response, path);
      expectPageCsp(response, path);
      expect(response.headers.get("cache-control"), path).toBe("no-store");
    }
  });
});

describe("the personal data", () => {
  it("is never stored by a cache: personal link, feed, pass image, CSV exports, staff pages and JSON", async () => {
    const personal = [
      [`/i/${ids.personalToken}`, true],
      [`/calendar/${ids.feedToken}.ics`, true],
      [ids.passImage, true],
      ["/exports/appointees.csv", false],
      [`/events/${ids.event}/registrations.csv`, false],
      [`/reports/events/${ids.event}.csv`, false],
      [`/appointees/${ids.appointee}`, false],
      [`/events/${ids.event}/registrations`, false],
      [`/events/${ids.event}/attendance.json`, false],
      [`/tablet/events/${ids.event}/roster.json`, false],
    ] as const;
    for (const [path, anonymous] of personal) {
      const response = await get(path, anonymous);
      await response.arrayBuffer();
      expect(response.status, path).toBe(200);
      expect(response.headers.get("cache-control"), path).toBe("no-store");
    }
  });

  it("the pass image may be shown by a mail client on another site", async () => {
    const response = await get(ids.passImage, true);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    // Everything else stays same-origin.
    expect((await get("/sign-in", true)).headers.get("cross-origin-resource-policy")).toBe("same-origin");
  });
});

describe("the CSP nonce", () => {
  it("is new for every answer and is the one every inline script of the page carries", async () => {
    const nonces = new Set<string>();
    for (const path of ["/sign-in", "/sign-in", `/events/${ids.event}`, "/tablet/pair"]) {
      const response = await get(path, path !== `/events/${ids.event}`);
      const nonce = expectPageCsp(response, path);
      nonces.add(nonce);
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const script of scripts) expect(script, path).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(4);
  });
});

describe("answers that are not pages", () => {
  it("files, the service worker, a refusal and a cross-site post carry the headers too", async () => {
    const page = await (await get("/sign-in", true)).text();
    const script = /<link rel="modulepreload" href="(\/build\/[^"]+\.js)"/.exec(page)?.[1];
    expect(script).toBeDefined();
    for (const path of [script!, "/favicon.svg", "/tablet-sw.js"]) {
      const response = await get(path, true);
      await response.arrayBuffer();
      expect(response.status, path).toBe(200);
      expectCommonHeaders(response, path);
      expectPageCsp(response, path);
      // Public files keep their caching.
      expect(response.headers.get("cache-control"), path).toMatch(/max-age=\d+/);
    }
    const tooLarge = await fetch(`${portal.url}/sign-in`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
      body: "a".repeat(70_000),
    });
    expect(tooLarge.status).toBe(413);
    expectCommonHeaders(tooLarge, "/sign-in");
    expectPageCsp(tooLarge, "413");
    expect(tooLarge.headers.get("cache-control")).toBe("no-store");
    const crossSite = await fetch(`${portal.url}/sign-in`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "cross-site" },
      body: "email=a%40b.in",
    });
    expect(crossSite.status).toBe(403);
    expectCommonHeaders(crossSite, "/sign-in");
    expectPageCsp(crossSite, "403");
  });

  it("a same-origin form post from a no-referrer page (Origin: null) still passes the cross-site filter", async () => {
    const response = await fetch(`${portal.url}/i/${ids.personalToken}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Sec-Fetch-Site": "same-origin",
        Origin: "null",
      },
      body: "intent=nonsense",
    });
    expect(response.status).not.toBe(403);
    expect(response.status).toBeLessThan(500);
  });
});

describe("a development portal", () => {
  it("sends no HSTS (it is served over plain http)", async () => {
    const development = await startPortal(testDb.url, { NODE_ENV: "development", WORKER: "none" });
    try {
      const response = await fetch(`${development.url}/sign-in`);
      expect(response.headers.get("strict-transport-security")).toBeNull();
      expect(response.headers.get("content-security-policy")).toContain("'strict-dynamic'");
    } finally {
      await development.stop();
    }
  });
});
