import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getEventPage, listEventsForOrganiser, listTrainerOptions } from "#app/models/events/event.server.ts";
import { defaultEventQuestions, sessionTimeError } from "#app/models/events/event.ts";
import { scopeOf } from "#app/models/organisation/scope.server.ts";
import { getOrganisationOverview } from "#app/models/organisation/unit.server.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { DEMO_ADMIN_EMAIL, DEMO_CAMP_DAY, DEMO_TRAINER_EMAILS, seedDemo, seedDemoIfEmpty } from "./demo.ts";

describe("demo data", () => {
  const testDb = useTestDatabase();

  it("seeds a small state with committees in every state of formation", async () => {
    const { db } = testDb();
    const result = await seedDemo(db);
    expect(result.adminEmail).toBe(DEMO_ADMIN_EMAIL);

    const levels = await db
      .selectFrom("units")
      .select(["level", sql<number>`count(*)`.as("n")])
      .groupBy("level")
      .execute();
    const byLevel = Object.fromEntries(levels.map((l) => [l.level, l.n]));
    expect(byLevel.state).toBe(1);
    expect(byLevel.district).toBeGreaterThanOrEqual(3);
    expect(byLevel.district).toBeLessThanOrEqual(5);
    expect(byLevel.assembly).toBeGreaterThan(0);
    expect(byLevel.block).toBeGreaterThan(0);

    const appointees = await db
      .selectFrom("appointees")
      .select(sql<number>`count(*)`.as("n"))
      .executeTakeFirstOrThrow();
    expect(appointees.n).toBeGreaterThanOrEqual(250);
    expect(appointees.n).toBeLessThanOrEqual(350);

    const statuses = await db
      .selectFrom("committees")
      .leftJoin("appointments", "appointments.committeeId", "committees.id")
      .select([
        "committees.id",
        "committees.status",
        "committees.seatQuota",
        sql<number>`count(appointments.id)`.as("filled"),
      ])
      .groupBy("committees.id")
      .execute();
    expect(statuses.some((c) => c.status === "formed" && c.filled === c.seatQuota)).toBe(true);
    expect(statuses.some((c) => c.status === "forming" && c.filled > 0)).toBe(true);
    expect(statuses.some((c) => c.status === "forming" && c.filled === 0)).toBe(true);
    expect(statuses.every((c) => c.filled <= c.seatQuota)).toBe(true);

    const hindiNames = await db.selectFrom("appointees").select("nameHi").limit(5).execute();
    for (const { nameHi } of hindiNames) expect(nameHi).toMatch(/[\u0900-\u097F]/);
    const single = await db
      .selectFrom("appointees")
      .select("name")
      .where("name", "not like", "% %")
      .limit(1)
      .execute();
    expect(single).toHaveLength(1);

    const admin = await db
      .selectFrom("staffUsers")
      .selectAll()
      .where("role", "=", "admin")
      .executeTakeFirstOrThrow();
    expect(admin).toMatchObject({ email: DEMO_ADMIN_EMAIL, role: "admin" });
  });

  it("has two Hindi-first trainers and a draft Jaipur camp with three sessions and an audience", async () => {
    const { db } = testDb();
    const trainers = await listTrainerOptions(db);
    const trainerRows = await db
      .selectFrom("staffUsers")
      .select(["id", "email", "preferredLanguage", "active"])
      .where("role", "=", "trainer")
      .orderBy("email")
      .execute();
    expect(trainerRows.map((t) => t.email)).toEqual([...DEMO_TRAINER_EMAILS].sort());
    expect(trainerRows.every((t) => t.preferredLanguage === "hi" && t.active)).toBe(true);
    expect(trainers.map((t) => t.name).every((n) => /[\u0900-\u097F]/.test(n))).toBe(true);

    const admin = await scopeOf(
      db,
      await db
        .selectFrom("staffUsers")
        .select(["id", "email", "name", "role", "scopeUnitId", "preferredLanguage"])
        .where("email", "=", DEMO_ADMIN_EMAIL)
        .executeTakeFirstOrThrow(),
    );
    const list = await listEventsForOrganiser(db, admin, { page: 1 });
    expect(list.rows).toHaveLength(1);
    const camp = list.rows[0]!;
    expect(camp).toMatchObject({ kind: "district_camp", status: "draft", unitNameEn: "Jaipur", invited: 0 });
    // Deterministic: five weeks after the reference, 10:00–17:00 IST, whatever today's date.
    expect(DEMO_CAMP_DAY).toBe("2026-12-15");
    expect(camp.startsAt.toISOString()).toBe("2026-12-15T04:30:00.000Z");
    expect(camp.endsAt.toISOString()).toBe("2026-12-15T11:30:00.000Z");

    const page = await getEventPage(db, admin, camp.id);
    expect(page.sessions.map((s) => s.kind)).toEqual(["plenary", "training", "expert"]);
    expect(page.sessions[2]!.titleEn).toMatch(/social media/i);
    expect(page.sessions.flatMap((s) => s.trainers.map((t) => t.id)).sort()).toEqual(
      trainerRows.map((t) => t.id).sort(),
    );
    // Every session lies inside the event, and no trainer is in two sessions at once.
    for (const s of page.sessions) expect(sessionTimeError(page.event, s)).toBeNull();
    expect(page.event.questions).toEqual(defaultEventQuestions);

    const rules = await db
      .selectFrom("eventAudienceRules")
      .selectAll()
      .where("eventId", "=", camp.id)
      .execute();
    expect(rules).toHaveLength(1);
    const jaipur = await db
      .selectFrom("units")
      .select("id")
      .where("code", "=", "RJ-JP")
      .executeTakeFirstOrThrow();
    expect(rules[0]).toMatchObject({
      unitId: jaipur.id,
      levels: ["district", "assembly"],
      designations: null,
    });
  });

  it("goes only into an empty database", async () => {
    const { db } = testDb();
    expect(await seedDemoIfEmpty(db)).toBeNull();
    await expect(seedDemo(db)).rejects.toThrow(/already has units/);
  });

  it("adds up on the home page: one person in two committees counts once", async () => {
    const overview = await getOrganisationOverview(testDb().db);
    const distinct = await testDb()
      .db.selectFrom("appointments")
      .select(sql<number>`count(distinct appointee_id)`.as("n"))
      .where("active", "=", true)
      .executeTakeFirstOrThrow();
    expect(overview?.appointees).toBe(distinct.n);
    expect(overview?.topUnits).toHaveLength(5);
    const sumTop = overview!.topUnits.reduce((s, u) => s + u.appointees, 0);
    const stateOnly = await testDb()
      .db.selectFrom("appointments")
      .innerJoin("committees", "committees.id", "appointments.committeeId")
      .innerJoin("units", "units.id", "committees.unitId")
      .select(sql<number>`count(*)`.as("n"))
      .where("units.level", "=", "state")
      .where("appointments.appointeeId", "not in", (eb) =>
        eb
          .selectFrom("appointments as a2")
          .innerJoin("committees as c2", "c2.id", "a2.committeeId")
          .innerJoin("units as u2", "u2.id", "c2.unitId")
          .select("a2.appointeeId")
          .where("u2.level", "<>", "state"),
      )
      .executeTakeFirstOrThrow();
    expect(sumTop + stateOnly.n).toBe(overview?.appointees);
  });
});
