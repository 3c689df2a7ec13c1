// The browser test, in Hindi: an organiser creates a district camp with three sessions, picks its
// audience with the live preview, publishes, and the invitations appear in the Outbox; then shares a link by
// hand and on WhatsApp from the invitee list. A committee marked formed afterwards is invited by the job the
// portal's worker runs, exactly once. Without JavaScript the preview is a GET and the rule is still added.
import { sql } from "kysely";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import hiAudience from "#app/i18n/locales/audience/hi.ts";
import hiCommittees from "#app/i18n/locales/committees/hi.ts";
import hiEvents from "#app/i18n/locales/events/hi.ts";
import hiRoot from "#app/i18n/locales/hi.ts";
import { findInvitationByToken } from "#app/models/registration/personal-link.server.ts";
import { seedDemo } from "#db/seed/demo.ts";
import { createTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import {
  addStaffCookie,
  closeBrowserTest,
  describeInBrowser,
  launchBrowser,
  outboxReader,
  type Portal,
  screenshotPath,
  seriousAxeViolations,
  staffCookie,
  startPortal,
} from "./support.ts";

const hindiTablet = { locale: "hi-IN", viewport: { width: 820, height: 1180 } };
const DAY = "2030-02-14"; // the camp: 10:00–17:00 IST
const TITLE_HI = "सांगानेर प्रशिक्षण शिविर";
const TITLE_EN = "Sanganer Training Camp";
const a = hiAudience;

describeInBrowser("publishing an event in a real browser", (chromiumPath) => {
  let testDb: TestDatabase;
  let portal: Portal;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let cookie: string;
  let eventId: number;
  const unit: Record<string, number> = {};

  async function newContext(options: Parameters<Browser["newContext"]>[0] = hindiTablet) {
    const context = await browser.newContext(options);
    contexts.push(context);
    return context;
  }

  async function signedInContext(options: Parameters<Browser["newContext"]>[0] = hindiTablet) {
    const context = await newContext(options);
    await addStaffCookie(context, cookie, portal.url);
    return context;
  }

  /** Distinct people in formed committees of Jaipur's tree at these levels: the audience, worked out by hand. */
  async function jaipurAudience(levels: string[]) {
    const { rows } = await sql<{ people: number; emailed: number }>`
      select count(distinct p.id)::int as people,
             (count(distinct p.id) filter (where p.email is not null))::int as emailed
        from appointments a
        join committees c on c.id = a.committee_id and c.status = 'formed'
        join units u on u.id = c.unit_id and u.level = any(${levels}::text[])
        join appointees p on p.id = a.appointee_id
       where a.active and u.path like (select path from units where code = 'RJ-JP') || '%'`.execute(
      testDb.db,
    );
    return rows[0]!;
  }

  async function invitationCount(committeeId?: number) {
    const row = await testDb.db
      .selectFrom("invitations")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("eventId", "=", eventId)
      .$if(committeeId !== undefined, (q) => q.where("committeeId", "=", committeeId!))
      .executeTakeFirstOrThrow();
    return row.n;
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    await seedDemo(testDb.db);
    for (const u of await testDb.db.selectFrom("units").select(["id", "code"]).execute()) unit[u.code] = u.id;
    const organiser = await testDb.db
      .insertInto("staffUsers")
      .values({
        email: "jaipur.publish@shivir.example",
        name: "सीमा शर्मा",
        role: "organiser",
        scopeUnitId: unit["RJ-JP"]!,
        preferredLanguage: "hi",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    cookie = await staffCookie(testDb.db, organiser.id);
    portal = await startPortal(testDb.url);
    browser = await launchBrowser(chromiumPath);
  });

  afterAll(() => closeBrowserTest({ contexts, browser, portal, testDb }));

  it("creates a camp with three sessions, picks its audience, publishes, and the invitations reach the Outbox", async () => {
    const context = await signedInContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: portal.url });
    const page = await context.newPage();

    // The camp, through the events pages.
    await page.goto(`${portal.url}/events/new`);
    await page.getByLabel(hiEvents.form.titleHi).fill(TITLE_HI);
    await page.getByLabel(hiEvents.form.titleEn).fill(TITLE_EN);
    await page.getByLabel(hiEvents.form.venueName).fill("सामुदायिक भवन, सांगानेर");
    await page.getByLabel(hiEvents.form.startsAt, { exact: true }).fill(`${DAY}T10:00`);
    await page.getByLabel(hiEvents.form.endsAt, { exact: true }).fill(`${DAY}T17:00`);
    await page.getByLabel(hiEvents.form.capacity, { exact: true }).fill("200");
    await page.getByLabel(hiEvents.form.registrationOpensAt).fill("2026-11-01T09:00");
    await page.getByLabel(hiEvents.form.registrationClosesAt).fill("2030-02-12T18:00");
    await page.getByRole("button", { name: hiEvents.form.create }).click();
    await page.waitForURL(/\/events\/\d+\?done=created$/);
    eventId = Number(/\/events\/(\d+)/.exec(page.url())![1]);
    for (const [kind, titleHi, titleEn, from, to] of [
      [hiEvents.sessionKind.plenary, "उद्घाटन सत्र", "Opening", "10:00", "11:00"],
      [hiEvents.sessionKind.training, "समिति का काम", "The work of a committee", "11:00", "13:00"],
      [hiEvents.sessionKind.expert, "सोशल मीडिया", "Social media", "14:00", "16:00"],
    ] as const) {
      await page.getByRole("link", { name: hiEvents.agenda.add }).click();
      await page.waitForURL(`${portal.url}/events/${eventId}/sessions/new`);
      await page.getByLabel(hiEvents.sessionForm.kind).selectOption({ label: kind });
      await page.getByLabel(hiEvents.sessionForm.titleHi).fill(titleHi);
      await page.getByLabel(hiEvents.sessionForm.titleEn).fill(titleEn);
      await page.getByLabel(hiEvents.sessionForm.startsAt).fill(`${DAY}T${from}`);
      await page.getByLabel(hiEvents.sessionForm.endsAt).fill(`${DAY}T${to}`);
      await page.getByRole("button", { name: hiEvents.sessionForm.add }).click();
      await page.waitForURL(`${portal.url}/events/${eventId}?done=sessionAdded`);
    }
    expect(
      (
        await testDb.db
          .selectFrom("eventSessions")
          .select(sql<number>`count(*)::int`.as("n"))
          .where("eventId", "=", eventId)
          .executeTakeFirstOrThrow()
      ).n,
    ).toBe(3);

    // The audience: Jaipur's district and assembly committees, with the counts updating as the form changes.
    await page.getByRole("link", { name: hiEvents.page.audience, exact: true }).click();
    await page.waitForURL(`${portal.url}/events/${eventId}/audience`);
    await page.getByRole("heading", { level: 1, name: `${a.title}: ${TITLE_HI}` }).waitFor();
    await page.getByText(a.rules.empty).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    const expected = await jaipurAudience(["district", "assembly"]);
    const candidatePeople = page.getByTestId("candidate-counts").locator('[data-count="people"]');
    await page.getByLabel(a.add.unit, { exact: true }).selectOption(String(unit["RJ-JP"]));
    await page.getByLabel(hiRoot.level.district, { exact: true }).check();
    // Only the district committee so far: the preview follows the form without a submit.
    const districtOnly = (await jaipurAudience(["district"])).people;
    await expect.poll(() => candidatePeople.textContent(), { timeout: 10_000 }).toBe(String(districtOnly));
    await page.getByLabel(hiRoot.level.assembly, { exact: true }).check();
    await expect.poll(() => candidatePeople.textContent(), { timeout: 10_000 }).toBe(String(expected.people));
    expect(page.url()).toBe(`${portal.url}/events/${eventId}/audience`);
    await page.screenshot({ path: screenshotPath("audience-preview-hi"), fullPage: true });

    await page.getByRole("button", { name: a.add.submit, exact: true }).click();
    await page.waitForURL(`${portal.url}/events/${eventId}/audience?done=added`);
    await page.getByText(a.done.added).waitFor();
    // The form starts afresh for the next rule.
    expect(await page.getByTestId("candidate-counts").count()).toBe(0);
    const ruleRow = page.locator("table.audience-rules tbody tr");
    expect(await ruleRow.count()).toBe(1);
    expect(await ruleRow.locator("td").first().textContent()).toBe(
      "जयपुर (जिला, कोड RJ-JP) और उसके नीचे की हर इकाई: जिला और विधानसभा स्तर की समितियाँ; हर पद",
    );
    expect(await page.locator('[data-count="people"]').first().textContent()).toBe(String(expected.people));
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await page.locator("main").textContent()).not.toMatch(/audience\.|level\./);

    // Publish from the event page, through the page that says what it will do and to how many people. A
    // draft has nothing to cancel.
    await page.goto(`${portal.url}/events/${eventId}`);
    expect(await page.getByText(hiEvents.page.cancel).count()).toBe(0);
    await page.getByRole("link", { name: hiEvents.page.publish, exact: true }).click();
    await page.waitForURL(`${portal.url}/events/${eventId}/publish`);
    await page
      .getByRole("heading", { level: 1, name: a.publish.confirmTitle.replace("{{title}}", TITLE_HI) })
      .waitFor();
    expect(await page.locator('[data-count="people"]').textContent()).toBe(String(expected.people));
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath("publish-confirm-hi"), fullPage: true });
    await page.getByRole("button", { name: a.publish.button }).click();
    await page.waitForURL(`${portal.url}/events/${eventId}?done=published`);
    expect(await page.getByTestId("event-status").textContent()).toBe(hiEvents.status.published);
    expect(await invitationCount()).toBe(expected.people);
    // Published, the event page leads to its report and attendance, and Cancel stands apart from the rest.
    const hub = page.getByRole("navigation", { name: hiEvents.hub.title });
    expect(await hub.getByRole("link", { name: hiEvents.hub.report, exact: true }).getAttribute("href")).toBe(
      `/reports/events/${eventId}`,
    );
    expect(
      await hub.getByRole("link", { name: hiEvents.hub.attendanceNow, exact: true }).getAttribute("href"),
    ).toBe(`/events/${eventId}/tablets#attendance-now`);
    const cancel = page
      .locator(".danger-zone")
      .getByRole("link", { name: hiEvents.page.cancel, exact: true });
    expect(await cancel.getAttribute("href")).toBe(`/events/${eventId}/cancel`);

    // The invitation emails, sent by the portal's worker (kept locally), are in the Outbox.
    const subject = `निमंत्रण: ${TITLE_HI} · Invitation: ${TITLE_EN}`;
    const sentInvitations = async () =>
      (
        await testDb.db
          .selectFrom("emails")
          .select(sql<number>`count(*)::int`.as("n"))
          .where("template", "=", "invitation")
          .where("status", "=", "sent")
          .executeTakeFirstOrThrow()
      ).n;
    await expect.poll(sentInvitations, { timeout: 30_000 }).toBe(expected.emailed);
    // The outbox is for admins only: the organiser is refused it, an admin reads it in a browser of their own.
    expect((await page.goto(`${portal.url}/outbox`))?.status()).toBe(403);
    const outbox = await outboxReader(await newContext(), testDb.db, portal);
    expect((await outbox.goto(`${portal.url}/outbox`))?.status()).toBe(200);
    const outboxRows = outbox.locator("tbody tr", { hasText: TITLE_EN });
    expect(await outboxRows.count()).toBe(Math.min(expected.emailed, 50));
    expect(await outboxRows.first().locator(".badge").textContent()).toBe(hiRoot.outbox.status_sent);
    await outbox.screenshot({ path: screenshotPath("outbox-invitations-hi"), fullPage: true });
    await outboxRows.first().getByRole("link").click();
    await outbox.waitForURL(/\/outbox\/\d+$/);
    // Both languages in the subject, the person's preferred one first.
    const heading = outbox.getByRole("heading", { level: 1, name: TITLE_EN });
    await heading.waitFor();
    expect([subject, `Invitation: ${TITLE_EN} · निमंत्रण: ${TITLE_HI}`]).toContain(await heading.textContent());
    const text = (await outbox.locator("pre.email-text").textContent()) ?? "";
    expect(text).toMatch(/\/i\/[A-Za-z0-9_-]{43}/);
    expect(text).toContain("सामुदायिक भवन, सांगानेर");

    // The invitee list: every person, the ones no channel reached, and a link to pass on by hand.
    await page.goto(`${portal.url}/events/${eventId}/invitations`);
    expect(await page.getByTestId("invitations-total").textContent()).toBe(
      a.invitations.total.replace("{{people}}", String(expected.people)),
    );
    const withoutEmail = expected.people - expected.emailed;
    expect(await page.locator('[data-state-count="no_email"]').textContent()).toBe(
      `${a.states.no_email}: ${withoutEmail}`,
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByTestId("not-reached-count").click();
    await page.waitForURL(/notReached=yes/);
    await expect.poll(() => page.getByLabel(a.invitations.notReached).isChecked()).toBe(true);
    const unreached = page.locator("tbody tr");
    await expect.poll(() => unreached.count()).toBe(withoutEmail);
    const first = unreached.first();
    const firstId = Number(await first.getAttribute("data-invitation-id"));
    const name = (
      await first
        .locator("th")
        .first()
        .evaluate((el) => el.firstChild?.textContent ?? "")
    ).trim();
    await first.getByRole("button", { name: a.invitations.copyLabel.replace("{{name}}", name) }).click();
    const linkField = page.getByLabel(a.invitations.linkFor.replace("{{name}}", name), { exact: true });
    await linkField.waitFor();
    const link = await linkField.inputValue();
    // The person's own link: its token opens their invitation.
    const token = /\/i\/([A-Za-z0-9_-]{43})$/.exec(link)?.[1];
    expect((await findInvitationByToken(testDb.db, token))?.id).toBe(firstId);
    // Shared by hand, that person counts as reached: the list of the unreached no longer holds them.
    await expect.poll(() => unreached.count()).toBe(withoutEmail - 1);
    await page.getByRole("button", { name: a.invitations.copyButton, exact: true }).click();
    await page.getByRole("button", { name: a.invitations.copied, exact: true }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await page.goto(`${portal.url}/events/${eventId}/invitations?notReached=yes`);
    expect(await page.locator("tbody tr").count()).toBe(withoutEmail - 1);

    // WhatsApp: a chat with the person, the message in their language with their own link.
    await context.route("https://wa.me/**", (route) => route.fulfill({ status: 200, body: "whatsapp" }));
    const next = page.locator("tbody tr").first();
    const nextName = (
      await next
        .locator("th")
        .first()
        .evaluate((el) => el.firstChild?.textContent ?? "")
    ).trim();
    const [chat] = await Promise.all([
      context.waitForEvent("page"),
      next.getByRole("button", { name: a.invitations.whatsappLabel.replace("{{name}}", nextName) }).click(),
    ]);
    await chat.waitForURL(/^https:\/\/wa\.me\//);
    const chatUrl = new URL(chat.url());
    const person = await testDb.db
      .selectFrom("invitations")
      .innerJoin("appointees", "appointees.id", "invitations.appointeeId")
      .select(["appointees.phone", "appointees.preferredLanguage", "invitations.sharedVia"])
      .where("invitations.id", "=", Number(await next.getAttribute("data-invitation-id")))
      .executeTakeFirstOrThrow();
    expect(chatUrl.pathname).toBe(`/${person.phone!.slice(1)}`);
    const message = chatUrl.searchParams.get("text") ?? "";
    expect(message).toMatch(/\/i\/[A-Za-z0-9_-]{43}$/);
    expect(message).toContain(person.preferredLanguage === "hi" ? TITLE_HI : TITLE_EN);
    expect(person.sharedVia).toBe("whatsapp");
    await page.screenshot({ path: screenshotPath("invitations-hi"), fullPage: true });
  }, 180_000);

  it("invites the members of a committee marked formed after publishing, exactly once", async () => {
    // Vidhyadhar Nagar's assembly committee is still forming, with some members.
    const committee = await testDb.db
      .selectFrom("committees")
      .select("id")
      .where("unitId", "=", unit["RJ-JP-AC-VDN"]!)
      .where("status", "=", "forming")
      .executeTakeFirstOrThrow();
    const members = await testDb.db
      .selectFrom("appointments")
      .select("appointeeId")
      .where("committeeId", "=", committee.id)
      .where("active", "=", true)
      .execute();
    expect(members.length).toBeGreaterThan(0);
    const before = await invitationCount();
    expect(await invitationCount(committee.id)).toBe(0);

    const context = await signedInContext();
    const page = await context.newPage();
    await page.goto(`${portal.url}/committees/${committee.id}`);
    await page.getByLabel(hiCommittees.formation.reason).fill("सम्मेलन से पहले प्रशिक्षण आवश्यक");
    await page.getByRole("button", { name: hiCommittees.formation.markFormed }).click();
    await page.getByText(hiCommittees.done.formed).waitFor();

    // The portal's worker runs the job; then nothing more happens, however long we wait.
    await expect.poll(() => invitationCount(committee.id), { timeout: 20_000 }).toBe(members.length);
    await page.waitForTimeout(2_000);
    expect(await invitationCount()).toBe(before + members.length);
    const emails = await testDb.db
      .selectFrom("emails")
      .select("idempotencyKey")
      .where("idempotencyKey", "like", "invitation:%")
      .execute();
    expect(new Set(emails.map((e) => e.idempotencyKey)).size).toBe(emails.length);
    await page.goto(`${portal.url}/events/${eventId}/audience`);
    expect(await page.getByTestId("invited-count").textContent()).toBe(String(before + members.length));
    await page.screenshot({ path: screenshotPath("audience-published-hi"), fullPage: true });

    // The same pages in English: every string translated.
    const english = await signedInContext({ ...hindiTablet, locale: "en-IN" });
    const enPage = await english.newPage();
    for (const [path, heading] of [
      ["audience", `Audience: ${TITLE_EN}`],
      ["invitations", `Invitations: ${TITLE_EN}`],
      ["publish", `Publish ${TITLE_EN}?`],
    ]) {
      await enPage.goto(`${portal.url}/events/${eventId}/${path}`);
      await enPage.getByRole("heading", { level: 1, name: heading, exact: true }).waitFor();
      // (Devanagari stays where it is data: each person's name in the other script.)
      expect(await enPage.locator("main").textContent()).not.toMatch(/audience\.|level\.|events\./);
      expect(await seriousAxeViolations(enPage)).toEqual([]);
    }
    await enPage.screenshot({ path: screenshotPath("publish-published-en"), fullPage: true });
  });

  it("works without JavaScript: the preview is a GET, a rule by code is added, an address is corrected", async () => {
    const draft = await testDb.db
      .insertInto("events")
      .values({
        kind: "district_camp",
        unitId: unit["RJ-JP"]!,
        titleEn: "No-script camp",
        titleHi: "बिना स्क्रिप्ट शिविर",
        venueName: "Hall",
        startsAt: new Date("2030-03-10T04:30:00Z"),
        endsAt: new Date("2030-03-10T11:30:00Z"),
        registrationOpensAt: new Date("2026-11-01T00:00:00Z"),
        registrationClosesAt: new Date("2030-03-08T12:30:00Z"),
        capacity: 50,
        icalUid: "nojs-camp@test",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const context = await signedInContext({ ...hindiTablet, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${portal.url}/events/${draft.id}/audience`);
    await page.getByLabel(a.add.unitCode).fill("rj-jp-ac-sng");
    await page.getByRole("button", { name: a.add.preview, exact: true }).click();
    await page.waitForURL(/preview=1/);
    const sanganer = await testDb.db
      .selectFrom("appointments")
      .innerJoin("committees", "committees.id", "appointments.committeeId")
      .select(sql<number>`count(distinct appointments.appointee_id)::int`.as("n"))
      .where("committees.unitId", "=", unit["RJ-JP-AC-SNG"]!)
      .where("committees.status", "=", "formed")
      .where("appointments.active", "=", true)
      .executeTakeFirstOrThrow();
    expect(await page.getByTestId("candidate-counts").locator('[data-count="people"]').textContent()).toBe(
      String(sanganer.n),
    );
    // The form keeps what was typed, and the rule is added from here.
    expect(await page.getByLabel(a.add.unitCode).inputValue()).toBe("RJ-JP-AC-SNG");
    await page.getByRole("button", { name: a.add.submit, exact: true }).click();
    await page.getByText(a.done.added).waitFor();
    expect(
      await testDb.db
        .selectFrom("eventAudienceRules")
        .select(["unitId", "levels"])
        .where("eventId", "=", draft.id)
        .execute(),
    ).toEqual([{ unitId: unit["RJ-JP-AC-SNG"], levels: null }]);

    // A unit outside the organiser's district: refused in Hindi, nothing added.
    await page.getByLabel(a.add.unitCode).fill("RJ-JD");
    await page.getByRole("button", { name: a.add.submit, exact: true }).click();
    await page.getByText(a.errors.unitNotFound).first().waitFor();
    expect(
      await testDb.db.selectFrom("eventAudienceRules").select("id").where("eventId", "=", draft.id).execute(),
    ).toHaveLength(1);
    await page.screenshot({ path: screenshotPath("audience-nojs-hi"), fullPage: true });

    // Publishing from the event page goes through the confirmation, with the number of people, also without
    // JavaScript; a draft offers no Cancel.
    await page.goto(`${portal.url}/events/${draft.id}`);
    expect(await page.getByText(hiEvents.page.cancel).count()).toBe(0);
    await page.getByRole("link", { name: hiEvents.page.publish, exact: true }).click();
    await page.waitForURL(`${portal.url}/events/${draft.id}/publish`);
    expect(await page.locator('[data-count="people"]').textContent()).toBe(String(sanganer.n));
    const draftInvitations = () =>
      testDb.db.selectFrom("invitations").select("id").where("eventId", "=", draft.id).execute();
    expect(await draftInvitations()).toHaveLength(0);
    await page.getByRole("button", { name: a.publish.button }).click();
    await page.waitForURL(`${portal.url}/events/${draft.id}?done=published`);
    expect(await page.getByTestId("event-status").textContent()).toBe(hiEvents.status.published);
    expect(await draftInvitations()).toHaveLength(sanganer.n);
    expect(
      await page
        .getByRole("navigation", { name: hiEvents.hub.title })
        .getByRole("link", { name: hiEvents.hub.report, exact: true })
        .getAttribute("href"),
    ).toBe(`/reports/events/${draft.id}`);

    // Giving a person without email an address, on the published camp: a taken address is refused in
    // Hindi and changes nothing; a new one is saved and the invitation goes to it.
    await page.goto(`${portal.url}/events/${eventId}/invitations?state=no_email`);
    const row = page.locator("tbody tr").first();
    const invitationId = Number(await row.getAttribute("data-invitation-id"));
    const rowById = () => page.locator(`tr[data-invitation-id="${invitationId}"]`);
    const invitation = () =>
      testDb.db
        .selectFrom("invitations")
        .innerJoin("appointees", "appointees.id", "invitations.appointeeId")
        .select(["invitations.emailId", "appointees.email"])
        .where("invitations.id", "=", invitationId)
        .executeTakeFirstOrThrow();
    const taken = await testDb.db
      .selectFrom("appointees")
      .select("email")
      .where("email", "is not", null)
      .executeTakeFirstOrThrow();
    await row.getByRole("textbox").fill(taken.email!);
    await row.getByRole("button", { name: a.invitations.fix }).click();
    await page.getByText(a.errors.emailTaken).waitFor();
    expect(await invitation()).toEqual({ emailId: null, email: null });
    await rowById().getByRole("textbox").fill("Naya.Pata@Example.in");
    await rowById().getByRole("button", { name: a.invitations.fix }).click();
    await page.getByText(a.done.fixed).waitFor();
    const fixed = await invitation();
    expect(fixed.email).toBe("naya.pata@example.in");
    expect(fixed.emailId).not.toBeNull();
  });
});
