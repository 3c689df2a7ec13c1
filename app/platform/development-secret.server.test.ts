import { chmodSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ensureDevelopmentSecret } from "./development-secret.server.ts";

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "shivir-secret-"));
  dirs.push(dir);
  return path.join(dir, "data");
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("ensureDevelopmentSecret", () => {
  it("makes a random secret on first start, readable by its owner only, and keeps it", () => {
    const dataDir = freshDir();
    const first: Record<string, string | undefined> = {};
    const file = ensureDevelopmentSecret(first, dataDir);
    expect(file).toBe(path.resolve(dataDir, "session-secret"));
    expect(first.SESSION_SECRET!.length).toBeGreaterThanOrEqual(48);
    expect(statSync(file!).mode & 0o777).toBe(0o600);
    const again: Record<string, string | undefined> = {};
    ensureDevelopmentSecret(again, dataDir);
    expect(again.SESSION_SECRET).toBe(first.SESSION_SECRET);
    // Another install gets another secret.
    const other: Record<string, string | undefined> = {};
    ensureDevelopmentSecret(other, freshDir());
    expect(other.SESSION_SECRET).not.toBe(first.SESSION_SECRET);
  });

  it("tightens a secret file others could read", () => {
    const dataDir = freshDir();
    ensureDevelopmentSecret({}, dataDir);
    const file = path.join(dataDir, "session-secret");
    chmodSync(file, 0o644);
    ensureDevelopmentSecret({}, dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("leaves a configured secret and production alone", () => {
    const dataDir = freshDir();
    const configured: Record<string, string | undefined> = { SESSION_SECRET: "c".repeat(32) };
    expect(ensureDevelopmentSecret(configured, dataDir)).toBeNull();
    expect(configured.SESSION_SECRET).toBe("c".repeat(32));
    expect(ensureDevelopmentSecret({ SESSION_SECRETS: "c".repeat(32) }, dataDir)).toBeNull();
    const production: Record<string, string | undefined> = { NODE_ENV: "production" };
    expect(ensureDevelopmentSecret(production, dataDir)).toBeNull();
    expect(production.SESSION_SECRET).toBeUndefined();
  });
});
