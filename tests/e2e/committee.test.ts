// The issue's browser test, in Hindi: an organiser creates a committee, appoints people, marks it formed.
// Also the guards over HTTP: another district's organiser gets 404, a trainer 403, a stranger the sign-in page.
import { sql } from "kysely";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import c from "#app/i18n/locales/committees/hi.ts";
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
  screenshotPath,
  seriousAxeViolations,
  staffCookie,
  startPortal,
} from "./support.ts";

// The strings the pages show, from app/i18n/locales/committees/hi.ts; designations are data (the
// `designations` table the migrations fill), so their Hindi names are written here as the seed has them.
const hi = {
  newTitle: c.newTitle,
  seatQuota: c.seatQuota,
  create: c.create,
  created: c.done.created,
  appointed: c.done.appointed,
  name: c.appoint.name,
  nameHi: c.appoint.nameHi,
  phone: c.appoint.phone,
  email: c.appoint.email,
  designation: c.appoint.designation,
  contact: c.appoint.contact,
  appoint: c.appoint.submit,
  markFormed: c.formation.markFormed,
  formedNeedsReason: c.errors.formedNeedsReason,
  full: c.appoint.full,
  formedNotice: c.done.formed,
  statusFormed: c.status_formed,
  statusForming: c.status_forming,
  historyTitle: c.history.title,
  actionFormed: c.history.actions.formed,
  actionAppointed: c.history.actions.appointed,
  actionCreated: c.history.actions.created,
  president: "अध्यक्ष",
  member: "सदस्य",
  secretary: "मंत्री",
  reopen: c.formation.reopen,
  reopened: c.done.reopened,
  nameEn: c.nameEn,
  nameHiLabel: c.nameHi,
  formedFill: (filled: number, quota: number) => fill(c.history.formedFill, { filled, quota }),
  appointedAs: (name: string, designation: string) => fill(c.history.as, { name, designation }),
  save: c.edit.save,
  saved: c.done.edit,
  personExists: c.errors.personExists,
  existingPerson: c.appoint.existingPerson,
};

const hindiTablet = { locale: "hi-IN", viewport: { width: 820, height: 1180 } };

