import type { Kysely, MigrationResultSet } from "kysely";
import { Migrator } from "kysely";
import { migrations } from "./migrations/index.ts";

export function createMigrator(db: Kysely<any>) {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: "kysely_migration",
    migrationLockTableName: "kysely_migration_lock",
  });
}

function unwrap({ error, results }: MigrationResultSet) {
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(failed ? `migration ${failed.migrationName} failed: ${cause}` : cause);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Applies every pending migration; returns the names applied. Safe to run from several processes at once. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return unwrap(await createMigrator(db).migrateToLatest());
}

/** Rolls back the newest migration; returns its name. */
export async function migrateDown(db: Kysely<any>): Promise<string[]> {
  return unwrap(await createMigrator(db).migrateDown());
}
