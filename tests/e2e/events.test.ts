// The browser test, in Hindi: an organiser scoped to Jaipur signs in through the emailed link in the
// developer's outbox, creates a district training camp, adds three sessions with trainers and reads the agenda.
// A session outside the event or a trainer booked twice is refused with a translated message and changes
// nothing, also without JavaScript. Other districts get 404, trainers 403; axe finds nothing serious.
import { sql } from "kysely";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import hiRoot from "#app/i18n/locales/hi.ts";
import hi from "#app/i18n/locales/events/hi.ts";
import { formatTime } from "#app/i18n/datetime.ts";
import { DEMO_TRAINER_EMAILS, seedDemo } from "#db/seed/demo.ts";
import { createTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import {
  closeBrowserTest,
  describeInBrowser,
  emailTextFromOutbox,
  launchBrowser,
  linkToken,
  outboxReader,
  type Portal,
  screenshotPath,
  seriousAxeViolations,
  staffCookie,
  startPortal,
} from "./support.ts";

const hindiTablet = { locale: "hi-IN", viewport: { width: 820, height: 1180 } };
const ORGANISER = { email: "jaipur.events@shivir.example", name: "सीमा शर्मा" };
const DAY = "2027-01-20"; // the camp: 10:00–17:00 IST

describeInBrowser("events in a real browser", (chromiumPath) => {
  let testDb: TestDatabase;
  let portal: Portal;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let organiserId: number;
  let trainers: { id: number; name: string }[];
  let eventId: number;

  async function newContext(options: Parameters<Browser["newContext"]>[0] = hindiTablet) {
    const context = await browser.newContext(options);
    contexts.push(context);
    return context;
  }

  async function cookieFor(email: string, role: "organiser" | "trainer", scopeCode?: string) {
    const db = testDb.db;
    const scope = scopeCode
      ? await db.selectFrom("units").select("id").where("code", "=", scopeCode).executeTakeFirstOrThrow()
      : null;
    const staff = await db
      .insertInto("staffUsers")
      .values({ email, name: email, role, scopeUnitId: scope?.id ?? null })
      .returning("id")
      .executeTakeFirstOrThrow();
    return staffCookie(db, staff.id);
  }

  /** Signs the organiser in the way a person does: the link from the email in the developer's outbox. */
  async function signInThroughOutbox(context: BrowserContext) {
    const page = await context.newPage();
    await page.goto(`${portal.url}/sign-in`);
    await page.getByLabel(hiRoot.auth.emailLabel).fill(ORGANISER.email);
    await page.getByRole("button", { name: hiRoot.auth.sendLink }).click();
    await page.getByText(ORGANISER.email, { exact: false }).first().waitFor();
    // The outbox is for admins only: an admin reads it in a browser of their own.
    const reader = await outboxReader(await newContext(), testDb.db, portal);
    const text = await emailTextFromOutbox(reader, portal, [ORGANISER.email], 20);
    const token = linkToken(text, "/sign-in/");
    await page.goto(`${portal.url}/sign-in/${token}`);
    await page.getByRole("button", { name: hiRoot.auth.confirmButton, exact: true }).click();
    await page.getByText(hiRoot.auth.signedInAs.replace("{{name}}", ORGANISER.name)).waitFor();
    return page;
  }

  /** The event's sessions as stored, to show a refused form saved nothing. */
  const eventSessions = () =>
    testDb.db.selectFrom("eventSessions").selectAll().where("eventId", "=", eventId).orderBy("id").execute();

  async function sessionCount() {
    const row = await testDb.db
      .selectFrom("eventSessions")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("eventId", "=", eventId)
      .executeTakeFirstOrThrow();
    return row.n;
  }

  async function fillSession(
    page: Page,
    session: {
      kind: string;
      titleHi: string;
      titleEn: string;
      from: string;
      to: string;
      room: string;
      trainer?: string;
    },
  ) {
    await page.getByLabel(hi.sessionForm.kind).selectOption({ label: session.kind });
    await page.getByLabel(hi.sessionForm.titleHi).fill(session.titleHi);
    await page.getByLabel(hi.sessionForm.titleEn).fill(session.titleEn);
    await page.getByLabel(hi.sessionForm.startsAt).fill(`${DAY}T${session.from}`);
    await page.getByLabel(hi.sessionForm.endsAt).fill(`${DAY}T${session.to}`);
    await page.getByLabel(hi.sessionForm.room).fill(session.room);
    if (session.trainer) await page.getByLabel(session.trainer, { exact: true }).check();
  }

  /** Button, select and text-input heights on the page: every one at least 44 px for a thumb on a tablet. */
  async function smallestControl(page: Page) {
    const heights = await page
      .locator("main button, main select, main input:not([type=hidden]):not([type=checkbox]), main .choice")
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(3);
    return Math.min(...heights);
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    await seedDemo(testDb.db);
    const jaipur = await testDb.db
      .selectFrom("units")
      .select("id")
      .where("code", "=", "RJ-JP")
      .executeTakeFirstOrThrow();
    const organiser = await testDb.db
      .insertInto("staffUsers")
      .values({ ...ORGANISER, role: "organiser", scopeUnitId: jaipur.id, preferredLanguage: "hi" })
      .returning("id")
      .executeTakeFirstOrThrow();
    organiserId = organiser.id;
    trainers = await testDb.db
      .selectFrom("staffUsers")
      .select(["id", "name"])
      .where("email", "in", [...DEMO_TRAINER_EMAILS])
      .orderBy("email")
      .execute();
    portal = await startPortal(testDb.url);
    browser = await launchBrowser(chromiumPath);
  });

  afterAll(() => closeBrowserTest({ contexts, browser, portal, testDb }));

  it("lets a Jaipur organiser create a district camp in Hindi and build its agenda", async () => {
    const context = await newContext();
    const page = await signInThroughOutbox(context);

    // The events page from the main navigation, with the demo camp.
    await page.locator(".site-nav").getByRole("link", { name: hiRoot.nav.events, exact: true }).click();
    await page.waitForURL(`${portal.url}/events`);
    await page.getByRole("heading", { level: 1, name: hi.title, exact: true }).waitFor();
    await page.getByRole("link", { name: "जयपुर जिला प्रशिक्षण शिविर" }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole("link", { name: hi.newEvent }).click();
    await page.waitForURL(`${portal.url}/events/new`);
    await page.getByRole("heading", { level: 1, name: hi.form.newTitle, exact: true }).waitFor();
    // The organiser's own district is chosen, and a district holds training camps.
    const unitSelect = page.getByLabel(hi.form.unit);
    expect(await unitSelect.locator("option:checked").textContent()).toContain("जयपुर");
    expect(await unitSelect.locator("option").allTextContents()).not.toContainEqual(
      expect.stringContaining("जोधपुर"),
    );
    expect(await page.getByLabel(hi.form.kind).locator("option:checked").textContent()).toBe(
      hi.kind.district_camp,
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await smallestControl(page)).toBeGreaterThanOrEqual(44);

    await page.getByLabel(hi.form.titleHi).fill("सांगानेर प्रशिक्षण शिविर");
    await page.getByLabel(hi.form.titleEn).fill("Sanganer Training Camp");
    await page.getByLabel(hi.form.descriptionHi).fill("नवगठित समितियों के लिए एक दिन का प्रशिक्षण।");
    await page.getByLabel(hi.form.venueName).fill("सामुदायिक भवन, सांगानेर");
    await page.getByLabel(hi.form.venueAddress).fill("मुख्य बाज़ार, सांगानेर, जयपुर");
    await page.getByLabel(hi.form.venueMapUrl).fill("https://www.openstreetmap.org/search?query=Sanganer");
    await page.getByLabel(hi.form.startsAt, { exact: true }).fill(`${DAY}T10:00`);
    await page.getByLabel(hi.form.endsAt, { exact: true }).fill(`${DAY}T17:00`);
    await page.getByLabel(hi.form.capacity, { exact: true }).fill("120");
    await page.getByLabel(hi.form.registrationOpensAt).fill("2026-12-20T09:00");
    await page.getByLabel(hi.form.registrationClosesAt).fill(`${DAY}T18:00`);
    await page.getByRole("button", { name: hi.form.create }).click();
    // Registration closing after the event ends: refused in Hindi, nothing saved.
    await page.locator(".field-error", { hasText: hi.errors.registrationClosesAfterEnd }).waitFor();
    expect(
      await testDb.db
        .selectFrom("events")
        .select("id")
        .where("titleEn", "=", "Sanganer Training Camp")
        .execute(),
    ).toEqual([]);
    await page.getByLabel(hi.form.registrationClosesAt).fill("2027-01-18T18:00");
    await page.getByRole("button", { name: hi.form.create }).click();
    await page.waitForURL(/\/events\/\d+\?done=created$/);
    eventId = Number(/\/events\/(\d+)/.exec(page.url())![1]);
    await page.getByText(hi.done.created).waitFor();
    await page.getByRole("heading", { level: 1, name: "सांगानेर प्रशिक्षण शिविर", exact: true }).waitFor();
    expect(await page.getByTestId("event-status").textContent()).toBe(hi.status.draft);
    const row = await testDb.db
      .selectFrom("events")
      .selectAll()
      .where("id", "=", eventId)
      .executeTakeFirstOrThrow();
    // Typed as IST: 10:00 IST is 04:30 UTC.
    expect(row).toMatchObject({
      kind: "district_camp",
      status: "draft",
      capacity: 120,
      createdByStaffId: organiserId,
      startsAt: new Date(`${DAY}T04:30:00Z`),
      endsAt: new Date(`${DAY}T11:30:00Z`),
    });

    // Three sessions; the trainers chosen by name.
    const sessions = [
      {
        kind: hi.sessionKind.plenary,
        titleHi: "उद्घाटन सत्र",
        titleEn: "Opening",
        from: "10:00",
        to: "11:00",
        room: "सभागार",
      },
      {
        kind: hi.sessionKind.training,
        titleHi: "समिति का काम",
        titleEn: "The work of a committee",
        from: "11:00",
        to: "13:00",
        room: "कक्ष 1",
        trainer: trainers[0]!.name,
      },
      {
        kind: hi.sessionKind.expert,
        titleHi: "सोशल मीडिया",
        titleEn: "Social media",
        from: "14:00",
        to: "16:00",
        room: "कक्ष 2",
        trainer: trainers[1]!.name,
      },
    ];
    for (const [i, session] of sessions.entries()) {
      await page.getByRole("link", { name: hi.agenda.add }).click();
      await page.waitForURL(`${portal.url}/events/${eventId}/sessions/new`);
      await page.getByRole("heading", { level: 1, name: hi.sessionForm.newTitle, exact: true }).waitFor();
      if (i === 0) {
        expect(await seriousAxeViolations(page)).toEqual([]);
        expect(await smallestControl(page)).toBeGreaterThanOrEqual(44);
      }
      await fillSession(page, session);
      await page.getByRole("button", { name: hi.sessionForm.add }).click();
      await page.waitForURL(`${portal.url}/events/${eventId}?done=sessionAdded`);
      await page.getByText(hi.done.sessionAdded).waitFor();
    }
    expect(await sessionCount()).toBe(3);

    // The agenda, in IST, with kinds, rooms and trainers.
    const agendaRows = page.locator(".agenda-table tbody tr");
    expect(await agendaRows.count()).toBe(3);
    const cells = async (n: number) =>
      (await agendaRows.nth(n).locator("td, th").allTextContents()).map((c) => c.trim());
    const time = (hhmm: string) => formatTime(new Date(`${DAY}T${hhmm}:00+05:30`), "hi");
    expect((await cells(0))[0]).toBe(`${time("10:00")} – ${time("11:00")}`);
    expect((await cells(0))[1]).toContain(hi.sessionKind.plenary);
    expect((await cells(1))[1]).toContain("समिति का काम");
    expect((await cells(1))[2]).toBe("कक्ष 1");
    expect((await cells(1))[3]).toBe(trainers[0]!.name);
    expect((await cells(2))[1]).toContain(hi.sessionKind.expert);
    expect((await cells(2))[3]).toBe(trainers[1]!.name);
    expect(await page.locator(".agenda-day h3").count()).toBe(1);
    expect(await page.locator(".agenda-day h3").textContent()).toContain("2027");
    // Links to the other parts of the event; a draft is published or deleted through a confirmation page,
    // and has nothing to cancel.
    const hub = page.getByRole("navigation", { name: hi.hub.title });
    for (const [name, href] of [
      [hi.hub.agenda, "#agenda-title"],
      [hi.hub.audience, `/events/${eventId}/audience`],
      [hi.hub.invitations, `/events/${eventId}/invitations`],
      [hi.hub.registrations, `/events/${eventId}/registrations`],
      [hi.hub.calendarFile, `/events/${eventId}/calendar.ics`],
    ] as const) {
      expect(await hub.getByRole("link", { name, exact: true }).getAttribute("href")).toBe(href);
    }
    expect(await page.getByRole("link", { name: hi.page.publish, exact: true }).getAttribute("href")).toBe(
      `/events/${eventId}/publish`,
    );
    expect(await page.getByRole("link", { name: hi.page.delete, exact: true }).getAttribute("href")).toBe(
      `/events/${eventId}/delete`,
    );
    expect(await page.getByText(hi.page.cancel).count()).toBe(0);
    expect(
      await page.locator(`main a[href="/events/${eventId}/cancel"], main form[method="post"]`).count(),
    ).toBe(0);
    // The calendar file is the event itself, in the reader's language.
    const ics = await page.request.get(`${portal.url}/events/${eventId}/calendar.ics`);
    expect(ics.headers()["content-type"]).toContain("text/calendar");
    const unfolded = (await ics.text()).replace(/\r\n[ \t]/g, "");
    expect(unfolded).toContain("METHOD:PUBLISH");
    expect(unfolded).toContain("SUMMARY:सांगानेर प्रशिक्षण शिविर\r\n");
    await page.screenshot({ path: screenshotPath("event-agenda-hi"), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await page.locator("main").textContent()).not.toMatch(/events\.|level\./);

    // A session outside the event's hours: refused in Hindi under its field; nothing added.
    const before = await eventSessions();
    await page.getByRole("link", { name: hi.agenda.add }).click();
    await page.waitForURL(`${portal.url}/events/${eventId}/sessions/new`);
    await fillSession(page, {
      ...sessions[0]!,
      titleHi: "देर शाम",
      titleEn: "Late",
      from: "17:30",
      to: "18:30",
    });
    await page.getByRole("button", { name: hi.sessionForm.add }).click();
    await page.getByText(hi.errors.sessionOutsideEvent).waitFor();
    expect(await sessionCount()).toBe(3);

    // The first trainer again, overlapping their training session: refused with who and when.
    await fillSession(page, {
      kind: hi.sessionKind.expert,
      titleHi: "तथ्य-जाँच",
      titleEn: "Fact-checking",
      from: "12:00",
      to: "13:30",
      room: "कक्ष 3",
      trainer: trainers[0]!.name,
    });
    await page.getByRole("button", { name: hi.sessionForm.add }).click();
    await page.getByText(hi.errors.trainerDoubleBooked, { exact: false }).waitFor();
    const clash = (await page.locator(".trainer-choices .field-error").textContent()) ?? "";
    expect(clash).toContain(trainers[0]!.name);
    expect(clash).toContain("“समिति का काम”");
    // What was typed stays; nothing was saved.
    expect(await page.getByLabel(hi.sessionForm.titleHi).inputValue()).toBe("तथ्य-जाँच");
    expect(await eventSessions()).toEqual(before);
    await page.screenshot({ path: screenshotPath("event-session-clash-hi"), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Editing a session into a clash is refused the same way.
    await page.goto(`${portal.url}/events/${eventId}`);
    await page.getByRole("link", { name: hi.agenda.editLabel.replace("{{session}}", "सोशल मीडिया") }).click();
    await page.waitForURL(new RegExp(`/events/${eventId}/sessions/\\d+$`));
    await page.getByLabel(trainers[0]!.name, { exact: true }).check();
    await page.getByLabel(hi.sessionForm.startsAt).fill(`${DAY}T12:30`);
    await page.getByRole("button", { name: hi.sessionForm.save }).click();
    await page.getByText(hi.errors.trainerDoubleBooked, { exact: false }).waitFor();
    expect(await eventSessions()).toEqual(before);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The same event in English: every string translated.
    const english = await newContext({ ...hindiTablet, locale: "en-IN" });
    const cookies = await context.cookies();
    await english.addCookies(cookies.filter((c) => c.name !== "lng"));
    const enPage = await english.newPage();
    await enPage.goto(`${portal.url}/events/${eventId}`);
    await enPage.getByRole("heading", { level: 1, name: "Sanganer Training Camp", exact: true }).waitFor();
    expect(await enPage.getByTestId("event-status").textContent()).toBe("Draft");
    expect(await enPage.locator("main").textContent()).not.toMatch(/events\.|level\./);
    expect(await seriousAxeViolations(enPage)).toEqual([]);
    await enPage.screenshot({ path: screenshotPath("event-agenda-en"), fullPage: true });
  }, 180_000);

  /** The labels "Held for" offers on the new-event page, as shown. */
  const unitChoices = (page: Page) => page.getByLabel(hi.form.unit).locator("option").allTextContents();

  it('offers in "Held for" only the units the kind of event is held for, and refuses a forged post', async () => {
    const context = await newContext();
    const [name, ...value] = (await cookieFor("kinds.organiser@shivir.example", "organiser", "RJ-JP")).split(
      "=",
    );
    await context.addCookies([{ name: name!, value: value.join("="), url: portal.url }]);
    const page = await context.newPage();
    await page.goto(`${portal.url}/events/new`);
    // A district camp: Jaipur district only, none of its assembly constituencies.
    expect(await page.getByLabel(hi.form.kind).locator("option:checked").textContent()).toBe(
      hi.kind.district_camp,
    );
    await expect.poll(() => unitChoices(page)).toEqual(["जयपुर (जिला)"]);
    await page.getByText(hi.form.unitHintFor_district_camp).waitFor();
    // Another kind of event may be held for the assembly constituencies too: the list follows the choice.
    await page.getByLabel(hi.form.kind).selectOption({ label: hi.kind.other });
    await expect.poll(async () => (await unitChoices(page)).length).toBe(4);
    expect((await unitChoices(page)).join(" ")).toContain("सांगानेर");
    // A state convention: Jaipur's organiser has no state to hold it for, and the page says so.
    await page.getByLabel(hi.form.kind).selectOption({ label: hi.kind.state_convention });
    await expect.poll(() => unitChoices(page)).toEqual([]);
    await page.getByText(hi.form.noUnitsForKind).waitFor();

    // A post the form cannot make: a district camp for an assembly constituency. Refused with the message, in
    // Hindi, never a 500, and nothing saved.
    const sanganer = await testDb.db
      .selectFrom("units")
      .select("id")
      .where("code", "=", "RJ-JP-AC-SNG")
      .executeTakeFirstOrThrow();
    const before = await testDb.db.selectFrom("events").select("id").execute();
    const forged = await page.request.post(`${portal.url}/events/new`, {
      form: {
        kind: "district_camp",
        unitId: String(sanganer.id),
        titleEn: "Forged camp",
        titleHi: "जाली शिविर",
        venueName: "Hall",
        startsAt: "2027-03-01T10:00",
        endsAt: "2027-03-01T17:00",
        registrationOpensAt: "2027-01-01T09:00",
        registrationClosesAt: "2027-02-27T18:00",
        capacity: "50",
        "questions.travelMode": "off",
        "questions.arrivalTime": "off",
        "questions.needsStay": "off",
        "questions.foodPreference": "off",
      },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(400);
    expect(await forged.text()).toContain(hi.errors.unitLevelFor_district_camp);
    expect(await testDb.db.selectFrom("events").select("id").execute()).toEqual(before);
  });

  it('without JavaScript, "Held for" offers the kind\'s units, and a kind that does not fit is refused', async () => {
    const context = await newContext({ ...hindiTablet, javaScriptEnabled: false });
    const [name, ...value] = (await cookieFor("kinds.nojs@shivir.example", "organiser", "RJ-JP")).split("=");
    await context.addCookies([{ name: name!, value: value.join("="), url: portal.url }]);
    const page = await context.newPage();
    await page.goto(`${portal.url}/events/new`);
    expect(await unitChoices(page)).toEqual(["जयपुर (जिला)"]);
    const before = await testDb.db.selectFrom("events").select("id").execute();
    // The kind changed to a state convention without a script to update the list: the server refuses it
    // under "Held for" in Hindi, keeps what was typed, and now offers the state convention's units (none).
    await page.getByLabel(hi.form.kind).selectOption({ label: hi.kind.state_convention });
    await page.getByLabel(hi.form.titleHi).fill("बिना स्क्रिप्ट सम्मेलन");
    await page.getByLabel(hi.form.titleEn).fill("No-script convention");
    await page.getByLabel(hi.form.venueName).fill("सभागार");
    await page.getByLabel(hi.form.startsAt, { exact: true }).fill("2027-03-01T10:00");
    await page.getByLabel(hi.form.endsAt, { exact: true }).fill("2027-03-01T17:00");
    await page.getByLabel(hi.form.capacity, { exact: true }).fill("50");
    await page.getByLabel(hi.form.registrationOpensAt).fill("2027-01-01T09:00");
    await page.getByLabel(hi.form.registrationClosesAt).fill("2027-02-27T18:00");
    await page.getByRole("button", { name: hi.form.create }).click();
    await page.getByText(hi.errors.unitLevelFor_state_convention).waitFor();
    expect(await page.getByLabel(hi.form.titleEn).inputValue()).toBe("No-script convention");
    expect(await unitChoices(page)).toEqual([]);
    expect(await testDb.db.selectFrom("events").select("id").execute()).toEqual(before);
  });

  it("works without JavaScript: a session outside the event is refused and nothing changes", async () => {
    const context = await newContext({ ...hindiTablet, javaScriptEnabled: false });
    const [name, ...value] = (await cookieFor("nojs.organiser@shivir.example", "organiser", "RJ-JP")).split(
      "=",
    );
    await context.addCookies([{ name: name!, value: value.join("="), url: portal.url }]);
    const page = await context.newPage();
    await page.goto(`${portal.url}/events/${eventId}/sessions/new`);
    await fillSession(page, {
      kind: hi.sessionKind.training,
      titleHi: "सुबह जल्दी",
      titleEn: "Early",
      from: "08:00",
      to: "09:00",
      room: "",
    });
    await page.getByRole("button", { name: hi.sessionForm.add }).click();
    await page.getByText(hi.errors.sessionOutsideEvent).waitFor();
    expect(await page.getByLabel(hi.sessionForm.titleHi).inputValue()).toBe("सुबह जल्दी");
    expect(await sessionCount()).toBe(3);

    // And a valid one goes through, back on the event page.
    await page.getByLabel(hi.sessionForm.startsAt).fill(`${DAY}T16:00`);
    await page.getByLabel(hi.sessionForm.endsAt).fill(`${DAY}T17:00`);
    await page.getByRole("button", { name: hi.sessionForm.add }).click();
    await page.getByText(hi.done.sessionAdded).waitFor();
    expect(await sessionCount()).toBe(4);
  });

  it("answers 404 to another district's organiser, 403 to a trainer, and never 500 to junk", async () => {
    const other = await cookieFor("jodhpur.events@shivir.example", "organiser", "RJ-JD");
    const trainer = await cookieFor("trainer.events@shivir.example", "trainer");
    const mine = await cookieFor("jaipur2.events@shivir.example", "organiser", "RJ-JP");
    const sessionId = (
      await testDb.db
        .selectFrom("eventSessions")
        .select("id")
        .where("eventId", "=", eventId)
        .orderBy("id")
        .executeTakeFirstOrThrow()
    ).id;
    const get = (path: string, cookie: string) =>
      fetch(`${portal.url}${path}`, { headers: { cookie }, redirect: "manual" });
    const post = (path: string, body: Record<string, string>, cookie: string) =>
      fetch(`${portal.url}${path}`, {
        method: "POST",
        headers: { cookie },
        body: new URLSearchParams(body),
        redirect: "manual",
      });
    const snapshot = async () => ({
      events: await testDb.db.selectFrom("events").selectAll().orderBy("id").execute(),
      sessions: await testDb.db.selectFrom("eventSessions").selectAll().orderBy("id").execute(),
    });
    const before = await snapshot();

    const pages = [
      `/events/${eventId}`,
      `/events/${eventId}/edit`,
      `/events/${eventId}/delete`,
      `/events/${eventId}/calendar.ics`,
      `/events/${eventId}/sessions/new`,
      `/events/${eventId}/sessions/${sessionId}`,
    ];
    for (const path of pages) {
      expect((await get(path, other)).status, path).toBe(404);
      expect((await get(path, trainer)).status, path).toBe(403);
    }
    expect((await post(`/events/${eventId}`, { intent: "delete" }, other)).status).toBe(404);
    expect((await post(`/events/${eventId}/delete`, {}, other)).status).toBe(404);
    expect((await post(`/events/${eventId}/sessions/${sessionId}`, { intent: "delete" }, other)).status).toBe(
      404,
    );
    expect((await post(`/events/${eventId}/edit`, { titleEn: "X" }, other)).status).toBe(404);
    const otherList = await (await get("/events", other)).text();
    expect(otherList).not.toContain("सांगानेर प्रशिक्षण शिविर");
    expect(otherList).not.toContain("जयपुर जिला प्रशिक्षण शिविर");

    for (const path of [
      "/events/abc",
      "/events/999999999",
      `/events/${eventId}/sessions/abc`,
      `/events/${eventId}/sessions/999999`,
    ]) {
      expect((await get(path, mine)).status, path).toBe(404);
    }
    expect((await get("/events?status=nonsense&page=-4", mine)).status).toBe(200);
    expect((await post(`/events/${eventId}`, { intent: "drop" }, mine)).status).toBe(400);
    expect(
      (await post(`/events/${eventId}/sessions/${sessionId}`, { intent: "save", startsAt: "x" }, mine))
        .status,
    ).toBe(400);
    expect(
      (await post(`/events/${eventId}/sessions/new`, { trainerIds: "1e99", kind: "plenary" }, mine)).status,
    ).toBe(400);
    expect((await post("/events/new", { unitId: "-1", capacity: "lots" }, mine)).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});
