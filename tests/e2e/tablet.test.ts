// The trainer's tablet in a real Chromium at tablet size: marks made offline survive a reload without
// network and reach the database exactly once when the network returns; two tablets marking the same
// people offline count each person once; a pass's QR code marks the right person; a tablet paired with a
// code from the organiser's page works without anyone signing in on it.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import enTablet from "#app/i18n/locales/tablet/en.ts";
import hiTablet from "#app/i18n/locales/tablet/hi.ts";
import { encodePass, passPng } from "#app/models/registration/registration-pass.server.ts";
import { createStaffSession } from "#app/models/staff/staff-session.server.ts";
import { sessionCookieHeader } from "#app/web/auth.server.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { createTabletFixture, type TabletFixture } from "#tests/support/tablet-fixture.ts";
import {
  describeInBrowser,
  launchBrowser,
  type Portal,
  screenshotPath,
  seriousAxeViolations,
  startPortal,
} from "./support.ts";

// The strings the tablet shows, from app/i18n/locales/tablet/en.ts and hi.ts.
const en = {
  searchLabel: enTablet.searchLabel,
  scan: enTablet.scan,
  photo: enTablet.photo,
  scanMarked: enTablet.scanMarked,
  scanAlready: enTablet.scanAlready,
  scanNotInvited: enTablet.scanNotInvited,
  scanUnknown: enTablet.scanUnknown,
  allSent: enTablet.sync_idle,
  addWalkIn: enTablet.addWalkIn,
  walkInSave: enTablet.walkInSave,
};
const hi = {
  searchLabel: hiTablet.searchLabel,
  allSent: hiTablet.sync_idle,
  addWalkIn: hiTablet.addWalkIn,
  walkInSave: hiTablet.walkInSave,
  walkInNameRequired: hiTablet.walkInNameRequired,
  walkInName: hiTablet.walkInName,
  walkInPhone: hiTablet.walkInPhone,
};
const tabletViewport = { viewport: { width: 1180, height: 820 }, hasTouch: true };

