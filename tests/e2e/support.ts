// Browser-test helpers: find the system Chromium, start a real portal on a fresh database, launch a browser.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, describe, expect } from "vitest";
import hiRoot from "#app/i18n/locales/hi.ts";
import { createStaffSession } from "#app/models/staff/staff-session.server.ts";
import { sessionCookieHeader } from "#app/web/auth.server.ts";
import type { Database } from "#app/platform/db.server.ts";
import { dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import type { Portal } from "#tests/support/portal.ts";
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
  if (chromiumPath)
    return describe(name, () => {
      // A page the CSP breaks fails the test that visited it (see watchCsp below).
      afterEach(expectNoCspViolations);
      afterAll(expectNoCspViolations);
      body(chromiumPath);
    });
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
  const browser = await chromium.launch({
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
  // Every context the tests open reports what the page's Content Security Policy blocked.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await watchCsp(context);
    return context;
  };
  return browser;
}

// What the CSP blocked on any page or frame since the last check: a page that needs an inline script or
// style the policy forbids would otherwise break silently (app/web/http/security-headers.server.ts).
const cspViolations: string[] = [];

/**
 * Records every `securitypolicyviolation` event (an init script reports it to the test), and Chromium's
 * console report of a violation, which also comes from pages without JavaScript and from sandboxed frames.
 */
async function watchCsp(context: BrowserContext) {
  await context.exposeBinding("__reportCspViolation", ({ frame }, text: string) => {
    cspViolations.push(`${frame.url()}: securitypolicyviolation ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation?: (text: string) => void })
        .__reportCspViolation;
      report?.(
        `${event.violatedDirective} blocked ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  context.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text()))
      cspViolations.push(`${message.location().url}: ${message.text()}`);
  });
}

/** Fails when a page visited since the last check had something blocked by the CSP. */
export function expectNoCspViolations() {
  const found = cspViolations.splice(0);
  expect(found, "the Content Security Policy blocked something on a page").toEqual([]);
}

export function screenshotPath(name: string): string {
  mkdirSync(screenshotDir, { recursive: true });
  return path.join(screenshotDir, `${name}.png`);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's serious and critical findings on the page, as "rule: selectors" (the page needs JavaScript). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time
    const result = await (window as any).axe.run(document);
    return result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[];
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/**
 * A string from the locales (app/i18n/locales/…) with its {{placeholders}} filled, as i18next fills them on the
 * page (escaping is off). A placeholder without a value throws, so a renamed one cannot pass unnoticed.
 */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/{{(\w+)}}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for {{${name}}} in "${template}"`);
    return String(values[name]);
  });
}

/** A locale string as a whole-text pattern in which every {{placeholder}} stands for any text, captured in order. */
export function pattern(template: string): RegExp {
  const parts = template.split(/{{\w+}}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join("(.+)")}$`);
}

/** A full-page screenshot once the shipped Devanagari font has loaded (font-display: swap paints a fallback first). */
export async function screenshot(page: Page, name: string) {
  await page.evaluate(async () => {
    const family = '"Noto Sans Devanagari"';
    await Promise.all(
      ["400", "700"].map((weight) => document.fonts.load(`${weight} 16px ${family}`, "शिविर Shivir")),
    );
    await document.fonts.ready;
  });
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}

/** A new session for the staff user, as the "name=value" cookie a signed-in browser sends. */
export async function staffCookie(db: Database, staffUserId: number): Promise<string> {
  return (await sessionCookieHeader(await createStaffSession(db, staffUserId))).split(";")[0]!;
}

/** Puts a staff session cookie (from staffCookie) into the context, for the portal's address. */
export async function addStaffCookie(context: BrowserContext, cookie: string, portalUrl: string) {
  const [name, ...value] = cookie.split("=");
  await context.addCookies([{ name: name!, value: value.join("="), url: portalUrl }]);
}

/** Who reads the outbox in the browser tests: it is for signed-in admins only, on every portal. */
export const OUTBOX_READER = { email: "outbox.reader@shivir.example", name: "Outbox Reader" };

/**
 * A page in `context` (a fresh context of its own, so the person whose email is read keeps theirs) signed in
 * as an admin through a session made directly in the database: the test's OUTBOX_READER admin, added on first
 * use. Pass the page to emailTextFromOutbox.
 */
export async function outboxReader(context: BrowserContext, db: Database, portal: Portal): Promise<Page> {
  const reader =
    (await db
      .selectFrom("staffUsers")
      .select("id")
      .where("email", "=", OUTBOX_READER.email)
      .executeTakeFirst()) ??
    (await db
      .insertInto("staffUsers")
      .values({ ...OUTBOX_READER, role: "admin" })
      .returning("id")
      .executeTakeFirstOrThrow());
  await addStaffCookie(context, await staffCookie(db, reader.id), portal.url);
  return context.newPage();
}

/**
 * Opens the one email in the outbox whose row holds every text in `row` (the address, maybe the subject) once
 * the worker has sent it, polling for up to `seconds`; returns the email's text part. `reader` must be signed
 * in as an admin (outboxReader): anyone else is sent to the sign-in page or refused.
 */
export async function emailTextFromOutbox(
  reader: Page,
  portal: Portal,
  row: string[],
  seconds: number,
): Promise<string> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const response = await reader.goto(`${portal.url}/outbox`);
    if (response?.status() !== 200 || new URL(reader.url()).pathname !== "/outbox") {
      throw new Error(
        `the outbox answered ${response?.status()} at ${reader.url()}: it is for admins only, read it with a page from outboxReader()`,
      );
    }
    const found = row.reduce((rows, hasText) => rows.filter({ hasText }), reader.locator("tr"));
    if (
      (await found.count()) === 1 &&
      (await found.locator(".badge").textContent()) === hiRoot.outbox.status_sent
    ) {
      await found.getByRole("link").click();
      await reader.waitForURL(/\/outbox\/\d+$/);
      return (await reader.locator("pre.email-text").textContent()) ?? "";
    }
    if (Date.now() > deadline)
      throw new Error(`no email "${row.join(" · ")}" within ${seconds} s\n${portal.output()}`);
    await reader.waitForTimeout(300);
  }
}

/** The token of the first link to `prefix` (e.g. "/sign-in/", "/i/") in an email's text; fails when none. */
export function linkToken(text: string, prefix: string): string {
  const token = new RegExp(`${prefix}([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])`).exec(text)?.[1];
  expect(token, `no ${prefix} link in:\n${text}`).toBeDefined();
  return token!;
}

/** Closes what a browser test opened, as far as its beforeAll got. */
export async function closeBrowserTest(opened: {
  contexts: BrowserContext[];
  browser?: Browser;
  portal?: Portal;
  testDb?: TestDatabase;
}) {
  for (const context of opened.contexts) await context.close().catch(() => {});
  await opened.browser?.close();
  await opened.portal?.stop();
  if (opened.testDb) await dropTestDatabase(opened.testDb);
}
