import postgres from "postgres";
import { createScratchDatabase } from "#tests/support/scratch-database.ts";
import { seedDemo } from "#db/seed/demo.ts";
const s = await createScratchDatabase();
const pg = postgres(s.url, { max: 1, onnotice: () => {} });
const N = 50000;
try {
  await seedDemo(s.db);
  const ppl = Array.from({ length: N }, (_, i) => ({
    name: `Ramesh Sharma ${i}`,
    hi: "रमेश शर्मा",
    phone: `+917${100000000 + i}`,
    email: `p.${i}@x.in`,
    lang: "hi",
  }));
  const cids = (await pg`select id from committees`).map((r) => Number(r.id));
  await pg
    .begin(async (tx) => {
      const ex = async (q: string, params: any[]) =>
        (await tx.unsafe("explain (analyze, buffers, timing off) " + q, params))
          .map((r: any) => r["QUERY PLAN"])
          .join("\n");
      console.log(
        await ex(
          `insert into appointees (name, name_hi, phone, email, preferred_language) select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])`,
          [
            ppl.map((p) => p.name),
            ppl.map((p) => p.hi),
            ppl.map((p) => p.phone),
            ppl.map((p) => p.email),
            ppl.map((p) => p.lang),
          ],
        ),
      );
      const ids = (await tx`select id from appointees where phone like '+917%' order by id`).map((r) =>
        Number(r.id),
      );
      console.log(
        await ex(
          `insert into appointments (appointee_id, committee_id, designation) select * from unnest($1::int8[], $2::int8[], $3::text[])`,
          [ids, ids.map((_, i) => cids[i % cids.length]), ids.map(() => "member")],
        ),
      );
      throw new Error("rollback");
    })
    .catch((e) => console.log(e.message));
} finally {
  await pg.end();
  await s.drop();
}
