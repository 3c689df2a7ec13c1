import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { confirmImport, previewImport } from "#app/models/csv-import.server.ts";
import { formatCsvRows, UTF8_BOM } from "#app/utils/csv.ts";
import { seedDemo } from "#db/seed/demo.ts";
import { createScratchDatabase } from "#tests/support/scratch-database.ts";
const N = 100000;
const scratch = await createScratchDatabase();
const pg = postgres(scratch.url, { max: 1 });
const serverCpu = async () => {
  const r = await pg`select sum(total_exec_time) as t from pg_stat_statements`.catch(() => [{ t: -1 }]);
  return r[0]!.t;
};
try {
  await seedDemo(scratch.db);
  const codes = (
    await scratch.db
      .selectFrom("committees")
      .innerJoin("units", "units.id", "committees.unitId")
      .select("units.code")
      .execute()
  ).map((c) => c.code);
  const admin = await scratch.db.selectFrom("staffUsers").select("id").executeTakeFirstOrThrow();
  const rows = Array.from({ length: N }, (_, i) => [
    `Ramesh Sharma ${i}`,
    "रमेश शर्मा",
    `7${String(100000000 + i)}`,
    i % 5 === 4 ? null : `p.${i}@x.example.in`,
    "hi",
    codes[i % codes.length]!,
    "member",
  ]);
  const csv =
    UTF8_BOM +
    formatCsvRows([
      ["name", "name_hi", "phone", "email", "preferred_language", "committee", "designation"],
      ...rows,
    ]);
  const actor = { staffId: admin.id, role: "admin" as const, scope: { kind: "all" as const } };
  let t = performance.now();
  let c = process.cpuUsage();
  const lap = (l: string) => {
    const d = process.cpuUsage(c);
    console.log(
      l,
      "wall",
      Math.round(performance.now() - t),
      "js cpu",
      Math.round((d.user + d.system) / 1000),
    );
    t = performance.now();
    c = process.cpuUsage();
  };
  const p = await previewImport(scratch.db, actor, {
    kind: "appointees",
    filename: "x.csv",
    content: new TextEncoder().encode(csv),
  });
  lap("preview");
  if (p.status !== "previewed") throw new Error("x");
  const r = await confirmImport(scratch.db, actor, p.importId);
  lap("confirm " + r.status);
} finally {
  await pg.end();
  await scratch.drop();
}
