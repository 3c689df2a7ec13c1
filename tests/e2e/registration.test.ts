// The browser test, on a phone, in Hindi: an office-bearer opens the personal link from the
// invitation email in the developer's outbox, registers with answers, sees the confirmation and the
// check-in pass (which prints on one page), gets the confirmation email with the calendar invite and the
// pass image; opens the link again and cancels, and the seat is free. Also without JavaScript.
import { sql } from "kysely";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import hiEmail from "#app/i18n/locales/email/hi.ts";
import hi from "#app/i18n/locales/registration/hi.ts";
import { publishEvent } from "#app/models/events/invitation.server.ts";
import { toIstLocalInput } from "#app/i18n/ist-input.ts";
import { createTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { createRegistrationFixture } from "#tests/support/registration-fixture.ts";
import {
  addStaffCookie,
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

// A small Android phone.
const hindiPhone = { locale: "hi-IN", viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const PEOPLE = [
  { name: "Savitri Devi", nameHi: "सावित्री देवी", email: "savitri.devi@example.in" },
  { name: "Gopal Saini", nameHi: "गोपाल सैनी", email: "gopal.saini@example.in" },
];

describeInBrowser("registration through the personal link, on a phone", (chromiumPath) => {
  let testDb: TestDatabase;
  let portal: Portal;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let eventId: number;
  let titleHi: string;
  let startsAt: Date;
  let unitId: number;

  async function newContext(options: Parameters<Browser["newContext"]>[0] = hindiPhone) {
    const context = await browser.newContext(options);
    contexts.push(context);
    return context;
  }

  const registrationOf = (email: string) =>
    testDb.db
      .selectFrom("registrations")
      .innerJoin("appointees", "appointees.id", "registrations.appointeeId")
      .select(["registrations.status", "registrations.answers"])
      .where("appointees.email", "=", email)
      .where("registrations.eventId", "=", eventId)
      .executeTakeFirst();
  const seatsTaken = async () =>
    (
      await testDb.db
        .selectFrom("registrations")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("eventId", "=", eventId)
        .where("status", "=", "registered")
        .executeTakeFirstOrThrow()
    ).n;

  /** The personal link, read from the invitation email as the outbox shows it to an admin (in a browser of their own). */
  async function linkFromOutbox(email: string): Promise<string> {
    // The invitation (its subject starts "निमंत्रण: <title>"), not the later registration emails.
    const subject = hiEmail.invitation.subject.replace("{{title}}", titleHi);
    const reader = await outboxReader(await newContext(), testDb.db, portal);
    const text = await emailTextFromOutbox(reader, portal, [email, subject], 30);
    return `${portal.url}/i/${linkToken(text, "/i/")}`;
  }

  async function answerAndRegister(page: Page) {
    await page.getByLabel(hi.travelMode.train).check();
    // Arrival: the evening before the camp, IST.
    await page
      .getByLabel(hi.questions.arrivalTime)
      .fill(toIstLocalInput(new Date(startsAt.getTime() - 14 * 3_600_000)));
    await page.getByLabel(hi.needsStay.yes).check();
    await page.getByLabel(hi.foodPreference.veg).check();
    await page.getByRole("button", { name: hi.register, exact: true }).click();
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const db = testDb.db;
    // A formed district committee of two office-bearers, and a one-seat camp drafted for it.
    const camp = await createRegistrationFixture(db, { people: 0, capacity: 1, status: "draft" });
    eventId = camp.eventId;
    unitId = camp.unitId;
    const event = await db
      .selectFrom("events")
      .select(["titleHi", "startsAt"])
      .where("id", "=", eventId)
      .executeTakeFirstOrThrow();
    titleHi = event.titleHi;
    startsAt = event.startsAt;
    await db
      .updateTable("committees")
      .set({ status: "formed", formedAt: new Date() })
      .where("id", "=", camp.committeeId)
      .execute();
    for (const person of PEOPLE) {
      const appointee = await db
        .insertInto("appointees")
        .values({ ...person, preferredLanguage: "hi" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("appointments")
        .values({ appointeeId: appointee.id, committeeId: camp.committeeId, designation: "secretary" })
        .execute();
    }
    await db.insertInto("eventAudienceRules").values({ eventId, unitId: camp.unitId }).execute();
    const admin = await db
      .insertInto("staffUsers")
      .values({ email: "admin.registration@example.in", name: "Admin", role: "admin" })
      .returning("id")
      .executeTakeFirstOrThrow();
    // Publishing invites the committee: one invitation email each, with the personal link.
    const published = await publishEvent(db, { staffId: admin.id, scope: { kind: "all" } }, eventId);
    expect(published).toMatchObject({ ok: true, invited: 2, emailed: 2 });
    portal = await startPortal(testDb.url);
    browser = await launchBrowser(chromiumPath);
  });

  afterAll(() => closeBrowserTest({ contexts, browser, portal, testDb }));

  it("registers in Hindi from the emailed link, shows the pass, and cancels later so the seat is free", async () => {
    const context = await newContext();
    const link = await linkFromOutbox(PEOPLE[0]!.email);

    const page = await context.newPage();
    const response = await page.goto(link);
    expect(response?.status()).toBe(200);
    expect(await page.textContent("h1")).toBe(titleHi);
    expect(await page.getByText(hi.greeting.replace("{{name}}", PEOPLE[0]!.nameHi)).count()).toBe(1);
    expect(await page.getByText("उद्घाटन सत्र").count()).toBe(1);
    expect(await page.getByRole("link", { name: hi.map }).getAttribute("href")).toMatch(/^https:\/\/maps\./);
    // Nothing fits sideways on a phone: no horizontal scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: screenshotPath("registration-link-hi-phone"), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A required answer missing: a Hindi message at the question, nothing stored.
    await page.getByRole("button", { name: hi.register, exact: true }).click();
    expect(await page.getByText(hi.errors.travelModeRequired).count()).toBe(1);
    expect(await registrationOf(PEOPLE[0]!.email)).toBeUndefined();

    await answerAndRegister(page);
    const status = page.getByTestId("status");
    await expect.poll(() => status.textContent()).toContain(hi.status.registered);
    expect(await status.textContent()).toContain(hi.status.emailSent);
    const registration = await registrationOf(PEOPLE[0]!.email);
    expect(registration?.status).toBe("registered");
    expect(registration?.answers).toMatchObject({
      travelMode: "train",
      needsStay: true,
      foodPreference: "veg",
    });
    const pass = page.getByTestId("pass");
    expect(await pass.getByRole("heading").textContent()).toBe(hi.pass.title);
    expect(await pass.locator("svg path").count()).toBe(1);
    expect(await pass.getByText(PEOPLE[0]!.nameHi).count()).toBe(1);
    expect(await page.getByRole("link", { name: hi.calendar.google }).getAttribute("href")).toMatch(
      /^https:\/\/calendar\.google\.com\//,
    );
    await page.screenshot({ path: screenshotPath("registration-pass-hi-phone"), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Printed, the pass stands alone on one page.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".site-header").isVisible()).toBe(false);
    expect(await page.getByTestId("status").isVisible()).toBe(false);
    expect(await pass.isVisible()).toBe(true);
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    await page.emulateMedia({ media: "screen" });

    // The confirmation email: the invite attached, the pass as an image under the personal link.
    await expect
      .poll(
        async () =>
          (
            await testDb.db
              .selectFrom("emails")
              .select("status")
              .where("recipient", "=", PEOPLE[0]!.email)
              .where("template", "=", "registration-confirmed")
              .executeTakeFirst()
          )?.status,
        { timeout: 30_000 },
      )
      .toBe("sent");
    const mail = await testDb.db
      .selectFrom("emails")
      .select(["html", "attachment"])
      .where("recipient", "=", PEOPLE[0]!.email)
      .where("template", "=", "registration-confirmed")
      .executeTakeFirstOrThrow();
    // The pass image's address carries the pass only; the personal token appears in no image address.
    const passImage = /<img[^>]+src="([^"]+\/pass\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}\.png)"/.exec(
      mail.html!,
    )?.[1];
    expect(passImage).toBeDefined();
    expect(mail.html).not.toContain(`${new URL(link).pathname}/pass.png`);
    expect((mail.attachment as { contentType: string }).contentType).toMatch(/method=REQUEST/);
    const image = await page.request.get(passImage!);
    expect(image.status()).toBe(200);
    expect(image.headers()["content-type"]).toBe("image/png");

    // Later: the same link shows where things stand, and cancels after a confirmation step.
    const later = await context.newPage();
    await later.goto(link);
    expect(await later.getByTestId("status").textContent()).toContain(hi.status.registered);
    await later.getByRole("link", { name: hi.cancel.link }).click();
    await later.getByRole("heading", { name: hi.cancel.confirmTitle }).waitFor();
    expect(await registrationOf(PEOPLE[0]!.email)).toMatchObject({ status: "registered" });
    await later.getByRole("button", { name: hi.cancel.confirm }).click();
    await expect.poll(() => later.getByTestId("status").textContent()).toContain(hi.status.cancelled);
    expect((await registrationOf(PEOPLE[0]!.email))?.status).toBe("cancelled");
    expect(await seatsTaken()).toBe(0);
    expect(await later.getByTestId("pass").count()).toBe(0);
    // The seat is free: the page offers a seat again, not the waitlist.
    expect(await later.getByRole("button", { name: hi.register, exact: true }).count()).toBe(1);
    expect(await later.getByRole("button", { name: hi.joinWaitlist }).count()).toBe(0);
    await later.screenshot({ path: screenshotPath("registration-cancelled-hi-phone"), fullPage: true });
    const cancellation = await testDb.db
      .selectFrom("emails")
      .select("attachment")
      .where("recipient", "=", PEOPLE[0]!.email)
      .where("template", "=", "registration-cancelled")
      .execute();
    expect(cancellation).toHaveLength(1);
    expect((cancellation[0]!.attachment as { contentType: string }).contentType).toMatch(/method=CANCEL/);
  });

  it("works without JavaScript: register, then the link shows the pass", async () => {
    const context = await newContext({ ...hindiPhone, javaScriptEnabled: false });
    const link = await linkFromOutbox(PEOPLE[1]!.email);
    const page = await context.newPage();
    await page.goto(link);
    // The other person cancelled, so the one seat is free again.
    await answerAndRegister(page);
    await page.waitForURL(`${link}?done=registered`);
    expect(await page.getByTestId("status").textContent()).toContain(hi.status.registered);
    expect(await page.getByTestId("pass").count()).toBe(1);
    expect((await registrationOf(PEOPLE[1]!.email))?.status).toBe("registered");
    expect(await seatsTaken()).toBe(1);

    // The person who cancelled may register again, but the one seat is now taken: the waitlist.
    const first = await context.newPage();
    const firstLink = await linkFromOutbox(PEOPLE[0]!.email);
    await first.goto(firstLink);
    expect(await first.getByText(hi.full).count()).toBe(1);
    await first.getByLabel(hi.travelMode.bus).check();
    await first.getByRole("button", { name: hi.joinWaitlist }).click();
    await first.waitForURL(`${firstLink}?done=registered`);
    expect(await first.getByTestId("status").textContent()).toContain(
      hi.status.waitlisted.replace("{{position}}", "1"),
    );
    expect((await registrationOf(PEOPLE[0]!.email))?.status).toBe("waitlisted");
  });
  it("shows the organiser the seats, the waitlist and the answers, and lets them swap by hand", async () => {
    const staff = await testDb.db
      .insertInto("staffUsers")
      .values({
        email: "ajmer.organiser@example.in",
        name: "अजमेर आयोजक",
        role: "organiser",
        scopeUnitId: unitId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const cookie = await staffCookie(testDb.db, staff.id);
    const context = await newContext({ locale: "hi-IN", viewport: { width: 820, height: 1180 } });
    await addStaffCookie(context, cookie, portal.url);
    const page = await context.newPage();
    expect((await page.goto(`${portal.url}/events/${eventId}/registrations`))?.status()).toBe(200);
    expect(await page.getByTestId("seats").textContent()).toBe(
      hi.organiser.capacityValue.replace("{{capacity}}", "1").replace("{{registered}}", "1"),
    );
    expect(await page.getByTestId("waitlist").textContent()).toBe(PEOPLE[0]!.nameHi);
    await page.screenshot({ path: screenshotPath("registrations-organiser-hi"), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Swap: register the waiting person (over capacity), then move the seated one to the waitlist.
    const waiting = page.locator("tr", { hasText: PEOPLE[0]!.nameHi });
    await waiting.getByRole("button", { name: hi.organiser.registerNow }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("2");
    const seated = page.locator("tr", { hasText: PEOPLE[1]!.nameHi });
    await seated.getByRole("button", { name: hi.organiser.moveToWaitlist }).click();
    await expect.poll(() => page.getByTestId("waitlist").textContent()).toBe(PEOPLE[1]!.nameHi);
    expect((await registrationOf(PEOPLE[0]!.email))?.status).toBe("registered");
    expect((await registrationOf(PEOPLE[1]!.email))?.status).toBe("waitlisted");

    // The CSV export of the same list.
    const csv = await page.request.get(`${portal.url}/events/${eventId}/registrations.csv?status=waitlisted`);
    expect(csv.status()).toBe(200);
    const body = (await csv.body()).toString("utf8");
    expect(body.startsWith("\uFEFFname,")).toBe(true);
    expect(body).toContain(`${PEOPLE[1]!.name},${PEOPLE[1]!.nameHi},`);
    expect(body.split("\r\n")).toHaveLength(3);
  });
});
