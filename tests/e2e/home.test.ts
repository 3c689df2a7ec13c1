import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import en from "#app/i18n/locales/en.ts";
import hi from "#app/i18n/locales/hi.ts";
import { seedDemo } from "#db/seed/demo.ts";
import { createTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import {
  closeBrowserTest,
  describeInBrowser,
  launchBrowser,
  type Portal,
  screenshotPath,
  seriousAxeViolations,
  startPortal,
} from "./support.ts";

/** True when the shipped Devanagari face (not a system fallback) has loaded and covers the text. */
async function devanagariFontLoaded(page: Page) {
  return page.evaluate(async () => {
    await document.fonts.ready;
    const faces = [...document.fonts].filter(
      (f) => f.family.replace(/"/g, "") === "Noto Sans Devanagari" && f.unicodeRange.includes("U+900"),
    );
    return (
      faces.some((f) => f.status === "loaded") && document.fonts.check('16px "Noto Sans Devanagari"', "जयपुर")
    );
  });
}

describeInBrowser("home page in a real browser", (chromiumPath) => {
  let testDb: TestDatabase;
  let portal: Portal;
  let browser: Browser;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    await seedDemo(testDb.db);
    portal = await startPortal(testDb.url);
    browser = await launchBrowser(chromiumPath);
  });

  afterAll(() => closeBrowserTest({ contexts: [], browser, portal, testDb }));

  it("shows the organisation in Hindi for a Hindi browser, with the shipped Devanagari font", async () => {
    const context = await browser.newContext({ locale: "hi-IN", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const fontResponses: number[] = [];
    page.on("response", (r) => {
      if (/noto-sans-devanagari-devanagari-.*\.woff2$/.test(r.url())) fontResponses.push(r.status());
    });
    const response = await page.goto(portal.url);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute("html", "lang")).toBe("hi");
    expect(await page.textContent("h1")).toBe(hi.home.title);
    const jaipur = page.locator('tr[data-unit-code="RJ-JP"]');
    await expect(jaipur.locator("th").textContent()).resolves.toContain("जयपुर");
    // Counts come from the database: Jaipur has 3 assemblies and 2 blocks below it.
    await expect(jaipur.locator("td").first().textContent()).resolves.toBe("5");

    expect(await devanagariFontLoaded(page)).toBe(true);
    expect(fontResponses.length).toBeGreaterThan(0);
    expect(fontResponses.every((s) => s === 200)).toBe(true);
    await page.screenshot({ path: screenshotPath("home-hi"), fullPage: true });

    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it("switches to English and remembers it", async () => {
    const context = await browser.newContext({ locale: "hi-IN" });
    const page = await context.newPage();
    await page.goto(portal.url);
    await page.getByRole("button", { name: hi.language.switchTo }).click();
    await page.waitForSelector('html[lang="en"]');
    expect(await page.textContent("h1")).toBe(en.home.title);
    await page.reload();
    expect(await page.textContent("h1")).toBe(en.home.title);
    await page.screenshot({ path: screenshotPath("home-en"), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it("starts in English for an English browser and switches without JavaScript", async () => {
    const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${portal.url}/?from=test`);
    expect(await page.textContent("h1")).toBe(en.home.title);
    await page.getByRole("button", { name: en.language.switchTo }).click();
    await page.waitForURL(`${portal.url}/?from=test`);
    expect(await page.textContent("h1")).toBe(hi.home.title);
    await context.close();
  });

  it("shows a translated 404 page", async () => {
    const context = await browser.newContext({ locale: "hi-IN" });
    const page = await context.newPage();
    const response = await page.goto(`${portal.url}/no-such-page`);
    expect(response?.status()).toBe(404);
    expect(await page.textContent("h1")).toBe(hi.error.notFoundTitle);
    await context.close();

    const english = await browser.newContext({ locale: "en-IN" });
    const enPage = await english.newPage();
    await enPage.goto(`${portal.url}/no-such-page`);
    expect(await enPage.textContent("h1")).toBe(en.error.notFoundTitle);
    await english.close();
  });
});
