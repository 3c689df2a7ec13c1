import { newPassId } from "#app/models/registration/registration-pass.server.ts";
import { randomUUID } from "node:crypto";
import ICAL from "ical.js";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { renderEmail } from "#app/mail/render.server.ts";
import type { Database } from "#app/platform/db.server.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { expectNotFound, personalLinkColumns } from "#tests/support/db-helpers.ts";
import { eventIcsAttachment } from "#app/models/calendar/event-calendar.server.ts";
import {
  cancelEvent,
  getCancellationPreview,
  queueEventChangeNotices,
  scheduleReminders,
  sendEventReminders,
} from "./event-notices.server.ts";
import type { Scope } from "#app/models/organisation/scope.server.ts";

const HOUR = 3_600_000;
const admin: Scope = { kind: "all" };

type Answer = "registered" | "waitlisted" | "declined" | "cancelled" | null;
type Guest = { key: string; answer: Answer; email?: boolean; locale?: "hi" | "en"; revoked?: boolean };

// Everyone an event notice may or may not reach: registrants in both languages and without email, people
// waiting, declined, cancelled, not answered, and a withdrawn invitation.
const everyone: Guest[] = [
  { key: "reg-hi", answer: "registered", locale: "hi" },
  { key: "reg-en", answer: "registered", locale: "en" },
  { key: "reg-noemail", answer: "registered", email: false },
  { key: "waiting", answer: "waitlisted" },
  { key: "declined", answer: "declined" },
  { key: "cancelled", answer: "cancelled" },
  { key: "silent", answer: null, locale: "en" },
  { key: "silent-noemail", answer: null, email: false },
  { key: "revoked", answer: null, revoked: true },
];

