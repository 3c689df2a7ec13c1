// The issue's browser test: a district organiser's reports show only their district, and the numbers are the
// hand-made fixture's (tests/support/report-fixture.ts), in Hindi and English, with JavaScript off.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildReportFixture, type ReportFixture } from "#tests/support/report-fixture.ts";
import { createTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import {
  addStaffCookie,
  closeBrowserTest,
  describeInBrowser,
  launchBrowser,
  type Portal,
  screenshotPath,
  seriousAxeViolations,
  staffCookie,
  startPortal,
} from "./support.ts";

const tablet = { viewport: { width: 820, height: 1180 } };

describeInBrowser("reports in a real browser", (chromiumPath) => {
  let testDb: TestDatabase;
  let portal: Portal;
  let browser: Browser;
  let f: ReportFixture;
  const contexts: BrowserContext[] = [];
  let organiserCookie: string;

  async function signedIn(locale: "hi-IN" | "en-IN", javaScriptEnabled = false) {
    const context = await browser.newContext({ ...tablet, locale, javaScriptEnabled });
    contexts.push(context);
    await addStaffCookie(context, organiserCookie, portal.url);
    return context.newPage();
  }

  /** axe-core needs JavaScript: the page again in a context with it on. */
  async function axeOn(url: string, locale: "hi-IN" | "en-IN") {
    const page = await signedIn(locale, true);
    await page.goto(url);
    return seriousAxeViolations(page);
  }

  /** The figures of a table row or a list of stats, by their data-figure names. */
  async function figuresOf(page: Page, row: string) {
    return page
      .locator(row)
      .evaluate((tr) =>
        Object.fromEntries(
          [...tr.querySelectorAll("[data-figure]")].map((cell) => [
            cell.getAttribute("data-figure"),
            (cell.querySelector("dd") ?? cell).textContent?.trim(),
          ]),
        ),
      );
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    f = await buildReportFixture(testDb.db);
    const organiser = await testDb.db
      .insertInto("staffUsers")
      .values({
        email: "district.a@example.in",
        name: "District A Organiser",
        role: "organiser",
        scopeUnitId: f.units.districtA,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    organiserCookie = await staffCookie(testDb.db, organiser.id);
    portal = await startPortal(testDb.url);
    browser = await launchBrowser(chromiumPath);
  });

  afterAll(() => closeBrowserTest({ contexts, browser, portal, testDb }));

  it("shows a district organiser their district's coverage only, in Hindi, without JavaScript", async () => {
    const page = await signedIn("hi-IN");
    const response = await page.goto(`${portal.url}/reports`);
    expect(response?.status()).toBe(200);
    expect(await page.textContent("h1")).toBe("प्रशिक्षण कवरेज: ज़िला क");
    // The district's totals: 9 seats held (Asha holds two), 5 of them by trained people.
    expect(await figuresOf(page, "[data-testid=rollup-totals]")).toEqual({
      members: "9",
      trained: "5",
      coverage: "55.6%",
      committees: "4",
      formed: "3",
      forming: "1",
      untrained: "1",
    });
    const rows = page.locator("[data-testid=rollup-children] tbody tr");
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-unit-code")))).toEqual([
      "TS-A-1",
      "TS-A-2",
    ]);
    expect(await figuresOf(page, '[data-testid=rollup-children] tr[data-unit-code="TS-A-1"]')).toEqual({
      committees: "2",
      formed: "2",
      forming: "0",
      untrained: "1",
      members: "5",
      trained: "2",
      coverage: "40%",
    });
    expect(await figuresOf(page, '[data-testid=rollup-children] tr[data-unit-code="TS-A-2"]')).toMatchObject({
      members: "1",
      coverage: "100%",
    });
    expect(await page.locator("[data-testid=rollup-untrained] tbody tr").allTextContents()).toEqual([
      "बूथ क1अ समितिTS-A-1-B1बूथ2",
    ]);
    expect(await page.locator("[data-testid=rollup-forming] tbody tr").allTextContents()).toEqual([
      "विधानसभा क2 समितिTS-A-2विधानसभा4 में से 1",
    ]);
    // The chart is drawn on the server, hidden from screen readers, one bar per unit below: in a wide and a
    // phone layout, of which the page shows one.
    const charts = page.locator(".report-chart[aria-hidden=true] svg");
    expect(await charts.count()).toBe(2);
    for (const chart of await charts.all()) {
      expect(await chart.locator(".recharts-bar-rectangle").count()).toBe(2);
    }
    expect(await page.locator(".report-chart svg:visible").count()).toBe(1);
    // Nothing of district B, the state or its committee.
    const body = (await page.textContent("main")) ?? "";
    for (const other of ["TS-B", "ज़िला ख", "District B", "परीक्षण प्रदेश", "प्रदेश कार्यकारिणी"])
      expect(body).not.toContain(other);
    expect(await axeOn(page.url(), "hi-IN")).toEqual([]);
    await page.screenshot({ path: screenshotPath("reports-rollup-hi"), fullPage: true });

    // Drilling down is a link; outside the district is 404.
    await page.getByRole("link", { name: "विधानसभा क1", exact: true }).click();
    await page.waitForURL(`${portal.url}/reports?unit=${f.units.assemblyA1}`);
    expect(await page.textContent("h1")).toBe("प्रशिक्षण कवरेज: विधानसभा क1");
    expect(
      await figuresOf(page, '[data-testid=rollup-children] tr[data-unit-code="TS-A-1-B1"]'),
    ).toMatchObject({
      members: "2",
      trained: "0",
    });
    for (const url of [
      `/reports?unit=${f.units.districtB}`,
      `/reports?unit=${f.units.state}`,
      "/reports?unit=abc",
      `/reports/events/${f.events.campB}`,
      `/reports/events/${f.events.campB}.csv`,
      `/reports/committees/${f.committees.cB}`,
    ]) {
      expect((await page.goto(`${portal.url}${url}`))?.status(), url).toBe(404);
    }
  });

  it("sorts camp A's committees by a heading link and exports them, in English", async () => {
    const page = await signedIn("en-IN");
    await page.goto(`${portal.url}/reports/events/${f.events.campA}`);
    expect(await page.textContent("h1")).toBe("Camp A");
    const funnel = await page
      .locator("[data-testid=event-funnel] tbody tr")
      .evaluateAll((trs) =>
        trs.map((tr) => [tr.getAttribute("data-stage"), tr.querySelector("td")?.textContent]),
      );
    expect(funnel).toEqual([
      ["invited", "6"],
      ["registered", "4"],
      ["attended", "3"],
      ["attendedAll", "2"],
    ]);
    expect(await page.getByTestId("event-walk-ins").textContent()).toContain("Walk-ins: 2 (verified: 1)");
    const codes = () =>
      page
        .locator("[data-testid=event-committees] tbody tr")
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-unit-code")));
    expect(await codes()).toEqual(["TS-A", "TS-A-1", "TS-A-1-B1"]);
    expect(await figuresOf(page, 'tr[data-unit-code="TS-A"]')).toEqual({
      seats: "4",
      members: "3",
      invited: "3",
      registered: "3",
      attended: "2",
      attendedAll: "1",
      rate: "66.7%",
    });

    await page.getByRole("link", { name: "Attendance rate" }).click();
    await page.waitForURL(/sort=rate&dir=desc/);
    expect(await codes()).toEqual(["TS-A-1", "TS-A", "TS-A-1-B1"]);
    expect(await page.locator("th[aria-sort=descending]").textContent()).toContain("Attendance rate");
    await page.getByRole("link", { name: /Attendance rate/ }).click();
    await page.waitForURL(/sort=rate&dir=asc/);
    expect(await codes()).toEqual(["TS-A-1-B1", "TS-A", "TS-A-1"]);
    expect(await axeOn(page.url(), "en-IN")).toEqual([]);
    await page.screenshot({ path: screenshotPath("reports-event-en"), fullPage: true });

    const csv = await page.request.get(`${portal.url}/reports/events/${f.events.campA}.csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-disposition"]).toMatch(
      /^attachment; filename="shivir-event-\d+-attendance-/,
    );
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csv.body());
    expect(text.startsWith("\uFEFFcommittee,level,name_en,")).toBe(true);
    expect(text.split("\r\n")).toEqual([
      "\uFEFFcommittee,level,name_en,name_hi,seats,members,invited,registered,attended_any_session,attended_all_required,attendance_rate",
      "TS-A,district,District A Committee,ज़िला क समिति,4,3,3,3,2,1,0.667",
      "TS-A-1,assembly,Assembly A1 Committee,विधानसभा क1 समिति,3,3,1,1,1,1,1.000",
      "TS-A-1-B1,booth,Booth A1a Committee,बूथ क1अ समिति,3,2,2,0,0,0,0.000",
      "",
    ]);
  });

  it("shows a committee's members' training and the organiser's dashboard", async () => {
    const page = await signedIn("en-IN", true);
    await page.goto(`${portal.url}/reports/committees/${f.committees.cA1}`);
    expect(await page.textContent("h1")).toBe("Training of Assembly A1 Committee");
    expect(await figuresOf(page, "[data-testid=committee-figures]")).toEqual({
      seats: "3",
      members: "3",
      trained: "2",
      coverage: "66.7%",
    });
    const members = await page
      .locator("[data-testid=committee-members] tbody tr")
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    expect(members).toEqual([
      ["Deepa", "President", "1", "1", "1", "3", "Monday, 2 November 2026"],
      ["Asha", "Member", "2", "2", "1", "2", "Monday, 2 November 2026"],
      ["Lata", "Member", "0", "0", "0", "0", "Not yet"],
    ]);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.goto(`${portal.url}/dashboard`);
    expect(await page.textContent("h1")).toBe("Dashboard");
    expect(await page.locator("[data-testid=dashboard-upcoming] tbody tr").allTextContents()).toEqual([
      // Invited 2, registered 1, waitlisted 1, 50 places: 2% taken.
      "Camp D15 Jan 2030, 10:00 am21150 2%",
    ]);
    expect(await page.locator("[data-testid=dashboard-recent] tbody tr th").allTextContents()).toEqual([
      "Camp A",
    ]);
    expect(await page.getByTestId("mail-health").textContent()).toContain("Mail is moving");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath("reports-dashboard-en"), fullPage: true });
  });
});
