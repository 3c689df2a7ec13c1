import postgres from "postgres";
import { performance } from "node:perf_hooks";
import { createScratchDatabase } from "#tests/support/scratch-database.ts";
import { seedDemo } from "#db/seed/demo.ts";
const s = await createScratchDatabase();
const pg = postgres(s.url, { max: 1, onnotice: () => {} });
try {
  await seedDemo(s.db);
  const phones = Array.from({ length: 100000 }, (_, i) => `+917${100000000 + i}`);
  for (let k = 0; k < 3; k++) {
    let t = performance.now();
    await pg`select count(*) from unnest(${phones}::text[])`;
    console.log("unnest count", performance.now() - t);
    t = performance.now();
    await pg`select p.id from unnest(${phones}::text[]) as k(phone) join appointees p on p.phone = k.phone`;
    console.log("join", performance.now() - t);
    t = performance.now();
    const r = await pg.unsafe(
      `explain analyze select p.id from unnest($1::text[]) as k(phone) join appointees p on p.phone = k.phone`,
      [phones],
    );
    console.log(r.map((x) => x["QUERY PLAN"]).join("\n"));
    const big = "x".repeat(11_000_000);
    t = performance.now();
    await pg`create temp table if not exists tt (c text)`;
    await pg`insert into tt values (${big})`;
    console.log("insert 11MB", performance.now() - t);
    t = performance.now();
    await pg`select c from tt limit 1`;
    console.log("select 11MB", performance.now() - t);
  }
} finally {
  await pg.end();
  await s.drop();
}
