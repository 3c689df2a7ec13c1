import { CamelCasePlugin, Kysely, type Transaction } from "kysely";
import { PostgresJSDialect } from "kysely-postgres-js";
import postgres from "postgres";
import type { DB } from "#db/types.ts";
import { getEnv } from "./env.server.ts";

export type Database = Kysely<DB>;
/** A handle inside a transaction: helpers that must run in their caller's transaction take this, so calling one
 * outside a transaction does not compile. */
export type Tx = Transaction<DB>;

export function createDb(url: string, options: { max?: number } = {}): Database {
  const sql = postgres(url, {
    max: options.max ?? 10,
    connect_timeout: 5,
    idle_timeout: 30,
    onnotice: () => {},
    connection: { application_name: "shivir" },
    // bigint ids and counts stay far below 2^53: read them as numbers (db/types.ts maps int8 the same way).
    types: {
      int8: { to: 20, from: [20], serialize: (n: number) => String(n), parse: (s: string) => Number(s) },
    },
  });
  return new Kysely<DB>({
    dialect: new PostgresJSDialect({ postgres: sql }),
    plugins: [new CamelCasePlugin()],
  });
}

// The Remix server build and server.ts both load this module; one pool per process, kept on globalThis.
const globalForDb = globalThis as unknown as { __shivirDb?: Database };

export function getDb(): Database {
  if (!globalForDb.__shivirDb) {
    const url = getEnv().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: the server starts the embedded database first");
    globalForDb.__shivirDb = createDb(url);
  }
  return globalForDb.__shivirDb;
}

export async function closeDb() {
  const db = globalForDb.__shivirDb;
  globalForDb.__shivirDb = undefined;
  await db?.destroy();
}
