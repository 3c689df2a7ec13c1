// Edits of a published event that reach the other helpers' code through the agreed interfaces:
// queueEventChangeNotices and scheduleReminders (event-notices.server.ts) and promoteFromWaitlist
// (registration.server.ts). Kept apart from event.server.db.test.ts so it runs once those are built.
import { newPassId } from "#app/models/registration/registration-pass.server.ts";
import ICAL from "ical.js";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#app/platform/db.server.ts";
import { seedDemo } from "#db/seed/demo.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { calendarFeed } from "#app/models/calendar/calendar-feed.server.ts";
import { addSession, createEvent, type EventActor, updateEvent } from "./event.server.ts";
import { defaultEventQuestions, type EventFormInput } from "./event.ts";
import { calendarFeedUrls } from "#app/models/registration/personal-link.server.ts";
import { scopeOf } from "#app/models/organisation/scope.server.ts";
import { personalLinkColumns } from "#tests/support/db-helpers.ts";

const at = (iso: string) => new Date(iso);

describe("editing a published event", () => {
  const testDb = useTestDatabase();
  let db: Database;
  let jaipur: EventActor;
  let jaipurUnit: number;

  function camp(overrides: Partial<EventFormInput> = {}): EventFormInput {
    return {
      kind: "district_camp",
      unitId: jaipurUnit,
      titleEn: "Published camp",
      titleHi: "प्रकाशित शिविर",
      descriptionEn: "",
      descriptionHi: "",
      venueName: "Town Hall",
      venueAddress: "Main Road",
      venueMapUrl: null,
      startsAt: at("2030-06-10T04:30:00Z"),
      endsAt: at("2030-06-10T11:30:00Z"),
      registrationOpensAt: at("2030-05-01T03:30:00Z"),
      registrationClosesAt: at("2030-06-09T12:30:00Z"),
      capacity: 10,
      reminderHours: 24,
      questions: { ...defaultEventQuestions },
      ...overrides,
    };
  }

  /** A published Jaipur camp with registrants (people with email addresses), as plain rows. */
  async function publishedCamp(
    statuses: ("registered" | "waitlisted")[],
    overrides: Partial<EventFormInput> = {},
  ) {
    const created = await createEvent(db, jaipur, camp(overrides));
    if (!created.ok) throw new Error(created.error);
    const eventId = created.eventId;
    await db
      .updateTable("events")
      .set({ status: "published", publishedAt: sql`now()` })
      .where("id", "=", eventId)
      .execute();
    const people = await db
      .selectFrom("appointments")
      .innerJoin("appointees", "appointees.id", "appointments.appointeeId")
      .select(["appointeeId", "committeeId", "designation", "appointees.email"])
      .where("appointments.active", "=", true)
      .where("appointees.email", "is not", null)
      // People of no other camp here, so each test's mail is its own.
      .where("appointeeId", "not in", (eb) => eb.selectFrom("invitations").select("appointeeId"))
      .orderBy("appointeeId")
      .limit(statuses.length)
      .execute();
    const registrants: { email: string; status: string; registrationId: number }[] = [];
    for (const [i, p] of people.entries()) {
      const invitation = await db
        .insertInto("invitations")
        .values({
          eventId,
          appointeeId: p.appointeeId,
          committeeId: p.committeeId,
          designation: p.designation,
          ...personalLinkColumns(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const status = statuses[i]!;
      const registration = await db
        .insertInto("registrations")
        .values({
          invitationId: invitation.id,
          eventId,
          appointeeId: p.appointeeId,
          status,
          passId: newPassId(),
          waitlistedAt: status === "waitlisted" ? at(`2030-05-0${i + 1}T00:00:00Z`) : null,
          registeredAt: status === "registered" ? new Date() : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      registrants.push({ email: p.email!, status, registrationId: registration.id });
    }
    return { eventId, registrants };
  }

  async function eventRow(eventId: number) {
    return db.selectFrom("events").selectAll().where("id", "=", eventId).executeTakeFirstOrThrow();
  }

  /** The newest outbox id: mail queued after it came from the edit under test. */
  async function lastEmailId() {
    const row = await db
      .selectFrom("emails")
      .select(sql<number>`coalesce(max(id), 0)::int`.as("n"))
      .executeTakeFirstOrThrow();
    return row.n;
  }

  async function emailsTo(recipients: string[], afterId: number) {
    return db
      .selectFrom("emails")
      .select(["recipient", "attachment", "template"])
      .where("recipient", "in", recipients)
      .where("id", ">", afterId)
      .execute();
  }

  async function reminderRunAt(eventId: number): Promise<Date[]> {
    const rows = await sql<{ runAt: Date }>`
      select j.run_at as "runAt" from graphile_worker._private_jobs j
        join graphile_worker._private_tasks t on t.id = j.task_id
       where t.identifier = 'event:send-reminders' and (j.payload->>'eventId')::bigint = ${eventId}`.execute(
      db,
    );
    return rows.rows.map((r) => new Date(r.runAt));
  }

  const icsOf = (attachment: unknown) =>
    Buffer.from((attachment as { content: string }).content, "base64").toString("utf8");

  /** The VEVENT of `uid` in an ICS text, read by ical.js: SEQUENCE and its text in both languages. */
  function readEntry(ics: string, uid: string) {
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const vevent = calendar.getAllSubcomponents("vevent").find((v) => new ICAL.Event(v).uid === uid)!;
    const event = new ICAL.Event(vevent);
    return {
      sequence: event.sequence,
      summary: event.summary,
      text: `${event.summary}\n${event.description}`,
    };
  }

  /** What the registrant's private calendar feed says about the event now. */
  async function feedEntry(registrationId: number, eventId: number) {
    const { appointeeId } = await db
      .selectFrom("registrations")
      .select("appointeeId")
      .where("id", "=", registrationId)
      .executeTakeFirstOrThrow();
    const publicUrl = "https://shivir.example.org";
    const token = /\/calendar\/([\w-]+)\.ics$/.exec(
      (await calendarFeedUrls(db, publicUrl, appointeeId)).https,
    )![1];
    const feed = await calendarFeed(db, token, { ip: "203.0.113.9", publicUrl });
    if (!feed.ok) throw new Error(`expected the feed, got ${feed.error}`);
    return readEntry(feed.ics, (await eventRow(eventId)).icalUid);
  }

  beforeAll(async () => {
    db = testDb().db;
    await seedDemo(db);
    jaipurUnit = (
      await db.selectFrom("units").select("id").where("code", "=", "RJ-JP").executeTakeFirstOrThrow()
    ).id;
    const staff = await db
      .insertInto("staffUsers")
      .values({ email: "jaipur@example.in", name: "Jaipur", role: "organiser", scopeUnitId: jaipurUnit })
      .returning(["id", "email", "name", "role", "scopeUnitId", "preferredLanguage"])
      .executeTakeFirstOrThrow();
    jaipur = { staffId: staff.id, scope: await scopeOf(db, staff) };
  });

  it("sends registrants an updated invite with a higher SEQUENCE when the time moves, and moves the reminder", async () => {
    const { eventId, registrants } = await publishedCamp(["registered", "registered", "waitlisted"]);
    const since = await lastEmailId();
    const moved = camp({ startsAt: at("2030-06-10T05:30:00Z"), endsAt: at("2030-06-10T12:30:00Z") });
    const result = await updateEvent(db, jaipur, eventId, moved);
    expect(result.ok && result.diff).toMatchObject({ time: true, venue: false, reminders: true });
    expect((await eventRow(eventId)).icalSequence).toBe(1);

    const registered = registrants.filter((r) => r.status === "registered").map((r) => r.email);
    const mail = await emailsTo(
      registrants.map((r) => r.email),
      since,
    );
    // Every registrant, and only registrants, is told; each invite carries the new SEQUENCE.
    expect([...new Set(mail.map((m) => m.recipient))].sort()).toEqual([...registered].sort());
    const invites = mail.filter((m) => m.attachment);
    expect(invites.length).toBeGreaterThanOrEqual(registered.length);
    for (const invite of invites) {
      const ics = icsOf(invite.attachment);
      expect(ics).toContain("METHOD:REQUEST");
      expect(ics).toMatch(/SEQUENCE:1\r?\n/);
    }
    // The reminder goes 24 hours before the new start.
    expect(await reminderRunAt(eventId)).toEqual([at("2030-06-09T05:30:00Z")]);
  });

  it("sends an updated invite when only the venue changes, leaving the reminder where it was", async () => {
    const { eventId, registrants } = await publishedCamp(["registered"]);
    const since = await lastEmailId();
    const result = await updateEvent(db, jaipur, eventId, camp({ venueName: "Birla Auditorium" }));
    expect(result.ok && result.diff).toMatchObject({ time: false, venue: true, reminders: false });
    expect((await eventRow(eventId)).icalSequence).toBe(1);
    const mail = await emailsTo([registrants[0]!.email], since);
    expect(mail.length).toBeGreaterThanOrEqual(1);
    expect(mail.some((m) => m.attachment && icsOf(m.attachment).includes("Birla Auditorium"))).toBe(true);
  });

  it("raises SEQUENCE for a new title in either language without emailing; the feed and the next invite carry it", async () => {
    const { eventId, registrants } = await publishedCamp(["registered"]);
    const registrant = registrants[0]!;
    const since = await lastEmailId();
    const newHi = camp({ titleHi: "नया नाम शिविर" });
    let result = await updateEvent(db, jaipur, eventId, newHi);
    expect(result.ok && result.diff).toMatchObject({ time: false, venue: false, reminders: false });
    expect((await eventRow(eventId)).icalSequence).toBe(1);
    // The feed shows both titles (one in SUMMARY, the other in DESCRIPTION): whatever the registrant's language.
    expect(await feedEntry(registrant.registrationId, eventId)).toMatchObject({ sequence: 1 });
    expect((await feedEntry(registrant.registrationId, eventId)).text).toContain("नया नाम शिविर");

    const newBoth = camp({ titleHi: "नया नाम शिविर", titleEn: "Renamed camp" });
    result = await updateEvent(db, jaipur, eventId, newBoth);
    expect(result.ok).toBe(true);
    expect((await eventRow(eventId)).icalSequence).toBe(2);
    const feed = await feedEntry(registrant.registrationId, eventId);
    expect(feed.sequence).toBe(2);
    expect(feed.text).toContain("Renamed camp");
    expect(feed.text).toContain("नया नाम शिविर");
    // A new title is not worth an email.
    expect(await emailsTo([registrant.email], since)).toEqual([]);
    // A description is not worth a new SEQUENCE.
    await updateEvent(db, jaipur, eventId, { ...newBoth, descriptionEn: "Bring a notebook." });
    expect((await eventRow(eventId)).icalSequence).toBe(2);

    // A new time is emailed as before, and that invite carries the new title with the next SEQUENCE.
    const moved = { ...newBoth, startsAt: at("2030-06-10T05:30:00Z"), endsAt: at("2030-06-10T12:30:00Z") };
    expect((await updateEvent(db, jaipur, eventId, moved)).ok).toBe(true);
    expect((await eventRow(eventId)).icalSequence).toBe(3);
    const mail = await emailsTo([registrant.email], since);
    expect(mail.map((m) => m.template)).toEqual(["event-updated"]);
    const invite = readEntry(icsOf(mail[0]!.attachment), (await eventRow(eventId)).icalUid);
    expect(invite.sequence).toBe(3);
    expect(invite.text).toContain("Renamed camp");
    expect(invite.text).toContain("नया नाम शिविर");
    expect((await feedEntry(registrant.registrationId, eventId)).sequence).toBe(3);
  });

  it("reschedules the reminder when only its hours change, with no new invite", async () => {
    const { eventId, registrants } = await publishedCamp(["registered"]);
    const since = await lastEmailId();
    const result = await updateEvent(db, jaipur, eventId, camp({ reminderHours: 48 }));
    expect(result.ok && result.diff).toMatchObject({ time: false, venue: false, reminders: true });
    expect((await eventRow(eventId)).icalSequence).toBe(0);
    expect(await emailsTo([registrants[0]!.email], since)).toEqual([]);
    expect(await reminderRunAt(eventId)).toEqual([at("2030-06-08T04:30:00Z")]);
  });

  it("promotes people from the waitlist, in order, when capacity is raised", async () => {
    const { eventId, registrants } = await publishedCamp(
      ["registered", "registered", "waitlisted", "waitlisted"],
      {
        capacity: 2,
      },
    );
    const result = await updateEvent(db, jaipur, eventId, camp({ capacity: 3 }));
    expect(result.ok).toBe(true);
    const statuses = await db
      .selectFrom("registrations")
      .select(["id", "status"])
      .where("eventId", "=", eventId)
      .orderBy("id")
      .execute();
    const waitlisted = registrants.filter((r) => r.status === "waitlisted").map((r) => r.registrationId);
    // The first on the waitlist got the new seat; the second still waits.
    expect(statuses.find((s) => s.id === waitlisted[0])?.status).toBe("registered");
    expect(statuses.find((s) => s.id === waitlisted[1])?.status).toBe("waitlisted");
    expect(statuses.filter((s) => s.status === "registered")).toHaveLength(3);
  });

  it("changes nothing and tells no one when a new time would leave a session outside the event", async () => {
    const { eventId, registrants } = await publishedCamp(["registered"]);
    const added = await addSession(db, jaipur, eventId, {
      kind: "plenary",
      titleEn: "Closing",
      titleHi: "समापन",
      room: "",
      startsAt: at("2030-06-10T10:30:00Z"),
      endsAt: at("2030-06-10T11:30:00Z"),
      capacity: null,
      required: true,
      trainerIds: [],
    });
    expect(added.ok).toBe(true);
    const since = await lastEmailId();
    const before = await eventRow(eventId);
    const result = await updateEvent(db, jaipur, eventId, camp({ endsAt: at("2030-06-10T09:30:00Z") }));
    expect(result).toMatchObject({ ok: false, error: "events.errors.sessionsOutsideNewTimes" });
    expect(await eventRow(eventId)).toEqual(before);
    expect(await emailsTo([registrants[0]!.email], since)).toEqual([]);
  });
});
