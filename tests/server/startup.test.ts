// The server's own start-up and shutdown, as an operator meets them: bad configuration, an unreachable
// database, a port already taken, Ctrl-C and SIGKILL with the embedded database.
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "#db/embedded.ts";

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs server.ts until it exits (or `until` sees a healthy portal and sends `signal`). */
function runServer(
  env: Record<string, string | undefined>,
  options: { until?: (port: number) => Promise<boolean>; signal?: NodeJS.Signals; port?: number } = {},
): Promise<Run & { healthy: boolean }> {
  return new Promise((resolve, reject) => {
    const port = options.port ?? 0;
    const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: undefined,
        PORT: String(port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "warn",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let healthy = false;
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr, healthy }));
    if (options.until) {
      const poll = async () => {
        if (child.exitCode !== null) return;
        if (await options.until!(port).catch(() => false)) {
          healthy = true;
          child.kill(options.signal ?? "SIGTERM");
        } else setTimeout(poll, 150);
      };
      poll();
    }
  });
}

const healthy = (port: number) => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200);

describe("start-up errors: one clear line and a non-zero exit", () => {
  it.each([
    [{ DATABASE_URL: "postgres//oops" }, /^shivir: invalid configuration: DATABASE_URL must look like/],
    [{ PORT: "http" }, /^shivir: invalid configuration: PORT must be a whole number/],
    [
      { DATABASE_URL: "postgres://nobody@127.0.0.1:1/shivir" },
      /^shivir: cannot reach the database at 127\.0\.0\.1:1\/shivir: /,
    ],
  ])("%o", async (env, message) => {
    const run = await runServer(env);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
  });

  it("a port already taken", async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, "127.0.0.1", r));
    try {
      const run = await runServer({ SHIVIR_DATA_DIR: path.join(dataDir, "port-test") }, { port });
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split("\n")).toEqual([
        `shivir: port ${port} is already in use: stop the other program or set PORT`,
      ]);
    } finally {
      blocker.close();
    }
  });
});

const dataDir = mkdtempSync(path.join(tmpdir(), "shivir-startup-"));
chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as "postgres" and must reach the data directory
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("the embedded default database", () => {
  const env = { SHIVIR_DATA_DIR: path.join(dataDir, "restarts"), SEED_DEMO: "auto" };

  it("starts, seeds, stops cleanly on Ctrl-C, and keeps its data across restarts and a SIGKILL", async () => {
    const port = await freePort();
    const demoPage = async () => {
      if (!(await healthy(port))) return false;
      const html = await (
        await fetch(`http://127.0.0.1:${port}/`, { headers: { "Accept-Language": "en" } })
      ).text();
      return html.includes('data-unit-code="RJ-JP"');
    };

    const first = await runServer(env, { port, until: demoPage, signal: "SIGINT" });
    expect(first.healthy).toBe(true);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("demo data ready");
    // Nobody has signed in yet: the first admin's single-use link is printed.
    expect(first.stdout).toMatch(
      /Sign in as the first admin \(admin@shivir\.example\)[^\n]*\n\s+http:\/\/localhost:\d+\/sign-in\/[A-Za-z0-9_-]{43}/,
    );

    const second = await runServer(env, { port, until: demoPage, signal: "SIGTERM" });
    expect(second.healthy).toBe(true);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain("demo data ready"); // not seeded twice

    // SIGKILL leaves the embedded PostgreSQL running with its postmaster.pid; the next start recovers.
    const killed = await runServer(env, { port, until: demoPage, signal: "SIGKILL" });
    expect(killed.healthy).toBe(true);
    expect(killed.code).toBeNull();

    const recovered = await runServer(
      { ...env, LOG_LEVEL: "info" },
      { port, until: demoPage, signal: "SIGTERM" },
    );
    expect(recovered.healthy).toBe(true);
    expect(recovered.code).toBe(0);
    expect(recovered.stdout).toContain("orphaned embedded PostgreSQL");
  });
});
