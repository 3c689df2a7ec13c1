// The roll-up report on a state-sized dataset (db/seed/scale.ts: 52,000 booth committees, ~515,000
// office-bearers, ~2,000,000 attendance marks): the median time of the model call behind /reports for an
// admin (the whole state, by district) and for a district organiser (their district, by assembly).
// The dataset takes minutes to build; set SCALE_DATABASE_URL to a database `npm run seed:scale` filled to
// measure again without rebuilding it.
import { performance } from "node:perf_hooks";
import { getRollup } from "#app/models/reports/report.server.ts";
import type { Scope } from "#app/models/organisation/scope.server.ts";
import { createDb, type Database } from "#app/platform/db.server.ts";
import { seedScale, stateScale } from "#db/seed/scale.ts";
import { createScratchDatabase } from "#tests/support/scratch-database.ts";
import type { Bench } from "./run.ts";

const RUNS = 15;

async function median(run: () => Promise<unknown>): Promise<number> {
  await run(); // warm the cache and the connection
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function measure(db: Database) {
  const district = await db
    .selectFrom("units")
    .select(["id", "path"])
    .where("code", "=", "SS-D01")
    .executeTakeFirstOrThrow();
  const all: Scope = { kind: "all" };
  const organiser: Scope = { kind: "subtree", unitId: district.id, path: district.path };
  const state = await getRollup(db, all, null);
  const mine = await getRollup(db, organiser, null);
  if (state.children.length !== stateScale.districts || state.totals.committees < 52_000) {
    throw new Error(`unexpected state roll-up: ${JSON.stringify(state.totals)}`);
  }
  console.log(
    `report: state ${state.totals.committees} committees, ${state.totals.members} members, ` +
      `${state.totals.trained} trained; district ${mine.totals.committees} committees`,
  );
  return [
    { name: "report_state_ms", value: await median(() => getRollup(db, all, null)), unit: "ms" },
    { name: "report_district_ms", value: await median(() => getRollup(db, organiser, null)), unit: "ms" },
  ];
}

export default {
  figures: ["report_state_ms", "report_district_ms"],
  async run() {
    const given = process.env.SCALE_DATABASE_URL;
    if (given) {
      const db = createDb(given, { max: 2 });
      try {
        return await measure(db);
      } finally {
        await db.destroy();
      }
    }
    const scratch = await createScratchDatabase();
    try {
      const start = performance.now();
      await seedScale(scratch.db, stateScale);
      console.log(`report: built the scale dataset in ${((performance.now() - start) / 1000).toFixed(0)} s`);
      return await measure(scratch.db);
    } finally {
      await scratch.drop();
    }
  },
} satisfies Bench;
