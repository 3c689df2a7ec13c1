import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { getOrganisationOverview, listSubtreeUnits } from "./unit.server.ts";

describe("the unit tree", () => {
  const testDb = useTestDatabase();

  async function addUnit(parentId: number | null, level: string, code: string) {
    const row = await testDb()
      .db.insertInto("units")
      .values({ parentId, level: level as "state", code, nameEn: code, nameHi: `${code} हि` })
      .returning(["id", "path", "depth"])
      .executeTakeFirstOrThrow();
    return row;
  }

  it("derives paths in the database and answers subtree queries", async () => {
    const state = await addUnit(null, "state", "ST");
    const d1 = await addUnit(state.id, "district", "D1");
    const d2 = await addUnit(state.id, "district", "D2");
    const a1 = await addUnit(d1.id, "assembly", "D1-A1");
    const b1 = await addUnit(a1.id, "block", "D1-A1-B1");
    await addUnit(d2.id, "assembly", "D2-A1");

    expect(state.path).toBe(`/${state.id}/`);
    expect(b1.path).toBe(`/${state.id}/${d1.id}/${a1.id}/${b1.id}/`);
    expect(b1.depth).toBe(3);

    const subtree = await listSubtreeUnits(testDb().db, d1.id);
    expect(subtree.map((u) => u.code)).toEqual(["D1", "D1-A1", "D1-A1-B1"]);
    expect(await listSubtreeUnits(testDb().db, 999_999)).toEqual([]);

    // Moving an assembly to another district moves its whole subtree.
    await testDb().db.updateTable("units").set({ parentId: d2.id }).where("id", "=", a1.id).execute();
    expect((await listSubtreeUnits(testDb().db, d1.id)).map((u) => u.code)).toEqual(["D1"]);
    expect((await listSubtreeUnits(testDb().db, d2.id)).map((u) => u.code)).toEqual([
      "D2",
      "D1-A1",
      "D2-A1",
      "D1-A1-B1",
    ]);
    const moved = await testDb()
      .db.selectFrom("units")
      .select(["path", "depth"])
      .where("id", "=", b1.id)
      .executeTakeFirstOrThrow();
    expect(moved).toEqual({ path: `/${state.id}/${d2.id}/${a1.id}/${b1.id}/`, depth: 3 });
  });

  it("refuses trees that break the level order or loop", async () => {
    const { db } = testDb();
    const root = await db.selectFrom("units").select("id").where("code", "=", "ST").executeTakeFirstOrThrow();
    const district = await db
      .selectFrom("units")
      .select("id")
      .where("code", "=", "D2")
      .executeTakeFirstOrThrow();
    const block = await db
      .selectFrom("units")
      .select("id")
      .where("code", "=", "D1-A1-B1")
      .executeTakeFirstOrThrow();
    await expect(addUnit(block.id, "district", "BAD-1")).rejects.toThrow(/cannot sit below/);
    await expect(addUnit(null, "district", "BAD-2")).rejects.toThrow(/units_root_is_state/);
    await expect(
      db.updateTable("units").set({ parentId: block.id }).where("id", "=", district.id).execute(),
    ).rejects.toThrow(/descendant|cannot sit below/);
    await expect(
      db.updateTable("units").set({ level: "booth" }).where("id", "=", district.id).execute(),
    ).rejects.toThrow(/has children/);
    await expect(addUnit(root.id, "district", "lower-case")).rejects.toThrow(/units_code_check/);
    await expect(addUnit(root.id, "district", "D1")).rejects.toThrow(/units_code_key/);
  });

  it("finds a subtree among 52,000 booths through the path index", async () => {
    const { db } = testDb();
    const root = await db
      .selectFrom("units")
      .select(["id", "path"])
      .where("code", "=", "ST")
      .executeTakeFirstOrThrow();
    const districts = await db
      .insertInto("units")
      .values(
        Array.from({ length: 10 }, (_, i) => ({
          parentId: root.id,
          level: "district" as const,
          code: `BIG-${i}`,
          nameEn: `Big ${i}`,
          nameHi: `बड़ा ${i}`,
        })),
      )
      .returning("id")
      .execute();
    // 5,200 booths under each of 10 districts, inserted by the database itself.
    await sql`
      insert into units (parent_id, level, code, name_en, name_hi)
      select d.id, 'booth', 'BIG-' || d.id || '-' || g, 'Booth ' || g, 'बूथ ' || g
        from unnest(${sql.val(districts.map((d) => d.id))}::bigint[]) as d(id), generate_series(1, 5200) g`.execute(
      db,
    );
    await sql`analyze units`.execute(db);

    const one = districts[3]!.id;
    const subtree = await listSubtreeUnits(db, one);
    expect(subtree).toHaveLength(5201);
    expect(subtree.every((u) => u.id === one || u.level === "booth")).toBe(true);

    const path = (await db.selectFrom("units").select("path").where("id", "=", one).executeTakeFirstOrThrow())
      .path;
    const plan = await sql<{ "QUERY PLAN": string }>`
      explain select id from units where path like ${`${path}%`}`.execute(db);
    expect(plan.rows.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(/units_path_prefix_idx/);
  });

  it("enforces committee, appointee and staff constraints in the database", async () => {
    const { db } = testDb();
    const unit = await db.selectFrom("units").select("id").where("code", "=", "D2").executeTakeFirstOrThrow();
    await expect(
      db
        .insertInto("committees")
        .values({ unitId: unit.id, nameEn: "x", nameHi: "x", seatQuota: 0 })
        .execute(),
    ).rejects.toThrow(/seat_quota/);
    await expect(
      db
        .insertInto("committees")
        .values({ unitId: unit.id, nameEn: "x", nameHi: "x", seatQuota: 5, status: "formed" })
        .execute(),
    ).rejects.toThrow(/committees_formed_at_iff_formed/);
    await db
      .insertInto("appointees")
      .values({ name: "Kailash", phone: "+919812345678", email: "k@example.in" })
      .execute();
    await expect(
      db.insertInto("appointees").values({ name: "Someone", phone: "+919812345678" }).execute(),
    ).rejects.toThrow(/appointees_phone_key/);
    await expect(
      db.insertInto("appointees").values({ name: "Someone", email: "k@example.in" }).execute(),
    ).rejects.toThrow(/appointees_email_key/);
    await expect(db.insertInto("appointees").values({ name: "X", phone: "98123" }).execute()).rejects.toThrow(
      /appointees_phone_check/,
    );
    await expect(
      db.insertInto("appointees").values({ name: "X", email: "K@Example.in" }).execute(),
    ).rejects.toThrow(/appointees_email_check/);
    await expect(db.insertInto("appointees").values({ name: "  " }).execute()).rejects.toThrow(
      /appointees_name_check/,
    );
    await expect(
      db
        .insertInto("staffUsers")
        .values({ email: "org@example.in", name: "Org", role: "organiser" })
        .execute(),
    ).rejects.toThrow(/staff_organiser_has_scope/);
  });

  it("summarises the top level for the home page", async () => {
    const overview = await getOrganisationOverview(testDb().db);
    expect(overview?.root.code).toBe("ST");
    expect(overview?.topUnits.map((u) => u.code)).toContain("D2");
  });
});
