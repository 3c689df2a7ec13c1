// The tablet's own pages load only what they need (app/i18n/strings.ts, app/web/page-scripts.ts): /tablet and
// the roster hydrate with their small strings bundle and no i18next, without a hydration mismatch (which
// would reset the roster's search box), and the roster's panels bring their own strings; the pairing page
// ships no Remix scripts, and its inline check and the server's check both work.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createStaffSession } from "#app/models/staff/staff-session.server.ts";
import { sessionCookieHeader } from "#app/web/auth.server.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { createTabletFixture, type TabletFixture } from "#tests/support/tablet-fixture.ts";
import { describeInBrowser, launchBrowser, type Portal, startPortal } from "./support.ts";
import enTablet from "#app/i18n/locales/tablet/en.ts";
import hiTablet from "#app/i18n/locales/tablet/hi.ts";

const tablet = { en: enTablet, hi: hiTablet };

describeInBrowser("the tablet's own pages", (chromiumPath) => {
  let testDb: TestDatabase;
  let portal: Portal;
  let browser: Browser;
  let f: TabletFixture;
  let trainer = "";
  beforeAll(async () => {
    testDb = await createTestDatabase();
    f = await createTabletFixture(testDb.db, { people: 20, committees: 2 });
    trainer = (await sessionCookieHeader(await createStaffSession(testDb.db, f.trainerId))).split(";")[0]!;
    portal = await startPortal(testDb.url, { WORKER: "none" });
    browser = await launchBrowser(chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    if (testDb) await dropTestDatabase(testDb);
  });

  async function page(language: "hi" | "en", cookie: string | null) {
    const context = await browser.newContext({
      viewport: { width: 1180, height: 820 },
      locale: language === "hi" ? "hi-IN" : "en-IN",
    });
    // The language comes from Accept-Language (the context's locale).
    if (cookie) {
      const [name, ...value] = cookie.split("=");
      await context.addCookies([{ name: name!, value: value.join("="), url: portal.url }]);
    }
    const p = await context.newPage();
    const errors: string[] = [];
    p.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
    });
    p.on("pageerror", (e) => errors.push(String(e)));
    return { p, errors };
  }

  for (const language of ["hi", "en"] as const)
    it(`roster and home hydrate without mismatch (${language})`, async () => {
      const { p, errors } = await page(language, trainer);
      await p.goto(`${portal.url}/tablet`);
      await p.waitForLoadState("networkidle");
      expect(await p.locator("html").getAttribute("data-strings")).toBe("tablet-home");
      await p.goto(`${portal.url}/tablet/events/${f.eventId}`);
      expect(await p.locator("html").getAttribute("data-strings")).toBe("tablet-roster");
      await p.locator(".person-row").first().waitFor();
      await p.waitForLoadState("networkidle");
      const loaded = await p.evaluate(() =>
        performance
          .getEntriesByType("resource")
          .map((e) => e.name)
          .filter((n) => n.includes("/build/")),
      );
      expect(loaded.some((n) => /all-(hi|en)-|i18next-/.test(n))).toBe(false);
      const search = p.getByLabel(tablet[language].searchLabel);
      await search.fill("zz");
      await p.waitForTimeout(300);
      expect(await search.inputValue()).toBe("zz");
      await search.fill("");
      await p.getByRole("button", { name: tablet[language].addWalkIn }).click();
      await p.getByRole("heading", { name: tablet[language].walkInTitle }).waitFor();
      expect(await p.locator("main").textContent()).not.toMatch(/tablet\.\w/);
      expect(errors.filter((e) => !/favicon|service worker/i.test(e))).toEqual([]);
    });

  it("pairing page: no JS but the inline check, server check works", async () => {
    const { p, errors } = await page("en", null);
    await p.goto(`${portal.url}/tablet/pair`);
    expect(await p.locator("script[src], link[rel=modulepreload]").count()).toBe(0);
    const input = p.getByLabel(enTablet.codeLabel);
    await input.fill("abc");
    await input.blur();
    await p.getByText(enTablet.errors.codeInvalid).waitFor();
    expect(await input.getAttribute("aria-invalid")).toBe("true");
    expect(await input.getAttribute("aria-describedby")).toBe("pair-code-error code-hint");
    await input.fill("ABCD-EF23");
    await input.blur();
    expect(await p.locator("#pair-code-error").count()).toBe(0);
    await input.fill("x");
    let posted = false;
    p.on("request", (request) => {
      if (request.method() === "POST") posted = true;
    });
    await input.press("Enter");
    await p.waitForTimeout(500);
    expect(posted).toBe(false);
    expect(await p.evaluate(() => document.activeElement?.id)).toBe("pair-code");
    expect(p.url()).toBe(`${portal.url}/tablet/pair`);
    await input.fill("ABCD-EF23");
    const [response] = await Promise.all([
      p.waitForResponse((r) => r.request().method() === "POST"),
      input.press("Enter"),
    ]);
    expect(response.status()).toBe(400);
    await p.getByText(enTablet.errors.codeInvalid).waitFor();
    expect(await p.getByLabel(enTablet.codeLabel).inputValue()).toBe("ABCD-EF23");
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
});
