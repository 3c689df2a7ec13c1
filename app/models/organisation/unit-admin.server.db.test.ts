// The /units pages' model against a real PostgreSQL: scope filtering, exact counts, search, and the admin's
// create / edit / move with their audit rows and refusals; then the child counts among ~51,000 booths.
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { expectNotFound, unitId as idOf } from "#tests/support/db-helpers.ts";
import type { Database } from "#app/platform/db.server.ts";
import { type Scope, scopeOf } from "./scope.server.ts";
import {
  createUnit,
  getTopUnitView,
  getUnitDetail,
  getUnitView,
  listChildUnits,
  moveUnit,
  refusalOfUnitChange,
  searchUnits,
  updateUnit,
} from "./unit.server.ts";
import { CreateUnitSchema, MoveUnitSchema, UpdateUnitSchema } from "./unit.ts";

const all: Scope = { kind: "all" };

async function snapshot(db: Database) {
  const [units, audit] = await Promise.all([
    db
      .selectFrom("units")
      .select(["id", "code", "nameEn", "nameHi", "parentId", "path", "level"])
      .orderBy("id")
      .execute(),
    db.selectFrom("auditLog").select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { units, audit: Number(audit.n) };
}

describe("the units pages' model", () => {
  const testDb = useTestDatabase();
  let adminId: number;
  let jaipurScope: Scope;

  beforeAll(async () => {
    const { db } = testDb();
    await seedDemo(db);
    adminId = (
      await db.selectFrom("staffUsers").select("id").where("role", "=", "admin").executeTakeFirstOrThrow()
    ).id;
    const organiser = await db
      .insertInto("staffUsers")
      .values({
        email: "jaipur.org@example.in",
        name: "Jaipur Organiser",
        role: "organiser",
        scopeUnitId: await idOf(db, "RJ-JP"),
      })
      .returning(["id", "email", "name", "role", "scopeUnitId", "preferredLanguage"])
      .executeTakeFirstOrThrow();
    jaipurScope = await scopeOf(db, organiser);
  });

  describe("browsing", () => {
    it("shows an admin the state, its committee and its districts by name, with exact counts", async () => {
      const view = await getTopUnitView(testDb().db, all);
      expect(view?.unit.code).toBe("RJ");
      expect(view?.breadcrumbs).toEqual([]);
      // 21 state members plus two district presidents who also sit on it; quota 23.
      expect(view?.unit.committee).toMatchObject({ status: "formed", seatQuota: 23, filled: 23 });
      expect(view?.children.total).toBe(5);
      expect(view?.children.pageCount).toBe(1);
      expect(
        view?.children.rows.map((c) => [
          c.code,
          c.unitsBelow,
          c.committee?.status,
          c.committee?.filled,
          c.committee?.seatQuota,
        ]),
      ).toEqual([
        ["RJ-AJ", 3, "forming", 24, 40],
        ["RJ-JP", 5, "formed", 40, 40],
        ["RJ-JD", 4, "formed", 40, 40],
        ["RJ-KT", 3, "forming", 0, 40],
        ["RJ-UD", 4, "formed", 40, 40],
      ]);
    });

    it("counts every unit below a child, not only its children, and pages 50 at a time", async () => {
      const { db } = testDb();
      const sng = await idOf(db, "RJ-JP-AC-SNG");
      // 60 panchayats below Sanganer, 3 booths below the first two of them.
      const panchayats = await db
        .insertInto("units")
        .values(
          Array.from({ length: 60 }, (_, i) => ({
            parentId: sng,
            level: "panchayat" as const,
            code: `CNT-P${String(i).padStart(2, "0")}`,
            nameEn: `Panchayat ${String(i).padStart(2, "0")}`,
            nameHi: `पंचायत ${i}`,
          })),
        )
        .returning("id")
        .execute();
      for (const p of panchayats.slice(0, 2)) {
        await db
          .insertInto("units")
          .values(
            [1, 2, 3].map((b) => ({
              parentId: p.id,
              level: "booth" as const,
              code: `CNT-B${p.id}-${b}`,
              nameEn: `Booth ${b}`,
              nameHi: `बूथ ${b}`,
            })),
          )
          .execute();
      }
      const first = await getUnitView(db, all, sng);
      expect(first.children.total).toBe(60);
      expect(first.children.pageCount).toBe(2);
      expect(first.children.rows).toHaveLength(50);
      expect(first.children.rows.slice(0, 3).map((r) => [r.code, r.unitsBelow, r.committee])).toEqual([
        ["CNT-P00", 3, null],
        ["CNT-P01", 3, null],
        ["CNT-P02", 0, null],
      ]);
      const second = await listChildUnits(db, { id: sng }, 2);
      expect(second.rows.map((r) => r.code)).toEqual(Array.from({ length: 10 }, (_, i) => `CNT-P${50 + i}`));
      const jaipur = (await getTopUnitView(db, all))?.children.rows.find((r) => r.code === "RJ-JP");
      expect(jaipur?.unitsBelow).toBe(5 + 60 + 6);
      const breadcrumbs = (await getUnitDetail(db, all, panchayats[0]!.id)).breadcrumbs;
      expect(breadcrumbs.map((b) => b.code)).toEqual(["RJ", "RJ-JP", "RJ-JP-AC-SNG"]);
      await db.deleteFrom("units").where("code", "like", "CNT-B%").execute();
      await db.deleteFrom("units").where("code", "like", "CNT-P%").execute();
    });

    it("shows an organiser their district only; everything else is 404", async () => {
      const { db } = testDb();
      const top = await getTopUnitView(db, jaipurScope);
      expect(top?.unit.code).toBe("RJ-JP");
      expect(top?.breadcrumbs).toEqual([]);
      expect(top?.children.rows.map((r) => r.code)).toEqual([
        "RJ-JP-BL-BSI",
        "RJ-JP-BL-CKS",
        "RJ-JP-AC-MVN",
        "RJ-JP-AC-SNG",
        "RJ-JP-AC-VDN",
      ]);
      const sanganer = await getUnitView(db, jaipurScope, await idOf(db, "RJ-JP-AC-SNG"));
      // The trail starts at the organiser's scope unit, not at the state.
      expect(sanganer.breadcrumbs.map((b) => b.code)).toEqual(["RJ-JP"]);

      for (const code of ["RJ", "RJ-JD", "RJ-JD-AC-LNI", "RJ-UD-BL-GRW"]) {
        await expectNotFound(getUnitView(db, jaipurScope, await idOf(db, code)));
      }
      await expectNotFound(getUnitView(db, all, 987_654));
    });
  });

  describe("search", () => {
    it("matches a code prefix in any case, with the exact code first and the trail of names", async () => {
      const result = await searchUnits(testDb().db, all, { q: "rj-ud", page: 1 });
      expect(result.total).toBe(5);
      expect(result.rows[0]?.code).toBe("RJ-UD");
      const city = result.rows.find((r) => r.code === "RJ-UD-AC-UDC");
      expect(city?.trail.map((u) => u.nameEn)).toEqual(["Rajasthan", "Udaipur", "Udaipur City"]);
      expect(city?.trail.map((u) => u.nameHi)).toEqual(["राजस्थान", "उदयपुर", "उदयपुर शहर"]);
    });

    it("matches a fragment of the English or Hindi name", async () => {
      const { db } = testDb();
      expect((await searchUnits(db, all, { q: "जय", page: 1 })).rows.map((r) => r.code)).toEqual(["RJ-JP"]);
      expect((await searchUnits(db, all, { q: "NAGAR", page: 1 })).rows.map((r) => r.code)).toEqual([
        "RJ-JP-AC-MVN",
        "RJ-JP-AC-VDN",
      ]);
      expect((await searchUnits(db, all, { q: "उत्तर", page: 1 })).rows.map((r) => r.code).sort()).toEqual([
        "RJ-AJ-AC-AJN",
        "RJ-KT-AC-KTN",
      ]);
      // Wildcards are literal.
      expect((await searchUnits(db, all, { q: "%", page: 1 })).total).toBe(0);
      expect((await searchUnits(db, all, { q: "_", page: 1 })).total).toBe(0);
      expect((await searchUnits(db, all, { q: "", page: 1 })).total).toBe(0);
    });

    it("finds nothing outside an organiser's scope, and trails start at the scope unit", async () => {
      const { db } = testDb();
      for (const q of ["RJ-JD", "जोधपुर", "Udaipur", "राजस्थान", "RJ-UD-AC"]) {
        expect((await searchUnits(db, jaipurScope, { q, page: 1 })).total, q).toBe(0);
      }
      const mine = await searchUnits(db, jaipurScope, { q: "rj-", page: 1 });
      expect(mine.rows.map((r) => r.code).sort()).toEqual(
        ["RJ-JP", "RJ-JP-AC-MVN", "RJ-JP-AC-SNG", "RJ-JP-AC-VDN", "RJ-JP-BL-BSI", "RJ-JP-BL-CKS"].sort(),
      );
      expect(mine.rows.find((r) => r.code === "RJ-JP-AC-SNG")?.trail.map((u) => u.code)).toEqual([
        "RJ-JP",
        "RJ-JP-AC-SNG",
      ]);
      // The admin finds the same names everywhere.
      expect((await searchUnits(db, all, { q: "जोधपुर", page: 1 })).rows.map((r) => r.code)).toEqual([
        "RJ-JD",
      ]);
    });

    it("pages search results and still reports the total past the end", async () => {
      const { db } = testDb();
      const kota = await idOf(db, "RJ-KT-AC-LDP");
      await db
        .insertInto("units")
        .values(
          Array.from({ length: 55 }, (_, i) => ({
            parentId: kota,
            level: "booth" as const,
            code: `PG-${i}`,
            nameEn: `Ladpura booth ${i}`,
            nameHi: `लाडपुरा बूथ ${i}`,
          })),
        )
        .execute();
      const first = await searchUnits(db, all, { q: "pg-", page: 1 });
      const second = await searchUnits(db, all, { q: "pg-", page: 2 });
      const past = await searchUnits(db, all, { q: "pg-", page: 9 });
      expect([first.rows.length, second.rows.length, past.rows.length]).toEqual([50, 5, 0]);
      expect([first.total, second.total, past.total, first.pageCount]).toEqual([55, 55, 55, 2]);
      expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(55);
      await db.deleteFrom("units").where("code", "like", "PG-%").execute();
    });
  });

  describe("changes", () => {
    const actor = () => ({ staffId: adminId, scope: all });

    async function auditRows(db: Database, unitId: number) {
      return db
        .selectFrom("auditLog")
        .select(["action", "entityType", "entityId", "actorStaffId", "details"])
        .where("entityType", "=", "unit")
        .where("entityId", "=", unitId)
        .orderBy("id")
        .execute();
    }

    it("creates a unit below a parent, with the code in capitals, and audits it", async () => {
      const { db } = testDb();
      const parentId = await idOf(db, "RJ-JP-AC-SNG");
      const input = CreateUnitSchema.parse({
        parentId: String(parentId),
        level: "panchayat",
        code: "  rj-jp-ac-sng-p1 ",
        nameEn: " Muhana  ",
        nameHi: "मुहाना",
      });
      const result = await createUnit(db, actor(), input);
      expect(result.ok).toBe(true);
      const unitId = (result as { unitId: number }).unitId;
      const unit = await db
        .selectFrom("units")
        .selectAll()
        .where("id", "=", unitId)
        .executeTakeFirstOrThrow();
      expect(unit).toMatchObject({ code: "RJ-JP-AC-SNG-P1", nameEn: "Muhana", level: "panchayat", parentId });
      expect(unit.path).toMatch(new RegExp(`/${parentId}/${unitId}/$`));
      expect(await auditRows(db, unitId)).toEqual([
        {
          action: "unit.created",
          entityType: "unit",
          entityId: unitId,
          actorStaffId: adminId,
          details: {
            code: "RJ-JP-AC-SNG-P1",
            level: "panchayat",
            parentId,
            nameEn: "Muhana",
            nameHi: "मुहाना",
          },
        },
      ]);
    });

    it("refuses a level that is not deeper, a used code, a state below a parent, and changes nothing", async () => {
      const { db } = testDb();
      const before = await snapshot(db);
      const sng = await idOf(db, "RJ-JP-AC-SNG");
      const base = { parentId: sng, code: "NEW-1", nameEn: "New", nameHi: "नया" };
      expect(await createUnit(db, actor(), { ...base, level: "assembly" })).toEqual({
        ok: false,
        field: "level",
        error: "units.errors.levelNotDeeper",
      });
      expect(await createUnit(db, actor(), { ...base, level: "district" })).toMatchObject({
        field: "level",
        error: "units.errors.levelNotDeeper",
      });
      expect(await createUnit(db, actor(), { ...base, level: "booth", code: "RJ-JD" })).toEqual({
        ok: false,
        field: "code",
        error: "units.errors.codeTaken",
      });
      expect(
        await createUnit(db, actor(), { ...base, parentId: undefined, level: "district" }),
      ).toMatchObject({
        error: "units.errors.stateOnlyAtTop",
      });
      // An organiser's actor cannot reach another district's unit at all.
      await expectNotFound(
        createUnit(
          db,
          { staffId: adminId, scope: jaipurScope },
          { ...base, parentId: await idOf(db, "RJ-JD"), level: "assembly" },
        ),
      );
      await expectNotFound(createUnit(db, actor(), { ...base, parentId: 987_654, level: "booth" }));
      expect(await snapshot(db)).toEqual(before);
    });

    it("validates the form: codes, names and levels give translation keys", () => {
      const bad = CreateUnitSchema.safeParse({
        code: "RJ JP!",
        level: "galaxy",
        nameEn: "  ",
        nameHi: "x".repeat(201),
      });
      expect(bad.success).toBe(false);
      const messages = Object.fromEntries(bad.error?.issues.map((i) => [i.path.join("."), i.message]) ?? []);
      expect(messages).toEqual({
        code: "units.errors.codeFormat",
        level: "units.errors.levelRequired",
        nameEn: "units.errors.nameEnRequired",
        nameHi: "units.errors.nameTooLong",
      });
      expect(UpdateUnitSchema.safeParse({}).error?.issues.map((i) => i.message)).toEqual([
        "units.errors.codeRequired",
        "units.errors.nameEnRequired",
        "units.errors.nameHiRequired",
      ]);
      expect(UpdateUnitSchema.safeParse({ code: "-AB", nameEn: "a", nameHi: "b" }).success).toBe(false);
      expect(UpdateUnitSchema.safeParse({ code: "A".repeat(41), nameEn: "a", nameHi: "b" }).success).toBe(
        false,
      );
      expect(MoveUnitSchema.parse({ parentCode: " rj-jd " })).toEqual({ parentCode: "RJ-JD" });
    });

    it("answers a race for one code with one unit and one 'code already used', never an error", async () => {
      const { db } = testDb();
      const parentId = await idOf(db, "RJ-KT-AC-KTN");
      const input = { parentId, level: "booth" as const, code: "RACE-1", nameEn: "Race", nameHi: "दौड़" };
      const results = await Promise.all([createUnit(db, actor(), input), createUnit(db, actor(), input)]);
      expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
      expect(results.find((r) => !r.ok)).toMatchObject({ error: "units.errors.codeTaken" });
      const count = await db
        .selectFrom("units")
        .select(sql<number>`count(*)`.as("n"))
        .where("code", "=", "RACE-1")
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
    });

    it("edits names and code, audits what changed, and refuses a used code", async () => {
      const { db } = testDb();
      const id = await idOf(db, "RJ-UD-AC-GGD");
      const result = await updateUnit(
        db,
        actor(),
        id,
        UpdateUnitSchema.parse({ code: "rj-ud-ac-ggn", nameEn: "Gogunda Town", nameHi: "गोगुंदा" }),
      );
      expect(result).toEqual({ ok: true, unitId: id });
      expect(
        await db
          .selectFrom("units")
          .select(["code", "nameEn", "nameHi"])
          .where("id", "=", id)
          .executeTakeFirst(),
      ).toEqual({ code: "RJ-UD-AC-GGN", nameEn: "Gogunda Town", nameHi: "गोगुंदा" });
      expect(await auditRows(db, id)).toEqual([
        {
          action: "unit.updated",
          entityType: "unit",
          entityId: id,
          actorStaffId: adminId,
          details: {
            code: { from: "RJ-UD-AC-GGD", to: "RJ-UD-AC-GGN" },
            nameEn: { from: "Gogunda", to: "Gogunda Town" },
          },
        },
      ]);

      const before = await snapshot(db);
      expect(
        await updateUnit(db, actor(), id, { code: "RJ-UD-AC-MVL", nameEn: "Other", nameHi: "अन्य" }),
      ).toEqual({ ok: false, field: "code", error: "units.errors.codeTaken" });
      // Saving without a change writes no audit row.
      expect(
        await updateUnit(db, actor(), id, { code: "RJ-UD-AC-GGN", nameEn: "Gogunda Town", nameHi: "गोगुंदा" }),
      ).toEqual({ ok: true, unitId: id });
      await expectNotFound(
        updateUnit(db, { staffId: adminId, scope: jaipurScope }, id, { code: "X", nameEn: "x", nameHi: "x" }),
      );
      expect(await snapshot(db)).toEqual(before);
    });

    it("moves a unit with its subtree, audits it, and refuses loops, level order, unknown and same parents", async () => {
      const { db } = testDb();
      const bassi = await idOf(db, "RJ-JP-BL-BSI");
      const jodhpur = await idOf(db, "RJ-JD");
      const booth = await createUnit(db, actor(), {
        parentId: bassi,
        level: "booth",
        code: "RJ-JP-BL-BSI-B1",
        nameEn: "Bassi booth 1",
        nameHi: "बस्सी बूथ 1",
      });
      expect(booth.ok).toBe(true);

      expect(await moveUnit(db, actor(), bassi, MoveUnitSchema.parse({ parentCode: "rj-jd" }))).toEqual({
        ok: true,
        unitId: bassi,
      });
      const moved = await db
        .selectFrom("units")
        .select(["code", "path", "depth"])
        .where("code", "like", "RJ-JP-BL-BSI%")
        .orderBy("depth")
        .execute();
      const rj = await idOf(db, "RJ");
      expect(moved.map((m) => m.path)).toEqual([
        `/${rj}/${jodhpur}/${bassi}/`,
        `/${rj}/${jodhpur}/${bassi}/${(booth as { unitId: number }).unitId}/`,
      ]);
      const rows = await auditRows(db, bassi);
      expect(rows.at(-1)).toEqual({
        action: "unit.moved",
        entityType: "unit",
        entityId: bassi,
        actorStaffId: adminId,
        details: {
          code: "RJ-JP-BL-BSI",
          fromParentId: await idOf(db, "RJ-JP"),
          toParentId: jodhpur,
          toParentCode: "RJ-JD",
        },
      });
      // The counts follow the move.
      const districts = (await getTopUnitView(db, all))?.children.rows;
      expect(districts?.find((d) => d.code === "RJ-JD")?.unitsBelow).toBe(4 + 2);

      const before = await snapshot(db);
      const cases: [string, string, string][] = [
        ["RJ-JD", "RJ-JD-AC-LNI", "units.errors.moveCycle"],
        ["RJ-JD", "RJ-JD", "units.errors.moveCycle"],
        ["RJ-JD-AC-LNI", "RJ-JD-BL-MDR", "units.errors.moveLevel"],
        ["RJ-JD-AC-LNI", "RJ-UD-AC-MVL", "units.errors.moveLevel"],
        ["RJ-JD-AC-LNI", "NO-SUCH-UNIT", "units.errors.parentNotFound"],
        ["RJ-JD-AC-LNI", "RJ-JD", "units.errors.sameParent"],
        ["RJ", "RJ-JP", "units.errors.moveRoot"],
      ];
      for (const [code, parentCode, error] of cases) {
        expect(
          await moveUnit(db, actor(), await idOf(db, code), { parentCode }),
          `${code} → ${parentCode}`,
        ).toEqual({
          ok: false,
          field: "parentCode",
          error,
        });
      }
      // An organiser's actor neither moves another district's unit nor moves into one.
      await expectNotFound(
        moveUnit(db, { staffId: adminId, scope: jaipurScope }, jodhpur, { parentCode: "RJ" }),
      );
      expect(
        await moveUnit(db, { staffId: adminId, scope: jaipurScope }, await idOf(db, "RJ-JP-BL-CKS"), {
          parentCode: "RJ-UD",
        }),
      ).toMatchObject({ error: "units.errors.parentNotFound" });
      expect(await snapshot(db)).toEqual(before);
    });

    it("turns the database trigger's own refusals into form messages", async () => {
      const { db } = testDb();
      const attempt = (run: () => Promise<unknown>) => run().then(() => null, refusalOfUnitChange);
      const jd = await idOf(db, "RJ-JD");
      const luni = await idOf(db, "RJ-JD-AC-LNI");
      const mandore = await idOf(db, "RJ-JD-BL-MDR");
      expect(
        await attempt(() => db.updateTable("units").set({ parentId: luni }).where("id", "=", jd).execute()),
      ).toMatchObject({
        error: "units.errors.moveCycle",
      });
      expect(
        await attempt(() =>
          db.updateTable("units").set({ parentId: mandore }).where("id", "=", luni).execute(),
        ),
      ).toMatchObject({ error: "units.errors.moveLevel" });
      expect(
        await attempt(() => db.updateTable("units").set({ code: "RJ-UD" }).where("id", "=", jd).execute()),
      ).toMatchObject({ field: "code", error: "units.errors.codeTaken" });
      expect(
        await attempt(() => db.updateTable("units").set({ code: "bad code" }).where("id", "=", jd).execute()),
      ).toMatchObject({ field: "code", error: "units.errors.codeFormat" });
      expect(refusalOfUnitChange(new Error("something else"))).toBeNull();
    });
  });
});

describe("child counts at state size", () => {
  const testDb = useTestDatabase();

  it("counts the units below each child among ~51,000 booths through the path index", async () => {
    const { db } = testDb();
    await seedDemo(db);
    // 20 panchayats below each of the 15 demo assemblies, 170 booths below each panchayat: 51,000 booths.
    await sql`
      insert into units (parent_id, level, code, name_en, name_hi)
      select a.id, 'panchayat', a.code || '-P' || g, 'Panchayat ' || g, 'पंचायत ' || g
        from units a, generate_series(1, 20) g where a.level = 'assembly'`.execute(db);
    await sql`
      insert into units (parent_id, level, code, name_en, name_hi)
      select p.id, 'booth', p.code || '-B' || g, 'Booth ' || g, 'बूथ ' || g
        from units p, generate_series(1, 170) g where p.level = 'panchayat'`.execute(db);
    await sql`vacuum analyze units`.execute(db);
    const booths = await db
      .selectFrom("units")
      .select(sql<number>`count(*)`.as("n"))
      .where("level", "=", "booth")
      .executeTakeFirstOrThrow();
    expect(Number(booths.n)).toBe(51_000);

    const rj = await idOf(db, "RJ");
    await listChildUnits(db, { id: rj }, 1); // warm the connection and the cache: time the second run
    const started = performance.now();
    const top = await listChildUnits(db, { id: rj }, 1);
    const elapsed = performance.now() - started;
    // Jaipur: 3 assemblies, each with 20 panchayats and 3,400 booths, and 2 blocks.
    expect(top.rows.find((r) => r.code === "RJ-JP")?.unitsBelow).toBe(3 + 3 * (20 + 3400) + 2);
    expect(top.rows.reduce((sum, r) => sum + r.unitsBelow + 1, 0)).toBe(
      Number(
        (await db.selectFrom("units").select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow()).n,
      ) - 1,
    );

    // The same statement listChildUnits runs, under EXPLAIN ANALYZE.
    const explain = async (parentId: number) => {
      const plan = await sql<{ "QUERY PLAN": string }>`
        explain (analyze, buffers) select u.id, (select count(*) from units d
          where d.path operator(pg_catalog.~>~) u.path and d.path operator(pg_catalog.~<~) (left(u.path, -1) || '0')) as below
        from (select id, path, name_en from units where parent_id = ${parentId} order by name_en, id limit 50) u
        order by u.name_en, u.id`.execute(db);
      return plan.rows.map((r) => r["QUERY PLAN"]).join("\n");
    };
    const statePlan = await explain(rj);
    const assemblyPlan = await explain(await idOf(db, "RJ-JP-AC-SNG"));
    expect(statePlan).toMatch(/Index Only Scan using units_path_prefix_idx/);
    expect(statePlan).not.toMatch(/Seq Scan on units d/);
    const ms = (plan: string) => Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1]);
    console.log(
      `EXPLAIN ANALYZE child counts: state (5 districts, 51,324 units below) ${ms(statePlan)} ms; ` +
        `assembly (20 panchayats) ${ms(assemblyPlan)} ms; listChildUnits round trip ${elapsed.toFixed(1)} ms\n${statePlan}`,
    );
    expect(ms(statePlan)).toBeLessThan(500);

    // Search over the whole state stays quick too: each query's time, measured in the database.
    const timings: string[] = [];
    for (const q of ["जय", "जयपुर", "sanganer", "rj-ud-ac-udc-p1"]) {
      await searchUnits(db, { kind: "all" }, { q, page: 1 }); // warm the cache: time the second run
      const started = performance.now();
      const hits = await searchUnits(db, { kind: "all" }, { q, page: 1 });
      timings.push(`"${q}": ${hits.total} hits, ${(performance.now() - started).toFixed(1)} ms`);
      if (q === "जय" || q === "जयपुर") expect(hits.rows.map((r) => r.code)).toEqual(["RJ-JP"]);
      // P1 and P10–P19 with their booths.
      if (q.startsWith("rj")) expect(hits.total).toBe(11 + 11 * 170);
    }
    console.log(`search over 51,325 units: ${timings.join("; ")}`);
    const searchPlan = await sql<{ "QUERY PLAN": string }>`
      explain analyze select id from units where name_hi like '%जयपुर%' union select id from units where name_en like '%जयपुर%'`.execute(
      db,
    );
    expect(searchPlan.rows.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(/units_name_hi_trgm/);
  }, 120_000);
});
