import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#app/platform/db.server.ts";
import { seedDemo } from "#db/seed/demo.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { expectNotFound } from "#tests/support/db-helpers.ts";
import { type AudienceRule, CANDIDATE_RULE_KEY } from "./audience.ts";
import {
  addAudienceRule,
  getAudiencePage,
  listRuleUnitOptions,
  previewAudience,
  removeAudienceRule,
} from "./audience.server.ts";
import { audienceCtes, type InvitationActor } from "./invitation.server.ts";
import { scopeOf } from "#app/models/organisation/scope.server.ts";
import type { UnitLevel } from "#app/models/organisation/unit.ts";

/**
 * The audience worked out the slow, obvious way in JavaScript from whole tables: the oracle the SQL is
 * checked against.
 */
async function oracle(db: Database, rules: AudienceRule[]) {
  const [units, committees, appointments, appointees] = await Promise.all([
    db.selectFrom("units").select(["id", "path", "level"]).execute(),
    db.selectFrom("committees").select(["id", "unitId", "status"]).execute(),
    db
      .selectFrom("appointments")
      .select(["appointeeId", "committeeId", "designation"])
      .where("active", "=", true)
      .execute(),
    db.selectFrom("appointees").select(["id", "email", "phone"]).execute(),
  ]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const personById = new Map(appointees.map((p) => [p.id, p]));
  const count = (rule: AudienceRule) => {
    const root = unitById.get(rule.unitId)!;
    const matched = committees.filter((c) => {
      const unit = unitById.get(c.unitId)!;
      return unit.path.startsWith(root.path) && (!rule.levels || rule.levels.includes(unit.level));
    });
    const formed = new Set(matched.filter((c) => c.status === "formed").map((c) => c.id));
    const people = new Set(
      appointments
        .filter(
          (a) =>
            formed.has(a.committeeId) && (!rule.designations || rule.designations.includes(a.designation)),
        )
        .map((a) => a.appointeeId),
    );
    return { matched: new Set(matched.map((c) => c.id)), formed, people };
  };
  const perRule = rules.map(count);
  const union = <T>(sets: Set<T>[]) => new Set(sets.flatMap((s) => [...s]));
  const summarise = (c: { matched: Set<number>; formed: Set<number>; people: Set<number> }) => {
    const people = [...c.people].map((id) => personById.get(id)!);
    return {
      committeesFormed: c.formed.size,
      committeesForming: c.matched.size - c.formed.size,
      people: people.length,
      withoutEmail: people.filter((p) => !p.email).length,
      withoutContact: people.filter((p) => !p.email && !p.phone).length,
    };
  };
  return {
    perRule: perRule.map(summarise),
    total: summarise({
      matched: union(perRule.map((r) => r.matched)),
      formed: union(perRule.map((r) => r.formed)),
      people: union(perRule.map((r) => r.people)),
    }),
  };
}

describe("audience rules and preview", () => {
  const testDb = useTestDatabase();
  let db: Database;
  let admin: InvitationActor;
  let jaipur: InvitationActor;
  const unit: Record<string, number> = {};

  async function actor(email: string, role: "admin" | "organiser", scopeCode?: string) {
    const staff = await db
      .insertInto("staffUsers")
      .values({ email, name: email.split("@")[0]!, role, scopeUnitId: scopeCode ? unit[scopeCode]! : null })
      .returning(["id", "email", "name", "role", "scopeUnitId", "preferredLanguage"])
      .executeTakeFirstOrThrow();
    return { staffId: staff.id, scope: await scopeOf(db, staff) };
  }

  async function draftEvent(unitCode: string, status: "draft" | "published" | "cancelled" = "draft") {
    const event = await db
      .insertInto("events")
      .values({
        kind: "district_camp",
        unitId: unit[unitCode]!,
        titleEn: "Audience test camp",
        titleHi: "आमंत्रण परीक्षण शिविर",
        venueName: "Hall",
        startsAt: new Date("2030-03-10T04:30:00Z"),
        endsAt: new Date("2030-03-10T11:30:00Z"),
        registrationOpensAt: new Date("2026-01-01T00:00:00Z"),
        registrationClosesAt: new Date("2030-03-08T12:30:00Z"),
        capacity: 500,
        status,
        publishedAt: status === "draft" ? null : new Date(),
        cancelledAt: status === "cancelled" ? new Date() : null,
        icalUid: `audience-${Math.random()}@test`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return event.id;
  }

  const rule = (code: string, levels: UnitLevel[] | null = null, designations: string[] | null = null) => ({
    unitId: unit[code]!,
    unitCode: undefined,
    levels,
    designations,
  });

  beforeAll(async () => {
    db = testDb().db;
    await seedDemo(db);
    for (const u of await db.selectFrom("units").select(["id", "code"]).execute()) unit[u.code] = u.id;
    admin = await actor("admin.audience@example.in", "admin");
    jaipur = await actor("jaipur.audience@example.in", "organiser", "RJ-JP");
    // Some people without an email, and one without email or phone, so those counts are not zero by chance.
    const someone = await db
      .selectFrom("appointments")
      .innerJoin("committees", "committees.id", "appointments.committeeId")
      .select("appointments.appointeeId")
      .where("committees.unitId", "=", unit["RJ-JP"]!)
      .orderBy("appointments.appointeeId", "desc")
      .executeTakeFirstOrThrow();
    await db
      .updateTable("appointees")
      .set({ email: null, phone: null })
      .where("id", "=", someone.appointeeId)
      .execute();
  });

  it("counts what each rule and the whole audience reach, as the oracle does", async () => {
    const rules: AudienceRule[] = [
      { unitId: unit["RJ-JP"]!, levels: ["district", "assembly"], designations: null },
      { unitId: unit.RJ!, levels: ["state", "district"], designations: null },
      { unitId: unit.RJ!, levels: null, designations: ["president", "secretary"] },
      { unitId: unit["RJ-KT"]!, levels: null, designations: null },
    ];
    const preview = await previewAudience(db, { rules: rules.map((r, i) => ({ ...r, key: i + 1 })) });
    const expected = await oracle(db, rules);
    for (const [i, counts] of expected.perRule.entries())
      expect(preview.perRule[i + 1], `rule ${i + 1}`).toEqual(counts);
    expect(preview.total).toEqual({ ...expected.total, notYetInvited: expected.total.people });
    // The demo has overlaps (district presidents on the state executive) and gaps worth checking.
    expect(preview.total.people).toBeLessThan(expected.perRule.reduce((sum, r) => sum + r.people, 0));
    expect(preview.total.withoutEmail).toBeGreaterThan(0);
    expect(preview.total.withoutContact).toBe(1);
    expect(preview.total.committeesForming).toBeGreaterThan(0);
  });

  it("reaches only formed committees: Kota's forming committees count, but no one in them", async () => {
    const preview = await previewAudience(db, {
      rules: [{ unitId: unit["RJ-KT"]!, levels: ["district"], designations: null, key: 1 }],
    });
    expect(preview.total).toMatchObject({ committeesFormed: 0, committeesForming: 1, people: 0 });
  });

  it("gives zeros for rules that reach nothing and for no rules at all", async () => {
    const none = await previewAudience(db, { rules: [] });
    expect(none.total).toEqual({
      committeesFormed: 0,
      committeesForming: 0,
      people: 0,
      withoutEmail: 0,
      withoutContact: 0,
      notYetInvited: 0,
    });
    const booths = await previewAudience(db, {
      rules: [{ unitId: unit.RJ!, levels: ["booth"], designations: null, key: 7 }],
    });
    expect(booths.total.people).toBe(0);
    expect(booths.perRule[7]).toBeUndefined();
  });

  it("adds rules inside the organiser's scope only, and refuses rules that cannot work", async () => {
    const eventId = await draftEvent("RJ-JP");
    const before = await db
      .selectFrom("eventAudienceRules")
      .selectAll()
      .where("eventId", "=", eventId)
      .execute();
    expect(await addAudienceRule(db, jaipur, eventId, rule("RJ-JD"))).toEqual({
      ok: false,
      error: "audience.errors.unitNotFound",
      field: "unitId",
    });
    expect(
      await addAudienceRule(db, jaipur, eventId, { ...rule("RJ"), unitId: undefined, unitCode: "RJ" }),
    ).toEqual({
      ok: false,
      error: "audience.errors.unitNotFound",
      field: "unitCode",
    });
    expect(await addAudienceRule(db, jaipur, eventId, rule("RJ-JP", ["state", "district"]))).toMatchObject({
      error: "audience.errors.levelAboveUnit",
    });
    expect(
      await addAudienceRule(db, jaipur, eventId, rule("RJ-JP", null, ["president", "chief_whip"])),
    ).toMatchObject({
      error: "audience.errors.designationUnknown",
    });
    expect(
      await db.selectFrom("eventAudienceRules").selectAll().where("eventId", "=", eventId).execute(),
    ).toEqual(before);

    const added = await addAudienceRule(db, jaipur, eventId, {
      ...rule("RJ-JP-AC-SNG"),
      unitId: undefined,
      unitCode: "RJ-JP-AC-SNG",
    });
    expect(added).toMatchObject({ ok: true, invited: 0, emailed: 0 });
    expect(await addAudienceRule(db, jaipur, eventId, rule("RJ-JP-AC-SNG"))).toMatchObject({
      error: "audience.errors.duplicateRule",
    });
    const stored = await db
      .selectFrom("eventAudienceRules")
      .selectAll()
      .where("eventId", "=", eventId)
      .execute();
    expect(stored).toMatchObject([{ unitId: unit["RJ-JP-AC-SNG"], levels: null, designations: null }]);
    const audit = await db
      .selectFrom("auditLog")
      .select(["action", "actorStaffId"])
      .where("entityType", "=", "event")
      .where("entityId", "=", eventId)
      .execute();
    expect(audit).toEqual([{ action: "event.audience_rule_added", actorStaffId: jaipur.staffId }]);
  });

  it("hides another district's event (404) and closed events refuse changes", async () => {
    const jodhpurEvent = await draftEvent("RJ-JD");
    await expectNotFound(addAudienceRule(db, jaipur, jodhpurEvent, rule("RJ-JP")));
    const cancelled = await draftEvent("RJ-JP", "cancelled");
    expect(await addAudienceRule(db, jaipur, cancelled, rule("RJ-JP"))).toMatchObject({
      error: "audience.errors.eventClosed",
    });
    expect(
      await db
        .selectFrom("eventAudienceRules")
        .selectAll()
        .where("eventId", "in", [jodhpurEvent, cancelled])
        .execute(),
    ).toEqual([]);
  });

  it("removes a rule in scope, and not one an admin set outside the organiser's district", async () => {
    const eventId = await draftEvent("RJ-JP");
    const own = await addAudienceRule(db, jaipur, eventId, rule("RJ-JP", ["district"]));
    const statewide = await addAudienceRule(db, admin, eventId, rule("RJ", ["state"]));
    if (!own.ok || !statewide.ok) throw new Error("setup");
    expect(await removeAudienceRule(db, jaipur, eventId, statewide.ruleId)).toEqual({
      ok: false,
      error: "audience.errors.ruleUnknown",
    });
    expect(await removeAudienceRule(db, jaipur, eventId, own.ruleId)).toEqual({ ok: true });
    const page = await getAudiencePage(db, jaipur.scope, eventId, null);
    expect(page.rules.map((r) => [r.id, r.inScope])).toEqual([[statewide.ruleId, false]]);
  });

  it("previews the audience with the form's rule added, and says why a form's rule is refused", async () => {
    const eventId = await draftEvent("RJ-JP");
    await addAudienceRule(db, jaipur, eventId, rule("RJ-JP", ["district"]));
    const page = await getAudiencePage(db, jaipur.scope, eventId, rule("RJ-JP", ["assembly"], ["president"]));
    const expected = await oracle(db, [
      { unitId: unit["RJ-JP"]!, levels: ["district"], designations: null },
      { unitId: unit["RJ-JP"]!, levels: ["assembly"], designations: ["president"] },
    ]);
    expect(page.preview.total.people).toBe(expected.perRule[0]!.people);
    expect(page.candidate?.unit.code).toBe("RJ-JP");
    expect(page.candidate?.preview.perRule[CANDIDATE_RULE_KEY]).toEqual(expected.perRule[1]);
    expect(page.candidate?.preview.total).toEqual({
      ...expected.total,
      notYetInvited: expected.total.people,
    });
    const refused = await getAudiencePage(db, jaipur.scope, eventId, rule("RJ-UD"));
    expect(refused.candidate).toBeNull();
    expect(refused.candidateError).toMatchObject({ error: "audience.errors.unitNotFound" });
  });

  it("offers units from the state to blocks in the scope, in tree order", async () => {
    const options = await listRuleUnitOptions(db, jaipur.scope);
    expect(options[0]?.code).toBe("RJ-JP");
    expect(options.every((o) => o.code.startsWith("RJ-JP"))).toBe(true);
    expect(new Set(options.map((o) => o.level))).toEqual(new Set(["district", "assembly", "block"]));
    const all = await listRuleUnitOptions(db, admin.scope);
    expect(all[0]?.code).toBe("RJ");
    // Each unit follows its parent: depth never jumps by more than one level of the tree.
    for (let i = 1; i < all.length; i++) expect(all[i]!.depth - all[i - 1]!.depth).toBeLessThanOrEqual(1);
  });

  it("finds a district rule's committees through the path index, not by reading every booth", async () => {
    // Booth committees elsewhere in the state, as with Rajasthan's 52,000: a Jaipur rule must not read them.
    await sql`
      with booths as (
        insert into units (parent_id, level, code, name_en, name_hi)
        select ${unit["RJ-JD-AC-SDP"]!}, 'booth', 'RJ-JD-B-' || g, 'Booth ' || g, 'बूथ ' || g
          from generate_series(1, 3000) g
        returning id)
      insert into committees (unit_id, name_en, name_hi, seat_quota)
      select id, 'Booth Committee', 'बूथ समिति', 5 from booths`.execute(db);
    await sql`analyze`.execute(db);
    const eventId = await draftEvent("RJ-JP");
    await addAudienceRule(db, jaipur, eventId, rule("RJ-JP"));
    const { rows } = await sql<Record<string, string>>`
      explain with ${audienceCtes({ eventId })} select count(*) from matched_people`.execute(db);
    const plan = rows.map((r) => Object.values(r)[0]).join("\n");
    expect(plan).toContain("units_path_prefix_idx");
    expect(plan).not.toMatch(/Seq Scan on (units|committees)/);
  });
});