describeInBrowser("the trainer's tablet", (chromiumPath) => {
  let testDb: TestDatabase;
  let portal: Portal;
  let browser: Browser;
  let f: TabletFixture;
  const contexts: BrowserContext[] = [];
  const cookies: Record<"trainer" | "organiser", string> = { trainer: "", organiser: "" };

  async function cookieFor(staffId: number) {
    const header = await sessionCookieHeader(await createStaffSession(testDb.db, staffId));
    return header.split(";")[0]!;
  }

  async function tabletContext(cookie: string | null, language: "en" | "hi" = "en") {
    const context = await browser.newContext({
      ...tabletViewport,
      locale: language === "en" ? "en-IN" : "hi-IN",
    });
    contexts.push(context);
    const jar: { name: string; value: string; url: string }[] = [
      { name: "lng", value: language, url: portal.url },
    ];
    if (cookie) {
      const [name, ...value] = cookie.split("=");
      jar.push({ name: name!, value: value.join("="), url: portal.url });
    }
    await context.addCookies(jar);
    return context;
  }

  /** Opens the roster and waits until it is shown and the page can be reloaded without network. */
  async function openRoster(page: Page, sessionTitle?: string) {
    await page.goto(`${portal.url}/tablet/events/${f.eventId}`);
    await page.locator(".person-row").first().waitFor();
    if (sessionTitle) await page.getByRole("button", { name: new RegExp(sessionTitle) }).click();
    await expect
      .poll(
        () =>
          page.evaluate(async () => {
            if (!navigator.serviceWorker.controller) return "no worker yet";
            const cache = await caches.open("shivir-tablet-v1");
            const needed = [
              location.pathname,
              ...[
                ...document.querySelectorAll("script[src], link[rel=modulepreload], link[rel=stylesheet]"),
              ].map((el) => new URL((el as HTMLScriptElement).src || (el as HTMLLinkElement).href).pathname),
            ];
            const missing = [];
            for (const url of needed) if (!(await cache.match(url))) missing.push(url);
            return missing.length ? `missing ${missing.join(", ")}` : "ready";
          }),
        { timeout: 20_000 },
      )
      .toBe("ready");
  }

  const pending = (page: Page) => page.locator(".sync-badge").getAttribute("data-pending");
  const unmarked = (page: Page) => page.locator('.person-row[aria-pressed="false"]');
  const marked = (page: Page) => page.locator('.person-row[aria-pressed="true"]');

  /** Taps the first person not yet marked and waits until their row shows the mark, as a trainer would. */
  async function tapUnmarked(page: Page) {
    const row = unmarked(page).first();
    const name = (await row.locator(".primary").textContent())!;
    await row.click();
    await marked(page).filter({ hasText: name }).first().waitFor();
  }

  async function markByName(page: Page, name: string) {
    await page.getByLabel(en.searchLabel).fill(name);
    const row = page.locator(".person-row", { hasText: name });
    await expect.poll(() => row.count()).toBe(1);
    if ((await row.getAttribute("aria-pressed")) === "false") await row.click();
    await expect.poll(() => row.getAttribute("aria-pressed")).toBe("true");
  }

  async function marksOf(sessionId: number) {
    return testDb.db.selectFrom("attendanceMarks").selectAll().where("sessionId", "=", sessionId).execute();
  }

  async function presentAt(sessionId: number) {
    const rows = await testDb.db
      .selectFrom("attendance")
      .select("appointeeId")
      .where("sessionId", "=", sessionId)
      .where("present", "=", true)
      .execute();
    return rows.map((r) => r.appointeeId);
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    f = await createTabletFixture(testDb.db, { people: 40, committees: 3 });
    cookies.trainer = await cookieFor(f.trainerId);
    cookies.organiser = await cookieFor(f.organiserId);
    portal = await startPortal(testDb.url, { WORKER: "none" });
    browser = await launchBrowser(chromiumPath);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await portal?.stop();
    if (testDb) await dropTestDatabase(testDb);
  });

  it("keeps marks made offline through a reload and sends them once when the network returns", async () => {
    const context = await tabletContext(cookies.trainer);
    const page = await context.newPage();
    await openRoster(page);
    const session = f.sessionIds[0];
    expect(await page.locator(".tablet-counts [data-count=registered]").textContent()).toBe(
      String(f.people.filter((p) => p.pass).length),
    );

    for (let i = 0; i < 5; i++) await tapUnmarked(page);
    await expect.poll(() => pending(page), { timeout: 15_000 }).toBe("0");
    await page.getByText(en.allSent).waitFor();
    expect(await marksOf(session)).toHaveLength(5);

    await context.setOffline(true);
    for (let i = 0; i < 10; i++) await tapUnmarked(page);
    await expect.poll(() => pending(page)).toBe("10");
    expect(await page.locator(".tablet-counts [data-count=present]").textContent()).toBe("15");

    await page.reload();
    await page.locator(".person-row").first().waitFor();
    await page.getByText("10 marks waiting to sync").waitFor();
    expect(await page.locator(".tablet-counts [data-count=present]").textContent()).toBe("15");
    await page.screenshot({ path: screenshotPath("tablet-offline-10-waiting") });
    expect(await marksOf(session)).toHaveLength(5);

    await context.setOffline(false);
    await expect.poll(() => pending(page), { timeout: 20_000 }).toBe("0");
    const marks = await marksOf(session);
    expect(marks).toHaveLength(15);
    expect(new Set(marks.map((m) => m.clientId)).size).toBe(15);
    expect(marks.every((m) => m.action === "mark" && m.staffUserId === f.trainerId)).toBe(true);
    expect(await presentAt(session)).toHaveLength(15);

    // Tap again to undo: one more mark in the log, one fewer present.
    await marked(page).first().click();
    await expect.poll(() => page.locator(".tablet-counts [data-count=present]").textContent()).toBe("14");
    // The pending count can read 0 before the undo is queued: wait for the mark itself to be stored.
    await expect.poll(async () => (await marksOf(session)).length, { timeout: 15_000 }).toBe(16);
    await expect.poll(() => pending(page), { timeout: 15_000 }).toBe("0");
    expect(await presentAt(session)).toHaveLength(14);
  });

  it("merges two tablets that marked overlapping people offline: each person counts once", async () => {
    // Tablet B is paired by the organiser with a code: no one signs in on it.
    const organiser = await (await tabletContext(cookies.organiser)).newPage();
    await organiser.goto(`${portal.url}/events/${f.eventId}/tablets`);
    await organiser.getByLabel("Name of the tablet").fill("Hall B desk");
    await organiser.getByRole("button", { name: "Show a pairing code" }).click();
    const code = (await organiser.getByTestId("pairing-code").textContent())!;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await organiser.locator(".pairing-qr svg").count()).toBe(1);

    const a = await (await tabletContext(cookies.trainer)).newPage();
    const bContext = await tabletContext(null);
    const b = await bContext.newPage();
    await b.goto(`${portal.url}/tablet/pair`);
    await b.getByLabel("Pairing code").fill(code.toLowerCase());
    await b.getByRole("button", { name: "Pair tablet" }).click();
    await b.waitForURL(`${portal.url}/tablet/events/${f.eventId}`);
    await b.getByText("Tablet: Hall B desk").waitFor();
    // No one is signed in on it: the header offers no staff links (Sign in, Outbox) that lead off the roster.
    expect(await b.locator(".site-header").getByRole("link").allTextContents()).toEqual([
      "ShivirTraining camps and conventions for newly formed committees",
    ]);

    await openRoster(a, "Fact checking");
    await openRoster(b, "Fact checking");
    const people = f.people.filter((p) => p.pass).slice(0, 9);
    await a.context().setOffline(true);
    await bContext.setOffline(true);
    for (const p of people.slice(0, 6)) await markByName(a, p.name);
    for (const p of people.slice(3, 9)) await markByName(b, p.name);
    expect(await pending(a)).toBe("6");
    expect(await pending(b)).toBe("6");

    await a.context().setOffline(false);
    await bContext.setOffline(false);
    await expect.poll(() => pending(a), { timeout: 20_000 }).toBe("0");
    await expect.poll(() => pending(b), { timeout: 20_000 }).toBe("0");
    const session = f.sessionIds[1];
    const marks = await marksOf(session);
    expect(marks).toHaveLength(12);
    expect(marks.filter((m) => m.tabletDeviceId !== null)).toHaveLength(6);
    expect((await presentAt(session)).sort()).toEqual(people.map((p) => p.id).sort());

    // Live counts: both tablets and the organiser's page come to 9 present within seconds.
    for (const page of [a, b]) {
      await page.getByLabel(en.searchLabel).fill("");
      await expect
        .poll(() => page.locator(".tablet-counts [data-count=present]").textContent(), { timeout: 15_000 })
        .toBe("9");
    }
    await expect
      .poll(
        () => organiser.locator(`table[data-session="${session}"] tfoot [data-count=present]`).textContent(),
        { timeout: 15_000 },
      )
      .toBe("9");
    await organiser.screenshot({ path: screenshotPath("event-tablets-organiser"), fullPage: true });

    // Withdrawn by the organiser, tablet B can no longer send marks.
    await organiser.reload();
    await organiser.getByRole("button", { name: "Withdraw" }).click();
    await organiser.getByText("The tablet can no longer mark attendance.").waitFor();
    await unmarked(b).first().click();
    await b
      .getByText("This tablet's pairing was withdrawn: marks cannot be sent")
      .waitFor({ timeout: 15_000 });
    expect(await marksOf(session)).toHaveLength(12);
  });

  it("marks the right person from a photo of their pass, and says why when it cannot", async () => {
    const context = await tabletContext(cookies.trainer);
    const page = await context.newPage();
    await openRoster(page);
    const session = f.sessionIds[0];
    const before = new Set(await presentAt(session));
    const person = f.people.find((p) => p.pass && !before.has(p.id))!;
    await page.getByRole("button", { name: en.scan }).click();
    const dir = mkdtempSync(path.join(tmpdir(), "shivir-pass-"));
    const scan = async (file: string, png: Buffer) => {
      const fullPath = path.join(dir, file);
      writeFileSync(fullPath, png);
      await page.getByTestId("pass-photo").setInputFiles(fullPath);
    };
    const feedback = page.locator(".scan-feedback");

    await scan("pass.png", await passPng(encodePass(person.pass!)));
    await expect.poll(() => feedback.textContent()).toContain(en.scanMarked);
    expect(await feedback.textContent()).toContain(person.name);
    await expect.poll(() => presentAt(session), { timeout: 15_000 }).toContain(person.id);

    // Offline, after a reload, on a page that never opened the scanner: the scanner's code comes from
    // the tablet's own copy, and the pass is found on the stored roster.
    const offline = await (await tabletContext(cookies.trainer)).newPage();
    await openRoster(offline);
    const second = f.people.find((p) => p.pass && !before.has(p.id) && p.id !== person.id)!;
    await offline.context().setOffline(true);
    await offline.reload();
    await offline.getByRole("button", { name: en.scan }).click();
    const secondPath = path.join(dir, "second.png");
    writeFileSync(secondPath, await passPng(encodePass(second.pass!)));
    await offline.getByTestId("pass-photo").setInputFiles(secondPath);
    await expect.poll(() => offline.locator(".scan-feedback").textContent()).toContain(second.name);
    expect(await pending(offline)).toBe("1");
    await offline.context().setOffline(false);
    await expect.poll(() => presentAt(session), { timeout: 20_000 }).toContain(second.id);
    expect(await page.screenshot({ path: screenshotPath("tablet-scan-marked") })).toBeTruthy();

    await scan("again.png", await passPng(encodePass(person.pass!)));
    await expect.poll(() => feedback.textContent()).toContain(en.scanAlready);

    await scan("other.png", await passPng(encodePass(f.otherEvent.pass)));
    await expect.poll(() => feedback.textContent()).toContain(en.scanNotInvited);

    await scan("forged.png", await passPng(`SHIVIR-PASS:1:${"A".repeat(22)}.${"B".repeat(22)}`));
    await expect.poll(() => feedback.textContent()).toContain(en.scanUnknown);
    const marks = await testDb.db
      .selectFrom("attendanceMarks")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("appointeeId", "=", person.id)
      .where("sessionId", "=", session)
      .executeTakeFirstOrThrow();
    expect(marks.n).toBe(1);
  });

  it("adds a walk-in for the organiser to check, and reads in Hindi with no accessibility faults", async () => {
    const context = await tabletContext(cookies.trainer, "hi");
    const page = await context.newPage();
    await openRoster(page);
    expect(await page.getAttribute("html", "lang")).toBe("hi");
    await page.getByRole("button", { name: hi.addWalkIn }).click();
    await page.getByRole("button", { name: hi.walkInSave }).click();
    await page.getByText(hi.walkInNameRequired).waitFor();
    await page.getByLabel(hi.walkInName, { exact: true }).fill("भंवर लाल");
    await page.getByLabel(hi.walkInPhone, { exact: true }).fill("98290 55555");
    await page.getByRole("button", { name: hi.walkInSave }).click();
    // The form closes once the walk-in is stored on the tablet, and the search then shows them, marked.
    await page.locator(".walk-in-form").waitFor({ state: "detached" });
    const search = page.getByLabel(hi.searchLabel);
    expect(await search.inputValue()).toBe("भंवर लाल");
    await search.fill("भंवर");
    const walkInRow = page.locator('.person-row[aria-pressed="true"]', { hasText: "भंवर लाल" });
    await walkInRow.waitFor({ timeout: 15_000 }).catch(async (error) => {
      // Say what the page showed instead (this wait failed once in CI and never again locally).
      const list = page.locator(".virtual-list");
      const shown = {
        search: await search.inputValue(),
        renderedFor: await list.getAttribute("data-rendered-for"),
        rows: await list.getAttribute("data-rows"),
        texts: await page.locator(".virtual-row").allTextContents(),
        pending: await pending(page),
        scrollY: await page.evaluate(() => window.scrollY),
      };
      throw new Error(`${(error as Error).message}\nthe page showed ${JSON.stringify(shown)}`);
    });
    await expect
      .poll(() => testDb.db.selectFrom("walkIns").select(["name", "phone"]).execute(), { timeout: 15_000 })
      .toEqual([{ name: "भंवर लाल", phone: "+919829055555" }]);
    await page.getByText(hi.allSent).waitFor();

    // Every control on the tablet is at least 44 px tall, and axe finds nothing serious.
    const heights = await page
      .locator("main button, main input[type=search], main label:has(input[type=radio])")
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.screenshot({ path: screenshotPath("tablet-roster-portrait-hi") });
  });
});
