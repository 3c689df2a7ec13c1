import { makeWorkerUtils } from "graphile-worker";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { ConfigError, resetEnvCache } from "./env.server.ts";
import {
  closeDb,
  createDb,
  DEFAULT_TIMEOUTS,
  type Database,
  databaseTimeouts,
  getDb,
  withDatabaseTimeouts,
} from "./db.server.ts";

// A backend killed under a statement: postgres.js reports the close, or the socket reset (RST) on Linux.
const connectionGone = expect.stringMatching(/^(CONNECTION_CLOSED|ECONNRESET)$/);

// The CamelCasePlugin renames the result's column; the one value is all that matters.
const show = async (db: Database, setting: string) =>
  Object.values((await sql<Record<string, string>>`${sql.raw(`show ${setting}`)}`.execute(db)).rows[0]!)[0];

/**
 * The pool serves statements again. postgres.js 3.4 hands a killed backend's FATAL message to the first
 * statement of the reconnected connection (57P01 "terminating connection due to administrator command"),
 * so that one may fail; the pool must neither hang nor crash, and every later statement works.
 */
async function expectPoolServes(db: Database) {
  const first = await sql<{ one: number }>`select 1 as one`.execute(db).then(
    (result) => result.rows,
    (error: { code?: string }) => error.code,
  );
  expect([[{ one: 1 }], "57P01"]).toContainEqual(first);
  for (let i = 0; i < 3; i++)
    expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows).toEqual([{ one: 1 }]);
}

async function withPool<T>(db: Database, work: (db: Database) => Promise<T>) {
  try {
    return await work(db);
  } finally {
    // postgres.js 3.4 never finishes ending a connection killed under a statement and not used since.
    await Promise.race([db.destroy(), new Promise((resolve) => setTimeout(resolve, 1000))]);
  }
}

