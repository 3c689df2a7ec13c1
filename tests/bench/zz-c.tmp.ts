import postgres from "postgres";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { performance } from "node:perf_hooks";
import { createScratchDatabase } from "#tests/support/scratch-database.ts";
const s = await createScratchDatabase();
const pg = postgres(s.url, { max: 1, onnotice: () => {} });
const N = 100000;
const ppl = Array.from({ length: N }, (_, i) => ({
  name: `Ramesh Sharma ${i}`,
  hi: "रमेश शर्मा",
  phone: `+917${100000000 + i}`,
  email: `p.${i}@x.in`,
  lang: "hi",
}));
try {
  for (let k = 0; k < 2; k++) {
    await pg`truncate appointees restart identity cascade`;
    let t = performance.now();
    const w =
      await pg`copy appointees (name, name_hi, phone, email, preferred_language) from stdin`.writable();
    await pipeline(
      Readable.from([ppl.map((p) => `${p.name}\t${p.hi}\t${p.phone}\t${p.email}\t${p.lang}\n`).join("")]),
      w,
    );
    console.log("copy", Math.round(performance.now() - t));
    await pg`truncate appointees restart identity cascade`;
    t = performance.now();
    await pg.begin(async (tx) => {
      for (let i = 0; i < N; i += 10000) {
        const part = ppl.slice(i, i + 10000);
        await tx`insert into appointees (name, name_hi, phone, email, preferred_language) select * from unnest(${part.map((p) => p.name)}::text[], ${part.map((p) => p.hi)}::text[], ${part.map((p) => p.phone)}::text[], ${part.map((p) => p.email)}::text[], ${part.map((p) => p.lang)}::text[]) returning id, phone, email`;
      }
    });
    console.log("unnest", Math.round(performance.now() - t));
    await pg`truncate appointees restart identity cascade`;
    t = performance.now();
    await pg.begin(async (tx) => {
      for (let i = 0; i < N; i += 50000) {
        const part = ppl.slice(i, i + 50000);
        await tx`insert into appointees (name, name_hi, phone, email, preferred_language) select * from unnest(${part.map((p) => p.name)}::text[], ${part.map((p) => p.hi)}::text[], ${part.map((p) => p.phone)}::text[], ${part.map((p) => p.email)}::text[], ${part.map((p) => p.lang)}::text[])`;
      }
    });
    console.log("unnest50k-noreturn", Math.round(performance.now() - t));
  }
  const u = await pg`select count(*) from appointees`;
  console.log(u);
} finally {
  await pg.end();
  await s.drop();
}
