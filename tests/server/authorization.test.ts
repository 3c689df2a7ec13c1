// The authorisation matrix: for every organisation route and every form on it, a signed-out visitor is
// sent to sign-in, a trainer gets 403, an organiser of another district gets 403 or 404 — and nothing in
// the database changes. The route list comes from the build, so a new route fails this test until it is
// classified here.
import { readFileSync } from "node:fs";
import { createCookie } from "@remix-run/node";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaffSession } from "#app/models/staff/staff-session.server.ts";
import { DEMO_ADMIN_EMAIL, seedDemo } from "#db/seed/demo.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { type Portal, startPortal } from "#tests/support/portal.ts";
import { personalLinkColumns } from "#tests/support/db-helpers.ts";
import { createProgrammeFixture } from "#tests/support/programme-fixture.ts";

const SECRET = "authorisation-matrix-secret-0123456789abcdef";
const cookie = createCookie("__session", { secrets: [SECRET], path: "/", httpOnly: true, sameSite: "lax" });

// Routes anyone may use (or that guard themselves differently, with tests of their own).
const publicRoutes = new Set([
  "root",
  "routes/_index",
  "routes/$",
  "routes/healthz",
  "routes/language",
  "routes/sign-in",
  "routes/sign-in_.$token",
  "routes/sign-out",
  "routes/webhooks.resend",
  // Tablet routes: trainers use them too, and a paired tablet without a session (tests/server/tablet.test.ts).
  "routes/tablet._index",
  "routes/tablet.pair",
  "routes/tablet.events.$id",
  "routes/tablet.events.$id.roster[.]json",
  "routes/tablet.events.$id.pass[.]json",
  "routes/tablet.sync",
  // The private calendar feed: the token is the guard (tests/server/calendar-feed.test.ts).
  "routes/calendar.$token[.]ics",
  // The appointee's personal link and the pass image (a signed pass code is its guard): tested in
  // tests/server/registration.test.ts.
  "routes/i.$token",
  "routes/pass.$code[.]png",
  // The public certificate check, and the person's certificate by their personal link (tests/e2e/programmes).
  "routes/verify.$code",
  "routes/i.$token_.certificates.$programmeId[.]pdf",
]);

type Target = { url: (t: Targets) => string; deny: "all" | "others"; admin?: "only" };
type Targets = Record<
  | "unit"
  | "bareUnit"
  | "committee"
  | "appointee"
  | "importId"
  | "staff"
  | "email"
  | "otherAppointee"
  | "event"
  | "session"
  | "invitation"
  | "programme",
  number
>;