describe("event notices", () => {
  const testDb = useTestDatabase();
  let db: Database;
  let unit: { id: number; path: string };
  let otherUnit: { id: number; path: string };
  let committeeId: number;
  let staffId: number;

  beforeAll(async () => {
    db = testDb().db;
    const [state] = await db
      .insertInto("units")
      .values({ level: "state", code: "TN-ST", nameEn: "Test State", nameHi: "परीक्षा प्रदेश" })
      .returning(["id", "path"])
      .execute();
    const districts = await db
      .insertInto("units")
      .values([
        { parentId: state!.id, level: "district", code: "TN-A", nameEn: "Alpha", nameHi: "अल्फ़ा" },
        { parentId: state!.id, level: "district", code: "TN-B", nameEn: "Beta", nameHi: "बीटा" },
      ])
      .returning(["id", "path"])
      .execute();
    [unit, otherUnit] = [districts[0]!, districts[1]!];
    const committee = await db
      .insertInto("committees")
      .values({ unitId: unit.id, nameEn: "Alpha Committee", nameHi: "अल्फ़ा समिति", seatQuota: 40 })
      .returning("id")
      .executeTakeFirstOrThrow();
    committeeId = committee.id;
    const staff = await db
      .insertInto("staffUsers")
      .values({ email: "organiser@example.in", name: "Organiser", role: "organiser", scopeUnitId: unit.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    staffId = staff.id;
  });

  /** A published (or draft) event 10 days ahead, 10:00–18:00 IST, with the given guests. */
  async function makeEvent(
    options: { status?: "draft" | "published"; guests?: Guest[]; reminderHours?: number | null } = {},
  ) {
    const status = options.status ?? "published";
    const start = new Date(Math.ceil((Date.now() + 10 * 24 * HOUR) / (24 * HOUR)) * 24 * HOUR + 4.5 * HOUR);
    const tag = randomUUID().slice(0, 8);
    const event = await db
      .insertInto("events")
      .values({
        kind: "district_camp",
        unitId: unit.id,
        titleEn: `Alpha camp, day 1; ${tag}`,
        titleHi: `अल्फ़ा शिविर, दिन 1; ${tag}`,
        venueName: "Town Hall",
        venueAddress: "MG Road, Alpha",
        startsAt: start,
        endsAt: new Date(start.getTime() + 8 * HOUR),
        registrationOpensAt: new Date(Date.now() - 24 * HOUR),
        registrationClosesAt: new Date(start.getTime() - HOUR),
        capacity: 100,
        status,
        publishedAt: status === "published" ? new Date() : null,
        icalUid: `event-${tag}@shivir.test`,
        reminderHours: options.reminderHours === undefined ? 24 : options.reminderHours,
      })
      .returning(["id", "icalUid", "startsAt"])
      .executeTakeFirstOrThrow();
    const people: Record<
      string,
      { appointeeId: number; invitationId: number; registrationId: number | null; email: string | null }
    > = {};
    for (const guest of options.guests ?? everyone) {
      const email = guest.email === false ? null : `${guest.key}-${tag}@example.in`;
      const appointee = await db
        .insertInto("appointees")
        .values({
          name: `Person ${guest.key}`,
          nameHi: `व्यक्ति ${guest.key}`,
          email,
          preferredLanguage: guest.locale ?? "hi",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const invitation = await db
        .insertInto("invitations")
        .values({
          eventId: event.id,
          appointeeId: appointee.id,
          committeeId,
          designation: "member",
          ...personalLinkColumns(),
          revokedAt: guest.revoked ? new Date() : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      let registrationId: number | null = null;
      if (guest.answer) {
        const registration = await db
          .insertInto("registrations")
          .values({
            invitationId: invitation.id,
            eventId: event.id,
            appointeeId: appointee.id,
            status: guest.answer,
            passId: newPassId(),
            registeredAt: guest.answer === "registered" || guest.answer === "cancelled" ? new Date() : null,
            waitlistedAt: guest.answer === "waitlisted" ? new Date() : null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        registrationId = registration.id;
      }
      people[guest.key] = { appointeeId: appointee.id, invitationId: invitation.id, registrationId, email };
    }
    return { ...event, people };
  }

  const emailsOf = (template: string, key: string) =>
    db
      .selectFrom("emails")
      .selectAll()
      .where("template", "=", template)
      .where("idempotencyKey", "like", `${key}%`)
      .orderBy("id")
      .execute();

  const reminderJob = async (eventId: number) => {
    const result = await sql<{ runAt: Date; payload: unknown; taskIdentifier: string }>`
      select j.run_at as "runAt", p.payload, j.task_identifier as "taskIdentifier"
      from graphile_worker.jobs j join graphile_worker._private_jobs p on p.id = j.id
      where j.key = ${`event-reminders:${eventId}`}`.execute(db);
    return result.rows[0] ?? null;
  };

  /** The attachment decoded and read by ical.js. */
  function readInvite(attachment: unknown) {
    const { content, contentType, filename } = attachment as {
      content: string;
      contentType: string;
      filename: string;
    };
    const calendar = new ICAL.Component(ICAL.parse(Buffer.from(content, "base64").toString("utf8")));
    for (const zone of calendar.getAllSubcomponents("vtimezone"))
      ICAL.TimezoneService.register(new ICAL.Timezone(zone));
    const vevent = calendar.getFirstSubcomponent("vevent")!;
    const event = new ICAL.Event(vevent);
    return {
      filename,
      contentType,
      method: calendar.getFirstPropertyValue("method"),
      uid: event.uid,
      sequence: event.sequence,
      status: vevent.getFirstPropertyValue("status"),
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      wall: event.startDate.toString(),
      attendee: String(vevent.getFirstPropertyValue("attendee")).toLowerCase(),
      organizer: String(vevent.getFirstPropertyValue("organizer")).toLowerCase(),
      vevents: calendar.getAllSubcomponents("vevent").length,
    };
  }

  it("a change queues exactly one updated invite per registrant with an email, at SEQUENCE + 1", async () => {
    const event = await makeEvent();
    const before = await db
      .selectFrom("events")
      .selectAll()
      .where("id", "=", event.id)
      .executeTakeFirstOrThrow();
    const newStart = new Date(before.startsAt.getTime() + 24 * HOUR);
    // What the event editor does: change, raise the sequence, then queue the notices in the same transaction.
    const queued = await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("events")
        .set({
          startsAt: newStart,
          endsAt: new Date(newStart.getTime() + 8 * HOUR),
          venueName: "Nehru Bhawan",
          icalSequence: sql`ical_sequence + 1`,
        })
        .where("id", "=", event.id)
        .execute();
      return queueEventChangeNotices(trx, event.id, {
        time: true,
        venue: true,
        before: {
          startsAt: before.startsAt,
          endsAt: before.endsAt,
          venueName: before.venueName,
          venueAddress: before.venueAddress,
        },
      });
    });
    expect(queued).toBe(2);
    const mails = await emailsOf("event-updated", `event-updated:${event.id}:`);
    expect(mails.map((m) => m.recipient).sort()).toEqual(
      [event.people["reg-en"]!.email, event.people["reg-hi"]!.email].sort(),
    );
    expect(mails.map((m) => m.idempotencyKey).sort()).toEqual(
      ["reg-en", "reg-hi"]
        .map((k) => `event-updated:${event.id}:1:${event.people[k]!.registrationId}`)
        .sort(),
    );
    for (const mail of mails) {
      const invite = readInvite(mail.attachment);
      expect(invite).toMatchObject({
        filename: "invite.ics",
        contentType: "text/calendar; method=REQUEST; charset=UTF-8",
        method: "REQUEST",
        uid: event.icalUid,
        sequence: 1,
        status: "CONFIRMED",
        start: newStart.toISOString(),
        wall: `${newStart.toISOString().slice(0, 10)}T10:00:00`,
        attendee: `mailto:${mail.recipient}`,
        organizer: "mailto:shivir@localhost",
        vevents: 1,
      });
      expect(invite.summary).toBe(mail.locale === "hi" ? before.titleHi : before.titleEn);
    }
    // The mail says what changed, old and new, in the person's language first, in IST.
    const english = mails.find((m) => m.locale === "en")!;
    const { text, subject } = await renderEmail(english);
    expect(subject.startsWith(`Changed: ${before.titleEn} · बदलाव: ${before.titleHi}`)).toBe(true);
    expect(text).toContain("New time:");
    expect(text).toContain("10:00 am – 6:00 pm");
    expect(text).toContain("New venue: Nehru Bhawan, MG Road, Alpha");
    expect(text).toContain("Before: Town Hall, MG Road, Alpha");
    expect(text.indexOf("New venue:")).toBeLessThan(text.indexOf("नया स्थान:"));
    expect(text).toContain(`/i/`);

    // Queuing the same change again (a retried transaction) adds nothing.
    await db.transaction().execute((trx) =>
      queueEventChangeNotices(trx, event.id, {
        time: false,
        venue: true,
        before: { startsAt: newStart, endsAt: newStart, venueName: "x", venueAddress: "" },
      }),
    );
    expect(await emailsOf("event-updated", `event-updated:${event.id}:`)).toHaveLength(2);
  });

  it("builds a single attachment on request with the current SEQUENCE, a cancellation with a raised one", async () => {
    const event = await makeEvent({ guests: [] });
    await db.updateTable("events").set({ icalSequence: 4 }).where("id", "=", event.id).execute();
    const attachment = await eventIcsAttachment(
      db,
      event.id,
      { name: "Ramesh", email: "ramesh@example.in", locale: "en" },
      "REQUEST",
      { url: "https://shivir.example.org/i/abc" },
    );
    expect(readInvite(attachment)).toMatchObject({ method: "REQUEST", sequence: 4, uid: event.icalUid });
    const cancel = await eventIcsAttachment(
      db,
      event.id,
      { name: "R", email: "r@example.in", locale: "hi" },
      "CANCEL",
    );
    expect(cancel.contentType).toBe("text/calendar; method=CANCEL; charset=UTF-8");
    // A cancellation is newer than the invite the person holds, and the event remembers it.
    expect(readInvite(cancel)).toMatchObject({ method: "CANCEL", status: "CANCELLED", sequence: 5 });
    const stored = await db
      .selectFrom("events")
      .select("icalSequence")
      .where("id", "=", event.id)
      .executeTakeFirst();
    expect(stored?.icalSequence).toBe(5);
  });

  it("schedules the reminder at starts_at − reminder_hours and moves it when the event moves", async () => {
    const event = await makeEvent();
    await db.transaction().execute((trx) => scheduleReminders(trx, event.id));
    const job = await reminderJob(event.id);
    expect(job?.taskIdentifier).toBe("event:send-reminders");
    expect(job?.runAt.getTime()).toBe(event.startsAt.getTime() - 24 * HOUR);
    expect(job?.payload).toEqual({ eventId: event.id, startsAt: event.startsAt.toISOString() });

    const moved = new Date(event.startsAt.getTime() + 3 * 24 * HOUR);
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("events")
        .set({ startsAt: moved, endsAt: new Date(moved.getTime() + HOUR), reminderHours: 6 })
        .where("id", "=", event.id)
        .execute();
      await scheduleReminders(trx, event.id);
    });
    const again = await reminderJob(event.id);
    expect(again?.runAt.getTime()).toBe(moved.getTime() - 6 * HOUR);
    expect(again?.payload).toEqual({ eventId: event.id, startsAt: moved.toISOString() });
    const count = await sql<{ n: number }>`
      select count(*)::int as n from graphile_worker.jobs where key = ${`event-reminders:${event.id}`}`.execute(
      db,
    );
    expect(count.rows[0]!.n).toBe(1);

    // No reminder: the job goes.
    await db.updateTable("events").set({ reminderHours: null }).where("id", "=", event.id).execute();
    await db.transaction().execute((trx) => scheduleReminders(trx, event.id));
    expect(await reminderJob(event.id)).toBeNull();
  });

  it("schedules no reminder for a draft, or when the reminder time has passed", async () => {
    const draft = await makeEvent({ status: "draft", guests: [] });
    await db.transaction().execute((trx) => scheduleReminders(trx, draft.id));
    expect(await reminderJob(draft.id)).toBeNull();
    // Ten days ahead with a 14-day reminder: its time is gone.
    const soon = await makeEvent({ guests: [], reminderHours: 14 * 24 });
    await db.transaction().execute((trx) => scheduleReminders(trx, soon.id));
    expect(await reminderJob(soon.id)).toBeNull();
  });

  it("the reminder task sends once even if run twice, and a stale job sends nothing", async () => {
    const event = await makeEvent();
    await db.transaction().execute((trx) => scheduleReminders(trx, event.id));
    const { payload } = (await reminderJob(event.id))!;
    expect(await sendEventReminders(db, payload)).toBe(2);
    expect(await sendEventReminders(db, payload)).toBe(2);
    const mails = await emailsOf("event-reminder", `event-reminder:${event.id}:`);
    expect(mails).toHaveLength(2);
    const epoch = event.startsAt.getTime() / 1000;
    expect(mails.map((m) => m.idempotencyKey).sort()).toEqual(
      ["reg-en", "reg-hi"]
        .map((k) => `event-reminder:${event.id}:${epoch}:${event.people[k]!.registrationId}`)
        .sort(),
    );
    expect(mails.every((m) => m.attachment === null)).toBe(true);
    const hindi = mails.find((m) => m.locale === "hi")!;
    const { text } = await renderEmail(hindi);
    expect(text.indexOf("याद दिला दें")).toBeLessThan(text.indexOf("This is a reminder"));
    expect(text).toContain("10:00 am – 6:00 pm");

    // Moved after the job was queued: the old job's payload no longer matches.
    const stale = await makeEvent();
    await db.transaction().execute((trx) => scheduleReminders(trx, stale.id));
    const old = (await reminderJob(stale.id))!.payload;
    await db
      .updateTable("events")
      .set({ startsAt: new Date(stale.startsAt.getTime() + HOUR) })
      .where("id", "=", stale.id)
      .execute();
    expect(await sendEventReminders(db, old)).toBe(0);
    // Cancelled (without going through cancelEvent's job removal): nothing either.
    await db
      .updateTable("events")
      .set({ status: "cancelled", cancelledAt: new Date() })
      .where("id", "=", event.id)
      .execute();
    const other = await makeEvent();
    await db
      .updateTable("events")
      .set({ status: "cancelled", cancelledAt: new Date() })
      .where("id", "=", other.id)
      .execute();
    expect(await sendEventReminders(db, { eventId: other.id, startsAt: other.startsAt.toISOString() })).toBe(
      0,
    );
    expect(await emailsOf("event-reminder", `event-reminder:${stale.id}:`)).toHaveLength(0);
    expect(await emailsOf("event-reminder", `event-reminder:${other.id}:`)).toHaveLength(0);
    await expect(sendEventReminders(db, { eventId: "x" })).rejects.toThrow();
  });

  it("cancelling a published event sends CANCEL to registrants, the notice to other invitees, and removes the reminder", async () => {
    const event = await makeEvent();
    await db.transaction().execute((trx) => scheduleReminders(trx, event.id));
    expect(await reminderJob(event.id)).not.toBeNull();
    const preview = await getCancellationPreview(db, admin, event.id);
    expect(preview).toMatchObject({ registrants: 2, invitees: 2, withoutEmail: 2 });

    const outcome = await cancelEvent(db, { staffId, scope: admin }, event.id, {
      reason: "  Heavy rain; roads closed  ",
    });
    expect(outcome).toEqual({ ok: true, registrants: 2, invitees: 2 });
    const row = await db
      .selectFrom("events")
      .selectAll()
      .where("id", "=", event.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("cancelled");
    expect(row.cancelledAt).not.toBeNull();
    expect(row.icalSequence).toBe(1);
    expect(await reminderJob(event.id)).toBeNull();

    const mails = await emailsOf("event-cancelled", `event-cancelled:${event.id}:`);
    const byRecipient = new Map(mails.map((m) => [m.recipient, m]));
    const email = (key: string) => event.people[key]!.email!;
    expect([...byRecipient.keys()].sort()).toEqual(
      [email("reg-hi"), email("reg-en"), email("waiting"), email("silent")].sort(),
    );
    for (const key of ["reg-hi", "reg-en"]) {
      const mail = byRecipient.get(email(key))!;
      expect(mail.idempotencyKey).toBe(`event-cancelled:${event.id}:${event.people[key]!.invitationId}`);
      expect(mail.props as { registered: boolean; reason: string }).toMatchObject({
        registered: true,
        reason: "Heavy rain; roads closed",
      });
      expect(readInvite(mail.attachment)).toMatchObject({
        contentType: "text/calendar; method=CANCEL; charset=UTF-8",
        method: "CANCEL",
        status: "CANCELLED",
        uid: event.icalUid,
        sequence: 1,
        attendee: `mailto:${email(key)}`,
      });
    }
    for (const key of ["waiting", "silent"]) {
      const mail = byRecipient.get(email(key))!;
      expect(mail.attachment).toBeNull();
      expect((mail.props as { registered: boolean }).registered).toBe(false);
    }
    const { text } = await renderEmail(byRecipient.get(email("silent"))!);
    expect(text).toContain("Reason given by the organisers:");
    expect(text).toContain("Heavy rain; roads closed");
    expect(text).toContain("You were invited to this event. You do not need to do anything.");

    const audit = await db
      .selectFrom("auditLog")
      .selectAll()
      .where("entityType", "=", "event")
      .where("entityId", "=", event.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["event.cancelled"]);
    expect(audit[0]!.actorStaffId).toBe(staffId);

    // A second cancellation is refused and sends nothing more.
    expect(await cancelEvent(db, { staffId, scope: admin }, event.id, { reason: "" })).toEqual({
      ok: false,
      error: "calendar.cancel.errors.alreadyCancelled",
    });
    expect(await emailsOf("event-cancelled", `event-cancelled:${event.id}:`)).toHaveLength(4);
  });

  it("cancelling a draft tells no one and keeps its SEQUENCE", async () => {
    const draft = await makeEvent({ status: "draft" });
    expect(await getCancellationPreview(db, admin, draft.id)).toMatchObject({ registrants: 0, invitees: 0 });
    const outcome = await cancelEvent(db, { staffId, scope: admin }, draft.id, { reason: "" });
    expect(outcome).toEqual({ ok: true, registrants: 0, invitees: 0 });
    const row = await db
      .selectFrom("events")
      .selectAll()
      .where("id", "=", draft.id)
      .executeTakeFirstOrThrow();
    expect([row.status, row.icalSequence]).toEqual(["cancelled", 0]);
    expect(await emailsOf("event-cancelled", `event-cancelled:${draft.id}:`)).toHaveLength(0);
  });

  it("an organiser of another district gets 404 and changes nothing", async () => {
    const event = await makeEvent({ guests: [{ key: "reg", answer: "registered" }] });
    const other: Scope = { kind: "subtree", unitId: otherUnit.id, path: otherUnit.path };
    await expectNotFound(cancelEvent(db, { staffId, scope: other }, event.id, { reason: "" }));
    await expectNotFound(getCancellationPreview(db, other, event.id));
    const row = await db
      .selectFrom("events")
      .select(["status", "icalSequence"])
      .where("id", "=", event.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "published", icalSequence: 0 });
    expect(await emailsOf("event-cancelled", `event-cancelled:${event.id}:`)).toHaveLength(0);
  });
});
