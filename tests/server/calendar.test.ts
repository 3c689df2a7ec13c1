// Through the real server: the private calendar feed (/calendar/<token>.ics) and the cancel-event page.
import { newPassId } from "#app/models/registration/registration-pass.server.ts";
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createCookie } from "@remix-run/node";
import ICAL from "ical.js";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addJob } from "#app/platform/jobs.server.ts";
import { createStaffSession } from "#app/models/staff/staff-session.server.ts";
import { sealToken } from "#app/platform/link-seal.server.ts";
import { hashToken, newToken } from "#app/platform/token.server.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { type Portal, startPortal } from "#tests/support/portal.ts";
import { personalLinkColumns } from "#tests/support/db-helpers.ts";

const SECRET = "calendar-server-test-secret-0123456789abcdef";
const cookie = createCookie("__session", { secrets: [SECRET], path: "/", httpOnly: true, sameSite: "lax" });
const HOUR = 3_600_000;

let testDb: TestDatabase;
let portal: Portal;
let adminCookie = "";
let feedToken = "";
let eventId = 0;
let eventUid = "";
let leaverToken = "";

beforeAll(async () => {
  testDb = await createTestDatabase();
  const db = testDb.db;
  const state = await db
    .insertInto("units")
    .values({ level: "state", code: "CS", nameEn: "Rajasthan", nameHi: "राजस्थान" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const unit = await db
    .insertInto("units")
    .values({ parentId: state.id, level: "district", code: "CS-JP", nameEn: "Jaipur", nameHi: "जयपुर" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const committee = await db
    .insertInto("committees")
    .values({ unitId: unit.id, nameEn: "Jaipur Committee", nameHi: "जयपुर समिति", seatQuota: 10 })
    .returning("id")
    .executeTakeFirstOrThrow();
  const admin = await db
    .insertInto("staffUsers")
    .values({ email: "admin@example.in", name: "Admin", role: "admin" })
    .returning("id")
    .executeTakeFirstOrThrow();
  adminCookie = await cookie.serialize(await createStaffSession(db, admin.id));
  const people = await db
    .insertInto("appointees")
    .values([
      { name: "Sunita Devi", nameHi: "सुनीता देवी", email: "sunita@example.in", preferredLanguage: "hi" },
      { name: "Not Answered", email: "silent@example.in", preferredLanguage: "en" },
      { name: "No Email", preferredLanguage: "hi" },
      { name: "Leaving Later", email: "leaver@example.in", preferredLanguage: "en" },
    ])
    .returning("id")
    .execute();
  const start = new Date(Date.now() + 20 * 24 * HOUR);
  eventUid = `server-${randomUUID()}@shivir.test`;
  const event = await db
    .insertInto("events")
    .values({
      kind: "district_camp",
      unitId: unit.id,
      titleEn: "Jaipur camp, day 1; social media",
      titleHi: "जयपुर शिविर, दिन 1; सोशल मीडिया",
      venueName: "Birla Hall",
      startsAt: start,
      endsAt: new Date(start.getTime() + 8 * HOUR),
      registrationOpensAt: new Date(Date.now() - HOUR),
      registrationClosesAt: new Date(start.getTime() - HOUR),
      capacity: 10,
      status: "published",
      publishedAt: new Date(),
      icalUid: eventUid,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  eventId = event.id;
  const invitations = await db
    .insertInto("invitations")
    .values(
      people.map((p) => {
        // A personal link as the portal makes one: random, found by its hash, sealed with the portal's secret.
        const token = newToken();
        if (p.id === people[3]!.id) leaverToken = token;
        return {
          eventId,
          appointeeId: p.id,
          committeeId: committee.id,
          designation: "member",
          tokenHash: hashToken(token),
          tokenSealed: sealToken(token, [SECRET]),
        };
      }),
    )
    .returning(["id", "appointeeId"])
    .execute();
  // Sunita and the person without email are registered; the second person has not answered.
  for (const index of [0, 2, 3]) {
    await db
      .insertInto("registrations")
      .values({
        invitationId: invitations[index]!.id,
        eventId,
        appointeeId: people[index]!.id,
        status: "registered",
        passId: newPassId(),
        registeredAt: new Date(),
      })
      .execute();
  }
  feedToken = newToken();
  await db
    .insertInto("calendarFeeds")
    .values({
      appointeeId: people[0]!.id,
      tokenHash: hashToken(feedToken),
      tokenSealed: sealToken(feedToken, [SECRET]),
      version: 1,
    })
    .execute();
  portal = await startPortal(testDb.url, { NODE_ENV: "production", SESSION_SECRET: SECRET, WORKER: "none" });
}, 120_000);

afterAll(async () => {
  await portal?.stop();
  if (testDb) await dropTestDatabase(testDb);
});

const get = (path: string, init: RequestInit = {}) =>
  fetch(`${portal.url}${path}`, { redirect: "manual", ...init });

/** METHOD, STATUS and SEQUENCE of a calendar attachment, read by ical.js and by Python's icalendar. */
function readSequence(attachment: unknown) {
  const ics = Buffer.from((attachment as { content: string }).content, "base64");
  const calendar = new ICAL.Component(ICAL.parse(ics.toString("utf8")));
  const vevent = calendar.getFirstSubcomponent("vevent")!;
  const js = {
    method: calendar.getFirstPropertyValue("method"),
    status: vevent.getFirstPropertyValue("status"),
    sequence: Number(vevent.getFirstPropertyValue("sequence")),
  };
  const [method, status, sequence] = execFileSync(
    "/usr/bin/python3",
    [
      "-c",
      [
        "import sys, icalendar",
        "cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())",
        "ev = next(c for c in cal.walk('VEVENT'))",
        "print(cal['METHOD'])",
        "print(ev['STATUS'])",
        "print(int(ev['SEQUENCE']))",
      ].join("\n"),
    ],
    { input: ics },
  )
    .toString()
    .trim()
    .split("\n");
  const python = { method, status, sequence: Number(sequence) };
  return { js, python };
}

/** The calendar attachment of the last email of `template` to `recipient`. */
async function attachmentOf(template: string, recipient: string) {
  const mail = await testDb.db
    .selectFrom("emails")
    .select("attachment")
    .where("template", "=", template)
    .where("recipient", "=", recipient)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  return mail.attachment;
}

async function storedSequence() {
  const row = await testDb.db
    .selectFrom("events")
    .select("icalSequence")
    .where("id", "=", eventId)
    .executeTakeFirstOrThrow();
  return row.icalSequence;
}

describe("withdrawing from the personal link", () => {
  it("sends a CANCEL newer than the invite the person holds, as both parsers read it", async () => {
    expect(await storedSequence()).toBe(0);
    const response = await get(`/i/${leaverToken}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "cancel" }).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(303);
    const { js, python } = readSequence(await attachmentOf("registration-cancelled", "leaver@example.in"));
    // The invite was SEQUENCE 0; the cancellation must be newer, or Outlook keeps the entry.
    expect(js).toEqual({ method: "CANCEL", status: "CANCELLED", sequence: 1 });
    expect(python).toEqual(js);
    expect(await storedSequence()).toBe(1);
  });
});

function readFeed(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return {
    method: calendar.getFirstPropertyValue("method"),
    events: calendar.getAllSubcomponents("vevent").map((v) => ({
      uid: v.getFirstPropertyValue("uid"),
      status: v.getFirstPropertyValue("status"),
      summary: v.getFirstPropertyValue("summary"),
    })),
  };
}

describe("GET /calendar/<token>.ics", () => {
  it("serves the appointee's events as a private calendar that no cache keeps", async () => {
    const response = await get(`/calendar/${feedToken}.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const feed = readFeed(await response.text());
    expect(feed.method).toBe("PUBLISH");
    expect(feed.events).toEqual([
      { uid: eventUid, status: "CONFIRMED", summary: "जयपुर शिविर, दिन 1; सोशल मीडिया" },
    ]);
  });

  it("answers 404 in plain text for a wrong, tampered or malformed token, never 500", async () => {
    const tampered = `${feedToken.slice(0, -1)}${feedToken.endsWith("A") ? "B" : "A"}`;
    for (const path of [
      `/calendar/${newToken()}.ics`,
      `/calendar/${tampered}.ics`,
      `/calendar/${feedToken}x.ics`,
      "/calendar/abc.ics",
      "/calendar/%00.ics",
      `/calendar/${"a".repeat(5000)}.ics`,
      "/calendar/..%2F..%2Fetc%2Fpasswd.ics",
      "/calendar/.ics",
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      if ((response.headers.get("content-type") ?? "").startsWith("text/plain")) {
        expect(await response.text()).toBe("Not found");
      }
    }
    // The feed path without ".ics" is no feed.
    expect((await get(`/calendar/${feedToken}`)).status).toBe(404);
  });
});

describe("/events/:id/cancel", () => {
  const post = (body: Record<string, string>) =>
    get(`/events/${eventId}/cancel`, {
      method: "POST",
      body: new URLSearchParams(body).toString(),
      headers: {
        Cookie: adminCookie,
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept-Language": "en",
      },
    });

  it("shows who will be told, refuses a reason that is too long, then cancels and redirects", async () => {
    const page = await get(`/events/${eventId}/cancel`, {
      headers: { Cookie: adminCookie, "Accept-Language": "en" },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Cancel Jaipur camp, day 1; social media");
    expect(html).toContain("1 registered person gets the cancellation with a calendar update");
    expect(html).toContain("1 other invited person (not answered yet or on the waiting list)");
    expect(html).toContain("1 person has no email address");
    const hindi = await get(`/events/${eventId}/cancel`, {
      headers: { Cookie: adminCookie, "Accept-Language": "hi" },
    });
    const hindiHtml = await hindi.text();
    expect(hindiHtml).toContain("जयपुर शिविर, दिन 1; सोशल मीडिया रद्द करें");
    expect(hindiHtml).toContain("पंजीकृत 1 व्यक्ति को रद्द होने की सूचना");

    const tooLong = await post({ reason: "x".repeat(501) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain("Keep the reason under 500 characters.");
    const unchanged = await testDb.db
      .selectFrom("events")
      .select(["status", "icalSequence"])
      .where("id", "=", eventId)
      .executeTakeFirstOrThrow();
    expect(unchanged).toEqual({ status: "published", icalSequence: 1 });

    const done = await post({ reason: "Venue unavailable" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe(`/events/${eventId}?done=cancelled`);
    const mails = await testDb.db
      .selectFrom("emails")
      .select(["recipient", "template"])
      .select((eb) => eb("attachment", "is not", null).as("hasAttachment"))
      .where("template", "=", "event-cancelled")
      .orderBy("recipient")
      .execute();
    expect(mails).toEqual([
      { recipient: "silent@example.in", template: "event-cancelled", hasAttachment: false },
      { recipient: "sunita@example.in", template: "event-cancelled", hasAttachment: true },
    ]);

    // The registrant's cancellation is newer than anything sent before (the withdrawal above took 1).
    const { js, python } = readSequence(await attachmentOf("event-cancelled", "sunita@example.in"));
    expect(js).toEqual({ method: "CANCEL", status: "CANCELLED", sequence: 2 });
    expect(python).toEqual(js);
    expect(await storedSequence()).toBe(2);

    // The feed now withdraws the event.
    const feed = readFeed(await (await get(`/calendar/${feedToken}.ics`)).text());
    expect(feed.events.map((e) => e.status)).toEqual(["CANCELLED"]);

    // Cancelling again is refused with a message, and the page says it is cancelled.
    const again = await post({ reason: "" });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("This event is already cancelled.");
  });

  it("answers 404 for an event id that is not a number or does not exist", async () => {
    for (const path of ["/events/abc/cancel", "/events/999999/cancel", "/events/-1/cancel"]) {
      const response = await get(path, { headers: { Cookie: adminCookie } });
      expect(response.status, path).toBe(404);
    }
  });
});

describe("the reminder job", () => {
  it("runs in a worker process and queues one reminder per registrant", async () => {
    const db = testDb.db;
    const source = await db
      .selectFrom("events")
      .selectAll()
      .where("id", "=", eventId)
      .executeTakeFirstOrThrow();
    const start = new Date(Date.now() + 2 * 24 * HOUR);
    const event = await db
      .insertInto("events")
      .values({
        kind: "district_camp",
        unitId: source.unitId,
        titleEn: "Reminder camp",
        titleHi: "याद शिविर",
        venueName: "Hall",
        startsAt: start,
        endsAt: new Date(start.getTime() + HOUR),
        registrationOpensAt: new Date(Date.now() - HOUR),
        registrationClosesAt: new Date(start.getTime() - HOUR),
        capacity: 10,
        status: "published",
        publishedAt: new Date(),
        icalUid: `reminder-${randomUUID()}@shivir.test`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const sunita = await db
      .selectFrom("appointees")
      .select("id")
      .where("email", "=", "sunita@example.in")
      .executeTakeFirstOrThrow();
    const committee = await db.selectFrom("committees").select("id").executeTakeFirstOrThrow();
    const invitation = await db
      .insertInto("invitations")
      .values({
        eventId: event.id,
        appointeeId: sunita.id,
        committeeId: committee.id,
        designation: "member",
        ...personalLinkColumns([SECRET]),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const registration = await db
      .insertInto("registrations")
      .values({
        invitationId: invitation.id,
        eventId: event.id,
        appointeeId: sunita.id,
        status: "registered",
        passId: newPassId(),
        registeredAt: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // Due now, as scheduleReminders would have set it 24 hours before the start.
    await db.transaction().execute((trx) =>
      addJob(trx, "event:send-reminders", {
        payload: { eventId: event.id, startsAt: start.toISOString() },
        jobKey: `event-reminders:${event.id}`,
      }),
    );
    const worker = spawn(process.execPath, ["--import", "tsx", "worker.ts"], {
      env: { ...process.env, DATABASE_URL: testDb.url, LOG_LEVEL: "error", RESEND_API_KEY: "" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    try {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const left = await sql<{ n: number }>`
          select count(*)::int as n from graphile_worker.jobs where key = ${`event-reminders:${event.id}`}`.execute(
          db,
        );
        const sent = await db
          .selectFrom("emails")
          .select(["recipient", "status", "idempotencyKey"])
          .where("template", "=", "event-reminder")
          .execute();
        if (left.rows[0]!.n === 0 && sent.length > 0 && sent.every((m) => m.status === "sent")) {
          expect(sent).toEqual([
            {
              recipient: "sunita@example.in",
              status: "sent",
              idempotencyKey: `event-reminder:${event.id}:${Math.floor(start.getTime() / 1000)}:${registration.id}`,
            },
          ]);
          break;
        }
        if (Date.now() > deadline) throw new Error("the reminder job did not run within 30 s");
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      worker.kill("SIGTERM");
    }
  });
});