// Every organisation route, with a URL that points at Jaipur's data. "deny: all" means an organiser of
// another district must get 403/404; "others" means the page is theirs too but must not show Jaipur.
const organiserRoutes: Record<string, Target[]> = {
  "routes/units.($id)": [
    { url: () => "/units", deny: "others" },
    { url: (t) => `/units/${t.unit}`, deny: "all" },
    { url: () => "/units?q=RJ-JP", deny: "others" },
  ],
  "routes/units.new": [{ url: (t) => `/units/new?parent=${t.unit}`, deny: "all", admin: "only" }],
  "routes/units.$id.edit": [{ url: (t) => `/units/${t.unit}/edit`, deny: "all", admin: "only" }],
  "routes/units.$id.move": [{ url: (t) => `/units/${t.unit}/move`, deny: "all", admin: "only" }],
  "routes/committees.new": [{ url: (t) => `/committees/new?unit=${t.bareUnit}`, deny: "all" }],
  "routes/committees.$id": [{ url: (t) => `/committees/${t.committee}`, deny: "all" }],
  "routes/appointees._index": [
    { url: () => "/appointees", deny: "others" },
    { url: () => "/appointees?unit=RJ-JP", deny: "others" },
  ],
  "routes/appointees.new": [{ url: () => "/appointees/new", deny: "others" }],
  "routes/appointees.$id": [{ url: (t) => `/appointees/${t.appointee}`, deny: "all" }],
  "routes/appointees.$id_.merge": [
    { url: (t) => `/appointees/${t.appointee}/merge?with=${t.otherAppointee}`, deny: "all" },
  ],
  "routes/imports._index": [{ url: () => "/imports", deny: "others" }],
  "routes/imports.$id": [{ url: (t) => `/imports/${t.importId}`, deny: "all" }],
  "routes/exports.appointees[.]csv": [{ url: () => "/exports/appointees.csv", deny: "others" }],
  "routes/exports.committees[.]csv": [{ url: () => "/exports/committees.csv", deny: "others" }],
  "routes/staff._index": [{ url: () => "/staff", deny: "all", admin: "only" }],
  "routes/staff.new": [{ url: () => "/staff/new", deny: "all", admin: "only" }],
  "routes/staff.$id": [{ url: (t) => `/staff/${t.staff}`, deny: "all", admin: "only" }],
  "routes/outbox._index": [{ url: () => "/outbox", deny: "all", admin: "only" }],
  "routes/outbox.$id": [{ url: (t) => `/outbox/${t.email}`, deny: "all", admin: "only" }],
  "routes/outbox.$id.html": [{ url: (t) => `/outbox/${t.email}/html`, deny: "all", admin: "only" }],
  "routes/outbox.$id.attachment": [
    { url: (t) => `/outbox/${t.email}/attachment`, deny: "all", admin: "only" },
  ],
  "routes/events.$id_.tablets": [{ url: (t) => `/events/${t.event}/tablets`, deny: "all" }],
  "routes/events.$id_.attendance[.]json": [{ url: (t) => `/events/${t.event}/attendance.json`, deny: "all" }],
  "routes/events._index": [
    { url: () => "/events", deny: "others" },
    { url: () => "/events?status=published", deny: "others" },
  ],
  "routes/events.new": [{ url: () => "/events/new", deny: "others" }],
  "routes/events.$id": [{ url: (t) => `/events/${t.event}`, deny: "all" }],
  "routes/events.$id_.edit": [{ url: (t) => `/events/${t.event}/edit`, deny: "all" }],
  "routes/events.$id_.sessions.new": [{ url: (t) => `/events/${t.event}/sessions/new`, deny: "all" }],
  "routes/events.$id_.sessions.$sessionId": [
    { url: (t) => `/events/${t.event}/sessions/${t.session}`, deny: "all" },
  ],
  "routes/events.$id_.cancel": [{ url: (t) => `/events/${t.event}/cancel`, deny: "all" }],
  "routes/events.$id_.delete": [{ url: (t) => `/events/${t.event}/delete`, deny: "all" }],
  "routes/events.$id_.calendar[.]ics": [{ url: (t) => `/events/${t.event}/calendar.ics`, deny: "all" }],
  "routes/events.$id_.registrations": [{ url: (t) => `/events/${t.event}/registrations`, deny: "all" }],
  "routes/events.$id_.registrations[.]csv": [
    { url: (t) => `/events/${t.event}/registrations.csv`, deny: "all" },
  ],
  "routes/events.$id_.audience": [
    { url: (t) => `/events/${t.event}/audience`, deny: "all" },
    { url: (t) => `/events/${t.event}/audience?preview=1&unitCode=RJ-JP&levels=district`, deny: "all" },
  ],
  "routes/events.$id_.publish": [{ url: (t) => `/events/${t.event}/publish`, deny: "all" }],
  "routes/events.$id_.invitations": [
    { url: (t) => `/events/${t.event}/invitations`, deny: "all" },
    { url: (t) => `/events/${t.event}/invitations?state=no_email&notReached=yes`, deny: "all" },
  ],
  "routes/dashboard": [{ url: () => "/dashboard", deny: "others" }],
  "routes/reports._index": [
    { url: () => "/reports", deny: "others" },
    { url: (t) => `/reports?unit=${t.unit}`, deny: "all" },
  ],
  "routes/reports.events.$id": [
    { url: (t) => `/reports/events/${t.event}`, deny: "all" },
    { url: (t) => `/reports/events/${t.event}?sort=rate&dir=asc&page=2`, deny: "all" },
  ],
  "routes/reports.events.$id[.]csv": [{ url: (t) => `/reports/events/${t.event}.csv`, deny: "all" }],
  "routes/reports.committees.$id": [{ url: (t) => `/reports/committees/${t.committee}`, deny: "all" }],
  "routes/programmes._index": [{ url: () => "/programmes", deny: "others" }],
  "routes/programmes.new": [{ url: () => "/programmes/new", deny: "all", admin: "only" }],
  "routes/programmes.$id": [{ url: (t) => `/programmes/${t.programme}`, deny: "all" }],
  "routes/programmes.$id.certificates.$appointeeId[.]pdf": [
    { url: (t) => `/programmes/${t.programme}/certificates/${t.appointee}.pdf`, deny: "all" },
  ],
  "routes/programmes.$id.certificates[.]zip": [
    { url: (t) => `/programmes/${t.programme}/certificates.zip`, deny: "all" },
  ],
  "routes/reports.programmes.$id": [{ url: (t) => `/reports/programmes/${t.programme}`, deny: "all" }],
  "routes/reports.programmes.$id.committees[.]csv": [
    { url: (t) => `/reports/programmes/${t.programme}/committees.csv`, deny: "all" },
  ],
};

