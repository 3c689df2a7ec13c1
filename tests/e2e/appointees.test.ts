// Office-bearers in a real Chromium, in Hindi, as an organiser scoped to Jaipur: filter by missing email, open a
// person, edit the phone typed as "098…" and see it stored as +91…, be refused a duplicate phone with a Hindi
// message that links to the existing person, merge a duplicate, and get a 404 for a person outside the scope.
import { sql } from "kysely";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import a from "#app/i18n/locales/appointees/hi.ts";
import hiRoot from "#app/i18n/locales/hi.ts";
import { seedDemo } from "#db/seed/demo.ts";
import { createTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { unitId } from "#tests/support/db-helpers.ts";
import {
  addStaffCookie,
  closeBrowserTest,
  describeInBrowser,
  fill,
  launchBrowser,
  type Portal,
  screenshot,
  seriousAxeViolations,
  staffCookie,
  startPortal,
} from "./support.ts";

// The strings the pages show, from app/i18n/locales/appointees/hi.ts and the shared hi.ts.
const hi = {
  title: a.title,
  noEmailFilter: a.filters.noEmail,
  apply: a.filters.apply,
  noEmailBadge: a.list.noEmail,
  phone: a.fields.phone,
  save: a.person.save,
  saved: a.person.done_saved,
  updated: a.audit.updated,
  phoneTaken: a.errors.phoneTaken,
  openExisting: (name: string, id: number) => fill(a.duplicate.open, { name, id }),
  merge: a.person.merge,
  mergeLookup: a.merge.lookup,
  find: a.merge.find,
  mergeConfirm: a.merge.confirm,
  merged: (id: number) => fill(a.person.done_merged, { id }),
  notFoundTitle: hiRoot.error.notFoundTitle,
  add: a.add,
  newTitle: a.new.title,
  submit: a.new.submit,
  name: a.fields.name,
  unitCode: a.fields.unitCode,
  designation: a.fields.designation,
  created: a.person.done_created,
  committeeRequired: a.errors.committeeRequired,
  committeeNotFound: a.errors.committeeNotFound,
};

const hindiTablet = { locale: "hi-IN", viewport: { width: 820, height: 1180 }, hasTouch: true };

describeInBrowser("office-bearers in a real browser", (chromiumPath) => {
  let testDb: TestDatabase;
  let portal: Portal;
  let browser: Browser;
  let cookie: string;
  const contexts: BrowserContext[] = [];

  async function signedInContext(options: Parameters<Browser["newContext"]>[0] = hindiTablet) {
    const context = await browser.newContext(options);
    contexts.push(context);
    await addStaffCookie(context, cookie, portal.url);
    return context;
  }

  /** People with an active appointment under the unit `code`, independently of the model. */
  async function peopleUnder(code: string, extra = sql`true`) {
    const result = await sql<{ id: number; name: string; phone: string | null; email: string | null }>`
      select distinct a.id, a.name, a.phone, a.email from appointees a
        join appointments ap on ap.appointee_id = a.id and ap.active
        join committees c on c.id = ap.committee_id
        join units u on u.id = c.unit_id
        join units top on top.code = ${code} and u.path like top.path || '%'
       where ${extra}
       order by a.name, a.id`.execute(testDb.db);
    return result.rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    await seedDemo(testDb.db);
    const staff = await testDb.db
      .insertInto("staffUsers")
      .values({
        email: "jaipur@shivir.example",
        name: "जयपुर संयोजक",
        role: "organiser",
        scopeUnitId: await unitId(testDb.db, "RJ-JP"),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    cookie = await staffCookie(testDb.db, staff.id);
    portal = await startPortal(testDb.url);
    browser = await launchBrowser(chromiumPath);
  });

  afterAll(() => closeBrowserTest({ contexts, browser, portal, testDb }));

  it("filters by missing email, edits a phone typed as 098…, and refuses a duplicate with a link", async () => {
    const context = await signedInContext();
    const page = await context.newPage();
    const response = await page.goto(`${portal.url}/appointees`);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute("html", "lang")).toBe("hi");
    expect(await page.textContent("h1")).toBe(hi.title);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Filter: people without email, in Jaipur only.
    await page.getByLabel(hi.noEmailFilter).check();
    await page.getByRole("button", { name: hi.apply, exact: true }).click();
    await page.waitForURL(/noEmail=yes/);
    const expected = await peopleUnder("RJ-JP", sql`a.email is null`);
    expect(expected.length).toBeGreaterThan(1);
    const rows = page.locator("tr[data-appointee-id]");
    // The URL changes before the filtered page has rendered.
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(expected.length);
    const shownIds = (
      await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-appointee-id")))
    ).map(Number);
    expect(shownIds).toEqual(expected.map((p) => p.id));
    expect(await page.locator("td.email .badge.no-email").count()).toBe(expected.length);
    expect(await page.locator("td.email .badge.no-email").first().textContent()).toBe(hi.noEmailBadge);
    await screenshot(page, "appointees-no-email-hi");
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Open the first person.
    const person = expected[0]!;
    await rows.first().getByRole("link", { name: person.name, exact: true }).click();
    await page.waitForURL(`${portal.url}/appointees/${person.id}`);
    await page.locator("h1", { hasText: person.name }).waitFor();

    // Edit the phone as a volunteer types it.
    const newNational = "9876500001";
    const phoneInput = page.getByLabel(hi.phone, { exact: true });
    await phoneInput.fill(`0${newNational}`);
    await page.getByRole("button", { name: hi.save }).click();
    await page.getByRole("status").filter({ hasText: hi.saved }).waitFor();
    expect(await page.getByTestId("phone").textContent()).toBe(`+91${newNational}`);
    expect(await phoneInput.inputValue()).toBe(`+91${newNational}`);
    expect(
      await page.locator('.history li[data-action="appointee.updated"]').first().textContent(),
    ).toContain(hi.updated);
    const stored = await testDb.db
      .selectFrom("appointees")
      .select("phone")
      .where("id", "=", person.id)
      .executeTakeFirstOrThrow();
    expect(stored.phone).toBe(`+91${newNational}`);

    // Another Jaipur person's phone, typed with a leading 0: refused in Hindi, linking to that person.
    const other = (await peopleUnder("RJ-JP", sql`a.phone is not null`)).find((p) => p.id !== person.id)!;
    await phoneInput.fill(`0${other.phone!.slice(3)}`);
    await page.getByRole("button", { name: hi.save }).click();
    const error = page.locator(".field-error").filter({ hasText: hi.phoneTaken });
    await error.waitFor();
    const link = error.getByRole("link", { name: hi.openExisting(other.name, other.id) });
    expect(await link.getAttribute("href")).toBe(`/appointees/${other.id}`);
    expect(await phoneInput.getAttribute("aria-invalid")).toBe("true");
    const unchanged = await testDb.db
      .selectFrom("appointees")
      .select("phone")
      .where("id", "=", person.id)
      .executeTakeFirstOrThrow();
    expect(unchanged.phone).toBe(`+91${newNational}`);
    await screenshot(page, "appointee-duplicate-phone-hi");
    expect(await seriousAxeViolations(page)).toEqual([]);

    await link.click();
    await page.waitForURL(`${portal.url}/appointees/${other.id}`);
    await page.locator("h1", { hasText: other.name }).waitFor();
  });

  it("refuses the duplicate without JavaScript too (HTTP 409, same message)", async () => {
    const context = await signedInContext({ ...hindiTablet, javaScriptEnabled: false });
    const page = await context.newPage();
    const [first, second] = await peopleUnder("RJ-JP-AC-SNG");
    await page.goto(`${portal.url}/appointees/${first!.id}`);
    await page.getByLabel(hi.phone, { exact: true }).fill(`+91-${second!.phone!.slice(3)}`);
    const [post] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: hi.save }).click(),
    ]);
    expect(post.status()).toBe(409);
    await page.waitForLoadState();
    expect(await page.locator(".field-error").textContent()).toContain(hi.phoneTaken);
    expect(await page.getByRole("link", { name: hi.openExisting(second!.name, second!.id) }).count()).toBe(1);
  });

  it("merges a duplicate chosen by phone, and answers 404 for a person outside the scope", async () => {
    const vdn = await testDb.db
      .selectFrom("committees")
      .innerJoin("units", "units.id", "committees.unitId")
      .select("committees.id")
      .where("units.code", "=", "RJ-JP-AC-VDN")
      .executeTakeFirstOrThrow();
    const [kept] = await peopleUnder("RJ-JP-AC-VDN");
    const dup = await testDb.db
      .insertInto("appointees")
      .values({ name: "दोहरा नाम", phone: "+919555500001", email: "dup@example.in" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await testDb.db
      .insertInto("appointments")
      .values({ appointeeId: dup.id, committeeId: vdn.id, designation: "member" })
      .execute();

    const context = await signedInContext();
    const page = await context.newPage();
    await page.goto(`${portal.url}/appointees/${kept!.id}`);
    await page.getByRole("link", { name: hi.merge }).click();
    await page.getByLabel(hi.mergeLookup).fill("095555 00001");
    await page.getByRole("button", { name: hi.find, exact: true }).click();
    await page.locator(".merge-field").first().waitFor();
    // Take the duplicate's email; keep everything else.
    await page.locator('.merge-field input[name="email"][value="other"]').check();
    await screenshot(page, "appointee-merge-hi");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: hi.mergeConfirm }).click();
    await page
      .getByRole("status")
      .filter({ hasText: hi.merged(dup.id) })
      .waitFor();
    const after = await testDb.db
      .selectFrom("appointees")
      .select(["id", "email", "name"])
      .where("id", "in", [kept!.id, dup.id])
      .execute();
    expect(after).toEqual([{ id: kept!.id, email: "dup@example.in", name: kept!.name }]);

    // A Jodhpur-only person does not exist for a Jaipur organiser.
    const jaipurIds = new Set((await peopleUnder("RJ-JP")).map((p) => p.id));
    const outsider = (await peopleUnder("RJ-JD")).find((p) => !jaipurIds.has(p.id))!;
    const notFound = await page.goto(`${portal.url}/appointees/${outsider.id}`);
    expect(notFound?.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe(hi.notFoundTitle);
    const mergeAcross = await page.goto(`${portal.url}/appointees/${kept!.id}/merge?with=${outsider.id}`);
    expect(mergeAcross?.status()).toBe(404);
  });

  it("adds an office-bearer with their first appointment, refusing a committee outside the area", async () => {
    const context = await signedInContext();
    const page = await context.newPage();
    await page.goto(`${portal.url}/appointees`);
    await page.getByRole("link", { name: hi.add, exact: true }).click();
    await page.locator("h1", { hasText: hi.newTitle }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Organisers must appoint: without a committee the form says so in Hindi, and nothing is saved.
    await page.getByLabel(hi.name, { exact: true }).fill("सुमन कुमारी");
    await page.getByLabel(hi.phone, { exact: true }).fill("097777 00001");
    await page.getByRole("button", { name: hi.submit, exact: true }).click();
    await page.locator(".field-error", { hasText: hi.committeeRequired }).waitFor();

    // A committee in Jodhpur does not exist for a Jaipur organiser.
    await page.getByLabel(hi.unitCode).fill("rj-jd-ac-lni");
    await page.getByLabel(hi.designation, { exact: true }).selectOption("secretary");
    await page.getByRole("button", { name: hi.submit, exact: true }).click();
    await page.locator(".field-error", { hasText: hi.committeeNotFound }).waitFor();
    await screenshot(page, "appointee-new-error-hi");
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(
      await testDb.db.selectFrom("appointees").select("id").where("phone", "=", "+919777700001").execute(),
    ).toEqual([]);

    await page.getByLabel(hi.unitCode).fill("rj-jp-ac-vdn");
    await page.getByRole("button", { name: hi.submit, exact: true }).click();
    await page.getByRole("status").filter({ hasText: hi.created }).waitFor();
    expect(await page.getByTestId("phone").textContent()).toBe("+919777700001");
    expect(await page.locator("table").textContent()).toContain("RJ-JP-AC-VDN");
    const saved = await testDb.db
      .selectFrom("appointees")
      .innerJoin("appointments", "appointments.appointeeId", "appointees.id")
      .select(["appointees.name", "appointments.designation", "appointments.active"])
      .where("appointees.phone", "=", "+919777700001")
      .execute();
    expect(saved).toEqual([{ name: "सुमन कुमारी", designation: "secretary", active: true }]);
  });
});
