// npm run seed:scale: the state-sized dataset (db/seed/scale.ts) for the report benchmarks. It goes into
// DATABASE_URL (migrated first; it must have no units yet) or, without it, into a new database on the
// server of BENCH_DATABASE_URL or TEST_DATABASE_URL, which is kept and printed.
import { randomBytes } from "node:crypto";
import { installJobQueue } from "#app/jobs/worker.server.ts";
import { createDb } from "#app/platform/db.server.ts";
import { adminQuery, databaseUrl } from "#tests/setup/database-url.ts";
import { migrateToLatest } from "./migrator.ts";
import { seedScale, stateScale } from "./seed/scale.ts";

const log = (message: string) => console.log(`seed:scale: ${message}`);

async function targetUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const adminUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    throw new Error(
      "set DATABASE_URL (an empty database to fill) or BENCH_DATABASE_URL (a server to create one on)",
    );
  }
  const name = `shivir_scale_${randomBytes(4).toString("hex")}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = databaseUrl(adminUrl, name);
  await installJobQueue(url);
  log(`created database ${name}`);
  return url;
}

let code = 0;
try {
  const url = await targetUrl();
  const db = createDb(url, { max: 2 });
  try {
    await migrateToLatest(db);
    const started = performance.now();
    const counts = await seedScale(db, { ...stateScale, log });
    log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(counts)}`);
    log(`DATABASE_URL=${url}`);
  } finally {
    await db.destroy();
  }
} catch (error) {
  console.error(`seed:scale: ${(error as Error)?.message ?? error}`);
  code = 1;
}
process.exit(code);
