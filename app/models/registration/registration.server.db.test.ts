import { execFileSync } from "node:child_process";
import ICAL from "ical.js";
import jsQR from "jsqr";
import { sql } from "kysely";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Database } from "#app/platform/db.server.ts";
import { createRegistrationFixture, type RegistrationFixture } from "#tests/support/registration-fixture.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import {
  cancelByLink,
  changeAnswersByLink,
  declineByLink,
  getPersonalLinkPage,
  LINK_FAILURE_LIMIT,
  type PersonalLink,
  promoteFromWaitlist,
  registerByLink,
  resolvePersonalLink,
} from "./registration.server.ts";
import {
  actOnRegistration,
  getRegistrationsPage,
  streamRegistrationsCsv,
} from "./registration-organiser.server.ts";
import { encodePass, findRegistrationByPass, passPng, verifyPassCode } from "./registration-pass.server.ts";
import type { Scope } from "#app/models/organisation/scope.server.ts";
import { getEnv } from "#app/platform/env.server.ts";
import { PASS_PREFIX } from "./pass.ts";

const HOUR = 3_600_000;
const admin: Scope = { kind: "all" };
const answers = { travelMode: "bus" as const };
/** The status an outcome reached, or its refusal. */
const statusOf = (outcome: { ok: true; status: string } | { ok: false; error: string }) =>
  outcome.ok ? outcome.status : outcome.error;

