// Once per test run: a PostgreSQL server (TEST_DATABASE_URL, else an embedded one in a temp directory) and a
// migrated template database that every test file clones.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { type EmbeddedDatabase, startEmbeddedDatabase } from "#db/embedded.ts";
import { migrateToLatest } from "#db/migrator.ts";
import { installJobQueue } from "#app/jobs/worker.server.ts";
import { createDb } from "#app/platform/db.server.ts";
import { adminQuery, databaseUrl } from "./database-url.ts";

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | undefined;
  let dataDir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    dataDir = mkdtempSync(path.join(tmpdir(), "shivir-test-pg-"));
    chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as "postgres" and must reach the data directory
    embedded = await startEmbeddedDatabase({ dataDir, database: "postgres", log: () => {} });
    adminUrl = embedded.url;
  }
  const templateDatabase = `shivir_tpl_${project.name}_${process.pid}`;
  try {
    await adminQuery(adminUrl, `drop database if exists ${templateDatabase}`);
    await adminQuery(adminUrl, `create database ${templateDatabase}`);
    const db = createDb(databaseUrl(adminUrl, templateDatabase), { max: 1 });
    try {
      await migrateToLatest(db);
      await installJobQueue(databaseUrl(adminUrl, templateDatabase));
    } finally {
      await db.destroy();
    }
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  project.provide("adminUrl", adminUrl);
  project.provide("templateDatabase", templateDatabase);

  return async () => {
    await adminQuery(adminUrl, `drop database if exists ${templateDatabase} with (force)`);
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
