// A throwaway, migrated database outside vitest (benchmarks and seed scripts): on BENCH_DATABASE_URL or
// TEST_DATABASE_URL's server if set, else on an embedded PostgreSQL in a temporary directory.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { installJobQueue } from "#app/jobs/worker.server.ts";
import { createDb, type Database } from "#app/platform/db.server.ts";
import { startEmbeddedDatabase } from "#db/embedded.ts";
import { migrateToLatest } from "#db/migrator.ts";
import { adminQuery, databaseUrl } from "#tests/setup/database-url.ts";

export type ScratchDatabase = { db: Database; url: string; drop: () => Promise<void> };

export async function createScratchDatabase(): Promise<ScratchDatabase> {
  let adminUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  let stopEmbedded = async () => {};
  if (!adminUrl) {
    const dataDir = mkdtempSync(path.join(tmpdir(), "shivir-scratch-"));
    chmodSync(dataDir, 0o755);
    const embedded = await startEmbeddedDatabase({ dataDir, database: "postgres", log: () => {} });
    adminUrl = embedded.url;
    stopEmbedded = async () => {
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const name = `shivir_scratch_${randomBytes(5).toString("hex")}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = databaseUrl(adminUrl, name);
  const db = createDb(url, { max: 4 });
  await migrateToLatest(db);
  await installJobQueue(url);
  return {
    db,
    url,
    drop: async () => {
      await db.destroy();
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
      await stopEmbedded();
    },
  };
}
