// A fresh database for one test file, cloned from the migrated template, dropped when the file is done.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, inject } from "vitest";
import { createDb, type Database } from "#app/platform/db.server.ts";
import { adminQuery, databaseUrl } from "./database-url.ts";

export type TestDatabase = { db: Database; url: string; name: string };

export async function createTestDatabase(options: { template?: string | null } = {}): Promise<TestDatabase> {
  const adminUrl = inject("adminUrl");
  const template = options.template === undefined ? inject("templateDatabase") : options.template;
  const name = `shivir_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(
    adminUrl,
    template ? `create database ${name} template ${template}` : `create database ${name}`,
  );
  const url = databaseUrl(adminUrl, name);
  return { db: createDb(url, { max: 4 }), url, name };
}

export async function dropTestDatabase(test: TestDatabase): Promise<void> {
  await test.db.destroy();
  await adminQuery(inject("adminUrl"), `drop database if exists ${test.name} with (force)`);
}

/** Registers beforeAll/afterAll hooks and returns a getter for this file's database. */
export function useTestDatabase(options: { template?: string | null } = {}): () => TestDatabase {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await createTestDatabase(options);
  });
  afterAll(async () => {
    if (current) await dropTestDatabase(current);
  });
  return () => {
    if (!current) throw new Error("the test database is not ready yet (use it inside a test or hook)");
    return current;
  };
}
