import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// A tiny process that installs the handlers and then misbehaves, run with the same loader as `npm start`.
const dir = mkdtempSync(path.join(tmpdir(), "shivir-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(body: string) {
  const script = path.join(dir, `script-${Math.random().toString(36).slice(2)}.ts`);
  const crash = path.resolve(import.meta.dirname, "crash.server.ts");
  writeFileSync(
    script,
    `import { handleCrashes } from ${JSON.stringify(crash)};\nhandleCrashes("test");\nhandleCrashes("test");\n${body}\n`,
  );
  const result = spawnSync(process.execPath, ["--import", "tsx", script], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, LOG_LEVEL: "info" },
    encoding: "utf8",
    timeout: 20_000,
  });
  const logs = result.stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line));
  return { code: result.status, logs, stdout: result.stdout, stderr: result.stderr };
}

const PHONE = "9876543210";

describe("handleCrashes", () => {
  it("logs an unhandled rejection with its context, redacted, and the process goes on", () => {
    const { code, logs, stdout } = run(`
      const error = Object.assign(new Error("insert failed"), { code: "23505", detail: "Key (phone)=(${PHONE}) already exists." });
      Promise.reject(error);
      setTimeout(() => console.log(JSON.stringify({ msg: "still running" })), 50);
    `);
    expect(code).toBe(0);
    const rejections = logs.filter((log) => log.crash === "unhandledRejection");
    // Once, though handleCrashes was called twice.
    expect(rejections).toHaveLength(1);
    expect(rejections[0]).toMatchObject({
      level: 50,
      role: "test",
      pid: expect.any(Number),
      msg: expect.stringContaining("unhandled promise rejection"),
      err: { message: "insert failed", code: "23505", detail: "[redacted]", stack: expect.any(String) },
    });
    expect(logs.at(-1)).toEqual({ msg: "still running" });
    expect(stdout).not.toContain(PHONE);
  });

  it("logs a rejection whose reason is no error", () => {
    const { code, logs } = run(`Promise.reject("plain reason");`);
    expect(code).toBe(0);
    expect(logs[0]).toMatchObject({ crash: "unhandledRejection", err: "plain reason" });
  });

  it("logs an uncaught exception and exits non-zero for the supervisor", () => {
    const { code, logs, stdout } = run(`
      setTimeout(() => {
        throw Object.assign(new Error("boom"), { detail: "Failing row contains (${PHONE})" });
      }, 10);
      setTimeout(() => console.log(JSON.stringify({ msg: "should not run" })), 500);
    `);
    expect(code).toBe(1);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      level: 60,
      crash: "uncaughtException",
      role: "test",
      err: { message: "boom", detail: "[redacted]" },
      msg: expect.stringContaining("uncaught exception; exiting"),
    });
    expect(stdout).not.toContain(PHONE);
  });
});