describeInBrowser("committees in a real browser", (chromiumPath) => {
  let testDb: TestDatabase;
  let portal: Portal;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let blockId: number;
  let organiser: { id: number; cookie: string };
  let otherOrganiser: { id: number; cookie: string };
  let trainer: { id: number; cookie: string };
  let known: { id: number; phone: string; name: string; nameHi: string | null };

  async function addStaff(email: string, name: string, role: "organiser" | "trainer", scopeCode?: string) {
    const db = testDb.db;
    const scopeUnitId = scopeCode ? await unitId(db, scopeCode) : null;
    const staff = await db
      .insertInto("staffUsers")
      .values({ email, name, role, scopeUnitId })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { id: staff.id, cookie: await staffCookie(db, staff.id) };
  }

  async function signedInContext(
    cookie: string,
    options: Parameters<Browser["newContext"]>[0] = hindiTablet,
  ) {
    const context = await browser.newContext(options);
    contexts.push(context);
    await addStaffCookie(context, cookie, portal.url);
    return context;
  }

  async function committeeRow() {
    return testDb.db.selectFrom("committees").selectAll().where("unitId", "=", blockId).executeTakeFirst();
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    await seedDemo(testDb.db);
    // A Jaipur unit without a committee yet.
    const block = await testDb.db
      .insertInto("units")
      .values({
        parentId: await unitId(testDb.db, "RJ-JP"),
        level: "block",
        code: "RJ-JP-BL-AMR",
        nameEn: "Amber",
        nameHi: "आमेर",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    blockId = block.id;
    organiser = await addStaff("jaipur.organiser@shivir.example", "सीमा शर्मा", "organiser", "RJ-JP");
    otherOrganiser = await addStaff(
      "jodhpur.organiser@shivir.example",
      "Jodhpur Organiser",
      "organiser",
      "RJ-JD",
    );
    trainer = await addStaff("trainer@shivir.example", "Trainer", "trainer");
    // An office-bearer already recorded (on Jodhpur's committee), to be appointed by phone.
    const person = await testDb.db
      .selectFrom("appointees")
      .select(["id", "phone", "name", "nameHi"])
      .where("phone", "is not", null)
      .where("nameHi", "is not", null)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    known = { id: person.id, phone: person.phone!, name: person.name, nameHi: person.nameHi };
    portal = await startPortal(testDb.url);
    browser = await launchBrowser(chromiumPath);
  });

  afterAll(() => closeBrowserTest({ contexts, browser, portal, testDb }));

  it("lets an organiser create a committee, appoint people and mark it formed, in Hindi", async () => {
    const context = await signedInContext(organiser.cookie);
    const page = await context.newPage();
    const response = await page.goto(`${portal.url}/committees/new?unit=${blockId}`);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute("html", "lang")).toBe("hi");
    expect(await page.textContent("h1")).toBe(hi.newTitle);
    // Names default from the unit's names and the level word; the quota from level_settings (block: 15).
    expect(await page.getByLabel(hi.nameEn).inputValue()).toBe("Amber Block Committee");
    expect(await page.getByLabel(hi.nameHiLabel).inputValue()).toBe("आमेर ब्लॉक समिति");
    expect(await page.getByLabel(hi.seatQuota).inputValue()).toBe("15");
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByLabel(hi.seatQuota).fill("3");
    await page.getByRole("button", { name: hi.create }).click();
    await page.waitForURL(/\/committees\/\d+\?done=created$/);
    await page.getByText(hi.created).waitFor();
    const committee = await committeeRow();
    expect(committee).toMatchObject({ nameHi: "आमेर ब्लॉक समिति", seatQuota: 3, status: "forming" });
    expect(await page.textContent("h1")).toBe("आमेर ब्लॉक समिति");
    const fill = page.getByTestId("committee-fill");
    expect(await fill.textContent()).toBe("0/3");
    expect(await page.getByTestId("committee-status").textContent()).toBe(hi.statusForming);

    // Two new people with Devanagari names.
    const newForm = page.locator("form#appoint-new");
    const appointNew = async (
      person: { name: string; nameHi: string; phone?: string; email?: string },
      designation: string,
      expected: string,
    ) => {
      await newForm.getByLabel(hi.name, { exact: true }).fill(person.name);
      await newForm.getByLabel(hi.nameHi).fill(person.nameHi);
      if (person.phone) await newForm.getByLabel(hi.phone).fill(person.phone);
      if (person.email) await newForm.getByLabel(hi.email).fill(person.email);
      await newForm.getByLabel(hi.designation).selectOption({ label: designation });
      await newForm.getByRole("button", { name: hi.appoint }).click();
      await expect.poll(() => fill.textContent(), { timeout: 15_000 }).toBe(expected);
    };
    await appointNew({ name: "Kamla Devi", nameHi: "कमला देवी", phone: "98290 00001" }, hi.president, "1/3");
    await page.getByText(hi.appointed).waitFor();
    await appointNew(
      { name: "सुरेश कुमार", nameHi: "सुरेश कुमार", email: "suresh.kumar@example.in" },
      hi.member,
      "2/3",
    );

    // At 2 of 3 seats, "mark formed" without a reason is refused, in Hindi, and nothing changes.
    await page.getByRole("button", { name: hi.markFormed }).click();
    await page.getByText(hi.formedNeedsReason).waitFor();
    expect((await committeeRow())?.status).toBe("forming");
    await page.screenshot({ path: screenshotPath("committee-needs-reason-hi"), fullPage: true });

    // A person already recorded, found by the phone number as a volunteer types it.
    const existingForm = page.locator("form#appoint-existing");
    await existingForm.getByLabel(hi.contact).fill(known.phone.replace(/^\+91/, "0"));
    await existingForm.getByLabel(hi.designation).selectOption({ label: hi.secretary });
    await existingForm.getByRole("button", { name: hi.appoint }).click();
    await expect.poll(() => fill.textContent(), { timeout: 15_000 }).toBe("3/3");
    await page.getByText(hi.full).waitFor();

    // Members by designation order, names in Devanagari, each linked to the person's page.
    const names = await page.locator("table.members tbody th a").allTextContents();
    expect(names).toEqual(["कमला देवी", known.nameHi, "सुरेश कुमार"]);
    expect(await page.locator("table.members tbody th a").first().getAttribute("href")).toMatch(
      /^\/appointees\/\d+$/,
    );
    expect(await page.locator("table.members tbody tr").nth(1).getAttribute("data-appointee-id")).toBe(
      String(known.id),
    );

    // Usable on a tablet: every button and select of the page is at least 44 px tall (the page's CSS is there).
    const heights = await page
      .locator("main button, main select, main input:not([type=hidden])")
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(5);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);

    // Every seat is filled: formed without a reason.
    await page.getByRole("button", { name: hi.markFormed }).click();
    await page.getByText(hi.formedNotice).waitFor();
    expect(await page.getByTestId("committee-status").textContent()).toBe(hi.statusFormed);
    expect(await page.getByRole("button", { name: hi.reopen }).count()).toBe(1);
    const formed = await committeeRow();
    expect(formed?.status).toBe("formed");
    expect(formed?.formedAt).toBeInstanceOf(Date);
    expect(formed?.formedOverrideReason).toBeNull();

    // The history, newest first, with who did it, in Hindi.
    const history = page.locator("table.history tbody tr");
    expect(await history.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")))).toEqual([
      "committee.formed",
      "committee.appointed",
      "committee.appointed",
      "committee.appointed",
      "committee.created",
    ]);
    const first = await history.first().locator("td").allTextContents();
    expect(first[1]).toBe("सीमा शर्मा");
    expect(first[2]).toBe(hi.actionFormed);
    expect(first[3]).toBe(hi.formedFill(3, 3));
    expect(await history.nth(1).locator("td").nth(3).textContent()).toBe(
      hi.appointedAs(known.nameHi!, hi.secretary),
    );
    expect(await history.last().locator("td").nth(2).textContent()).toBe(hi.actionCreated);
    const audit = await testDb.db
      .selectFrom("auditLog")
      .select(["action", "actorStaffId"])
      .where("entityType", "=", "committee")
      .where("entityId", "=", formed!.id)
      .execute();
    expect(audit).toHaveLength(5);
    expect(audit.every((a) => a.actorStaffId === organiser.id)).toBe(true);

    await page.screenshot({ path: screenshotPath("committee-formed-hi"), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await page.locator("main").textContent()).not.toMatch(/committees\.|appointees\./);

    // The same page in English: every string translated, no key shows through.
    const english = await signedInContext(organiser.cookie, { ...hindiTablet, locale: "en-IN" });
    const enPage = await english.newPage();
    await enPage.goto(`${portal.url}/committees/${formed!.id}`);
    expect(await enPage.textContent("h1")).toBe("Amber Block Committee");
    expect(await enPage.getByTestId("committee-status").textContent()).toBe("Formed");
    expect(await enPage.locator("main").textContent()).not.toMatch(/committees\.|appointees\./);
    await enPage.screenshot({ path: screenshotPath("committee-formed-en"), fullPage: true });
    expect(await seriousAxeViolations(enPage)).toEqual([]);
  }, 120_000);

  it("works without JavaScript: a refused duplicate links to the person already recorded", async () => {
    const committee = await committeeRow();
    const context = await signedInContext(organiser.cookie, { ...hindiTablet, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${portal.url}/committees/${committee!.id}`);
    // Reopen and raise the quota so there is a free seat.
    await page.getByRole("button", { name: hi.reopen }).click();
    await page.getByText(hi.reopened).waitFor();
    await page.getByLabel(hi.seatQuota, { exact: true }).fill("4");
    await page.getByRole("button", { name: hi.save }).click();
    await page.getByText(hi.saved).waitFor();
    expect(await page.getByTestId("committee-fill").textContent()).toBe("3/4");

    const newForm = page.locator("form#appoint-new");
    // A phone that cannot be one: a message in Hindi under the field, nothing recorded.
    await newForm.getByLabel(hi.name, { exact: true }).fill("Kamla");
    await newForm.getByLabel(hi.phone).fill("12345");
    await newForm.getByLabel(hi.designation).selectOption({ label: hi.member });
    await newForm.getByRole("button", { name: hi.appoint }).click();
    const phoneError = page.locator("form#appoint-new .field-error");
    await phoneError.waitFor();
    expect(await phoneError.textContent()).toMatch(/[\u0900-\u097F]/);
    expect(await phoneError.textContent()).not.toContain("errors.");

    await newForm.getByLabel(hi.phone).fill("+91 98290 00001");
    await newForm.getByLabel(hi.designation).selectOption({ label: hi.member });
    await newForm.getByRole("button", { name: hi.appoint }).click();
    await page.getByText(hi.personExists, { exact: false }).waitFor();
    const kamla = await testDb.db
      .selectFrom("appointees")
      .select("id")
      .where("phone", "=", "+919829000001")
      .executeTakeFirstOrThrow();
    expect(await page.getByRole("link", { name: hi.existingPerson }).getAttribute("href")).toBe(
      `/appointees/${kamla.id}`,
    );
    // What was typed stays in the form; nothing was recorded.
    expect(await newForm.getByLabel(hi.name, { exact: true }).inputValue()).toBe("Kamla");
    expect(await page.getByTestId("committee-fill").textContent()).toBe("3/4");
  });

  it("answers 404 to another district's organiser, 403 to a trainer, and sign-in to a stranger", async () => {
    const committee = await committeeRow();
    const url = `${portal.url}/committees/${committee!.id}`;
    const count = async () =>
      (
        await testDb.db
          .selectFrom("auditLog")
          .select(sql<number>`count(*)::int`.as("n"))
          .executeTakeFirstOrThrow()
      ).n;
    const before = { audit: await count(), committee: await committeeRow() };

    const get = (path: string, cookie?: string) =>
      fetch(`${portal.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    const post = (path: string, body: Record<string, string>, cookie?: string) =>
      fetch(`${portal.url}${path}`, {
        method: "POST",
        headers: cookie ? { cookie } : {},
        body: new URLSearchParams(body),
        redirect: "manual",
      });

    expect((await get(`/committees/${committee!.id}`, otherOrganiser.cookie)).status).toBe(404);
    expect((await get(`/committees/new?unit=${blockId}`, otherOrganiser.cookie)).status).toBe(404);
    expect(
      (
        await post(
          `/committees/${committee!.id}`,
          { intent: "mark-formed", overrideReason: "x" },
          otherOrganiser.cookie,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await post(
          `/committees/${committee!.id}`,
          { intent: "edit", nameEn: "X", nameHi: "एक्स", seatQuota: "9" },
          otherOrganiser.cookie,
        )
      ).status,
    ).toBe(404);
    expect((await get(`/committees/${committee!.id}`, trainer.cookie)).status).toBe(403);
    expect((await post(`/committees/${committee!.id}`, { intent: "reopen" }, trainer.cookie)).status).toBe(
      403,
    );
    const stranger = await get(`/committees/${committee!.id}`);
    expect(stranger.status).toBe(302);
    expect(stranger.headers.get("location")).toBe(
      `/sign-in?redirectTo=${encodeURIComponent(`/committees/${committee!.id}`)}`,
    );

    // Bad input never makes a 500: unknown ids, junk ids, junk forms.
    expect((await get("/committees/999999999", organiser.cookie)).status).toBe(404);
    expect((await get("/committees/abc", organiser.cookie)).status).toBe(404);
    expect((await get("/committees/new?unit=abc", organiser.cookie)).status).toBe(404);
    expect((await post(`/committees/${committee!.id}`, { intent: "drop" }, organiser.cookie)).status).toBe(
      400,
    );
    expect(
      (await post(`/committees/${committee!.id}`, { intent: "end", appointmentId: "1e99" }, organiser.cookie))
        .status,
    ).toBe(400);
    expect(
      (await post(`/committees/${committee!.id}`, { intent: "edit", seatQuota: "-4" }, organiser.cookie))
        .status,
    ).toBe(400);
    // The committee exists already: /committees/new for its unit leads to it.
    const again = await get(`/committees/new?unit=${blockId}`, organiser.cookie);
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe(`/committees/${committee!.id}`);

    expect({ audit: await count(), committee: await committeeRow() }).toEqual(before);
    expect(url).toContain("/committees/");
  });
});