describe("the pools' timeouts", () => {
  const testDb = useTestDatabase();

  /** Runs `work` with the portal's own pool (getDb) made under `env`, then puts everything back. */
  async function withPortalPool(env: Record<string, string>, work: (db: Database) => Promise<void>) {
    const names = [
      "DATABASE_URL",
      "SESSION_SECRET",
      "DB_STATEMENT_TIMEOUT_MS",
      "DB_IDLE_IN_TRANSACTION_TIMEOUT_MS",
    ];
    const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
    Object.assign(process.env, { DATABASE_URL: testDb().url, SESSION_SECRET: "s".repeat(40) }, env);
    resetEnvCache();
    try {
      await work(getDb());
    } finally {
      await closeDb(1000);
      for (const name of names) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
      resetEnvCache();
    }
  }

  it("the portal's pool starts every connection with the statement and idle-in-transaction timeouts", async () => {
    expect(DEFAULT_TIMEOUTS).toEqual({ statementTimeoutMs: 120_000, idleInTransactionTimeoutMs: 60_000 });
    await withPortalPool({}, async (db) => {
      expect(await show(db, "statement_timeout")).toBe("2min");
      expect(await show(db, "idle_in_transaction_session_timeout")).toBe("1min");
    });
    // A tool's pool (seed:scale inserts half a million people in one statement) is made without them.
    expect(await show(testDb().db, "statement_timeout")).toBe("0");
  });

  it("takes DB_STATEMENT_TIMEOUT_MS and DB_IDLE_IN_TRANSACTION_TIMEOUT_MS from the environment", async () => {
    await withPortalPool(
      { DB_STATEMENT_TIMEOUT_MS: "1500", DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: "2500" },
      async (db) => {
        expect(await show(db, "statement_timeout")).toBe("1500ms");
        expect(await show(db, "idle_in_transaction_session_timeout")).toBe("2500ms");
      },
    );
  });

  it("cancels a statement that runs longer than the timeout, and the pool goes on", async () => {
    await withPool(
      createDb(testDb().url, { max: 1, timeouts: { ...DEFAULT_TIMEOUTS, statementTimeoutMs: 300 } }),
      async (db) => {
        expect(await show(db, "statement_timeout")).toBe("300ms");
        const started = performance.now();
        const error = await sql`select pg_sleep(5)`.execute(db).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toMatchObject({ code: "57014", message: expect.stringContaining("statement timeout") });
        expect(performance.now() - started).toBeLessThan(3000);
        // The same (only) connection serves the next statement.
        expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows).toEqual([{ one: 1 }]);
      },
    );
  });

  it("ends a transaction left idle longer than the idle-in-transaction timeout; the process and the pool go on", async () => {
    await withPool(
      createDb(testDb().url, { max: 1, timeouts: { ...DEFAULT_TIMEOUTS, idleInTransactionTimeoutMs: 300 } }),
      async (db) => {
        // Idle for less than the limit: nothing happens.
        await db.transaction().execute(async (trx) => {
          await sql`select 1`.execute(trx);
          await new Promise((resolve) => setTimeout(resolve, 100));
          await sql`select 1`.execute(trx);
        });
        let pid = 0;
        const error = await db
          .transaction()
          .execute(async (trx) => {
            pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid;
            // A bug that keeps the transaction open while it waits for something else.
            await new Promise((resolve) => setTimeout(resolve, 1000));
            await sql`select 1`.execute(trx);
          })
          .then(
            () => null,
            (e: unknown) => e,
          );
        // A catchable error, not postgres.js' uncatchable write to the closed socket (porsager/postgres#1208).
        expect(error).toMatchObject({ code: "IDLE_IN_TRANSACTION_TIMEOUT" });
        // The server ended that backend (and with it the transaction's locks).
        const alive = await sql<{
          n: number;
        }>`select count(*)::int as n from pg_stat_activity where pid = ${pid}`.execute(testDb().db);
        expect(alive.rows[0]!.n).toBe(0);
        // The pool's one connection slot reconnects for the next statement.
        expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows).toEqual([{ one: 1 }]);
      },
    );
  });

  // Unguarded, Kysely's rollback after the failed statement is written to the dead socket and postgres.js throws
  // an uncaught TypeError (porsager/postgres#1208): the process is gone (vitest would fail the run).
  it("survives a connection killed under a statement, in a transaction or not, and the pool goes on", async () => {
    const killWhenSleeping = async (pid: number) => {
      for (let i = 0; i < 200; i++) {
        const active = await sql<{ n: number }>`
          select count(*)::int as n from pg_stat_activity
           where pid = ${pid} and state = 'active' and query like '%pg_sleep%'`.execute(testDb().db);
        if (active.rows[0]!.n) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await sql`select pg_terminate_backend(${pid})`.execute(testDb().db);
    };
    const pidOf = async (db: Database) =>
      (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;

    // In a transaction: the statement fails with a catchable error; the rollback is not written to the dead
    // connection, which is not handed back to the pool.
    await withPool(createDb(testDb().url, { max: 2 }), async (db) => {
      const transaction = db.transaction().execute(async (trx) => {
        void killWhenSleeping(await pidOf(trx));
        await sql`select pg_sleep(5)`.execute(trx);
      });
      await expect(transaction).rejects.toMatchObject({ code: connectionGone });
      await expectPoolServes(db);
    });

    // A single statement.
    await withPool(createDb(testDb().url, { max: 2 }), async (db) => {
      const pid = await pidOf(db);
      const single = sql`select pg_sleep(5)`.execute(db);
      void killWhenSleeping(pid);
      await expect(single).rejects.toMatchObject({ code: connectionGone });
      await expectPoolServes(db);
    });
  });

  it("gives graphile-worker's pg pool the same timeouts", async () => {
    const connectionString = withDatabaseTimeouts(testDb().url, {
      statementTimeoutMs: 400,
      idleInTransactionTimeoutMs: 700,
    });
    const utils = await makeWorkerUtils({ connectionString });
    try {
      const settings = await utils.withPgClient(async (client) => {
        const statement = await client.query("show statement_timeout");
        const idle = await client.query("show idle_in_transaction_session_timeout");
        const slow = await client.query("select pg_sleep(5)").then(
          () => null,
          (e: { code?: string }) => e.code,
        );
        return [statement.rows[0].statement_timeout, idle.rows[0].idle_in_transaction_session_timeout, slow];
      });
      expect(settings).toEqual(["400ms", "700ms", "57014"]);
    } finally {
      await utils.release();
    }
    // Without an argument it takes the configured values; a value already in the URL wins.
    expect(new URL(withDatabaseTimeouts(testDb().url)).searchParams.get("statement_timeout")).toBe("120000");
    const given = withDatabaseTimeouts(`${testDb().url}?statement_timeout=5000`);
    expect(new URL(given).searchParams.getAll("statement_timeout")).toEqual(["5000"]);
  });

  it("refuses a timeout that is not a whole number of milliseconds, naming the variable", () => {
    expect(databaseTimeouts({})).toEqual(DEFAULT_TIMEOUTS);
    expect(
      databaseTimeouts({ DB_STATEMENT_TIMEOUT_MS: " 0 ", DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: "" }),
    ).toEqual({
      statementTimeoutMs: 0,
      idleInTransactionTimeoutMs: 60_000,
    });
    for (const bad of ["-1", "1.5", "30s", "1e3", "999999999999"]) {
      expect(() => databaseTimeouts({ DB_STATEMENT_TIMEOUT_MS: bad })).toThrow(ConfigError);
    }
    expect(() => databaseTimeouts({ DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: "soon" })).toThrow(
      /^DB_IDLE_IN_TRANSACTION_TIMEOUT_MS must be a whole number/,
    );
  });
});
