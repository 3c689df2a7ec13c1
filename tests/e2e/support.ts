// Browser-test helpers: find the system Chromium, start a real portal on a fresh database, launch a browser.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { describe } from "vitest";
import { freePort } from "#db/embedded.ts";

export const screenshotDir = path.resolve("test-results");

export function findChromium(): string | null {
  const candidates = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((p): p is string => Boolean(p && existsSync(p))) ?? null;
}

/**
 * describe() when Chromium is there; otherwise a skip with the reason printed, or a failure when
 * REQUIRE_BROWSER is set (CI sets it, so browser tests can never silently vanish there).
 */
export function describeInBrowser(name: string, body: (chromiumPath: string) => void) {
  const chromiumPath = findChromium();
  if (chromiumPath) return describe(name, () => body(chromiumPath));
  if (process.env.REQUIRE_BROWSER) {
    throw new Error("REQUIRE_BROWSER is set but no Chromium was found (set CHROME_PATH or install chromium)");
  }
  console.warn(
    `skipping browser tests "${name}": no Chromium found (set CHROME_PATH or apt-get install chromium)`,
  );
  // Skipped only because no browser exists on this machine and REQUIRE_BROWSER is unset.
  return describe.skip(name, () => body(""));
}

export async function launchBrowser(chromiumPath: string): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export type Portal = { url: string; output: () => string; stop: () => Promise<number | null> };

/** Starts `node --import tsx server.ts` (the built app) against `databaseUrl` on a free port. */
export async function startPortal(databaseUrl: string, env: Record<string, string> = {}): Promise<Portal> {
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_DEMO: "never",
      NODE_ENV: "development",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the portal exited early:\n${output}`);
    const ok = await fetch(`${url}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) {
      return {
        url,
        output: () => output,
        stop: async () => {
          child.kill("SIGTERM");
          return exited;
        },
      };
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  child.kill("SIGKILL");
  throw new Error(`the portal did not become healthy in 30 s:\n${output}`);
}

export function screenshotPath(name: string): string {
  mkdirSync(screenshotDir, { recursive: true });
  return path.join(screenshotDir, `${name}.png`);
}
