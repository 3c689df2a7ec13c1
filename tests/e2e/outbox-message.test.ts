// The outbox message page as a developer reads it on a laptop (1280 px): a registration confirmation, whose
// text carries a long Google Calendar link full of percent-encoded Hindi, fits the width without scrolling
// sideways, and its HTML version shows the pass's QR image as the email does.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { createRegistrationFixture, type RegistrationFixture } from "#tests/support/registration-fixture.ts";
import {
  closeBrowserTest,
  describeInBrowser,
  launchBrowser,
  outboxReader,
  type Portal,
  screenshotPath,
  startPortal,
} from "./support.ts";

const laptop = { locale: "hi-IN", viewport: { width: 1280, height: 900 } };

describeInBrowser("the outbox message page", (chromiumPath) => {
  let testDb: TestDatabase;
  let portal: Portal;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let fixture: RegistrationFixture;
  let emailId: number | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    fixture = await createRegistrationFixture(testDb.db, { people: 1, locale: "hi" });
    portal = await startPortal(testDb.url);
    browser = await launchBrowser(chromiumPath);
  });

  afterAll(() => closeBrowserTest({ contexts, browser, portal, testDb }));

  /** The person registers through their personal link; the portal's worker renders the confirmation. */
  async function confirmationEmail(): Promise<number> {
    if (emailId) return emailId;
    const response = await fetch(`${portal.url}/i/${fixture.people[0]!.token}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "register", travelMode: "train" }),
      redirect: "manual",
    });
    expect(response.status).toBe(303);
    const rendered = () =>
      testDb.db
        .selectFrom("emails")
        .select("id")
        .where("template", "=", "registration-confirmed")
        .where("html", "is not", null)
        .executeTakeFirst();
    await expect.poll(rendered, { timeout: 30_000 }).toBeDefined();
    emailId = (await rendered())!.id;
    return emailId;
  }

  async function readerPage(javaScriptEnabled: boolean): Promise<Page> {
    const context = await browser.newContext({ ...laptop, javaScriptEnabled });
    contexts.push(context);
    return outboxReader(context, testDb.db, portal);
  }

  for (const javaScriptEnabled of [true, false]) {
    it(`fits 1280 px without scrolling sideways and shows the pass image (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const page = await readerPage(javaScriptEnabled);
      const blocked: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy|ERR_BLOCKED/i.test(message.text())) blocked.push(message.text());
      });
      expect((await page.goto(`${portal.url}/outbox/${await confirmationEmail()}`))?.status()).toBe(200);
      const text = (await page.locator("pre.email-text").textContent()) ?? "";
      // The long link is there, whole: wrapped, not cut.
      expect(text).toMatch(/https:\/\/calendar\.google\.com\/calendar\/render\?\S{300,}/);
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);

      // The HTML version in its frame: the pass's QR code loaded (an image that failed has no width).
      const frame = page.frameLocator("iframe.email-frame");
      // One pass image in each language's half of the email: both loaded.
      const passes = frame.locator('img[src*="/pass/"]');
      await passes.first().waitFor({ state: "attached" });
      expect(await passes.count()).toBe(2);
      await expect
        .poll(
          () =>
            passes.evaluateAll((imgs) =>
              imgs.map((img) =>
                (img as HTMLImageElement).complete ? (img as HTMLImageElement).naturalWidth : 0,
              ),
            ),
          { timeout: 10_000 },
        )
        .toEqual([expect.any(Number), expect.any(Number)]);
      const loaded = await passes.evaluateAll((imgs) =>
        imgs.map((img) => (img as HTMLImageElement).naturalWidth),
      );
      expect(Math.min(...loaded)).toBeGreaterThan(0);
      expect(blocked).toEqual([]);
      await page.screenshot({
        path: screenshotPath(`outbox-message-1280-${javaScriptEnabled ? "js" : "nojs"}`),
        fullPage: true,
      });
    });
  }
});
