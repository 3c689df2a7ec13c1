import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import postgres from "postgres";
import { confirmImport, previewImport } from "#app/models/imports/csv-import.server.ts";
import { formatCsvRows, UTF8_BOM } from "#app/models/imports/csv.ts";
import { seedDemo } from "#db/seed/demo.ts";
import { createScratchDatabase } from "#tests/support/scratch-database.ts";
import type { Bench } from "./run.ts";

// 100,000 new office-bearers through the import's own code path (decode, parse, preview validation and
// store, then confirm: validate again and apply in one transaction), in rows/s, divided by the rows/s of a
// plain `COPY appointees … FROM STDIN` of the same people into the same (emptied) table in the same run.
const ROWS = 100_000;

const given = [
  ["Ramesh", "रमेश"],
  ["Sunita", "सुनीता"],
  ["Mahesh", "महेश"],
  ["Kavita", "कविता"],
  ["Om Prakash", "ओम प्रकाश"],
  ["Geeta", "गीता"],
  ["Bhanwar", "भंवर"],
] as const;
const family = [
  ["Sharma", "शर्मा"],
  ["Meena", "मीणा"],
  ["Rathore", "राठौड़"],
  ["Choudhary", "चौधरी"],
  ["Saini", "सैनी"],
] as const;

type Person = { name: string; nameHi: string; phone: string; email: string | null; language: "hi" | "en" };

function person(i: number): Person {
  const [g, gHi] = given[i % given.length]!;
  const [f, fHi] = family[Math.floor(i / given.length) % family.length]!;
  return {
    name: `${g} ${f} ${i}`,
    nameHi: `${gHi} ${fHi}`,
    phone: `+917${String(100_000_000 + i).padStart(9, "0")}`,
    email: i % 5 === 4 ? null : `person.${i}@bench.example.in`,
    language: i % 3 === 0 ? "en" : "hi",
  };
}

export default {
  figures: ["import_ratio", "import_rows_per_s"],
  async run() {
    const scratch = await createScratchDatabase();
    const copyClient = postgres(scratch.url, { max: 1, onnotice: () => {} });
    try {
      const people = Array.from({ length: ROWS }, (_, i) => person(i));

      // Baseline: COPY into the empty table (same indexes and constraints the import meets).
      const copyText = (p: Person) =>
        `${p.name}\t${p.nameHi}\t${p.phone}\t${p.email ?? "\\N"}\t${p.language}\n`;
      const chunks: string[] = [];
      for (let i = 0; i < ROWS; i += 10_000)
        chunks.push(
          people
            .slice(i, i + 10_000)
            .map(copyText)
            .join(""),
        );
      const copyStart = performance.now();
      const writable =
        await copyClient`copy appointees (name, name_hi, phone, email, preferred_language) from stdin`.writable();
      await pipeline(Readable.from(chunks), writable);
      const copySeconds = (performance.now() - copyStart) / 1000;
      const copied = await sql<{ n: number }>`select count(*)::int as n from appointees`.execute(scratch.db);
      if (copied.rows[0]?.n !== ROWS) throw new Error(`COPY stored ${copied.rows[0]?.n} rows`);
      await sql`truncate appointees restart identity cascade`.execute(scratch.db);
      await sql`vacuum analyze appointees`.execute(scratch.db);

      // The import, on the demo organisation: people spread over its committees.
      await seedDemo(scratch.db);
      const committees = (
        await scratch.db
          .selectFrom("committees")
          .innerJoin("units", "units.id", "committees.unitId")
          .select("units.code")
          .orderBy("committees.id")
          .execute()
      ).map((c) => c.code);
      const admin = await scratch.db.selectFrom("staffUsers").select("id").executeTakeFirstOrThrow();
      const csv =
        UTF8_BOM +
        formatCsvRows([
          ["name", "name_hi", "phone", "email", "preferred_language", "committee", "designation"],
          ...people.map((p, i) => [
            p.name,
            p.nameHi,
            p.phone.slice(3), // as typed: ten digits
            p.email,
            p.language,
            committees[i % committees.length]!,
            "member",
          ]),
        ]);
      const bytes = new TextEncoder().encode(csv);
      const actor = { staffId: admin.id, role: "admin" as const, scope: { kind: "all" as const } };

      const importStart = performance.now();
      const previewed = await previewImport(scratch.db, actor, {
        kind: "appointees",
        filename: "bench.csv",
        content: bytes,
      });
      const previewSeconds = (performance.now() - importStart) / 1000;
      if (!previewed.ok || previewed.summary.errorCount > 0) {
        throw new Error(`preview failed: ${JSON.stringify(previewed).slice(0, 500)}`);
      }
      const confirmed = await confirmImport(scratch.db, actor, previewed.importId);
      const importSeconds = (performance.now() - importStart) / 1000;
      if (!confirmed.ok || confirmed.summary.counts.create !== ROWS) {
        throw new Error(`import failed: ${JSON.stringify(confirmed).slice(0, 500)}`);
      }
      const stored = await sql<{ people: number; appointments: number }>`
        select (select count(*)::int from appointees where phone like '+917%') as people,
               (select count(*)::int from appointments a join appointees p on p.id = a.appointee_id
                 where p.phone like '+917%') as appointments`.execute(scratch.db);
      if (stored.rows[0]?.people !== ROWS || stored.rows[0]?.appointments !== ROWS) {
        throw new Error(`import stored ${JSON.stringify(stored.rows[0])}`);
      }

      const copyRate = ROWS / copySeconds;
      const importRate = ROWS / importSeconds;
      console.log(
        `import: ${ROWS} rows (${(bytes.length / 1e6).toFixed(1)} MB) in ${importSeconds.toFixed(2)} s ` +
          `(preview ${previewSeconds.toFixed(2)} s, confirm ${(importSeconds - previewSeconds).toFixed(2)} s); ` +
          `COPY of the same people ${copySeconds.toFixed(2)} s`,
      );
      return [
        { name: "import_ratio", value: importRate / copyRate, unit: "ratio" },
        { name: "import_rows_per_s", value: importRate, unit: "rows/s" },
      ];
    } finally {
      await copyClient.end();
      await scratch.drop();
    }
  },
} satisfies Bench;
