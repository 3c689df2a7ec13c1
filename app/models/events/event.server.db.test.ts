// Events and sessions against a real PostgreSQL. Published-event edits that reach other helpers' code
// (updated invites, reminders, waitlist promotion) are in event-published.server.db.test.ts.
import { newPassId } from "#app/models/registration/registration-pass.server.ts";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#app/platform/db.server.ts";
import { seedDemo } from "#db/seed/demo.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { expectNotFound, unitId, personalLinkColumns } from "#tests/support/db-helpers.ts";
import {
  addSession,
  createEvent,
  deleteDraftEvent,
  deleteSession,
  type EventActor,
  getEventPage,
  getSessionForm,
  listEventsForOrganiser,
  listEventUnitOptions,
  listTrainerOptions,
  markEventCompleted,
  updateEvent,
  updateSession,
} from "./event.server.ts";
import { defaultEventQuestions, type EventFormInput, type SessionFormInput } from "./event.ts";
import { scopeOf } from "#app/models/organisation/scope.server.ts";

const at = (iso: string) => new Date(iso);

async function addStaff(
  db: Database,
  email: string,
  role: "admin" | "organiser" | "trainer",
  scopeCode?: string,
  active = true,
) {
  const scopeUnitId = scopeCode ? await unitId(db, scopeCode) : null;
  const staff = await db
    .insertInto("staffUsers")
    .values({ email, name: email.split("@")[0]!, role, scopeUnitId, active })
    .returning(["id", "email", "name", "role", "scopeUnitId", "preferredLanguage"])
    .executeTakeFirstOrThrow();
  // Trainers have no scope (scopeOf refuses them): only their id is used.
  const scope = role === "trainer" ? ({ kind: "all" } as const) : await scopeOf(db, staff);
  return { staffId: staff.id, scope } satisfies EventActor;
}

