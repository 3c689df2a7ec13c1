import { CamelCasePlugin, Kysely, type Transaction } from "kysely";
import { PostgresJSDialect } from "kysely-postgres-js";
import postgres from "postgres";
import type { DB } from "#db/types.ts";
import { ConfigError, getEnv } from "./env.server.ts";

export type Database = Kysely<DB>;
/** A handle inside a transaction: helpers that must run in their caller's transaction take this, so calling one
 * outside a transaction does not compile. */
export type Tx = Transaction<DB>;

/**
 * How long one statement may run, and how long a connection may sit idle inside an open transaction, before
 * PostgreSQL ends it (milliseconds; 0 turns a limit off). A stuck query or a transaction left open by a bug
 * then frees its connection and its locks instead of starving the pool on camp day. The portal's pools have
 * them (getDb in the web process and in workers, and graphile-worker's through withDatabaseTimeouts); pools
 * of tools that run long statements by design (seed:scale's million-row inserts, benches, migrations from
 * the command line, tests) are made without them unless they ask.
 */
export type DatabaseTimeouts = { statementTimeoutMs: number; idleInTransactionTimeoutMs: number };

// Two minutes: long enough for the largest single statement the portal runs by design (inviting a state-wide
// audience of ~520,000 people in one insert), short enough that a runaway query frees its connection.
export const DEFAULT_TIMEOUTS: DatabaseTimeouts = {
  statementTimeoutMs: 120_000,
  idleInTransactionTimeoutMs: 60_000,
};
const MAX_TIMEOUT_MS = 24 * 3_600_000;

/** The timeouts from DB_STATEMENT_TIMEOUT_MS and DB_IDLE_IN_TRANSACTION_TIMEOUT_MS; a bad value is a ConfigError. */
export function databaseTimeouts(source: Record<string, string | undefined> = process.env): DatabaseTimeouts {
  const read = (name: string, fallback: number) => {
    const raw = source[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value > MAX_TIMEOUT_MS)
      throw new ConfigError(
        `${name} must be a whole number of milliseconds up to ${MAX_TIMEOUT_MS} (0 turns it off)`,
      );
    return value;
  };
  return {
    statementTimeoutMs: read("DB_STATEMENT_TIMEOUT_MS", DEFAULT_TIMEOUTS.statementTimeoutMs),
    idleInTransactionTimeoutMs: read(
      "DB_IDLE_IN_TRANSACTION_TIMEOUT_MS",
      DEFAULT_TIMEOUTS.idleInTransactionTimeoutMs,
    ),
  };
}

/** The session settings every connection starts with (sent in the start-up message, so no extra round trip). */
function sessionSettings({ statementTimeoutMs, idleInTransactionTimeoutMs }: DatabaseTimeouts) {
  return {
    statement_timeout: statementTimeoutMs,
    idle_in_transaction_session_timeout: idleInTransactionTimeoutMs,
  };
}

/**
 * A connection string for node-postgres pools (graphile-worker's) that carries the same timeouts: pg reads
 * `statement_timeout` and `idle_in_transaction_session_timeout` from the query string. A value already in
 * the URL wins.
 */
export function withDatabaseTimeouts(url: string, timeouts: DatabaseTimeouts = databaseTimeouts()): string {
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(sessionSettings(timeouts))) {
    if (!parsed.searchParams.has(key)) parsed.searchParams.set(key, String(value));
  }
  return parsed.toString();
}

/** A pool; with `timeouts`, every connection starts with them (see DatabaseTimeouts). */
export function createDb(url: string, options: { max?: number; timeouts?: DatabaseTimeouts } = {}): Database {
  const { timeouts } = options;
  const sql = postgres(url, {
    max: options.max ?? 10,
    connect_timeout: 5,
    idle_timeout: 30,
    onnotice: () => {},
    connection: { application_name: "shivir", ...(timeouts && sessionSettings(timeouts)) },
    // bigint ids and counts stay far below 2^53: read them as numbers (db/types.ts maps int8 the same way).
    types: {
      int8: { to: 20, from: [20], serialize: (n: number) => String(n), parse: (s: string) => Number(s) },
      // A calendar date is a day, not an instant: keep "2026-12-09" (a Date would shift it by the time zone).
      date: { to: 1082, from: [1082], serialize: (d: string) => d, parse: (s: string) => s },
    },
  });
  return new Kysely<DB>({
    dialect: new PostgresJSDialect({
      // A value in the URL's query string is what the server gets (postgres.js lets it win).
      postgres: guardLostConnections(
        sql,
        Number(
          new URL(url).searchParams.get("idle_in_transaction_session_timeout") ??
            timeouts?.idleInTransactionTimeoutMs,
        ) || 0,
      ),
    }),
    plugins: [new CamelCasePlugin()],
  });
}

/**
 * An error after which postgres.js has closed (or is closing) the connection's socket: its own CONNECTION_CLOSED
 * and CONNECTION_DESTROYED, or a socket error (a "close" always follows one). A FATAL error from the server
 * is not one of them: postgres.js 3.4 reports a connection killed under a query as CONNECTION_CLOSED, and
 * hands the server's FATAL message to the next connection's first query, on a connection that is fine.
 */
