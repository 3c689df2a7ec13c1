import { newPassId } from "#app/models/registration/registration-pass.server.ts";
import { randomUUID } from "node:crypto";
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#app/platform/db.server.ts";
import { newToken } from "#app/platform/token.server.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { calendarFeed, feedMissLimit } from "./calendar-feed.server.ts";
import { calendarFeedUrls } from "#app/models/registration/personal-link.server.ts";
import { personalLinkColumns } from "#tests/support/db-helpers.ts";

const HOUR = 3_600_000;
const publicUrl = "https://shivir.example.org";

function readFeed(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents("vtimezone"))
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return {
    method: calendar.getFirstPropertyValue("method"),
    name: calendar.getFirstPropertyValue("x-wr-calname"),
    events: calendar.getAllSubcomponents("vevent").map((vevent) => {
      const event = new ICAL.Event(vevent);
      return {
        uid: event.uid,
        sequence: event.sequence,
        status: vevent.getFirstPropertyValue("status"),
        summary: event.summary,
        wall: event.startDate.toString(),
        url: vevent.getFirstPropertyValue("url"),
      };
    }),
  };
}

describe("the private calendar feed", () => {
  const testDb = useTestDatabase();
  let db: Database;
  let appointeeId: number;
  let otherAppointeeId: number;
  let token: string;
  const uids: Record<string, string> = {};
  const eventIds: Record<string, number> = {};

  beforeAll(async () => {
    db = testDb().db;
    const unit = await db
      .insertInto("units")
      .values({ level: "state", code: "FD-ST", nameEn: "Feed State", nameHi: "फ़ीड प्रदेश" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const committee = await db
      .insertInto("committees")
      .values({ unitId: unit.id, nameEn: "Feed Committee", nameHi: "फ़ीड समिति", seatQuota: 10 })
      .returning("id")
      .executeTakeFirstOrThrow();
    const people = await db
      .insertInto("appointees")
      .values([
        { name: "Sunita Devi", nameHi: "सुनीता देवी", email: "sunita@example.in", preferredLanguage: "hi" },
        { name: "Other Person", email: "other@example.in", preferredLanguage: "en" },
      ])
      .returning("id")
      .execute();
    [appointeeId, otherAppointeeId] = [people[0]!.id, people[1]!.id];

    // Each case: the event's status and Sunita's answer (or another person's registration).
    const cases = [
      ["registered", "published", "registered", appointeeId],
      ["eventCancelled", "cancelled", "registered", appointeeId],
      ["registrationCancelled", "published", "cancelled", appointeeId],
      ["declined", "published", "declined", appointeeId],
      ["waitlisted", "published", "waitlisted", appointeeId],
      ["draft", "draft", "registered", appointeeId],
      ["someoneElse", "published", "registered", otherAppointeeId],
    ] as const;
    let day = 0;
    for (const [name, status, answer, who] of cases) {
      day++;
      // 10:00 IST, some days ahead.
      const start = new Date(Date.UTC(2031, 0, day, 4, 30));
      const uid = `feed-${name}-${randomUUID().slice(0, 6)}@shivir.test`;
      const event = await db
        .insertInto("events")
        .values({
          kind: "district_camp",
          unitId: unit.id,
          titleEn: `Camp ${name}, Jaipur; day ${day}`,
          titleHi: `शिविर ${name}, जयपुर; दिन ${day}`,
          venueName: "Hall",
          startsAt: start,
          endsAt: new Date(start.getTime() + 6 * HOUR),
          registrationOpensAt: new Date(start.getTime() - 30 * 24 * HOUR),
          registrationClosesAt: new Date(start.getTime() - HOUR),
          capacity: 50,
          status,
          publishedAt: status === "draft" ? null : new Date(),
          cancelledAt: status === "cancelled" ? new Date() : null,
          icalUid: uid,
          icalSequence: status === "cancelled" ? 3 : 0,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      uids[name] = uid;
      eventIds[name] = event.id;
      const invitation = await db
        .insertInto("invitations")
        .values({
          eventId: event.id,
          appointeeId: who,
          committeeId: committee.id,
          designation: "member",
          ...personalLinkColumns(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("registrations")
        .values({
          invitationId: invitation.id,
          eventId: event.id,
          appointeeId: who,
          status: answer,
          passId: newPassId(),
          registeredAt: answer === "registered" || answer === "cancelled" ? new Date() : null,
          waitlistedAt: answer === "waitlisted" ? new Date() : null,
        })
        .execute();
    }
    const urls = await calendarFeedUrls(db, publicUrl, appointeeId);
    expect(urls.webcal).toBe(urls.https.replace(/^https:/, "webcal:"));
    token = /\/calendar\/([A-Za-z0-9_-]{43})\.ics$/.exec(urls.https)![1]!;
  });

  const open = (t: unknown, ip = "203.0.113.7") => calendarFeed(db, t, { ip, publicUrl });

  it("lists the events the appointee registered for, withdrawn ones as cancelled, nothing else", async () => {
    const outcome = await open(token);
    if (!outcome.ok) throw new Error(`expected the feed, got ${outcome.error}`);
    const feed = readFeed(outcome.ics);
    expect(feed.method).toBe("PUBLISH");
    expect(feed.name).toBe("शिविर: सुनीता देवी");
    expect(feed.events.map((e) => [e.uid, e.status, e.sequence])).toEqual([
      [uids.registered, "CONFIRMED", 0],
      [uids.eventCancelled, "CANCELLED", 3],
      [uids.registrationCancelled, "CANCELLED", 0],
    ]);
    const first = feed.events[0]!;
    expect(first.summary).toBe("शिविर registered, जयपुर; दिन 1");
    expect(first.wall).toBe("2031-01-01T10:00:00");
    expect(String(first.url)).toMatch(/^https:\/\/shivir\.example\.org\/i\/[A-Za-z0-9_-]{43}$/);
  });

  it("stays current: a changed event shows its new time and SEQUENCE on the next fetch", async () => {
    await db
      .updateTable("events")
      .set({
        startsAt: new Date(Date.UTC(2031, 0, 1, 6, 30)),
        endsAt: new Date(Date.UTC(2031, 0, 1, 10, 30)),
        icalSequence: 1,
      })
      .where("id", "=", eventIds.registered!)
      .execute();
    const outcome = await open(token);
    if (!outcome.ok) throw new Error(outcome.error);
    expect(readFeed(outcome.ics).events[0]).toMatchObject({ sequence: 1, wall: "2031-01-01T12:00:00" });
  });

  it("answers not-found for a wrong, tampered or malformed token, and never throws", async () => {
    const tampered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    for (const bad of [
      newToken(),
      tampered,
      "",
      "abc",
      `${token}x`,
      "../../etc/passwd",
      null,
      undefined,
      42,
    ]) {
      expect(await open(bad, "198.51.100.1"), String(bad)).toEqual({ ok: false, error: "not-found" });
    }
  });

  it("limits misses per IP but keeps serving valid tokens from that IP", async () => {
    const ip = "198.51.100.99";
    for (let i = 0; i < feedMissLimit.limit; i++)
      expect(await open(newToken(), ip)).toEqual({ ok: false, error: "not-found" });
    const limited = await open(newToken(), ip);
    expect(limited).toMatchObject({ ok: false, error: "limited" });
    if (!limited.ok && limited.error === "limited") expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    expect((await open(token, ip)).ok).toBe(true);
    // Another address is not affected.
    expect(await open(newToken(), "198.51.100.100")).toEqual({ ok: false, error: "not-found" });
  });

  it("gives another appointee only their own events", async () => {
    const urls = await calendarFeedUrls(db, publicUrl, otherAppointeeId);
    const otherToken = /\/calendar\/([A-Za-z0-9_-]{43})\.ics$/.exec(urls.https)![1]!;
    const outcome = await open(otherToken);
    if (!outcome.ok) throw new Error(outcome.error);
    const feed = readFeed(outcome.ics);
    expect(feed.name).toBe("Shivir: Other Person");
    expect(feed.events.map((e) => e.uid)).toEqual([uids.someoneElse]);
  });
});