/** Everything an event use case may change. */
async function snapshot(db: Database) {
  const [events, sessions, trainers, audit] = await Promise.all([
    db.selectFrom("events").selectAll().orderBy("id").execute(),
    db.selectFrom("eventSessions").selectAll().orderBy("id").execute(),
    db.selectFrom("sessionTrainers").selectAll().orderBy("sessionId").orderBy("staffUserId").execute(),
    db.selectFrom("auditLog").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { events, sessions, trainers, audit: audit.n };
}

describe("events", () => {
  const testDb = useTestDatabase();
  let db: Database;
  let admin: EventActor;
  let jaipur: EventActor;
  let jodhpur: EventActor;
  let trainerA: number;
  let trainerB: number;
  let inactiveTrainer: number;
  let ids: { jaipur: number; jodhpur: number; sanganer: number; bassi: number };

  /** A valid camp of `unit` on `day` (IST) 10:00–17:00. */
  function camp(unit: number, day = "2027-01-20", overrides: Partial<EventFormInput> = {}): EventFormInput {
    return {
      kind: "district_camp",
      unitId: unit,
      titleEn: "Test camp",
      titleHi: "परीक्षण शिविर",
      descriptionEn: "",
      descriptionHi: "",
      venueName: "Town Hall",
      venueAddress: "Main Road",
      venueMapUrl: null,
      startsAt: at(`${day}T04:30:00Z`),
      endsAt: at(`${day}T11:30:00Z`),
      registrationOpensAt: at("2026-12-01T03:30:00Z"),
      registrationClosesAt: at(`${day}T00:00:00Z`),
      capacity: 100,
      reminderHours: 24,
      questions: { ...defaultEventQuestions },
      ...overrides,
    };
  }

  function session(
    day: string,
    from: string,
    to: string,
    trainerIds: number[] = [],
    overrides: Partial<SessionFormInput> = {},
  ): SessionFormInput {
    return {
      kind: "training",
      titleEn: `Session ${from}`,
      titleHi: `सत्र ${from}`,
      room: "Hall A",
      startsAt: at(`${day}T${from}:00Z`),
      endsAt: at(`${day}T${to}:00Z`),
      capacity: null,
      required: true,
      trainerIds,
      ...overrides,
    };
  }

  async function newEvent(actor: EventActor, input: EventFormInput) {
    const result = await createEvent(db, actor, input);
    if (!result.ok) throw new Error(result.error);
    return result.eventId;
  }

  async function newSession(actor: EventActor, eventId: number, input: SessionFormInput) {
    const result = await addSession(db, actor, eventId, input);
    if (!result.ok) throw new Error(result.error);
    return result.sessionId;
  }

  /** Invites and registers `n` Jaipur office-bearers (plain rows, as the other helpers' code would). */
  async function register(eventId: number, statuses: ("registered" | "waitlisted" | "declined")[]) {
    const people = await db
      .selectFrom("appointments")
      .select(["appointeeId", "committeeId", "designation"])
      .where("active", "=", true)
      .where("appointeeId", "not in", (eb) =>
        eb.selectFrom("invitations").select("appointeeId").where("eventId", "=", eventId),
      )
      .orderBy("appointeeId")
      .limit(statuses.length)
      .execute();
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
      await db
        .insertInto("registrations")
        .values({
          invitationId: invitation.id,
          eventId,
          appointeeId: p.appointeeId,
          status,
          passId: newPassId(),
          waitlistedAt: status === "waitlisted" ? new Date() : null,
          registeredAt: status === "registered" ? new Date() : null,
        })
        .execute();
    }
  }

  async function setStatus(eventId: number, status: "published" | "completed" | "cancelled") {
    await db
      .updateTable("events")
      .set({
        status,
        publishedAt: sql`coalesce(published_at, now())`,
        cancelledAt: status === "cancelled" ? new Date() : null,
      })
      .where("id", "=", eventId)
      .execute();
  }

  beforeAll(async () => {
    db = testDb().db;
    await seedDemo(db);
    admin = await addStaff(db, "admin2@example.in", "admin");
    jaipur = await addStaff(db, "jaipur@example.in", "organiser", "RJ-JP");
    jodhpur = await addStaff(db, "jodhpur@example.in", "organiser", "RJ-JD");
    trainerA = (await addStaff(db, "a.trainer@example.in", "trainer")).staffId;
    trainerB = (await addStaff(db, "b.trainer@example.in", "trainer")).staffId;
    inactiveTrainer = (await addStaff(db, "gone.trainer@example.in", "trainer", undefined, false)).staffId;
    ids = {
      jaipur: await unitId(db, "RJ-JP"),
      jodhpur: await unitId(db, "RJ-JD"),
      sanganer: await unitId(db, "RJ-JP-AC-SNG"),
      bassi: await unitId(db, "RJ-JP-BL-BSI"),
    };
  });

  describe("creating", () => {
    it("creates a draft for a unit in scope, with a fresh calendar UID and an audit entry", async () => {
      const eventId = await newEvent(jaipur, camp(ids.sanganer, "2027-01-05", { kind: "other" }));
      const row = await db
        .selectFrom("events")
        .selectAll()
        .where("id", "=", eventId)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        kind: "other",
        unitId: ids.sanganer,
        status: "draft",
        icalSequence: 0,
        createdByStaffId: jaipur.staffId,
        questions: defaultEventQuestions,
      });
      expect(row.icalUid).toMatch(/^[0-9a-f-]{36}@shivir$/);
      const other = await newEvent(jaipur, camp(ids.sanganer, "2027-01-06", { kind: "other" }));
      const second = await db
        .selectFrom("events")
        .select("icalUid")
        .where("id", "=", other)
        .executeTakeFirstOrThrow();
      expect(second.icalUid).not.toBe(row.icalUid);
      const audit = await db
        .selectFrom("auditLog")
        .selectAll()
        .where("entityType", "=", "event")
        .where("entityId", "=", eventId)
        .execute();
      expect(audit).toMatchObject([{ action: "event.created", actorStaffId: jaipur.staffId }]);
    });

    it("refuses units outside the scope (404) and below assembly level, changing nothing", async () => {
      const before = await snapshot(db);
      await expectNotFound(createEvent(db, jaipur, camp(ids.jodhpur)));
      await expectNotFound(createEvent(db, jaipur, camp(999_999_999)));
      expect(await createEvent(db, jaipur, camp(ids.bassi))).toEqual({
        ok: false,
        error: "events.errors.unitLevel",
        field: "unitId",
      });
      expect(await snapshot(db)).toEqual(before);
    });

    it("refuses a unit the kind of event is not held for, clearly and changing nothing", async () => {
      const before = await snapshot(db);
      // A district camp for an assembly constituency, a state convention for a district: both refused.
      expect(await createEvent(db, jaipur, camp(ids.sanganer))).toEqual({
        ok: false,
        error: "events.errors.unitLevelFor_district_camp",
        field: "unitId",
      });
      expect(
        await createEvent(db, jaipur, camp(ids.jaipur, "2027-01-07", { kind: "state_convention" })),
      ).toEqual({
        ok: false,
        error: "events.errors.unitLevelFor_state_convention",
        field: "unitId",
      });
      expect(await snapshot(db)).toEqual(before);
    });

    it("refuses an edit that makes the kind and the unit disagree, changing nothing", async () => {
      const eventId = await newEvent(jaipur, camp(ids.jaipur, "2027-01-08"));
      const before = await snapshot(db);
      expect(await updateEvent(db, jaipur, eventId, camp(ids.sanganer, "2027-01-08"))).toEqual({
        ok: false,
        error: "events.errors.unitLevelFor_district_camp",
        field: "unitId",
      });
      expect(
        await updateEvent(db, jaipur, eventId, camp(ids.jaipur, "2027-01-08", { kind: "state_convention" })),
      ).toEqual({ ok: false, error: "events.errors.unitLevelFor_state_convention", field: "unitId" });
      expect(await snapshot(db)).toEqual(before);
    });

    it("offers the state, district and assembly units of the scope, in tree order", async () => {
      const mine = await listEventUnitOptions(db, jaipur.scope);
      expect(mine.map((u) => u.code)).toEqual(["RJ-JP", "RJ-JP-AC-MVN", "RJ-JP-AC-SNG", "RJ-JP-AC-VDN"]);
      expect(mine.map((u) => u.depth)).toEqual([0, 1, 1, 1]);
      const all = await listEventUnitOptions(db, admin.scope);
      expect(all[0]).toMatchObject({ code: "RJ", level: "state", depth: 0 });
      expect(all.filter((u) => u.level === "district")).toHaveLength(5);
      expect(all.some((u) => u.level === "block")).toBe(false);
      // Each district is followed by its own assemblies.
      const jaipurAt = all.findIndex((u) => u.code === "RJ-JP");
      expect(all.slice(jaipurAt + 1, jaipurAt + 4).every((u) => u.code.startsWith("RJ-JP-AC-"))).toBe(true);
    });
  });

  describe("listing", () => {
    let past: number;
    let soon: number;
    let later: number;
    let jodhpurEvent: number;

    beforeAll(async () => {
      later = await newEvent(jaipur, camp(ids.jaipur, "2031-03-01", { titleEn: "Later camp" }));
      soon = await newEvent(jaipur, camp(ids.jaipur, "2030-03-01", { titleEn: "Soon camp" }));
      past = await newEvent(
        admin,
        camp(ids.jaipur, "2020-03-01", {
          titleEn: "Past camp",
          registrationOpensAt: at("2020-02-01T00:00:00Z"),
        }),
      );
      jodhpurEvent = await newEvent(jodhpur, camp(ids.jodhpur, "2030-04-01", { titleEn: "Jodhpur camp" }));
      await setStatus(soon, "published");
      await register(soon, ["registered", "registered", "waitlisted", "declined"]);
    });

    it("shows upcoming events first, soonest first, then past ones, with their counts", async () => {
      const list = await listEventsForOrganiser(db, jaipur.scope, { page: 1 });
      const order = list.rows.map((r) => r.id);
      expect(order.indexOf(soon)).toBeLessThan(order.indexOf(later));
      expect(order.at(-1)).toBe(past);
      expect(order).not.toContain(jodhpurEvent);
      const row = list.rows.find((r) => r.id === soon);
      expect(row).toMatchObject({
        invited: 4,
        registered: 2,
        waitlisted: 1,
        unitNameEn: "Jaipur",
        capacity: 100,
      });
      expect(list.hasMore).toBe(false);
    });

    it("filters by status and keeps to the scope", async () => {
      const published = await listEventsForOrganiser(db, jaipur.scope, { status: "published", page: 1 });
      expect(published.rows.map((r) => r.id)).toEqual([soon]);
      const theirs = await listEventsForOrganiser(db, jodhpur.scope, { page: 1 });
      expect(theirs.rows.map((r) => r.id)).toEqual([jodhpurEvent]);
      const everything = await listEventsForOrganiser(db, admin.scope, { page: 1 });
      expect(everything.rows.map((r) => r.id)).toEqual(expect.arrayContaining([soon, past, jodhpurEvent]));
    });

    it("shows one event with its agenda, trainers and counts; 404 outside the scope", async () => {
      const s1 = await newSession(
        jaipur,
        soon,
        session("2030-03-01", "05:00", "06:00", [trainerB, trainerA]),
      );
      const page = await getEventPage(db, jaipur.scope, soon);
      expect(page.counts).toEqual({ invited: 4, registered: 2, waitlisted: 1, declined: 1 });
      expect(page.sessions).toHaveLength(1);
      expect(page.sessions[0]).toMatchObject({ id: s1, room: "Hall A" });
      expect(page.sessions[0]!.trainers.map((t) => t.id).sort()).toEqual([trainerA, trainerB].sort());
      expect(page.canDelete).toBe(false);
      expect(page.canComplete).toBe(false);
      expect(page.unit.nameEn).toBe("Jaipur");
      await expectNotFound(getEventPage(db, jodhpur.scope, soon));
      await expectNotFound(getEventPage(db, jaipur.scope, null));
      await expectNotFound(getSessionForm(db, jaipur.scope, soon, 999_999));
    });
  });

  describe("editing", () => {
    it("changes anything in a draft, without raising the calendar sequence, and audits what changed", async () => {
      const eventId = await newEvent(jaipur, camp(ids.jaipur, "2027-02-10"));
      const input = camp(ids.sanganer, "2027-02-11", {
        kind: "other",
        titleHi: "नया शिविर",
        venueName: "New Hall",
        capacity: 40,
        reminderHours: null,
        questions: { ...defaultEventQuestions, needsStay: "required" },
      });
      const result = await updateEvent(db, jaipur, eventId, input);
      expect(result.ok).toBe(true);
      const row = await db
        .selectFrom("events")
        .selectAll()
        .where("id", "=", eventId)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        unitId: ids.sanganer,
        titleHi: "नया शिविर",
        venueName: "New Hall",
        capacity: 40,
        reminderHours: null,
        icalSequence: 0,
        startsAt: input.startsAt,
      });
      expect((row.questions as Record<string, string>).needsStay).toBe("required");
      const audit = await db
        .selectFrom("auditLog")
        .select(["action", "details"])
        .where("entityType", "=", "event")
        .where("entityId", "=", eventId)
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      expect(audit.action).toBe("event.updated");
      const changes = (audit.details as { changes: Record<string, { from: unknown; to: unknown }> }).changes;
      expect(Object.keys(changes).sort()).toEqual(
        [
          "kind",
          "unitId",
          "titleHi",
          "venueName",
          "capacity",
          "reminderHours",
          "questions",
          "startsAt",
          "endsAt",
          "registrationClosesAt",
        ].sort(),
      );
      expect(changes.titleHi).toEqual({ from: "परीक्षण शिविर", to: "नया शिविर" });

      // Saving the same values again records nothing.
      const auditCount = (await snapshot(db)).audit;
      expect((await updateEvent(db, jaipur, eventId, input)).ok).toBe(true);
      expect((await snapshot(db)).audit).toBe(auditCount);
    });

    it("refuses what would break the agenda or the registrations, changing nothing", async () => {
      const eventId = await newEvent(jaipur, camp(ids.jaipur, "2027-02-15"));
      await newSession(jaipur, eventId, session("2027-02-15", "10:00", "11:00", [], { capacity: 60 }));
      await setStatus(eventId, "published");
      await register(eventId, ["registered", "registered", "registered"]);
      const before = await snapshot(db);
      // The session at 10:00–11:00 UTC would fall outside 04:30–09:30.
      expect(
        await updateEvent(
          db,
          jaipur,
          eventId,
          camp(ids.jaipur, "2027-02-15", {
            endsAt: at("2027-02-15T09:30:00Z"),
            registrationClosesAt: at("2027-02-15T00:00:00Z"),
          }),
        ),
      ).toEqual({ ok: false, error: "events.errors.sessionsOutsideNewTimes", field: "startsAt" });
      expect(await updateEvent(db, jaipur, eventId, camp(ids.jaipur, "2027-02-15", { capacity: 2 }))).toEqual(
        {
          ok: false,
          error: "events.errors.capacityBelowRegistered",
          field: "capacity",
        },
      );
      expect(
        await updateEvent(db, jaipur, eventId, camp(ids.jaipur, "2027-02-15", { capacity: 50 })),
      ).toEqual({
        ok: false,
        error: "events.errors.capacityBelowSession",
        field: "capacity",
      });
      await expectNotFound(updateEvent(db, jaipur, eventId, camp(ids.jodhpur, "2027-02-15")));
      await expectNotFound(updateEvent(db, jodhpur, eventId, camp(ids.jaipur, "2027-02-15")));
      expect(await snapshot(db)).toEqual(before);
    });

    it("keeps completed and cancelled events read-only", async () => {
      for (const status of ["completed", "cancelled"] as const) {
        const eventId = await newEvent(jaipur, camp(ids.jaipur, "2027-02-20"));
        const sessionId = await newSession(jaipur, eventId, session("2027-02-20", "05:00", "06:00"));
        await setStatus(eventId, status);
        const before = await snapshot(db);
        const readOnly = { ok: false, error: "events.errors.readOnly", field: undefined };
        expect(
          await updateEvent(db, jaipur, eventId, camp(ids.jaipur, "2027-02-20", { titleEn: "X" })),
        ).toEqual(readOnly);
        expect(await addSession(db, jaipur, eventId, session("2027-02-20", "07:00", "08:00"))).toEqual(
          readOnly,
        );
        expect(
          await updateSession(db, jaipur, eventId, sessionId, session("2027-02-20", "07:00", "08:00")),
        ).toEqual(readOnly);
        expect(await deleteSession(db, jaipur, eventId, sessionId)).toEqual(readOnly);
        expect(await snapshot(db)).toEqual(before);
      }
    });

    it("edits a published event's title and raises its capacity: a higher SEQUENCE, nothing else", async () => {
      // No time, venue, start or reminder change and no one waiting: no invite, reminder or promotion is due;
      // the new title only raises SEQUENCE so calendars take it (emails: event-published.server.db.test.ts).
      const eventId = await newEvent(jaipur, camp(ids.jaipur, "2027-02-25"));
      await setStatus(eventId, "published");
      await register(eventId, ["registered"]);
      const result = await updateEvent(
        db,
        jaipur,
        eventId,
        camp(ids.jaipur, "2027-02-25", { titleEn: "Renamed camp", capacity: 200 }),
      );
      expect(result.ok && result.diff).toMatchObject({
        time: false,
        venue: false,
        reminders: false,
        capacityRaised: true,
      });
      const row = await db
        .selectFrom("events")
        .selectAll()
        .where("id", "=", eventId)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        titleEn: "Renamed camp",
        capacity: 200,
        icalSequence: 1,
        status: "published",
      });
    });
  });

  describe("completing and deleting", () => {
    it("completes a published event only after its end", async () => {
      const eventId = await newEvent(jaipur, camp(ids.jaipur, "2027-03-01"));
      const afterEnd = at("2027-03-01T12:00:00Z");
      const refusal = { ok: false, error: "events.errors.cannotComplete", field: undefined };
      expect(await markEventCompleted(db, jaipur, eventId, afterEnd)).toEqual(refusal);
      await setStatus(eventId, "published");
      expect(await markEventCompleted(db, jaipur, eventId, at("2027-03-01T11:00:00Z"))).toEqual(refusal);
      await expectNotFound(markEventCompleted(db, jodhpur, eventId, afterEnd));
      expect(await markEventCompleted(db, jaipur, eventId, afterEnd)).toEqual({ ok: true });
      const row = await db
        .selectFrom("events")
        .select("status")
        .where("id", "=", eventId)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe("completed");
      expect(await markEventCompleted(db, jaipur, eventId, afterEnd)).toEqual(refusal);
    });

    it("deletes a draft with its agenda, but not one that invited people, nor a published event", async () => {
      const draft = await newEvent(jaipur, camp(ids.jaipur, "2027-03-05"));
      const sessionId = await newSession(jaipur, draft, session("2027-03-05", "05:00", "06:00", [trainerA]));
      await expectNotFound(deleteDraftEvent(db, jodhpur, draft));
      expect(await deleteDraftEvent(db, jaipur, draft)).toEqual({ ok: true });
      expect(await db.selectFrom("events").select("id").where("id", "=", draft).execute()).toEqual([]);
      expect(
        await db
          .selectFrom("sessionTrainers")
          .select("sessionId")
          .where("sessionId", "=", sessionId)
          .execute(),
      ).toEqual([]);
      const audit = await db
        .selectFrom("auditLog")
        .select("action")
        .where("entityType", "=", "event")
        .where("entityId", "=", draft)
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      expect(audit.action).toBe("event.deleted");

      const invited = await newEvent(jaipur, camp(ids.jaipur, "2027-03-06"));
      await register(invited, ["declined"]);
      const refusal = { ok: false, error: "events.errors.cannotDelete", field: undefined };
      expect(await deleteDraftEvent(db, jaipur, invited)).toEqual(refusal);
      const published = await newEvent(jaipur, camp(ids.jaipur, "2027-03-07"));
      await setStatus(published, "published");
      expect(await deleteDraftEvent(db, jaipur, published)).toEqual(refusal);
      expect(
        await db.selectFrom("events").select("id").where("id", "in", [invited, published]).execute(),
      ).toHaveLength(2);
    });
  });

  describe("sessions", () => {
    const day = "2027-04-10"; // the event runs 04:30–11:30 UTC (10:00–17:00 IST)
    let eventId: number;

    beforeAll(async () => {
      eventId = await newEvent(jaipur, camp(ids.jaipur, day, { capacity: 80 }));
    });

    it("offers active trainers only", async () => {
      const options = await listTrainerOptions(db);
      const optionIds = options.map((o) => o.id);
      expect(optionIds).toEqual(expect.arrayContaining([trainerA, trainerB]));
      expect(optionIds).not.toContain(inactiveTrainer);
      expect(optionIds).not.toContain(jaipur.staffId);
    });

    it("adds sessions inside the event with their trainers, and refuses those outside", async () => {
      const plenary = await newSession(
        jaipur,
        eventId,
        session(day, "04:30", "05:30", [], { kind: "plenary" }),
      );
      const training = await newSession(jaipur, eventId, session(day, "05:30", "07:00", [trainerA]));
      const page = await getEventPage(db, jaipur.scope, eventId);
      expect(page.sessions.map((s) => s.id)).toEqual([plenary, training]);
      expect(page.sessions[1]!.trainers).toEqual([{ id: trainerA, name: "a.trainer" }]);
      const uids = await db
        .selectFrom("eventSessions")
        .select("icalUid")
        .where("eventId", "=", eventId)
        .execute();
      expect(uids.every((u) => /^[0-9a-f-]{36}@shivir$/.test(u.icalUid))).toBe(true);

      const before = await snapshot(db);
      expect(await addSession(db, jaipur, eventId, session(day, "04:00", "05:00"))).toEqual({
        ok: false,
        error: "events.errors.sessionOutsideEvent",
        field: "startsAt",
      });
      expect(await addSession(db, jaipur, eventId, session(day, "11:00", "12:00"))).toMatchObject({
        ok: false,
        error: "events.errors.sessionOutsideEvent",
      });
      expect(await addSession(db, jaipur, eventId, session(day, "08:00", "07:00"))).toMatchObject({
        ok: false,
        error: "events.errors.endsBeforeStart",
        field: "endsAt",
      });
      expect(
        await addSession(db, jaipur, eventId, session(day, "08:00", "09:00", [], { capacity: 81 })),
      ).toEqual({
        ok: false,
        error: "events.errors.sessionCapacityAboveEvent",
        field: "capacity",
      });
      for (const notATrainer of [inactiveTrainer, jaipur.staffId, 999_999]) {
        expect(await addSession(db, jaipur, eventId, session(day, "08:00", "09:00", [notATrainer]))).toEqual({
          ok: false,
          error: "events.errors.trainerInvalid",
          field: "trainerIds",
        });
      }
      await expectNotFound(addSession(db, jodhpur, eventId, session(day, "08:00", "09:00")));
      expect(await snapshot(db)).toEqual(before);
    });

    it("refuses a trainer in two sessions at once, in this event or any other that is not cancelled", async () => {
      // trainerA has 05:30–07:00 here. Back to back is fine; overlapping is not.
      expect((await addSession(db, jaipur, eventId, session(day, "07:00", "08:00", [trainerA]))).ok).toBe(
        true,
      );
      // Another district's event at the same time as a later slot of this one.
      const theirs = await newEvent(jodhpur, camp(ids.jodhpur, day, { titleEn: "Jodhpur secret camp" }));
      await newSession(jodhpur, theirs, session(day, "09:00", "10:00", [trainerB]));

      const before = await snapshot(db);
      const clash = await addSession(
        db,
        jaipur,
        eventId,
        session(day, "06:30", "07:30", [trainerB, trainerA]),
      );
      expect(clash).toMatchObject({
        ok: false,
        error: "events.errors.trainerDoubleBooked",
        field: "trainerIds",
        clash: { trainerName: "a.trainer", sessionTitleEn: "Session 05:30", eventTitleEn: "Test camp" },
      });
      // Refused too, but the other district's names are not shown to Jaipur: only the trainer and the time.
      const hidden = await addSession(db, jaipur, eventId, session(day, "09:30", "10:30", [trainerB]));
      expect(hidden).toMatchObject({ ok: false, error: "events.errors.trainerDoubleBooked" });
      expect(!hidden.ok && hidden.clash).toEqual({
        trainerName: "b.trainer",
        sessionTitleEn: null,
        sessionTitleHi: null,
        eventTitleEn: null,
        eventTitleHi: null,
        startsAt: at(`${day}T09:00:00Z`),
        endsAt: at(`${day}T10:00:00Z`),
      });
      expect(await snapshot(db)).toEqual(before);

      // Once that event is cancelled, its trainer is free.
      await setStatus(theirs, "cancelled");
      expect((await addSession(db, jaipur, eventId, session(day, "09:30", "10:30", [trainerB]))).ok).toBe(
        true,
      );
    });

    it("edits a session (it does not clash with itself) and deletes one", async () => {
      const sessionId = await newSession(jaipur, eventId, session(day, "10:30", "11:30", [trainerA]));
      const moved = session(day, "10:45", "11:30", [trainerA], { room: "Hall B", titleHi: "बदला सत्र" });
      expect(await updateSession(db, jaipur, eventId, sessionId, moved)).toEqual({ ok: true });
      const row = await db
        .selectFrom("eventSessions")
        .selectAll()
        .where("id", "=", sessionId)
        .executeTakeFirstOrThrow();
      // A draft: no calendar entry was sent, so the sequence stays.
      expect(row).toMatchObject({
        room: "Hall B",
        titleHi: "बदला सत्र",
        icalSequence: 0,
        startsAt: moved.startsAt,
      });

      // Trainers are replaced, not added.
      expect(await updateSession(db, jaipur, eventId, sessionId, { ...moved, trainerIds: [] })).toEqual({
        ok: true,
      });
      expect(
        await db.selectFrom("sessionTrainers").selectAll().where("sessionId", "=", sessionId).execute(),
      ).toEqual([]);

      // A session of another event is not found through this one.
      const otherEvent = await newEvent(jaipur, camp(ids.jaipur, "2027-04-11"));
      await expectNotFound(updateSession(db, jaipur, otherEvent, sessionId, moved));
      await expectNotFound(deleteSession(db, jaipur, otherEvent, sessionId));
      await expectNotFound(deleteSession(db, jodhpur, eventId, sessionId));

      expect(await deleteSession(db, jaipur, eventId, sessionId)).toEqual({ ok: true });
      expect(await db.selectFrom("eventSessions").select("id").where("id", "=", sessionId).execute()).toEqual(
        [],
      );
      const actions = await db
        .selectFrom("auditLog")
        .select("action")
        .where("entityType", "=", "event")
        .where("entityId", "=", eventId)
        .orderBy("id", "desc")
        .limit(4)
        .execute();
      expect(actions.map((a) => a.action)).toEqual([
        "event.session_deleted",
        "event.session_updated",
        "event.session_updated",
        "event.session_added",
      ]);
    });

    it("raises a published session's sequence when its time or room changes, not for a new title", async () => {
      const published = await newEvent(jaipur, camp(ids.jaipur, "2027-04-12"));
      const sessionId = await newSession(jaipur, published, session("2027-04-12", "05:00", "06:00"));
      await setStatus(published, "published");
      const sequence = async () =>
        (
          await db
            .selectFrom("eventSessions")
            .select("icalSequence")
            .where("id", "=", sessionId)
            .executeTakeFirstOrThrow()
        ).icalSequence;
      await updateSession(
        db,
        jaipur,
        published,
        sessionId,
        session("2027-04-12", "05:00", "06:00", [], { titleEn: "New" }),
      );
      expect(await sequence()).toBe(0);
      await updateSession(
        db,
        jaipur,
        published,
        sessionId,
        session("2027-04-12", "05:00", "06:00", [], { room: "Hall C" }),
      );
      expect(await sequence()).toBe(1);
      await updateSession(
        db,
        jaipur,
        published,
        sessionId,
        session("2027-04-12", "05:30", "06:00", [], { room: "Hall C" }),
      );
      expect(await sequence()).toBe(2);
    });

    it("lets only one of two concurrent saves book the same trainer at the same time", async () => {
      for (let round = 0; round < 5; round++) {
        const trainer = (await addStaff(db, `race${round}@example.in`, "trainer")).staffId;
        const first = await newEvent(jaipur, camp(ids.jaipur, "2027-05-01"));
        const second = await newEvent(jodhpur, camp(ids.jodhpur, "2027-05-01"));
        const results = await Promise.all([
          addSession(db, jaipur, first, session("2027-05-01", "05:00", "06:00", [trainer])),
          addSession(db, jodhpur, second, session("2027-05-01", "05:30", "06:30", [trainer])),
        ]);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.filter((r) => !r.ok)).toMatchObject([{ error: "events.errors.trainerDoubleBooked" }]);
        const booked = await db
          .selectFrom("sessionTrainers")
          .select("sessionId")
          .where("staffUserId", "=", trainer)
          .execute();
        expect(booked).toHaveLength(1);
      }
    });
  });
});