export function isConnectionGone(error: unknown): boolean {
  const { code } = (error ?? {}) as { code?: unknown };
  return (
    code === "CONNECTION_CLOSED" ||
    code === "CONNECTION_DESTROYED" ||
    (typeof code === "string" &&
      ["ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNREFUSED", "EHOSTUNREACH"].includes(code))
  );
}

type ReservedSql = postgres.ReservedSql<Record<string, never>>;

/**
 * postgres.js 3.4 (porsager/postgres#1208) kills the process with an uncatchable TypeError when a query is
 * written to a reserved connection whose server side has gone (terminated, restarted, or ended by
 * idle_in_transaction_session_timeout), and a released dead connection poisons the pool for the next
 * query. Kysely reserves a connection for every query and transaction, so this guard sits between them:
 * - after a query on a reserved connection failed because the connection is gone (isConnectionGone), nothing
 *   more is written to it (a `rollback` is answered as done: the server rolled back when it closed), and it
 *   is not released into the pool (postgres.js moves it to its closed queue, from which it reconnects);
 * - a transaction idle for about the idle-in-transaction timeout (which the server ends by closing the
 *   connection) gets a catchable error instead of a write to a closed socket.
 * A connection that dies while its transaction waits for something else, before that timeout, is not
 * seen here; that needs the driver's fix.
 */
function guardLostConnections(sql: postgres.Sql, idleInTransactionTimeoutMs: number): postgres.Sql {
  // A little before the server's limit: the server counts from its last answer, this side from receiving it.
  const idleLimitMs =
    idleInTransactionTimeoutMs > 0
      ? idleInTransactionTimeoutMs - Math.min(2000, Math.max(20, idleInTransactionTimeoutMs * 0.05))
      : Number.POSITIVE_INFINITY;
  const reserve = async () => guardReserved(await sql.reserve(), idleLimitMs);
  return new Proxy(sql, {
    get(target, property, receiver) {
      return property === "reserve" ? reserve : Reflect.get(target, property, receiver);
    },
  });
}

function guardReserved(reserved: ReservedSql, idleLimitMs: number): ReservedSql {
  let lost: unknown = null;
  let inTransaction = false;
  let settledAt = performance.now();
  const settle = (text: string) => {
    settledAt = performance.now();
    if (/^\s*(begin|start\s+transaction)\b/i.test(text)) inTransaction = true;
    else if (/^\s*(commit|end|abort|rollback(?!\s+to\b))\b/i.test(text)) inTransaction = false;
  };
  const unsafe = (text: string, parameters?: unknown[], options?: object) => {
    if (!lost && inTransaction && performance.now() - settledAt >= idleLimitMs) {
      lost = Object.assign(
        new Error(
          `the transaction was idle for ${Math.round(performance.now() - settledAt)} ms, about the ` +
            "idle-in-transaction timeout (DB_IDLE_IN_TRANSACTION_TIMEOUT_MS): PostgreSQL ends such a connection",
        ),
        { code: "IDLE_IN_TRANSACTION_TIMEOUT" },
      );
    }
    if (lost) {
      // The server rolled back when the connection closed: a rollback has nothing left to do.
      if (/^\s*rollback\s*;?\s*$/i.test(text))
        return Promise.resolve(Object.assign([], { command: "ROLLBACK", count: 0 }));
      return Promise.reject(lost);
    }
    const query = reserved.unsafe(text, parameters as never, options);
    return new Proxy(query, {
      get(target, property) {
        if (property === "then") {
          return (onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) =>
            target
              .then(
                (result) => {
                  settle(text);
                  return result;
                },
                (error: unknown) => {
                  settle(text);
                  if (isConnectionGone(error)) lost = error;
                  throw error;
                },
              )
              .then(onFulfilled, onRejected);
        }
        const value = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  };
  return new Proxy(reserved, {
    get(target, property, receiver) {
      if (property === "unsafe") return unsafe;
      // postgres.js has already taken a lost connection out of use; releasing it would put it back.
      if (property === "release") return () => void (lost || target.release());
      return Reflect.get(target, property, receiver);
    },
  });
}

// The Remix server build and server.ts both load this module; one pool per process, kept on globalThis.
const globalForDb = globalThis as unknown as { __shivirDb?: Database };

export function getDb(): Database {
  if (!globalForDb.__shivirDb) {
    const url = getEnv().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: the server starts the embedded database first");
    globalForDb.__shivirDb = createDb(url, { timeouts: databaseTimeouts() });
  }
  return globalForDb.__shivirDb;
}

/**
 * Closes the process's pool. Bounded: postgres.js 3.4 waits forever to end a connection that was killed under
 * a statement and not used since, and a shutdown must not hang on it.
 */
export async function closeDb(waitMs = 5000) {
  const db = globalForDb.__shivirDb;
  globalForDb.__shivirDb = undefined;
  if (!db) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    db.destroy(),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}
