import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { describeInBrowser, launchBrowser, type Portal, screenshotPath, startPortal } from "./support.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

async function seriousAxeViolations(page: Page) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time
    const result = await (window as any).axe.run(document);
    return result.violations as { id: string; impact: string; nodes: unknown[] }[];
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
}

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

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    if (testDb) await dropTestDatabase(testDb);
  });

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
    expect(await page.textContent("h1")).toBe("संगठन एक नज़र में");
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
    await page.getByRole("button", { name: "View in English" }).click();
    await page.waitForSelector('html[lang="en"]');
    expect(await page.textContent("h1")).toBe("Organisation at a glance");
    await page.reload();
    expect(await page.textContent("h1")).toBe("Organisation at a glance");
    await page.screenshot({ path: screenshotPath("home-en"), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it("starts in English for an English browser and switches without JavaScript", async () => {
    const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${portal.url}/?from=test`);
    expect(await page.textContent("h1")).toBe("Organisation at a glance");
    await page.getByRole("button", { name: "हिन्दी में देखें" }).click();
    await page.waitForURL(`${portal.url}/?from=test`);
    expect(await page.textContent("h1")).toBe("संगठन एक नज़र में");
    await context.close();
  });

  it("shows a translated 404 page", async () => {
    const context = await browser.newContext({ locale: "hi-IN" });
    const page = await context.newPage();
    const response = await page.goto(`${portal.url}/no-such-page`);
    expect(response?.status()).toBe(404);
    expect(await page.textContent("h1")).toBe("पृष्ठ नहीं मिला");
    await context.close();

    const english = await browser.newContext({ locale: "en-IN" });
    const enPage = await english.newPage();
    await enPage.goto(`${portal.url}/no-such-page`);
    expect(await enPage.textContent("h1")).toBe("Page not found");
    await english.close();
  });
});
