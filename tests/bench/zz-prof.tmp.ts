import { CamelCasePlugin, Kysely, sql } from "kysely";
import { PostgresJSDialect } from "kysely-postgres-js";
import postgres from "postgres";
import { performance } from "node:perf_hooks";
import { confirmImport, previewImport } from "#app/models/csv-import.server.ts";
import { formatCsvRows, UTF8_BOM } from "#app/utils/csv.ts";
import { seedDemo } from "#db/seed/demo.ts";
import { createScratchDatabase } from "#tests/support/scratch-database.ts";
const N = Number(process.env.N ?? 20000);
const scratch = await createScratchDatabase();
const db = new Kysely<any>({
  dialect: new PostgresJSDialect({
    postgres: postgres(scratch.url, {
      max: 4,
      onnotice: () => {},
      types: {
        int8: { to: 20, from: [20], serialize: (n: number) => String(n), parse: (s: string) => Number(s) },
      },
    }),
  }),
  plugins: [new CamelCasePlugin()],
  log(e) {
    if (e.queryDurationMillis > 20)
      console.log(Math.round(e.queryDurationMillis), e.query.sql.replace(/\s+/g, " ").slice(0, 120));
  },
});
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
  const p = await previewImport(db, actor, {
    kind: "appointees",
    filename: "x.csv",
    content: new TextEncoder().encode(csv),
  });
  console.log("preview", performance.now() - t);
  t = performance.now();
  if (p.status !== "previewed") throw new Error("x");
  const c = await confirmImport(db, actor, p.importId);
  console.log("confirm", performance.now() - t, c.status);
} finally {
  await db.destroy();
  await scratch.drop();
}