type Form = { action: string; fields: [string, string][] };

/** The post forms of a page as the admin sees it, each once per submit button (intent). */
function postForms(html: string, pageUrl: string): Form[] {
  const forms: Form[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = match[1] ?? "";
    if (!/method="post"/i.test(attrs)) continue;
    const action = /action="([^"]*)"/.exec(attrs)?.[1]?.replace(/&amp;/g, "&") || pageUrl;
    if (/^\/(language|sign-out)$/.test(action)) continue;
    const body = match[2] ?? "";
    const fields: [string, string][] = [];
    for (const input of body.matchAll(/<(input|textarea)\b([^>]*)>/g)) {
      const a = input[2] ?? "";
      const name = /name="([^"]*)"/.exec(a)?.[1];
      if (!name || /type="(submit|file)"/.test(a)) continue;
      if (/type="(radio|checkbox)"/.test(a) && !/checked/.test(a)) continue;
      fields.push([name, (/value="([^"]*)"/.exec(a)?.[1] ?? "x").replace(/&amp;/g, "&")]);
    }
    // A select sends its selected option, else its first option with a value.
    for (const select of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = /name="([^"]*)"/.exec(select[1] ?? "")?.[1];
      if (!name) continue;
      const options = [...(select[2] ?? "").matchAll(/<option\b([^>]*)>/g)].map((o) => o[1] ?? "");
      const chosen = options.find((o) => /selected/.test(o)) ?? options.find((o) => /value="[^"]+"/.test(o));
      fields.push([name, /value="([^"]*)"/.exec(chosen ?? "")?.[1] ?? ""]);
    }
    const buttons = [...body.matchAll(/<button\b([^>]*)>/g)]
      .map((b) => /name="([^"]*)"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="([^"]*)"/.exec(b[1] ?? ""))
      .filter((b): b is RegExpExecArray => b !== null)
      .map((b) => [b[1] ?? b[4] ?? "", b[2] ?? b[3] ?? ""] as [string, string]);
    if (buttons.length === 0) forms.push({ action, fields });
    for (const button of buttons) forms.push({ action, fields: [...fields, button] });
  }
  return forms;
}

let testDb: TestDatabase;
let portal: Portal;
const cookies: Record<"admin" | "trainer" | "otherOrganiser", string> = {
  admin: "",
  trainer: "",
  otherOrganiser: "",
};
let targets: Targets;
// Text that only Jaipur's data puts on a page (not a placeholder such as "e.g. RJ-JP").
const jaipurMarkers = ["RJ-JP-AC-VDN", "विद्याधर नगर", "Vidhyadhar Nagar", "RJ-JP-AC-MVN"];

