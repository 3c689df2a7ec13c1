// The scale dataset, built small: the same set-based statements, the triggers' summary matching a recount,
// and the proportions the benchmarks rely on.
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getRollup } from "#app/models/reports/report.server.ts";
import { flushTraining } from "#app/models/reports/training-summary.server.ts";
import { recountTraining } from "#tests/support/report-fixture.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { type ScaleCounts, seedScale } from "./scale.ts";

describe("the scale seed, small", () => {
  const testDb = useTestDatabase();
  let counts: ScaleCounts;

  beforeAll(async () => {
    counts = await seedScale(testDb().db, { districts: 3, assembliesPerDistrict: 2, boothsPerAssembly: 12 });
  }, 60_000);

  it("builds the tree, committees, people, events and attendance", async () => {
    expect(counts.units).toBe(1 + 3 + 6 + 72);
    expect(counts.committees).toBe(counts.units);
    // Every assembly committee's ten members also sit on a booth committee.
    expect(counts.appointments - counts.appointees).toBe(6 * 10);
    // 3 camps, 1 convention, 1 cancelled camp, 3 upcoming camps, 1 draft.
    expect(counts.events).toBe(9);
    expect(counts.walkIns).toBe(3 * 8);
    // A mark per attendance row, plus the undone, doubled and re-marked ones.
    expect(counts.marks / counts.attendance).toBeGreaterThan(1.15);
    expect(counts.marks / counts.attendance).toBeLessThan(1.35);
    const { rows } = await sql<{ registered: number; present: number }>`
      select (select count(*)::int from registrations where status = 'registered') as registered,
             (select count(*)::int from attendance where present) as present`.execute(testDb().db);
    expect(rows[0]!.present).toBeGreaterThan(rows[0]!.registered);
  });

  it("leaves the summary the triggers keep equal to a recount, and the roll-up adds up", async () => {
    const db = testDb().db;
    await flushTraining(db);
    const summary = await db
      .selectFrom("committeeTraining")
      .select(["committeeId", "unitPath", "members", "trained"])
      .orderBy("committeeId")
      .execute();
    const recount = await recountTraining(db);
    expect(summary).toEqual(recount);
    const rollup = await getRollup(db, { kind: "all" }, null);
    expect(rollup.totals.members).toBe(counts.appointments);
    expect(rollup.totals.trained).toBe(recount.reduce((n, r) => n + r.trained, 0));
    expect(rollup.totals.trained).toBeGreaterThan(0);
    expect(rollup.children).toHaveLength(3);
  });
});
