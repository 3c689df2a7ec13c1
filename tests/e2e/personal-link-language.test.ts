// The personal link speaks the appointee's language as a whole page (<html lang>, header, title), even in a
// browser that asks for English, and hydrates without a mismatch; the language switch still wins.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import en from "#app/i18n/locales/en.ts";
import hi from "#app/i18n/locales/hi.ts";
import enRegistration from "#app/i18n/locales/registration/en.ts";
import hiRegistration from "#app/i18n/locales/registration/hi.ts";
import { createTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { createRegistrationFixture } from "#tests/support/registration-fixture.ts";
import { closeBrowserTest, describeInBrowser, launchBrowser, type Portal, startPortal } from "./support.ts";

describeInBrowser("the personal link's language", (chromiumPath) => {
  let testDb: TestDatabase;
  let portal: Portal;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let link: string;
  let titles: { en: string; hi: string };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const camp = await createRegistrationFixture(testDb.db, { people: 1, locale: "hi" });
    link = `/i/${camp.people[0]!.token}`;
    const event = await testDb.db
      .selectFrom("events")
      .select(["titleEn", "titleHi"])
      .where("id", "=", camp.eventId)
      .executeTakeFirstOrThrow();
    titles = { en: event.titleEn, hi: event.titleHi };
    portal = await startPortal(testDb.url);
    browser = await launchBrowser(chromiumPath);
  });

  afterAll(() => closeBrowserTest({ contexts, browser, portal, testDb }));

  /** Errors the page reports (a hydration mismatch shows up as one), collected from now on. */
  function pageErrors(page: Page): string[] {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`${message.text()} ${message.location().url}`);
    });
    return errors;
  }

  /** Waits until React has hydrated the header (its nodes carry React's fiber). */
  async function hydrated(page: Page) {
    await page.waitForFunction(() => {
      const header = document.querySelector(".site-header a");
      return header !== null && Object.keys(header).some((key) => key.startsWith("__reactFiber"));
    });
    // A mismatch is reported while React recovers, just after.
    await page.waitForLoadState("networkidle");
  }

  async function expectPageIn(page: Page, lang: "hi" | "en") {
    const [root, registration, title] =
      lang === "hi" ? [hi, hiRegistration, titles.hi] : [en, enRegistration, titles.en];
    expect(await page.locator("html").getAttribute("lang")).toBe(lang);
    const header = page.locator(".site-header");
    expect(await header.locator(".brand small").textContent()).toBe(root.app.tagline);
    // The appointee's page: the brand and the language switch, no staff links (Sign in, Outbox).
    expect(await header.getByRole("link").allTextContents()).toEqual([`${root.app.name}${root.app.tagline}`]);
    expect(await header.getByRole("button", { name: root.language.switchTo }).count()).toBe(1);
    expect(await page.locator("footer").textContent()).toBe(root.app.footer);
    expect(await page.textContent("h1")).toBe(title);
    expect(await page.getByRole("button", { name: registration.register, exact: true }).count()).toBe(1);
    expect(await page.title()).toBe(`${title} · ${root.app.name}`);
    // One language switch on the page: the header's.
    expect(await page.locator(".lang-switch").count()).toBe(1);
  }

  it("is Hindi throughout for a Hindi appointee in an English browser, until they switch to English", async () => {
    const context = await browser.newContext({ locale: "en-IN" });
    contexts.push(context);
    const page = await context.newPage();
    const errors = pageErrors(page);
    const response = await page.goto(`${portal.url}${link}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-language"]).toBe("hi");
    await hydrated(page);
    await expectPageIn(page, "hi");
    expect(errors).toEqual([]);

    await page.getByRole("button", { name: hi.language.switchTo }).click();
    await page.waitForURL(`${portal.url}${link}`);
    await page.locator('html[lang="en"]').waitFor({ state: "attached" });
    await hydrated(page);
    await expectPageIn(page, "en");
    expect(errors).toEqual([]);
  });
});