describe("registration through the personal link", () => {
  const testDb = useTestDatabase();
  let db: Database;
  let ipCounter = 0;
  const freshIp = () => `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

  beforeAll(() => {
    db = testDb().db;
  });

  async function linkOf(token: string): Promise<PersonalLink> {
    const access = await resolvePersonalLink(db, token, freshIp());
    if (!access.ok) throw new Error(`link refused with ${access.status}`);
    return access.link;
  }

  const registrationOf = (invitationId: number) =>
    db.selectFrom("registrations").selectAll().where("invitationId", "=", invitationId).executeTakeFirst();
  const emailsTo = (email: string | null, template?: string) =>
    db
      .selectFrom("emails")
      .selectAll()
      .where("recipient", "=", email ?? "")
      .$if(template !== undefined, (q) => q.where("template", "=", template!))
      .orderBy("id")
      .execute();

  /** The attachment of an outbox row, decoded, parsed by ical.js. */
  function readIcs(attachment: unknown) {
    const { content, contentType } = attachment as { content: string; contentType: string };
    const text = Buffer.from(content, "base64").toString("utf8");
    const calendar = new ICAL.Component(ICAL.parse(text));
    const vevent = calendar.getFirstSubcomponent("vevent")!;
    return { text, contentType, calendar, vevent, event: new ICAL.Event(vevent) };
  }

  describe("the link itself", () => {
    let fixture: RegistrationFixture;
    beforeAll(async () => {
      fixture = await createRegistrationFixture(db, { people: 3 });
    });

    it("opens the invitation for its token and nothing for anything else", async () => {
      const [person] = fixture.people;
      const access = await resolvePersonalLink(db, person!.token, freshIp());
      expect(access.ok && access.link).toMatchObject({
        invitationId: person!.invitationId,
        eventId: fixture.eventId,
        preferredLanguage: "hi",
      });
      const tampered = `${person!.token.slice(0, -1)}${person!.token.endsWith("A") ? "B" : "A"}`;
      for (const token of [tampered, "", "short", `${person!.token}x`, undefined, "../../etc/passwd"]) {
        const refused = await resolvePersonalLink(db, token, freshIp());
        expect(refused, String(token)).toEqual({
          ok: false,
          error: "registration.notFound.body",
          status: 404,
          retryAfterSeconds: expect.any(Number),
        });
      }
    });

    it("stops working when revoked or renewed, and for a draft or long-past event", async () => {
      const [, second, third] = fixture.people;
      await db
        .updateTable("invitations")
        .set({ revokedAt: new Date() })
        .where("id", "=", second!.invitationId)
        .execute();
      expect((await resolvePersonalLink(db, second!.token, freshIp())).ok).toBe(false);
      // A renewed link (link_version bumped, new hash) no longer answers to the old token.
      await db
        .updateTable("invitations")
        .set({ linkVersion: 2, tokenHash: "0".repeat(64) })
        .where("id", "=", third!.invitationId)
        .execute();
      expect((await resolvePersonalLink(db, third!.token, freshIp())).ok).toBe(false);

      const draft = await createRegistrationFixture(db, { people: 1, status: "draft" });
      expect((await resolvePersonalLink(db, draft.people[0]!.token, freshIp())).ok).toBe(false);
      const past = await createRegistrationFixture(db, {
        people: 1,
        status: "completed",
        opensInHours: -24 * 40,
        closesInHours: -24 * 35,
        startsInHours: -24 * 32,
      });
      expect((await resolvePersonalLink(db, past.people[0]!.token, freshIp())).ok).toBe(false);
      const recent = await createRegistrationFixture(db, {
        people: 1,
        status: "completed",
        opensInHours: -24 * 10,
        closesInHours: -24 * 5,
        startsInHours: -24 * 3,
      });
      expect((await resolvePersonalLink(db, recent.people[0]!.token, freshIp())).ok).toBe(true);
    });

    it("answers 429 after too many wrong links from one address, but a valid link still works", async () => {
      const ip = "203.0.113.7";
      const statuses: number[] = [];
      for (let i = 0; i < LINK_FAILURE_LIMIT.limit + 3; i++) {
        const refused = await resolvePersonalLink(db, `${"x".repeat(42)}${i % 10}`, ip);
        statuses.push(refused.ok ? 200 : refused.status);
      }
      expect(statuses.filter((s) => s === 404)).toHaveLength(LINK_FAILURE_LIMIT.limit);
      expect(statuses.slice(LINK_FAILURE_LIMIT.limit)).toEqual([429, 429, 429]);
      expect((await resolvePersonalLink(db, fixture.people[0]!.token, ip)).ok).toBe(true);
      expect((await resolvePersonalLink(db, "y".repeat(43), "203.0.113.8")).ok).toBe(false);
    });

    it("records the first opening by a person, not by a scanner", async () => {
      const person = fixture.people[0]!;
      const link = await linkOf(person.token);
      const opened = async () =>
        (
          await db
            .selectFrom("invitations")
            .select("linkOpenedAt")
            .where("id", "=", person.invitationId)
            .executeTakeFirstOrThrow()
        ).linkOpenedAt;
      await getPersonalLinkPage(db, link, { recordOpen: false });
      expect(await opened()).toBeNull();
      await getPersonalLinkPage(db, link, { recordOpen: true });
      const first = await opened();
      expect(first).toBeInstanceOf(Date);
      await getPersonalLinkPage(db, link, { recordOpen: true });
      expect(await opened()).toEqual(first);
    });
  });

  describe("registering, declining, changing, cancelling", () => {
    it("registers with a seat, queues one confirmation with the invite, the pass and the calendar links", async () => {
      const fixture = await createRegistrationFixture(db, { people: 1, capacity: 5 });
      const person = fixture.people[0]!;
      const link = await linkOf(person.token);
      expect(await registerByLink(db, link, answers)).toEqual({
        ok: true,
        status: "registered",
        position: null,
      });
      // Pressing Register again saves answers and keeps the seat; it sends nothing more.
      expect(await registerByLink(db, link, { travelMode: "train" })).toEqual({
        ok: true,
        status: "registered",
        position: null,
      });
      const registration = await registrationOf(person.invitationId);
      expect(registration).toMatchObject({ status: "registered", answers: { travelMode: "train" } });
      const mails = await emailsTo(person.email);
      expect(mails.map((m) => m.template)).toEqual(["registration-confirmed"]);
      const props = mails[0]!.props as Record<string, string>;
      expect(props.url).toMatch(new RegExp(`/i/${person.token}$`));
      // The pass image's address carries the pass only, never the personal link's token.
      const registered = await registrationOf(person.invitationId);
      expect(props.passImageUrl).toBe(
        `${getEnv().PUBLIC_URL}/pass/${encodePass(registered!.passId).slice(PASS_PREFIX.length)}.png`,
      );
      expect(props.passImageUrl).not.toContain(person.token);
      expect(props.webcalUrl).toMatch(/^webcal:\/\/.+\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      const ics = readIcs(mails[0]!.attachment);
      expect(ics.contentType).toMatch(/^text\/calendar; method=REQUEST/);
      expect(ics.calendar.getFirstPropertyValue("method")).toBe("REQUEST");
      expect(String(ics.vevent.getFirstPropertyValue("attendee")).toLowerCase()).toBe(
        `mailto:${person.email}`,
      );

      const page = await getPersonalLinkPage(db, link, { recordOpen: false });
      expect(page.registration).toMatchObject({ status: "registered", answers: { travelMode: "train" } });
      expect(page.actions).toEqual({ register: false, decline: false, change: true, cancel: true });
      expect(page.pass?.code).toBe(encodePass(registration!.passId));
      expect(page.pass?.qr.d).toMatch(/^M\d+ \d+h1v1h-1z/);
      expect(page.calendar?.google.hi).toMatch(/^https:\/\/calendar\.google\.com\//);
    });

    it("parses the confirmation's invite in ical.js and in Python icalendar", async () => {
      const fixture = await createRegistrationFixture(db, { people: 1, locale: "en" });
      const person = fixture.people[0]!;
      await registerByLink(db, await linkOf(person.token), answers);
      const [mail] = await emailsTo(person.email, "registration-confirmed");
      const ics = readIcs(mail!.attachment);
      const event = await db
        .selectFrom("events")
        .selectAll()
        .where("id", "=", fixture.eventId)
        .executeTakeFirstOrThrow();
      expect(ics.event.uid).toBe(event.icalUid);
      expect(ics.event.startDate.toJSDate().toISOString()).toBe(event.startsAt.toISOString());
      expect(ics.vevent.getFirstProperty("dtstart")?.getParameter("tzid")).toBe("Asia/Kolkata");
      expect(ics.event.summary).toBe(event.titleEn);

      const python = execFileSync(
        "/usr/bin/python3",
        [
          "-c",
          [
            "import sys, icalendar",
            "cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())",
            "ev = next(c for c in cal.walk('VEVENT'))",
            "print(cal['METHOD'])",
            "print(ev['UID'])",
            "print(int(ev['SEQUENCE']))",
            "print(ev.decoded('DTSTART').isoformat())",
            "print(str(ev['ATTENDEE']))",
          ].join("\n"),
        ],
        { input: Buffer.from((mail!.attachment as { content: string }).content, "base64") },
      )
        .toString()
        .trim()
        .split("\n");
      expect(python[0]).toBe("REQUEST");
      expect(python[1]).toBe(event.icalUid);
      expect(python[2]).toBe(String(event.icalSequence));
      expect(new Date(python[3]!).toISOString()).toBe(event.startsAt.toISOString());
      expect(python[3]).toMatch(/\+05:30$/);
      expect(python[4]?.toLowerCase()).toBe(`mailto:${person.email}`);
    });

    it("puts people on the waitlist when full, with their position, and sends them nothing yet", async () => {
      const fixture = await createRegistrationFixture(db, { people: 3, capacity: 1 });
      const [a, b, c] = fixture.people;
      expect(statusOf(await registerByLink(db, await linkOf(a!.token), answers))).toBe("registered");
      expect(await registerByLink(db, await linkOf(b!.token), answers)).toEqual({
        ok: true,
        status: "waitlisted",
        position: 1,
      });
      expect(await registerByLink(db, await linkOf(c!.token), answers)).toEqual({
        ok: true,
        status: "waitlisted",
        position: 2,
      });
      expect(await emailsTo(b!.email)).toEqual([]);
      const page = await getPersonalLinkPage(db, await linkOf(c!.token), { recordOpen: false });
      expect(page.registration?.position).toBe(2);
      expect(page.pass).toBeNull();
    });

    it("cancels: sends METHOD:CANCEL once, frees the seat and promotes the first person waiting", async () => {
      const fixture = await createRegistrationFixture(db, { people: 3, capacity: 1 });
      const [a, b, c] = fixture.people;
      for (const p of [a, b, c]) await registerByLink(db, await linkOf(p!.token), answers);
      expect(await cancelByLink(db, await linkOf(a!.token))).toEqual({
        ok: true,
        status: "cancelled",
        position: null,
      });
      expect(await cancelByLink(db, await linkOf(a!.token))).toEqual({
        ok: true,
        status: "cancelled",
        position: null,
      });
      const cancels = await emailsTo(a!.email, "registration-cancelled");
      expect(cancels).toHaveLength(1);
      const ics = readIcs(cancels[0]!.attachment);
      expect(ics.calendar.getFirstPropertyValue("method")).toBe("CANCEL");
      expect(ics.vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
      expect((await registrationOf(b!.invitationId))?.status).toBe("registered");
      expect((await emailsTo(b!.email)).map((m) => m.template)).toEqual(["waitlist-promoted"]);
      expect(await getPersonalLinkPage(db, await linkOf(c!.token), { recordOpen: false })).toMatchObject({
        registration: { status: "waitlisted", position: 1 },
      });
      // Leaving the waitlist sends no calendar cancellation (there was no invite) and promotes no one.
      expect((await cancelByLink(db, await linkOf(c!.token))).ok).toBe(true);
      expect(await emailsTo(c!.email)).toEqual([]);
    });

    it("declines, then may still register while open; a seat can be cancelled and taken again", async () => {
      const fixture = await createRegistrationFixture(db, { people: 1 });
      const link = await linkOf(fixture.people[0]!.token);
      expect(statusOf(await declineByLink(db, link))).toBe("declined");
      expect(statusOf(await declineByLink(db, link))).toBe("declined");
      expect(statusOf(await registerByLink(db, link, answers))).toBe("registered");
      const first = (await registrationOf(link.invitationId))!;
      expect(statusOf(await cancelByLink(db, link))).toBe("cancelled");
      expect(statusOf(await registerByLink(db, link, answers))).toBe("registered");
      const again = (await registrationOf(link.invitationId))!;
      // The same pass (a printed one stays good); a second confirmation for the second registration.
      expect(again.passId).toBe(first.passId);
      expect((await emailsTo(fixture.people[0]!.email)).map((m) => m.template)).toEqual([
        "registration-confirmed",
        "registration-cancelled",
        "registration-confirmed",
      ]);
      expect(await declineByLink(db, link)).toEqual({ ok: false, error: "registration.errors.stateChanged" });
    });

    it("changes answers without moving the seat", async () => {
      const fixture = await createRegistrationFixture(db, { people: 2, capacity: 1 });
      const [a, b] = fixture.people;
      await registerByLink(db, await linkOf(a!.token), answers);
      await registerByLink(db, await linkOf(b!.token), answers);
      const before = await registrationOf(b!.invitationId);
      expect(
        await changeAnswersByLink(db, await linkOf(b!.token), { travelMode: "car", needsStay: true }),
      ).toEqual({
        ok: true,
        status: "waitlisted",
        position: 1,
      });
      const after = await registrationOf(b!.invitationId);
      expect(after?.answers).toEqual({ travelMode: "car", needsStay: true });
      expect(after?.waitlistedAt).toEqual(before?.waitlistedAt);
      const nobody = await createRegistrationFixture(db, { people: 1 });
      expect(await changeAnswersByLink(db, await linkOf(nobody.people[0]!.token), answers)).toEqual({
        ok: false,
        error: "registration.errors.stateChanged",
      });
    });

    it("refuses by phase: not yet open, closed (cancel still allowed), started, cancelled; nothing changes", async () => {
      const notYet = await createRegistrationFixture(db, { people: 1, opensInHours: 2 });
      expect(await registerByLink(db, await linkOf(notYet.people[0]!.token), answers)).toEqual({
        ok: false,
        error: "registration.errors.notYetOpen",
      });
      const closing = await createRegistrationFixture(db, { people: 2 });
      await registerByLink(db, await linkOf(closing.people[0]!.token), answers);
      await db
        .updateTable("events")
        .set({ registrationClosesAt: new Date(Date.now() - HOUR) })
        .where("id", "=", closing.eventId)
        .execute();
      expect(await registerByLink(db, await linkOf(closing.people[1]!.token), answers)).toEqual({
        ok: false,
        error: "registration.errors.closed",
      });
      expect(await declineByLink(db, await linkOf(closing.people[1]!.token))).toEqual({
        ok: false,
        error: "registration.errors.closed",
      });
      expect(await registrationOf(closing.people[1]!.invitationId)).toBeUndefined();
      expect(
        (await changeAnswersByLink(db, await linkOf(closing.people[0]!.token), { travelMode: "car" })).ok,
      ).toBe(true);
      expect((await cancelByLink(db, await linkOf(closing.people[0]!.token))).ok).toBe(true);

      const started = await createRegistrationFixture(db, {
        people: 1,
        opensInHours: -48,
        closesInHours: -2,
        startsInHours: -1,
      });
      expect(await registerByLink(db, await linkOf(started.people[0]!.token), answers)).toEqual({
        ok: false,
        error: "registration.errors.started",
      });
      const cancelled = await createRegistrationFixture(db, { people: 1, status: "cancelled" });
      const link = await linkOf(cancelled.people[0]!.token);
      expect(await registerByLink(db, link, answers)).toEqual({
        ok: false,
        error: "registration.errors.eventCancelled",
      });
      expect((await getPersonalLinkPage(db, link, { recordOpen: false })).phase).toBe("cancelled");
    });

    it("serves a person without email: a seat, a pass and a calendar feed, no mail", async () => {
      const fixture = await createRegistrationFixture(db, { people: 1, withoutEmail: [0] });
      const link = await linkOf(fixture.people[0]!.token);
      expect(statusOf(await registerByLink(db, link, answers))).toBe("registered");
      const page = await getPersonalLinkPage(db, link, { recordOpen: false });
      expect(page.pass).not.toBeNull();
      expect(page.calendar?.webcal).toMatch(/^webcal:/);
      expect(page.person.hasEmail).toBe(false);
    });
  });

  describe("the pass", () => {
    it("encodes no personal data, refuses tampering, and its PNG decodes to the right registration", async () => {
      const fixture = await createRegistrationFixture(db, { people: 2 });
      const link = await linkOf(fixture.people[1]!.token);
      await registerByLink(db, link, answers);
      const code = (await getPersonalLinkPage(db, link, { recordOpen: false })).pass!.code;
      expect(code).toMatch(/^SHIVIR-PASS:1:[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);
      expect(code).not.toContain(String(fixture.people[1]!.appointeeId));

      const png = PNG.sync.read(await passPng(code));
      const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
      expect(decoded?.data).toBe(code);
      const passId = verifyPassCode(decoded!.data)!;
      expect(await findRegistrationByPass(db, passId)).toMatchObject({
        invitationId: fixture.people[1]!.invitationId,
        eventId: fixture.eventId,
        status: "registered",
      });

      const [, id, mac] = /^SHIVIR-PASS:1:(.+)\.(.+)$/.exec(code)!;
      const flip = (s: string) => `${s.slice(0, 5)}${s[5] === "A" ? "B" : "A"}${s.slice(6)}`;
      for (const bad of [
        `SHIVIR-PASS:1:${flip(id!)}.${mac}`,
        `SHIVIR-PASS:1:${id}.${flip(mac!)}`,
        `SHIVIR-PASS:2:${id}.${mac}`,
        id,
        "",
        null,
      ]) {
        expect(verifyPassCode(bad), String(bad)).toBeNull();
      }
      expect(await findRegistrationByPass(db, "not-a-pass")).toBeNull();
    });
  });

  describe("200 people at once for the last 50 seats", () => {
    let pool: Database;
    let fixture: RegistrationFixture;
    let results: { index: number; status: string; position: number | null }[];

    beforeAll(async () => {
      // A pool as wide as a few web processes, so the registrations really race.
      pool = createDb(testDb().url, { max: 24 });
      fixture = await createRegistrationFixture(db, { people: 210, capacity: 60 });
      // 10 seats already taken.
      for (const person of fixture.people.slice(0, 10))
        await registerByLink(db, await linkOf(person.token), answers);
      const links = await Promise.all(fixture.people.slice(10).map((p) => linkOf(p.token)));
      results = await Promise.all(
        links.map(async (link, index) => {
          const outcome = await registerByLink(pool, link, answers);
          if (!outcome.ok) throw new Error(outcome.error);
          return { index, status: outcome.status, position: outcome.position };
        }),
      );
    }, 120_000);

    afterAll(async () => {
      await pool?.destroy();
    });

    it("gives exactly 50 seats and a strict waitlist order to the other 150, without an error", async () => {
      expect(results.filter((r) => r.status === "registered")).toHaveLength(50);
      const waiting = results.filter((r) => r.status === "waitlisted");
      expect(waiting).toHaveLength(150);
      // Each got a different place, 1 to 150, and the stored order agrees with what each was told.
      expect(waiting.map((r) => r.position).sort((a, b) => a! - b!)).toEqual(
        Array.from({ length: 150 }, (_, i) => i + 1),
      );
      const stored = await sql<{ invitationId: number; position: number }>`
        select invitation_id as "invitationId", row_number() over (order by waitlisted_at, id)::int as position
          from registrations where event_id = ${fixture.eventId} and status = 'waitlisted'`.execute(db);
      const invitationOf = (index: number) => fixture.people[10 + index]!.invitationId;
      const told = new Map(waiting.map((r) => [invitationOf(r.index), r.position]));
      expect(stored.rows.map((r) => told.get(r.invitationId))).toEqual(stored.rows.map((r) => r.position));
      const distinctStamps = await sql<{ n: number }>`
        select count(distinct waitlisted_at)::int as n from registrations
         where event_id = ${fixture.eventId} and status = 'waitlisted'`.execute(db);
      expect(distinctStamps.rows[0]?.n).toBe(150);
      const counts = await db
        .selectFrom("registrations")
        .select(["status", sql<number>`count(*)::int`.as("n")])
        .where("eventId", "=", fixture.eventId)
        .groupBy("status")
        .execute();
      expect(Object.fromEntries(counts.map((c) => [c.status, c.n]))).toEqual({
        registered: 60,
        waitlisted: 150,
      });
      const confirmations = await db
        .selectFrom("emails")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("template", "=", "registration-confirmed")
        .where(
          "recipient",
          "in",
          fixture.people.map((p) => p.email!),
        )
        .executeTakeFirstOrThrow();
      expect(confirmations.n).toBe(60);
    });

    it("promotes exactly the next 10 when 10 cancel at once, each emailed once", async () => {
      const waitlistBefore = await sql<{ invitationId: number }>`
        select invitation_id as "invitationId" from registrations
         where event_id = ${fixture.eventId} and status = 'waitlisted' order by waitlisted_at, id`.execute(
        db,
      );
      const nextTen = waitlistBefore.rows.slice(0, 10).map((r) => r.invitationId);
      const seated = fixture.people.filter((_, i) => i < 10);
      const outcomes = await Promise.all(seated.map(async (p) => cancelByLink(pool, await linkOf(p.token))));
      expect(outcomes.every((o) => o.ok)).toBe(true);

      const registered = await db
        .selectFrom("registrations")
        .select("invitationId")
        .where("eventId", "=", fixture.eventId)
        .where("status", "=", "registered")
        .execute();
      expect(registered).toHaveLength(60);
      const seatedNow = new Set(registered.map((r) => r.invitationId));
      expect(nextTen.every((id) => seatedNow.has(id))).toBe(true);
      for (const invitationId of nextTen) {
        const person = fixture.people.find((p) => p.invitationId === invitationId)!;
        expect((await emailsTo(person.email, "waitlist-promoted")).length, person.email!).toBe(1);
      }
      const promotedMails = await db
        .selectFrom("emails")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("template", "=", "waitlist-promoted")
        .where(
          "recipient",
          "in",
          fixture.people.map((p) => p.email!),
        )
        .executeTakeFirstOrThrow();
      expect(promotedMails.n).toBe(10);
      const rest = await getPersonalLinkPage(
        db,
        await linkOf(
          fixture.people.find((p) => p.invitationId === waitlistBefore.rows[10]!.invitationId)!.token,
        ),
        { recordOpen: false },
      );
      expect(rest.registration?.position).toBe(1);
    });
  });

  describe("the organiser", () => {
    const district = (fixture: RegistrationFixture): Promise<Scope> =>
      db
        .selectFrom("units")
        .select(["id", "path"])
        .where("id", "=", fixture.unitId)
        .executeTakeFirstOrThrow()
        .then((u) => ({ kind: "subtree", unitId: u.id, path: u.path }));

    it("registers by hand over capacity, swaps with the waitlist, reorders it and cancels", async () => {
      const fixture = await createRegistrationFixture(db, { people: 5, capacity: 2 });
      const [a, b, c, d, e] = fixture.people;
      for (const p of [a, b, c, d]) await registerByLink(db, await linkOf(p!.token), answers);
      const scope = await district(fixture);
      const actor = { staffId: (await organiser()).id, scope };
      const act = (action: Parameters<typeof actOnRegistration>[3]) =>
        actOnRegistration(db, actor, fixture.eventId, action);

      // d is second in line: reorder to first.
      expect(await act({ intent: "position", invitationId: d!.invitationId, position: 1 })).toMatchObject({
        ok: true,
        done: "position",
      });
      const waiting = async () =>
        (await getRegistrationsPage(db, scope, fixture.eventId, { status: "waitlisted", page: 1 })).rows.map(
          (r) => [r.invitationId, r.position],
        );
      expect(await waiting()).toEqual([
        [d!.invitationId, 1],
        [c!.invitationId, 2],
      ]);
      // Moving a registered person down with a free seat would give it straight back: refused.
      expect(await act({ intent: "waitlist", invitationId: a!.invitationId, position: 1 })).toEqual({
        ok: false,
        error: "registration.organiser.errors.notOverCapacity",
      });
      // Swap: register c (over capacity), then move a to the waitlist's second place.
      expect(await act({ intent: "register", invitationId: c!.invitationId })).toMatchObject({
        ok: true,
        done: "registerOver",
        registered: 3,
      });
      expect(await act({ intent: "waitlist", invitationId: a!.invitationId, position: 2 })).toMatchObject({
        ok: true,
        done: "waitlist",
        registered: 2,
      });
      expect(await waiting()).toEqual([
        [d!.invitationId, 1],
        [a!.invitationId, 2],
      ]);
      const moved = await emailsTo(a!.email, "registration-cancelled");
      expect(moved).toHaveLength(1);
      expect(moved[0]!.props).toMatchObject({ byOrganiser: true, waitlistPosition: 2 });
      expect((await emailsTo(c!.email)).map((m) => m.template)).toEqual(["waitlist-promoted"]);
      // Register someone who never answered, then cancel a seat: the first waiting person is promoted.
      expect(await act({ intent: "register", invitationId: e!.invitationId })).toMatchObject({
        ok: true,
        registered: 3,
      });
      expect(await act({ intent: "cancel", invitationId: e!.invitationId })).toMatchObject({
        ok: true,
        registered: 2,
      });
      expect(await act({ intent: "cancel", invitationId: b!.invitationId })).toMatchObject({
        ok: true,
        registered: 2,
      });
      expect((await registrationOf(d!.invitationId))?.status).toBe("registered");
      expect(await act({ intent: "cancel", invitationId: b!.invitationId })).toEqual({
        ok: false,
        error: "registration.organiser.errors.notHolding",
      });

      const page = await getRegistrationsPage(db, scope, fixture.eventId, { page: 1 });
      expect(page.counts).toEqual({
        invited: 0,
        registered: 2,
        waitlisted: 1,
        declined: 0,
        cancelled: 2,
        total: 5,
      });
      expect(page.waitlist.map((w) => w.invitationId)).toEqual([a!.invitationId]);
      const audit = await db
        .selectFrom("auditLog")
        .select("action")
        .where("actorStaffId", "=", actor.staffId)
        .orderBy("id")
        .execute();
      expect(audit.map((x) => x.action)).toEqual([
        "registration.waitlist_moved",
        "registration.registered_by_organiser",
        "registration.moved_to_waitlist",
        "registration.registered_by_organiser",
        "registration.cancelled",
        "registration.cancelled",
      ]);
    });

    it("keeps other districts out, and people of other events", async () => {
      const fixture = await createRegistrationFixture(db, { people: 1 });
      const other = await createRegistrationFixture(db, { people: 1 });
      const scope = await district(other);
      const actor = { staffId: (await organiser()).id, scope };
      await expect(getRegistrationsPage(db, scope, fixture.eventId, { page: 1 })).rejects.toMatchObject({
        status: 404,
      });
      await expect(
        actOnRegistration(db, actor, fixture.eventId, {
          intent: "register",
          invitationId: fixture.people[0]!.invitationId,
        }),
      ).rejects.toMatchObject({ status: 404 });
      expect(
        await actOnRegistration(db, actor, other.eventId, {
          intent: "register",
          invitationId: fixture.people[0]!.invitationId,
        }),
      ).toEqual({ ok: false, error: "registration.organiser.errors.unknownPerson" });
      expect(await registrationOf(fixture.people[0]!.invitationId)).toBeUndefined();
    });

    it("filters by status, committee and answers", async () => {
      const fixture = await createRegistrationFixture(db, { people: 4, capacity: 2 });
      const [a, b, c] = fixture.people;
      await registerByLink(db, await linkOf(a!.token), {
        travelMode: "train",
        needsStay: true,
        foodPreference: "jain",
      });
      await registerByLink(db, await linkOf(b!.token), { travelMode: "bus", needsStay: false });
      await declineByLink(db, await linkOf(c!.token));
      const ids = async (filter: Record<string, unknown>) =>
        (await getRegistrationsPage(db, admin, fixture.eventId, { page: 1, ...filter })).rows.map(
          (r) => r.invitationId,
        );
      expect(await ids({ travelMode: "train" })).toEqual([a!.invitationId]);
      expect(await ids({ needsStay: "no" })).toEqual([b!.invitationId]);
      expect(await ids({ foodPreference: "jain" })).toEqual([a!.invitationId]);
      expect(await ids({ status: "declined" })).toEqual([c!.invitationId]);
      expect(await ids({ status: "invited" })).toEqual([fixture.people[3]!.invitationId]);
      expect(await ids({ committee: fixture.committeeId })).toHaveLength(4);
      expect(await ids({ committee: fixture.committeeId + 1000 })).toEqual([]);
    });

    it("exports CSV for Excel: BOM, CRLF, formulas neutralised, answers and positions", async () => {
      const fixture = await createRegistrationFixture(db, { people: 3, capacity: 1 });
      await db
        .updateTable("appointees")
        .set({ name: '=HYPERLINK("x")' })
        .where("id", "=", fixture.people[0]!.appointeeId)
        .execute();
      await registerByLink(db, await linkOf(fixture.people[0]!.token), {
        travelMode: "train",
        needsStay: true,
      });
      await registerByLink(db, await linkOf(fixture.people[1]!.token), answers);
      const stream = await streamRegistrationsCsv(db, admin, fixture.eventId, { page: 1 });
      // Bytes, not Response.text(): that would drop the byte-order mark this test looks for.
      const text = Buffer.from(await new Response(stream).arrayBuffer()).toString("utf8");
      expect(
        text.startsWith(
          "\uFEFFname,name_hi,phone,email,committee,unit_code,designation,status,waitlist_position",
        ),
      ).toBe(true);
      const lines = text.slice(1).split("\r\n");
      expect(lines.at(-1)).toBe("");
      expect(lines).toHaveLength(5);
      expect(lines[1]).toMatch(/^"'=HYPERLINK\(""x""\)",/);
      expect(lines[1]).toContain(",registered,,");
      expect(lines[1]).toContain(",train,,yes,,");
      expect(lines[2]).toContain(",waitlisted,1,");
      expect(lines[3]).toContain(",invited,");
      const filtered = await new Response(
        await streamRegistrationsCsv(db, admin, fixture.eventId, { status: "waitlisted", page: 1 }),
      ).text();
      expect(filtered.split("\r\n")).toHaveLength(3);
    });

    it("promotes when capacity rises (the events helper calls promoteFromWaitlist)", async () => {
      const fixture = await createRegistrationFixture(db, { people: 4, capacity: 1 });
      for (const p of fixture.people) await registerByLink(db, await linkOf(p.token), answers);
      const promoted = await db.transaction().execute(async (trx) => {
        await trx.updateTable("events").set({ capacity: 3 }).where("id", "=", fixture.eventId).execute();
        return promoteFromWaitlist(trx, fixture.eventId);
      });
      expect(promoted).toBe(2);
      expect((await registrationOf(fixture.people[1]!.invitationId))?.status).toBe("registered");
      expect((await registrationOf(fixture.people[2]!.invitationId))?.status).toBe("registered");
      expect((await registrationOf(fixture.people[3]!.invitationId))?.status).toBe("waitlisted");
      expect(await db.transaction().execute((trx) => promoteFromWaitlist(trx, fixture.eventId))).toBe(0);
    });
  });

  let organiserRow: { id: number } | undefined;
  async function organiser() {
    organiserRow ??= await db
      .insertInto("staffUsers")
      .values({ email: "registrations.admin@example.in", name: "Registrations Admin", role: "admin" })
      .returning("id")
      .executeTakeFirstOrThrow();
    return organiserRow;
  }
});