async function snapshot(): Promise<string> {
  const tables = [
    "units",
    "committees",
    "appointees",
    "appointments",
    "staff_users",
    "csv_imports",
    "emails",
    "audit_log",
    "sign_in_tokens",
    "events",
    "event_sessions",
    "session_trainers",
    "event_audience_rules",
    "invitations",
    "registrations",
    "calendar_feeds",
    "tablet_devices",
    "tablet_pairing_codes",
    "walk_ins",
    "attendance_marks",
    "attendance",
    "programmes",
    "programme_modules",
    "certificates",
  ];
  const parts = await Promise.all(
    tables.map(async (table) => {
      const row = await sql<{ digest: string }>`
        select coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as digest from ${sql.table(table)} t`.execute(
        testDb.db,
      );
      return `${table}:${row.rows[0]?.digest}`;
    }),
  );
  return parts.join("\n");
}

async function request(path: string, who: keyof typeof cookies | null, init: RequestInit = {}) {
  return fetch(`${portal.url}${path}`, {
    ...init,
    redirect: "manual",
    headers: { ...(who ? { Cookie: cookies[who] } : {}), "Accept-Language": "en", ...(init.headers ?? {}) },
  });
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  await seedDemo(testDb.db);
  const db = testDb.db;
  const unitId = async (code: string) =>
    (await db.selectFrom("units").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
  const jaipur = await unitId("RJ-JP");
  const jodhpur = await unitId("RJ-JD");
  const staff = await db
    .insertInto("staffUsers")
    .values([
      { email: "trainer@example.in", name: "Trainer", role: "trainer" },
      { email: "jodhpur@example.in", name: "Jodhpur Organiser", role: "organiser", scopeUnitId: jodhpur },
      { email: "jaipur@example.in", name: "Jaipur Organiser", role: "organiser", scopeUnitId: jaipur },
    ])
    .returning(["id", "email"])
    .execute();
  const admin = await db
    .selectFrom("staffUsers")
    .select("id")
    .where("email", "=", DEMO_ADMIN_EMAIL)
    .executeTakeFirstOrThrow();
  const byEmail = (email: string) => staff.find((s) => s.email === email)!.id;
  cookies.admin = await cookie.serialize(await createStaffSession(db, admin.id));
  cookies.trainer = await cookie.serialize(await createStaffSession(db, byEmail("trainer@example.in")));
  cookies.otherOrganiser = await cookie.serialize(
    await createStaffSession(db, byEmail("jodhpur@example.in")),
  );

  // Jaipur's committee and two of its office-bearers who sit on no Jodhpur committee.
  const committee = await db
    .selectFrom("committees")
    .select("id")
    .where("unitId", "=", jaipur)
    .executeTakeFirstOrThrow();
  const people = await db
    .selectFrom("appointments")
    .innerJoin("appointees", "appointees.id", "appointments.appointeeId")
    .select(["appointeeId", "appointees.email"])
    .where("committeeId", "=", committee.id)
    .where("appointees.email", "is not", null)
    .orderBy("appointeeId", "desc")
    .limit(2)
    .execute();
  jaipurMarkers.push(people[0]!.email!, people[1]!.email!);
  // A Jaipur unit with no committee yet, for the "new committee" page.
  const bare = await db
    .insertInto("units")
    .values({
      parentId: jaipur,
      level: "block",
      code: "RJ-JP-BL-MATRIX",
      nameEn: "Matrix Block",
      nameHi: "मैट्रिक्स ब्लॉक",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  jaipurMarkers.push("RJ-JP-BL-MATRIX");
  // An upload of the admin's: only its uploader may open it, so another district's organiser gets 404.
  const importRow = await db
    .insertInto("csvImports")
    .values({
      staffUserId: admin.id,
      kind: "appointees",
      filename: "jaipur.csv",
      content: "name,phone,committee,designation\nX,9812345670,RJ-JP,member\n",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const email = await db
    .insertInto("emails")
    .values({
      recipient: "jaipur@example.in",
      locale: "hi",
      template: "sign-in-link",
      props: {},
      subject: "s",
      idempotencyKey: "matrix-email",
      status: "sent",
      html: "<p>x</p>",
      text: "x",
      attachment: { filename: "a.ics", contentType: "text/calendar", content: "QkVHSU4=" },
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // A published Jaipur camp with one session and one invitation, for the event pages.
  const event = await db
    .insertInto("events")
    .values({
      kind: "district_camp",
      unitId: jaipur,
      titleEn: "Jaipur matrix camp",
      titleHi: "जयपुर मैट्रिक्स शिविर",
      venueName: "Matrix Hall",
      startsAt: new Date("2030-01-10T04:30:00Z"),
      endsAt: new Date("2030-01-10T12:30:00Z"),
      registrationOpensAt: new Date("2029-12-01T00:00:00Z"),
      registrationClosesAt: new Date("2030-01-09T00:00:00Z"),
      capacity: 100,
      status: "published",
      publishedAt: new Date("2029-12-01T00:00:00Z"),
      icalUid: "matrix-event@shivir",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const session = await db
    .insertInto("eventSessions")
    .values({
      eventId: event.id,
      kind: "training",
      titleEn: "Matrix session",
      titleHi: "मैट्रिक्स सत्र",
      startsAt: new Date("2030-01-10T05:00:00Z"),
      endsAt: new Date("2030-01-10T06:00:00Z"),
      icalUid: "matrix-session@shivir",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const invitation = await db
    .insertInto("invitations")
    .values({
      eventId: event.id,
      appointeeId: people[0]!.appointeeId,
      committeeId: committee.id,
      designation: "member",
      ...personalLinkColumns([SECRET]),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  jaipurMarkers.push("Jaipur matrix camp", "जयपुर मैट्रिक्स शिविर");
  // A Jaipur training programme whose module the camp's session teaches, with one certificate.
  const programme = await createProgrammeFixture(db, {
    unitId: jaipur,
    name: "Jaipur matrix programme",
    sessionId: session.id,
    appointeeId: people[0]!.appointeeId,
    committeeId: committee.id,
    markedByStaffId: admin.id,
  });
  jaipurMarkers.push("Jaipur matrix programme");
  targets = {
    event: event.id,
    session: session.id,
    invitation: invitation.id,
    bareUnit: bare.id,
    unit: jaipur,
    committee: committee.id,
    appointee: people[0]!.appointeeId,
    otherAppointee: people[1]!.appointeeId,
    importId: importRow.id,
    staff: byEmail("jaipur@example.in"),
    email: email.id,
    programme: programme.programmeId,
  };
  portal = await startPortal(testDb.url, { NODE_ENV: "production", SESSION_SECRET: SECRET, WORKER: "none" });
}, 120_000);

afterAll(async () => {
  await portal?.stop();
  if (testDb) await dropTestDatabase(testDb);
});

describe("the authorisation matrix", () => {
  it("classifies every route of the build", async () => {
    const manifest = JSON.parse(readFileSync("build/metafile.server.json", "utf8")) as {
      inputs: Record<string, unknown>;
    };
    const routeIds = Object.keys(manifest.inputs)
      .filter((f) => /^app\/routes\/[^/]+(\/route)?\.tsx?$/.test(f)) // a route folder's other files are its parts
      .map((f) => `routes/${f.slice("app/routes/".length).replace(/(\/route)?\.tsx?$/, "")}`);
    const unclassified = routeIds.filter((id) => !publicRoutes.has(id) && !organiserRoutes[id]);
    expect(unclassified).toEqual([]);
  });

  for (const [routeId, routeTargets] of Object.entries(organiserRoutes)) {
    for (const target of routeTargets) {
      it(`${routeId}: ${target.url.toString()}`, async () => {
        const url = target.url(targets);
        const adminPage = await request(url, "admin");
        expect(adminPage.status, `admin GET ${url}`).toBe(200);
        const forms = (adminPage.headers.get("content-type") ?? "").includes("text/html")
          ? postForms(await adminPage.text(), url)
          : [];
        const before = await snapshot();

        const anonymous = await request(url, null);
        expect([302, 303], `signed-out GET ${url}`).toContain(anonymous.status);
        expect(anonymous.headers.get("location")).toMatch(/^\/sign-in/);

        const trainer = await request(url, "trainer");
        expect(trainer.status, `trainer GET ${url}`).toBe(403);

        const other = await request(url, "otherOrganiser");
        if (target.deny === "all") {
          expect([403, 404], `other organiser GET ${url}`).toContain(other.status);
        } else {
          expect(other.status, `other organiser GET ${url}`).toBe(200);
          const body = await other.text();
          for (const marker of jaipurMarkers)
            expect(body, `other organiser sees Jaipur at ${url}`).not.toContain(marker);
        }

        for (const form of forms) {
          const body = new URLSearchParams(form.fields).toString();
          const post = (who: keyof typeof cookies | null) =>
            request(form.action, who, {
              method: "POST",
              body,
              headers: { "Content-Type": "application/x-www-form-urlencoded" },
            });
          const label = `POST ${form.action} ${body.slice(0, 80)}`;
          const anon = await post(null);
          expect([302, 303], `signed-out ${label}`).toContain(anon.status);
          expect(anon.headers.get("location"), label).toMatch(/^\/sign-in/);
          expect((await post("trainer")).status, `trainer ${label}`).toBe(403);
          const otherPost = await post("otherOrganiser");
          if (target.deny === "all")
            expect([403, 404], `other organiser ${label}`).toContain(otherPost.status);
          else expect(otherPost.status, `other organiser ${label}`).toBeLessThan(500);
        }
        expect(await snapshot(), `database changed after ${url}`).toBe(before);
      });
    }
  }
});

describe("form posts from another site", () => {
  it.each([
    [{ "Sec-Fetch-Site": "cross-site" }, 403],
    [{ "Sec-Fetch-Site": "same-site" }, 403],
    [{ Origin: "https://evil.example" }, 403],
    [{ "Sec-Fetch-Site": "same-origin", Origin: "null" }, 302],
    [{}, 302],
  ])("%o → %i", async (headers, status) => {
    const response = await request("/sign-out", "admin", { method: "POST", headers });
    expect(response.status).toBe(status);
  });

  it("accepts a page's own post that says Origin: null (sent after a no-referrer page)", async () => {
    const response = await request("/sign-in", null, {
      method: "POST",
      body: "email=nobody%40example.in",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Sec-Fetch-Site": "same-origin",
        Origin: "null",
      },
    });
    expect(response.status).toBeLessThan(400);
  });
});

// Last, because these posts come from the admin and may change data: whatever a form's fields hold (control
// characters, very long text, nonsense), the answer is never a server error.
describe("hostile values in every form", () => {
  const hostile: [string, (value: string) => string][] = [
    ["control characters", (value) => `\u0000${value}\u0007\u001b[31m`],
    ["very long text", () => "अ".repeat(5000)],
    ["nonsense", () => "-1e309'\"<script>"],
  ];
  for (const [routeId, routeTargets] of Object.entries(organiserRoutes)) {
    it(`${routeId}: never a 500`, async () => {
      for (const target of routeTargets) {
        const url = target.url(targets);
        const page = await request(url, "admin");
        if (!(page.headers.get("content-type") ?? "").includes("text/html")) continue;
        for (const form of postForms(await page.text(), url)) {
          for (const [kind, spoil] of hostile) {
            // The intent button keeps its value, so each action is reached.
            const fields = form.fields.map(([name, value], i) =>
              i === form.fields.length - 1 && name === "intent" ? [name, value] : [name, spoil(value)],
            );
            const response = await request(form.action, "admin", {
              method: "POST",
              body: new URLSearchParams(fields).toString(),
              headers: { "Content-Type": "application/x-www-form-urlencoded" },
            });
            expect(response.status, `${kind} → POST ${form.action}`).toBeLessThan(500);
          }
        }
      }
    });
  }
});
