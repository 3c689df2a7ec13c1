import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { createMigrator, migrateDown, migrateToLatest } from "./migrator.ts";

const expectedTables = [
  "designations",
  "level_settings",
  "csv_imports",
  "emails",
  "email_events",
  "mail_rate",
  "sign_in_tokens",
  "staff_sessions",
  "rate_limits",
  "appointees",
  "appointments",
  "audit_log",
  "committees",
  "staff_users",
  "units",
];

async function tables(db: Parameters<typeof migrateToLatest>[0]) {
  const result = await sql<{ tablename: string }>`
    select tablename from pg_tables where schemaname = 'public' and tablename not like 'kysely_%' order by 1`.execute(
    db,
  );
  return result.rows.map((r) => r.tablename);
}

describe("migrations", () => {
  // An empty database, not the migrated template.
  const testDb = useTestDatabase({ template: null });

  it("go all the way up, all the way down, and up again", async () => {
    const { db } = testDb();
    const applied = await migrateToLatest(db);
    expect(applied.length).toBeGreaterThan(0);
    expect(await tables(db)).toEqual(expect.arrayContaining(expectedTables));
    expect(await migrateToLatest(db)).toEqual([]);

    const all = await createMigrator(db).getMigrations();
    for (let i = 0; i < all.length; i++) await migrateDown(db);
    expect(await tables(db)).toEqual([]);
    const functions = await sql<{ n: number }>`
      select count(*)::int as n from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public'
         and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`.execute(db);
    expect(functions.rows[0]?.n).toBe(0);

    expect(await migrateToLatest(db)).toEqual(applied);
    expect(await tables(db)).toEqual(expect.arrayContaining(expectedTables));
  });

  it("have dated names in order", async () => {
    const { db } = testDb();
    const names = (await createMigrator(db).getMigrations()).map((m) => m.name);
    for (const name of names) expect(name).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}_[a-z0-9-_]+$/);
    expect([...names].sort()).toEqual(names);
  });
});
