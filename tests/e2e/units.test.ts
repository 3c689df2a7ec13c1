// The unit tree pages in a real Chromium, in Hindi: an admin browses state → district → assembly, searches by a
// Hindi name fragment and by code, creates, edits and moves units (also without JavaScript); an organiser
// scoped to Jaipur sees Jaipur only; trainers and signed-out visitors are kept out.
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import hiRoot from "#app/i18n/locales/hi.ts";
import u from "#app/i18n/locales/units/hi.ts";
import { DEMO_ADMIN_EMAIL, seedDemo } from "#db/seed/demo.ts";
import { createTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { unitId } from "#tests/support/db-helpers.ts";
import {
  addStaffCookie,
  closeBrowserTest,
  describeInBrowser,
  fill,
  launchBrowser,
  type Portal,
  screenshotPath,
  seriousAxeViolations,
  staffCookie,
  startPortal,
} from "./support.ts";

// The strings the pages show, from app/i18n/locales/units/hi.ts and the shared hi.ts.
const hi = {
  breadcrumbs: u.breadcrumbs,
  committeeTitle: u.committeeTitle,
  formed: u.status_formed,
  openCommittee: u.openCommittee,
  noCommittee: u.noCommittee,
  createCommittee: u.createCommittee,
  searchLabel: u.search.label,
  searchButton: u.search.button,
  none: (q: string) => fill(u.search.none, { q }),
  addChild: u.admin.addChild,
  edit: u.admin.edit,
  move: u.admin.move,
  level: u.form.level,
  code: u.form.code,
  nameEn: u.form.nameEn,
  nameHi: u.form.nameHi,
  parentCode: u.form.parentCode,
  create: u.form.create,
  save: u.form.save,
  moveButton: u.form.moveButton,
  created: u.form.created,
  updated: u.form.updated,
  moved: u.form.moved,
  codeTaken: u.errors.codeTaken,
  moveCycle: u.errors.moveCycle,
  moveLevel: u.errors.moveLevel,
  nameHiRequired: u.errors.nameHiRequired,
  notFoundTitle: hiRoot.error.notFoundTitle,
  district: hiRoot.level.district,
  block: hiRoot.level.block,
  panchayat: hiRoot.level.panchayat,
  booth: hiRoot.level.booth,
};

const hindiDesktop = { locale: "hi-IN", viewport: { width: 1280, height: 900 } };
const hindiTablet = { locale: "hi-IN", viewport: { width: 820, height: 1180 }, hasTouch: true };

describeInBrowser("unit tree pages in a real browser", (chromiumPath) => {
  let testDb: TestDatabase;
  let portal: Portal;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const ids: Record<string, number> = {};
  const cookies: Record<"admin" | "organiser" | "trainer", string> = {
    admin: "",
    organiser: "",
    trainer: "",
  };

  async function staffContext(
    who: keyof typeof cookies,
    options: Parameters<Browser["newContext"]>[0] = hindiDesktop,
  ) {
    const context = await browser.newContext(options);
    contexts.push(context);
    await addStaffCookie(context, cookies[who], portal.url);
    return context;
  }

  async function fetchAs(who: keyof typeof cookies | null, path: string, init: RequestInit = {}) {
    return fetch(`${portal.url}${path}`, {
      redirect: "manual",
      ...init,
      headers: { "accept-language": "hi-IN", ...(who ? { cookie: cookies[who] } : {}), ...init.headers },
    });
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    await seedDemo(testDb.db);
    for (const code of ["RJ", "RJ-JP", "RJ-JD", "RJ-UD", "RJ-JP-AC-SNG", "RJ-JP-BL-CKS"])
      ids[code] = await unitId(testDb.db, code);
    const admin = await testDb.db
      .selectFrom("staffUsers")
      .select("id")
      .where("email", "=", DEMO_ADMIN_EMAIL)
      .executeTakeFirstOrThrow();
    const [organiser, trainer] = await testDb.db
      .insertInto("staffUsers")
      .values([
        {
          email: "jaipur.organiser@example.in",
          name: "जयपुर आयोजक",
          role: "organiser",
          scopeUnitId: ids["RJ-JP"],
        },
        { email: "trainer@example.in", name: "प्रशिक्षक", role: "trainer" },
      ])
      .returning("id")
      .execute();
    cookies.admin = await staffCookie(testDb.db, admin.id);
    cookies.organiser = await staffCookie(testDb.db, organiser!.id);
    cookies.trainer = await staffCookie(testDb.db, trainer!.id);
    portal = await startPortal(testDb.url);
    browser = await launchBrowser(chromiumPath);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(() => closeBrowserTest({ contexts, browser, portal, testDb }));

  it("lets an admin browse state → district → assembly in Hindi", async () => {
    const page = await (await staffContext("admin")).newPage();
    const response = await page.goto(`${portal.url}/units`);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute("html", "lang")).toBe("hi");
    expect(await page.textContent("h1")).toContain("राजस्थान");
    // The state committee: 23 of 23 seats, formed.
    const committee = page.getByRole("region", { name: hi.committeeTitle });
    expect(await committee.textContent()).toContain("23/23");
    expect(await committee.getByRole("link", { name: hi.openCommittee }).getAttribute("href")).toMatch(
      /^\/committees\/\d+$/,
    );
    // Districts by English name (Ajmer, Jaipur, Jodhpur, Kota, Udaipur) with their counts from the database.
    const rows = page.locator("tbody tr");
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-unit-code")))).toEqual([
      "RJ-AJ",
      "RJ-JP",
      "RJ-JD",
      "RJ-KT",
      "RJ-UD",
    ]);
    const jaipur = page.locator('tr[data-unit-code="RJ-JP"]');
    expect(await jaipur.locator("td").allTextContents()).toEqual([hi.district, hi.formed, "40/40", "5"]);
    expect(await page.locator('tr[data-unit-code="RJ-AJ"] td').nth(2).textContent()).toBe("24/40");

    await jaipur.getByRole("link", { name: "जयपुर" }).click();
    await page.waitForURL(`${portal.url}/units/${ids["RJ-JP"]}`);
    await page.locator("h1", { hasText: "जयपुर" }).waitFor();
    const crumbs = page.getByRole("navigation", { name: hi.breadcrumbs });
    expect(await crumbs.locator("li").allTextContents()).toEqual(["राजस्थान", "जयपुर"]);

    await page.locator('tr[data-unit-code="RJ-JP-AC-SNG"]').getByRole("link", { name: "सांगानेर" }).click();
    await page.waitForURL(`${portal.url}/units/${ids["RJ-JP-AC-SNG"]}`);
    await page.locator("h1", { hasText: "सांगानेर" }).waitFor();
    expect(await crumbs.locator("li").allTextContents()).toEqual(["राजस्थान", "जयपुर", "सांगानेर"]);
    expect(await crumbs.getByRole("link").count()).toBe(2);
    expect(await page.getByRole("region", { name: hi.committeeTitle }).textContent()).toContain("10/10");
    await page.screenshot({ path: screenshotPath("units-assembly-hi"), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Back up through the breadcrumbs.
    await crumbs.getByRole("link", { name: "राजस्थान" }).click();
    await page.waitForURL(`${portal.url}/units/${ids.RJ}`);
    await page.locator("h1", { hasText: "राजस्थान" }).waitFor();
  });

  it("searches by a Hindi name fragment and by code, with the path of names", async () => {
    const page = await (await staffContext("admin", hindiTablet)).newPage();
    await page.goto(`${portal.url}/units`);
    await page.getByLabel(hi.searchLabel).fill("जय");
    await page.getByRole("button", { name: hi.searchButton }).click();
    await page.waitForURL(/\/units\?q=/);
    await page.locator('tr[data-unit-code="RJ-JP"]').waitFor();
    const hits = page.locator("tbody tr");
    expect(await hits.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-unit-code")))).toEqual([
      "RJ-JP",
    ]);
    expect(await hits.first().locator("td").allTextContents()).toEqual([hi.district, "राजस्थान › जयपुर"]);
    await page.screenshot({ path: screenshotPath("units-search-hi"), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByLabel(hi.searchLabel).fill("rj-ud");
    await page.getByRole("button", { name: hi.searchButton }).click();
    await page.waitForURL(/q=rj-ud/);
    await page.locator('tr[data-unit-code="RJ-UD-AC-UDC"]').waitFor();
    const codes = await hits.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-unit-code")));
    expect(codes[0]).toBe("RJ-UD");
    expect([...codes].sort()).toEqual([
      "RJ-UD",
      "RJ-UD-AC-GGD",
      "RJ-UD-AC-MVL",
      "RJ-UD-AC-UDC",
      "RJ-UD-BL-GRW",
    ]);
    expect(await page.locator('tr[data-unit-code="RJ-UD-AC-UDC"] td').last().textContent()).toBe(
      "राजस्थान › उदयपुर › उदयपुर शहर",
    );
    // Clicking a hit opens the unit.
    await page.locator('tr[data-unit-code="RJ-UD"]').getByRole("link").click();
    await page.waitForURL(`${portal.url}/units/${ids["RJ-UD"]}`);
    await page.locator("h1", { hasText: "उदयपुर" }).waitFor();

    await page.goto(`${portal.url}/units?q=${encodeURIComponent("%")}`);
    expect(await page.getByText(hi.none("%")).count()).toBe(1);
  });

  it("lets an admin create, edit and move units without JavaScript, with translated refusals", async () => {
    const page = await (await staffContext("admin", { ...hindiTablet, javaScriptEnabled: false })).newPage();
    await page.goto(`${portal.url}/units/${ids["RJ-JP-AC-SNG"]}`);
    await page.getByRole("link", { name: hi.addChild }).click();
    await page.waitForURL(`${portal.url}/units/new?parent=${ids["RJ-JP-AC-SNG"]}`);
    // Only levels below an assembly are offered.
    expect(await page.getByLabel(hi.level).locator("option").allTextContents()).toEqual([
      hi.block,
      hi.panchayat,
      hi.booth,
    ]);
    await page.getByLabel(hi.level).selectOption("panchayat");
    await page.getByLabel(hi.code, { exact: true }).fill("rj-jp-ac-sng-p01");
    await page.getByLabel(hi.nameEn).fill("Muhana");
    await page.getByRole("button", { name: hi.create }).click();
    // The Hindi name is missing: the form comes back with the message and the typed values.
    expect(await page.getByText(hi.nameHiRequired).count()).toBe(1);
    expect(await page.getByLabel(hi.nameEn).inputValue()).toBe("Muhana");
    await page.getByLabel(hi.nameHi).fill("मुहाना");
    await page.getByRole("button", { name: hi.create }).click();
    await page.getByText(hi.created).waitFor();
    const muhana = await unitId(testDb.db, "RJ-JP-AC-SNG-P01");
    expect(new URL(page.url()).pathname).toBe(`/units/${muhana}`);
    expect(await page.getByText(hi.noCommittee).count()).toBe(1);
    expect(await page.getByRole("link", { name: hi.createCommittee }).getAttribute("href")).toBe(
      `/committees/new?unit=${muhana}`,
    );
    expect(
      await page.getByRole("navigation", { name: hi.breadcrumbs }).locator("li").allTextContents(),
    ).toEqual(["राजस्थान", "जयपुर", "सांगानेर", "मुहाना"]);

    // A used code is refused and nothing changes.
    await page.getByRole("link", { name: hi.edit }).click();
    await page.getByLabel(hi.code, { exact: true }).fill("RJ-JD");
    await page.getByRole("button", { name: hi.save }).click();
    expect(await page.getByText(hi.codeTaken).count()).toBe(1);
    expect(await unitId(testDb.db, "RJ-JP-AC-SNG-P01")).toBe(muhana);
    await page.getByLabel(hi.code, { exact: true }).fill("rj-jp-ac-sng-muh");
    await page.getByLabel(hi.nameEn).fill("Muhana Mandi");
    await page.getByRole("button", { name: hi.save }).click();
    await page.getByText(hi.updated).waitFor();
    expect(await page.textContent("h1")).toContain("Muhana Mandi");
    expect(await unitId(testDb.db, "RJ-JP-AC-SNG-MUH")).toBe(muhana);

    // Moving Jaipur below its own assembly is a loop; an assembly below a block breaks the level order.
    await page.goto(`${portal.url}/units/${ids["RJ-JP"]}/move`);
    await page.getByLabel(hi.parentCode).fill("rj-jp-ac-sng");
    await page.getByRole("button", { name: hi.moveButton }).click();
    expect(await page.getByText(hi.moveCycle).count()).toBe(1);
    await page.goto(`${portal.url}/units/${ids["RJ-JP-AC-SNG"]}/move`);
    await page.getByLabel(hi.parentCode).fill("RJ-JP-BL-CKS");
    await page.getByRole("button", { name: hi.moveButton }).click();
    expect(await page.getByText(hi.moveLevel).count()).toBe(1);
    await page.screenshot({ path: screenshotPath("units-move-refused-hi"), fullPage: true });
    expect(
      await testDb.db
        .selectFrom("units")
        .select("parentId")
        .where("id", "=", ids["RJ-JP-AC-SNG"]!)
        .executeTakeFirst(),
    ).toEqual({
      parentId: ids["RJ-JP"],
    });

    // The new panchayat moves to the Chaksu block.
    await page.goto(`${portal.url}/units/${muhana}/move`);
    await page.getByLabel(hi.parentCode).fill("rj-jp-bl-cks");
    await page.getByRole("button", { name: hi.moveButton }).click();
    await page.getByText(hi.moved).waitFor();
    expect(
      await page.getByRole("navigation", { name: hi.breadcrumbs }).locator("li").allTextContents(),
    ).toEqual(["राजस्थान", "जयपुर", "चाकसू", "मुहाना"]);
    const audit = await testDb.db
      .selectFrom("auditLog")
      .select("action")
      .where("entityType", "=", "unit")
      .where("entityId", "=", muhana)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["unit.created", "unit.updated", "unit.moved"]);
  });

  it("shows an organiser scoped to Jaipur only Jaipur, and 404 for Jodhpur", async () => {
    const page = await (await staffContext("organiser", hindiTablet)).newPage();
    expect((await page.goto(`${portal.url}/units`))?.status()).toBe(200);
    expect(await page.textContent("h1")).toContain("जयपुर");
    // No way up to the state, and no admin actions.
    expect(await page.getByRole("navigation", { name: hi.breadcrumbs }).getByRole("link").count()).toBe(0);
    expect(await page.getByRole("link", { name: hi.addChild }).count()).toBe(0);
    expect(await page.getByRole("link", { name: hi.move }).count()).toBe(0);
    expect(await page.locator("main").textContent()).not.toContain("राजस्थान");
    await page.screenshot({ path: screenshotPath("units-organiser-hi"), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);

    const jodhpur = await page.goto(`${portal.url}/units/${ids["RJ-JD"]}`);
    expect(jodhpur?.status()).toBe(404);
    expect(await page.textContent("h1")).toBe(hi.notFoundTitle);
    expect((await page.goto(`${portal.url}/units/${ids.RJ}`))?.status()).toBe(404);

    await page.goto(`${portal.url}/units?q=${encodeURIComponent("जोधपुर")}`);
    expect(await page.getByText(hi.none("जोधपुर")).count()).toBe(1);
    await page.goto(`${portal.url}/units?q=RJ-JD`);
    expect(await page.locator("tbody tr").count()).toBe(0);
    await page.goto(`${portal.url}/units?q=${encodeURIComponent("सांगानेर")}`);
    expect(await page.locator('tr[data-unit-code="RJ-JP-AC-SNG"] td').last().textContent()).toBe(
      "जयपुर › सांगानेर",
    );
  });

  it("keeps organisers and trainers out of the admin pages and signed-out visitors at sign-in", async () => {
    const sng = ids["RJ-JP-AC-SNG"];
    const form = (fields: Record<string, string>) => ({
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    for (const who of ["organiser", "trainer"] as const) {
      expect((await fetchAs(who, `/units/new?parent=${sng}`)).status, who).toBe(403);
      expect((await fetchAs(who, `/units/${sng}/edit`)).status, who).toBe(403);
      expect((await fetchAs(who, `/units/${sng}/move`)).status, who).toBe(403);
      const posts = [
        fetchAs(
          who,
          `/units/new?parent=${sng}`,
          form({ parentId: String(sng), level: "booth", code: "X-1", nameEn: "x", nameHi: "क" }),
        ),
        fetchAs(who, `/units/${sng}/edit`, form({ code: "HACKED", nameEn: "x", nameHi: "क" })),
        fetchAs(who, `/units/${sng}/move`, form({ parentCode: "RJ-JD" })),
      ];
      for (const response of await Promise.all(posts)) expect(response.status, who).toBe(403);
    }
    expect((await fetchAs("trainer", "/units")).status).toBe(403);
    for (const path of [
      "/units",
      `/units/${sng}`,
      "/units?q=RJ",
      `/units/new?parent=${sng}`,
      `/units/${sng}/edit`,
    ]) {
      const response = await fetchAs(null, path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location"), path).toBe(`/sign-in?redirectTo=${encodeURIComponent(path)}`);
    }
    const unchanged = await testDb.db
      .selectFrom("units")
      .select(["code", "parentId"])
      .where("id", "=", sng!)
      .executeTakeFirstOrThrow();
    expect(unchanged).toEqual({ code: "RJ-JP-AC-SNG", parentId: ids["RJ-JP"] });
    expect(
      await testDb.db.selectFrom("units").select("id").where("code", "=", "X-1").executeTakeFirst(),
    ).toBeUndefined();

    // Nonsense ids are 404s for admins too, never 500s.
    for (const path of [
      "/units/abc",
      "/units/0",
      "/units/99999999",
      "/units/1e3/edit",
      "/units/new?parent=x",
      "/units/99999999/move",
    ]) {
      expect((await fetchAs("admin", path)).status, path).toBe(404);
    }
    expect((await fetchAs("admin", "/units?page=-4&q=")).status).toBe(200);
  });
});
