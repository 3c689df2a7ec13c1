// Browser-test helpers: find the system Chromium, start a real portal on a fresh database, launch a browser.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { describe } from "vitest";
export { type Portal, startPortal } from "#tests/support/portal.ts";

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

export function screenshotPath(name: string): string {
  mkdirSync(screenshotDir, { recursive: true });
  return path.join(screenshotDir, `${name}.png`);
}
