// Revoking an invitation from the invitee list, in a browser without JavaScript: the confirm step opens in
// place, the seat goes to the first person waiting, the row shows "revoked" with a count, and the old personal
// link gives the not-found page. A stale second page gets "revoked already"; a closed event gets a refusal.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import enAudience from "#app/i18n/locales/audience/en.ts";
import hiAudience from "#app/i18n/locales/audience/hi.ts";
import { registerByLink, resolvePersonalLink } from "#app/models/registration/registration.server.ts";
import { createTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { createRegistrationFixture, type RegistrationFixture } from "#tests/support/registration-fixture.ts";
import {
  addStaffCookie,
  closeBrowserTest,
  describeInBrowser,
  launchBrowser,
  type Portal,
  screenshotPath,
  staffCookie,
  startPortal,
} from "./support.ts";

const noScript = { viewport: { width: 820, height: 1180 }, javaScriptEnabled: false };

describeInBrowser("revoking an invitation, without JavaScript", (chromiumPath) => {
  let testDb: TestDatabase;
  let portal: Portal;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let cookie: string;
  let camp: RegistrationFixture;

  async function invitationsPage(locale: "hi-IN" | "en-IN"): Promise<Page> {
    const context = await browser.newContext({ ...noScript, locale });
    contexts.push(context);
    await addStaffCookie(context, cookie, portal.url);
    const page = await context.newPage();
    await page.goto(`${portal.url}/events/${camp.eventId}/invitations`);
    return page;
  }

  const statusOf = async (invitationId: number) =>
    (
      await testDb.db
        .selectFrom("registrations")
        .select("status")
        .where("invitationId", "=", invitationId)
        .executeTakeFirstOrThrow()
    ).status;
  const templatesTo = async (email: string | null) =>
    (
      await testDb.db
        .selectFrom("emails")
        .select("template")
        .where("recipient", "=", email ?? "")
        .orderBy("id")
        .execute()
    ).map((m) => m.template);

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const db = testDb.db;
    // One seat, three people: the first registered, the other two waiting in order.
    camp = await createRegistrationFixture(db, { people: 3, capacity: 1 });
    for (const [i, person] of camp.people.entries()) {
      const access = await resolvePersonalLink(db, person.token, `10.8.0.${i + 1}`);
      if (!access.ok) throw new Error("the fixture's link does not open");
      await registerByLink(db, access.link, { travelMode: "bus" });
    }
    const organiser = await db
      .insertInto("staffUsers")
      .values({
        email: "revoke.organiser@shivir.example",
        name: "राधा मीणा",
        role: "organiser",
        scopeUnitId: camp.unitId,
        preferredLanguage: "hi",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    cookie = await staffCookie(db, organiser.id);
    portal = await startPortal(testDb.url);
    browser = await launchBrowser(chromiumPath);
  });

  afterAll(() => closeBrowserTest({ contexts, browser, portal, testDb }));

  it("revokes in Hindi: confirm on the page, seat to the waitlist, revoked in the list, old link not found", async () => {
    const [first, second, third] = camp.people;
    const h = hiAudience;
    // A second page in English, opened before the revoke: it still offers the button.
    const stale = await invitationsPage("en-IN");
    const page = await invitationsPage("hi-IN");
    const row = page.locator(`tr[data-invitation-id="${first!.invitationId}"]`);
    expect(await row.getAttribute("data-state")).toBe("registered");

    // The confirm step: a disclosure, no script; its text says what revoking does.
    const confirm = row.getByText(h.invitations.revokeConfirm.replace("{{name}}", first!.nameHi));
    expect(await confirm.isVisible()).toBe(false);
    await row.getByText(h.invitations.revoke, { exact: true }).click();
    await confirm.waitFor();
    await row.getByLabel(h.invitations.revokeReason).fill("समिति से हट गए");
    await row.screenshot({ path: screenshotPath("invitations-revoke-confirm-hi") });
    await row
      .getByRole("button", { name: h.invitations.revokeLabel.replace("{{name}}", first!.nameHi) })
      .click();
    await page.waitForURL(/done=revokedSeat/);
    expect(await page.getByRole("status").first().textContent()).toBe(h.done.revokedSeat);

    const revokedRow = page.locator(`tr[data-invitation-id="${first!.invitationId}"]`);
    expect(await revokedRow.getAttribute("data-state")).toBe("revoked");
    expect(await revokedRow.locator(".badge").first().textContent()).toBe(h.states.revoked);
    expect(await revokedRow.getByText(h.invitations.revoke, { exact: true }).count()).toBe(0);
    expect(await page.locator('[data-state-count="revoked"]').textContent()).toBe(`${h.states.revoked}: 1`);
    expect(await page.getByTestId("invitations-total").textContent()).toBe(
      h.invitations.total.replace("{{people}}", "2"),
    );
    await page.screenshot({ path: screenshotPath("invitations-revoked-hi"), fullPage: true });

    // The seat went to the first person waiting, who was emailed; the revoked person got the cancellation.
    expect(await statusOf(first!.invitationId)).toBe("cancelled");
    expect(await statusOf(second!.invitationId)).toBe("registered");
    expect(await statusOf(third!.invitationId)).toBe("waitlisted");
    expect(await templatesTo(second!.email)).toEqual(["waitlist-promoted"]);
    expect(await templatesTo(first!.email)).toEqual(["registration-confirmed", "registration-cancelled"]);

    // The old personal link: the same not-found page as any wrong link.
    const link = await page.goto(`${portal.url}/i/${first!.token}`);
    expect(link?.status()).toBe(404);

    // The stale English page: revoking again changes nothing and says so.
    const staleRow = stale.locator(`tr[data-invitation-id="${first!.invitationId}"]`);
    await staleRow.getByText(enAudience.invitations.revoke, { exact: true }).click();
    await staleRow
      .getByRole("button", { name: enAudience.invitations.revokeLabel.replace("{{name}}", first!.name) })
      .click();
    await stale.waitForURL(/done=alreadyRevoked/);
    expect(await stale.getByRole("status").first().textContent()).toBe(enAudience.done.alreadyRevoked);
    expect(await templatesTo(first!.email)).toEqual(["registration-confirmed", "registration-cancelled"]);
  }, 120_000);

  it("refuses once the event is cancelled, with the reason at the row, in English", async () => {
    const third = camp.people[2]!;
    const page = await invitationsPage("en-IN");
    const row = page.locator(`tr[data-invitation-id="${third.invitationId}"]`);
    await row.getByText(enAudience.invitations.revoke, { exact: true }).click();
    await testDb.db
      .updateTable("events")
      .set({ status: "cancelled", cancelledAt: new Date() })
      .where("id", "=", camp.eventId)
      .execute();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      row
        .getByRole("button", { name: enAudience.invitations.revokeLabel.replace("{{name}}", third.name) })
        .click(),
    ]);
    expect(response.status()).toBe(400);
    await page.getByRole("alert").filter({ hasText: enAudience.errors.revokeClosed }).waitFor();
    expect(await statusOf(third.invitationId)).toBe("waitlisted");
    const invitation = await testDb.db
      .selectFrom("invitations")
      .select("revokedAt")
      .where("id", "=", third.invitationId)
      .executeTakeFirstOrThrow();
    expect(invitation.revokedAt).toBeNull();
  }, 60_000);
});
