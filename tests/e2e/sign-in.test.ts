// Staff sign-in by emailed link, end to end in a real Chromium: request a link, an admin reads it in the
// developer's local outbox (for admins only), confirm it, sign out; used, expired and forged links; the
// organisers' mail alarm.
import { sql } from "kysely";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import en from "#app/i18n/locales/en.ts";
import h from "#app/i18n/locales/hi.ts";
import { hashToken } from "#app/platform/token.server.ts";
import { DEMO_ADMIN_EMAIL, seedDemo } from "#db/seed/demo.ts";
import { createTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import {
  addStaffCookie,
  closeBrowserTest,
  describeInBrowser,
  fill,
  launchBrowser,
  outboxReader,
  type Portal,
  pattern,
  screenshot,
  seriousAxeViolations,
  staffCookie,
  startPortal,
} from "./support.ts";

const ADMIN_NAME = "Demo Admin";
const UNKNOWN_EMAIL = "nobody@shivir.example";
const TOKEN_IN_TEXT = /\/sign-in\/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/;

// The strings the pages show, from app/i18n/locales/hi.ts and en.ts.
const hi = {
  signInTitle: h.auth.signInTitle,
  emailLabel: h.auth.emailLabel,
  sendLink: h.auth.sendLink,
  emailInvalid: h.auth.emailInvalid,
  linkSent: (email: string) => fill(h.auth.linkSent, { email }),
  rateLimited: pattern(h.auth.rateLimited),
  confirmTitle: h.auth.confirmTitle,
  confirmIntro: h.auth.confirmIntro,
  confirmButton: h.auth.confirmButton,
  linkUsed: h.auth.linkUsed,
  linkExpired: h.auth.linkExpired,
  linkInvalid: h.auth.linkInvalid,
  askAgain: h.auth.askAgain,
  signIn: h.auth.signIn,
  signOut: h.auth.signOut,
  signedInAs: (name: string) => fill(h.auth.signedInAs, { name }),
  statusSent: h.outbox.status_sent,
  transportLocal: h.outbox.transport_local,
  textVersion: h.outbox.textVersion,
  mailFailing: (count: number) => fill(h.mailAlarm.failing, { count }),
  openOutbox: h.mailAlarm.openOutbox,
};

const hindiPhone = {
  locale: "hi-IN",
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
const hindiTablet = { locale: "hi-IN", viewport: { width: 820, height: 1180 } };

// The worker sends within a second or two; allow for a loaded CI machine.
const MAIL_WAIT_MS = 30_000;
// Each test drives several fresh browser contexts: more than the e2e project's 60 s on a busy 2-CPU runner.
const SLOW = 120_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeInBrowser("staff sign-in by emailed link in a real browser", (chromiumPath) => {
  let testDb: TestDatabase;
  let portal: Portal;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  /** A fresh browser context, closed after the test even when the test fails. */
  async function newContext(options: Parameters<Browser["newContext"]>[0] = hindiTablet) {
    const context = await browser.newContext(options);
    contexts.push(context);
    return context;
  }

  async function count(table: "emails" | "signInTokens" | "staffSessions") {
    const row = await testDb.db
      .selectFrom(table)
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    return row.n;
  }

  async function lastEmailId() {
    const row = await testDb.db
      .selectFrom("emails")
      .select(sql<number>`coalesce(max(id), 0)::int`.as("id"))
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Waits for the worker to "send" (render and keep locally) the newest sign-in email to `recipient` after `afterId`. */
  async function waitForSentEmail(recipient: string, afterId: number) {
    const deadline = Date.now() + MAIL_WAIT_MS;
    for (;;) {
      const row = await testDb.db
        .selectFrom("emails")
        .select(["id", "status", "text"])
        .where("recipient", "=", recipient)
        .where("id", ">", afterId)
        .orderBy("id", "desc")
        .executeTakeFirst();
      if (row?.status === "sent" && row.text) return { ...row, text: row.text };
      if (Date.now() > deadline) {
        throw new Error(
          `no sent email to ${recipient} within ${MAIL_WAIT_MS / 1000} s (row: ${JSON.stringify(row)})\n${portal.output()}`,
        );
      }
      await sleep(200);
    }
  }

  /** Asks for a link the way a no-JavaScript form post does, and reads it from the delivered email. */
  async function requestLink(email = DEMO_ADMIN_EMAIL) {
    const before = await lastEmailId();
    const response = await fetch(`${portal.url}/sign-in`, {
      method: "POST",
      body: new URLSearchParams({ email }),
      redirect: "manual",
    });
    expect(response.status).toBe(200);
    const sent = await waitForSentEmail(email, before);
    const match = TOKEN_IN_TEXT.exec(sent.text);
    if (!match) throw new Error(`no sign-in link in the email text:\n${sent.text}`);
    const token = match[1]!;
    return { emailId: sent.id, token, path: `/sign-in/${token}` };
  }

  async function tokenRow(token: string) {
    return testDb.db
      .selectFrom("signInTokens")
      .selectAll()
      .where("tokenHash", "=", hashToken(token))
      .executeTakeFirstOrThrow();
  }

  /** Opens the link, presses the button and waits for the home page; returns the signed-in page. */
  async function signInWithLink(context: BrowserContext, path: string) {
    const page = await context.newPage();
    const response = await page.goto(`${portal.url}${path}`);
    expect(response?.status()).toBe(200);
    expect(await page.textContent("h1")).toBe(hi.confirmTitle);
    await page.getByRole("button", { name: hi.confirmButton, exact: true }).click();
    await page.waitForURL(`${portal.url}/`);
    await page.getByText(hi.signedInAs(ADMIN_NAME), { exact: true }).waitFor();
    return page;
  }

  async function expectSignedOut(page: Page, signInText = hi.signIn) {
    const nav = page.locator(".site-nav");
    expect(await nav.textContent()).not.toContain(ADMIN_NAME);
    expect(await nav.getByRole("link", { name: signInText, exact: true }).count()).toBe(1);
    expect(await page.getByRole("button", { name: hi.signOut }).count()).toBe(0);
    const cookies = await page.context().cookies();
    expect(cookies.filter((c) => c.name === "__session" && c.value)).toEqual([]);
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    await seedDemo(testDb.db);
    // A developer's portal: no Resend key, so mail is kept on this machine and shown in the outbox.
    portal = await startPortal(testDb.url, { RESEND_API_KEY: "" });
    browser = await launchBrowser(chromiumPath);
  });

  // Every test asks for links for the same address: start each with empty rate-limit windows (5 per address).
  beforeEach(async () => {
    await testDb.db.deleteFrom("rateLimits").execute();
    return async () => {
      await Promise.all(contexts.splice(0).map((c) => c.close()));
    };
  });

  afterAll(() => closeBrowserTest({ contexts, browser, portal, testDb }));

  it(
    "asks for a link in Hindi: the same answer for staff and strangers, and a Hindi validation message",
    async () => {
      const context = await newContext(hindiPhone);
      const page = await context.newPage();
      const response = await page.goto(`${portal.url}/sign-in`);
      expect(response?.status()).toBe(200);
      expect(await page.getAttribute("html", "lang")).toBe("hi");
      expect(await page.textContent("h1")).toBe(hi.signInTitle);
      expect(await seriousAxeViolations(page)).toEqual([]);

      const emails = await count("emails");
      const tokens = await count("signInTokens");
      const before = await lastEmailId();
      const input = page.getByLabel(hi.emailLabel);
      const submit = page.getByRole("button", { name: hi.sendLink });
      const status = page.getByRole("status");

      // The demo admin: the answer, one email (in the admin's language) and one token.
      await input.fill(DEMO_ADMIN_EMAIL);
      await submit.click();
      await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe(hi.linkSent(DEMO_ADMIN_EMAIL));
      const queued = await testDb.db
        .selectFrom("emails")
        .select(["recipient", "template", "locale"])
        .where("id", ">", before)
        .execute();
      expect(queued).toEqual([{ recipient: DEMO_ADMIN_EMAIL, template: "sign-in-link", locale: "hi" }]);
      expect(await count("signInTokens")).toBe(tokens + 1);
      await screenshot(page, "sign-in-link-sent-hi");

      // A stranger: the very same answer, and nothing queued.
      await input.fill(UNKNOWN_EMAIL);
      await submit.click();
      await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe(hi.linkSent(UNKNOWN_EMAIL));
      expect(
        await testDb.db.selectFrom("emails").select("id").where("recipient", "=", UNKNOWN_EMAIL).execute(),
      ).toEqual([]);
      expect(await count("emails")).toBe(emails + 1);
      expect(await count("signInTokens")).toBe(tokens + 1);

      // Not an address: the Hindi message under the field, and nothing queued.
      await input.fill("not-an-email");
      await submit.click();
      const error = page.locator(".field-error");
      await error.waitFor();
      expect(await error.textContent()).toBe(hi.emailInvalid);
      expect(await input.getAttribute("aria-invalid")).toBe("true");
      expect(await input.getAttribute("aria-describedby")).toBe(await error.getAttribute("id"));
      expect(await count("emails")).toBe(emails + 1);
      expect(await count("signInTokens")).toBe(tokens + 1);
      await screenshot(page, "sign-in-invalid-hi");
      expect(await seriousAxeViolations(page)).toEqual([]);

      // The server says the same without JavaScript (HTTP 400), and queues nothing either.
      const noJs = await newContext({ ...hindiPhone, javaScriptEnabled: false });
      const plain = await noJs.newPage();
      await plain.goto(`${portal.url}/sign-in`);
      await plain.getByLabel(hi.emailLabel).fill("not-an-email");
      const [post] = await Promise.all([
        plain.waitForResponse((r) => r.request().method() === "POST"),
        plain.getByRole("button", { name: hi.sendLink }).click(),
      ]);
      expect(post.status()).toBe(400);
      await plain.waitForLoadState();
      expect(await plain.locator(".field-error").textContent()).toBe(hi.emailInvalid);
      expect(await plain.getByRole("status").count()).toBe(0);
      expect(await count("emails")).toBe(emails + 1);
      expect(await count("signInTokens")).toBe(tokens + 1);
    },
    SLOW,
  );

  it(
    "delivers the link to the local outbox, and the link signs the admin in",
    async () => {
      const context = await newContext(hindiTablet);
      const page = await context.newPage();
      const before = await lastEmailId();
      await page.goto(`${portal.url}/sign-in`);
      await page.getByLabel(hi.emailLabel).fill(DEMO_ADMIN_EMAIL);
      await page.getByRole("button", { name: hi.sendLink }).click();
      await expect
        .poll(() => page.getByRole("status").textContent(), { timeout: 30_000 })
        .toBe(hi.linkSent(DEMO_ADMIN_EMAIL));
      const { id } = await testDb.db
        .selectFrom("emails")
        .select("id")
        .where("id", ">", before)
        .where("recipient", "=", DEMO_ADMIN_EMAIL)
        .executeTakeFirstOrThrow();

      // The outbox is for admins only: another admin, signed in in a browser of their own, reads it there,
      // polling until the worker has "sent" the message.
      const reader = await outboxReader(await newContext(hindiTablet), testDb.db, portal);
      const row = reader.locator(`tr[data-email-id="${id}"]`);
      const deadline = Date.now() + MAIL_WAIT_MS;
      for (;;) {
        const response = await reader.goto(`${portal.url}/outbox`);
        expect(response?.status()).toBe(200);
        if ((await row.locator(".badge").textContent()) === hi.statusSent) break;
        if (Date.now() > deadline)
          throw new Error(`email ${id} not sent within ${MAIL_WAIT_MS / 1000} s\n${portal.output()}`);
        await sleep(500);
      }
      expect(await row.locator("td").nth(1).textContent()).toBe(DEMO_ADMIN_EMAIL);
      await row.getByRole("link").click();
      await reader.waitForURL(`${portal.url}/outbox/${id}`);
      expect(await reader.locator(".meta .badge").textContent()).toBe(hi.statusSent);
      expect(await reader.locator(".meta").textContent()).toContain(hi.transportLocal);
      expect(await reader.getByRole("heading", { name: hi.textVersion }).count()).toBe(1);

      const text = (await reader.locator("pre.email-text").textContent()) ?? "";
      const match = TOKEN_IN_TEXT.exec(text);
      expect(match, `no sign-in link in the text version:\n${text}`).not.toBeNull();
      const path = `/sign-in/${match![1]}`;
      expect(text).toContain(ADMIN_NAME);

      const sessions = await count("staffSessions");
      const linkPage = await context.newPage();
      const response = await linkPage.goto(`${portal.url}${path}`);
      expect(response?.status()).toBe(200);
      expect(await linkPage.textContent("h1")).toBe(hi.confirmTitle);
      expect(await linkPage.getByText(hi.confirmIntro).count()).toBe(1);
      await screenshot(linkPage, "sign-in-confirm-hi");
      expect(await seriousAxeViolations(linkPage)).toEqual([]);
      // Opening the page used nothing up.
      expect((await tokenRow(match![1]!)).usedAt).toBeNull();

      await linkPage.getByRole("button", { name: hi.confirmButton, exact: true }).click();
      await linkPage.waitForURL(`${portal.url}/`);
      await linkPage.getByText(hi.signedInAs(ADMIN_NAME), { exact: true }).waitFor();
      expect(await linkPage.getByRole("button", { name: hi.signOut }).count()).toBe(1);
      expect(
        await linkPage.locator(".site-nav").getByRole("link", { name: hi.signIn, exact: true }).count(),
      ).toBe(0);
      expect((await context.cookies()).find((c) => c.name === "__session")?.httpOnly).toBe(true);
      expect((await tokenRow(match![1]!)).usedAt).not.toBeNull();
      expect(await count("staffSessions")).toBe(sessions + 1);
      const audit = await testDb.db
        .selectFrom("auditLog")
        .select("action")
        .where("action", "=", "staff.signed_in")
        .execute();
      expect(audit.length).toBeGreaterThan(0);
      await screenshot(linkPage, "home-signed-in-hi");
      expect(await seriousAxeViolations(linkPage)).toEqual([]);

      // Signed in, /sign-in has nothing to ask: it goes home.
      await linkPage.goto(`${portal.url}/sign-in`);
      expect(new URL(linkPage.url()).pathname).toBe("/");
    },
    SLOW,
  );

  it(
    "shows the HTML version of the sign-in email in the outbox's sandboxed frame",
    async () => {
      const link = await requestLink();
      const page = await outboxReader(await newContext(hindiTablet), testDb.db, portal);
      expect((await page.goto(`${portal.url}/outbox/${link.emailId}`))?.status()).toBe(200);
      const frame = await (await page.locator("iframe.email-frame").elementHandle())?.contentFrame();
      await frame?.waitForLoadState("load");
      await screenshot(page, "outbox-sign-in-email");
      // The button and the raw link, in Hindi and again in English: the same link as the text version.
      const links = page.frameLocator("iframe.email-frame").locator(`a[href$="${link.path}"]`);
      await links.first().waitFor({ timeout: 5_000 });
      expect(await links.count()).toBe(4);
    },
    SLOW,
  );

  it(
    "keeps the outbox from anyone but an admin on a developer's portal: a visitor is sent to sign in, an organiser and a trainer are refused",
    async () => {
      // A sign-in email with a live link, and a message with every part (text, HTML, an attachment) marked.
      const link = await requestLink();
      const marker = `outbox-secret-${Date.now()}`;
      const { id: markedId } = await testDb.db
        .insertInto("emails")
        .values({
          recipient: "marked.recipient@example.in",
          locale: "hi",
          template: "invitation",
          props: sql`'{}'::jsonb`,
          subject: `Subject ${marker}`,
          idempotencyKey: marker,
          status: "sent",
          statusAt: sql`now()`,
          transport: "local",
          text: `Text ${marker}`,
          html: `<p>HTML ${marker}</p>`,
          attachment: {
            filename: "invite.ics",
            contentType: "text/calendar",
            content: Buffer.from(`BEGIN:VCALENDAR\nX-MARK:${marker}\nEND:VCALENDAR`).toString("base64"),
          },
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const secrets = [link.token, marker, "marked.recipient@example.in"];
      const paths = [
        "/outbox",
        `/outbox/${link.emailId}`,
        `/outbox/${markedId}`,
        `/outbox/${markedId}/html`,
        `/outbox/${markedId}/attachment`,
      ];
      const expectNothingOf = (body: string, what: string) => {
        for (const secret of secrets) expect(body.includes(secret), `${what} shows ${secret}`).toBe(false);
      };
      try {
        // An admin reads all of it (so the refusals below are not just broken pages), and the portal is a
        // developer's: no Resend key, mail kept on this machine.
        const admin = await outboxReader(await newContext(hindiTablet), testDb.db, portal);
        expect((await admin.goto(`${portal.url}/outbox`))?.status()).toBe(200);
        expect(await admin.locator("p.notice").first().textContent()).toBe(h.outbox.localNotice);
        const adminCookie = (await admin.context().cookies()).find((c) => c.name === "__session")!;
        for (const [path, secret] of [
          [paths[1]!, link.token],
          ...paths.slice(2).map((p) => [p, marker] as const),
        ] as const) {
          const response = await fetch(`${portal.url}${path}`, {
            headers: { cookie: `__session=${adminCookie.value}` },
            redirect: "manual",
          });
          expect(response.status, path).toBe(200);
          expect(await response.text(), path).toContain(secret);
        }

        // A visitor who is not signed in: every outbox address sends them to sign in, and shows nothing of it.
        for (const path of paths) {
          const response = await fetch(`${portal.url}${path}`, { redirect: "manual" });
          expect([302, 303], path).toContain(response.status);
          expect(response.headers.get("location"), path).toBe(
            `/sign-in?redirectTo=${encodeURIComponent(path)}`,
          );
          expectNothingOf(await response.text(), `${path} to a visitor`);
        }
        const visitor = await (await newContext(hindiTablet)).newPage();
        for (const path of paths.slice(0, 3)) {
          expect((await visitor.goto(`${portal.url}${path}`))?.status(), path).toBe(200);
          expect(new URL(visitor.url()).pathname, path).toBe("/sign-in");
          expect(await visitor.textContent("h1"), path).toBe(hi.signInTitle);
          expect(await visitor.locator("tr[data-email-id], pre.email-text, iframe.email-frame").count()).toBe(
            0,
          );
          expectNothingOf(await visitor.content(), `${path} in a visitor's browser`);
        }

        // Signed in, but not an admin: 403 for every outbox address, and nothing of it either.
        const jaipur = await testDb.db
          .selectFrom("units")
          .select("id")
          .where("code", "=", "RJ-JP")
          .executeTakeFirstOrThrow();
        for (const role of ["organiser", "trainer"] as const) {
          const staff = await testDb.db
            .insertInto("staffUsers")
            .values({
              email: `outbox.${role}@example.in`,
              name: `Outbox ${role}`,
              role,
              scopeUnitId: jaipur.id,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          const cookie = await staffCookie(testDb.db, staff.id);
          for (const path of paths) {
            const response = await fetch(`${portal.url}${path}`, { headers: { cookie }, redirect: "manual" });
            expect(response.status, `${role} ${path}`).toBe(403);
            expectNothingOf(await response.text(), `${path} to an ${role}`);
          }
          const context = await newContext(hindiTablet);
          await addStaffCookie(context, cookie, portal.url);
          const page = await context.newPage();
          expect((await page.goto(`${portal.url}/outbox`))?.status()).toBe(403);
          expect(await page.locator(".error-page").textContent()).toContain(
            fill(h.error.status, { status: 403 }),
          );
          expectNothingOf(await page.content(), `/outbox in an ${role}'s browser`);
        }
      } finally {
        await testDb.db.deleteFrom("emails").where("id", "=", markedId).execute();
      }
    },
    SLOW,
  );

  it(
    "refuses a used link, in Hindi and in English, and signs nobody in with it",
    async () => {
      const link = await requestLink();

      // Two devices open the same valid link; the first one to press the button wins.
      const first = await newContext(hindiTablet);
      const second = await newContext(hindiTablet);
      const secondPage = await second.newPage();
      await secondPage.goto(`${portal.url}${link.path}`);
      await signInWithLink(first, link.path);
      const usedAt = (await tokenRow(link.token)).usedAt;
      expect(usedAt).not.toBeNull();
      const sessions = await count("staffSessions");

      const [late] = await Promise.all([
        secondPage.waitForResponse((r) => r.request().method() === "POST"),
        secondPage.getByRole("button", { name: hi.confirmButton, exact: true }).click(),
      ]);
      expect(late.status()).toBe(410);
      await secondPage.getByRole("alert").filter({ hasText: hi.linkUsed }).waitFor();
      expect(new URL(secondPage.url()).pathname).toBe(link.path);
      await expectSignedOut(secondPage);

      // The same link again, in a fresh context: already used.
      const fresh = await (await newContext(hindiTablet)).newPage();
      const again = await fresh.goto(`${portal.url}${link.path}`);
      expect(again?.status()).toBe(410);
      expect(await fresh.textContent("h1")).toBe(hi.confirmTitle);
      expect(await fresh.getByRole("alert").textContent()).toBe(hi.linkUsed);
      expect(await fresh.getByRole("button", { name: hi.confirmButton, exact: true }).count()).toBe(0);
      await expectSignedOut(fresh);
      await screenshot(fresh, "sign-in-link-used-hi");
      // "Ask for a new link" leads to /sign-in, and the token does not travel along in the Referer header.
      const [ask] = await Promise.all([
        // A client-side navigation: the data request is /sign-in.data (single fetch).
        fresh.waitForRequest((r) => /^\/sign-in(\.data)?$/.test(new URL(r.url()).pathname)),
        fresh.getByRole("link", { name: hi.askAgain }).click(),
      ]);
      expect(await ask.headerValue("referer")).toBeNull();
      await fresh.waitForURL(`${portal.url}/sign-in`);

      // And in English for an English browser.
      const english = await (await newContext({ locale: "en-GB" })).newPage();
      expect((await english.goto(`${portal.url}${link.path}`))?.status()).toBe(410);
      expect(await english.getByRole("alert").textContent()).toBe(en.auth.linkUsed);
      await expectSignedOut(english, en.auth.signIn);

      // Posting the form again by hand gets no cookie either.
      const replay = await fetch(`${portal.url}${link.path}`, { method: "POST", redirect: "manual" });
      expect(replay.status).toBe(410);
      expect(replay.headers.get("set-cookie")).toBeNull();

      // Only the first device's sign-in opened a session; the token keeps its first use.
      expect(await count("staffSessions")).toBe(sessions);
      expect((await tokenRow(link.token)).usedAt).toEqual(usedAt);
    },
    SLOW,
  );

  it(
    "refuses forged and expired links with a clear message, and signs nobody in",
    async () => {
      const sessions = await count("staffSessions");
      const link = await requestLink();

      // One character changed, and plain garbage: not valid (404).
      const i = 20;
      const tampered = `/sign-in/${link.token.slice(0, i)}${link.token[i] === "A" ? "B" : "A"}${link.token.slice(i + 1)}`;
      expect(tampered).toHaveLength(link.path.length);
      for (const path of [tampered, "/sign-in/abc"]) {
        const page = await (await newContext(hindiTablet)).newPage();
        expect((await page.goto(`${portal.url}${path}`))?.status()).toBe(404);
        expect(await page.textContent("h1")).toBe(hi.confirmTitle);
        expect(await page.getByRole("alert").textContent()).toBe(hi.linkInvalid);
        expect(await page.getByRole("button", { name: hi.confirmButton, exact: true }).count()).toBe(0);
        await expectSignedOut(page);
      }

      // A new link whose time ran out: expired (410).
      const expiring = await requestLink();
      const updated = await sql`
      update sign_in_tokens set expires_at = now() - interval '1 minute'
      where id = (select max(id) from sign_in_tokens)`.execute(testDb.db);
      expect(updated.numAffectedRows).toBe(1n);
      const expiredPage = await (await newContext(hindiTablet)).newPage();
      expect((await expiredPage.goto(`${portal.url}${expiring.path}`))?.status()).toBe(410);
      expect(await expiredPage.textContent("h1")).toBe(hi.confirmTitle);
      expect(await expiredPage.getByRole("alert").textContent()).toBe(hi.linkExpired);
      expect(await expiredPage.getByRole("button", { name: hi.confirmButton, exact: true }).count()).toBe(0);
      await expectSignedOut(expiredPage);
      await screenshot(expiredPage, "sign-in-link-expired-hi");

      // Posting to them directly (a forged form) gets no cookie either.
      for (const [path, status] of [
        [expiring.path, 410],
        [tampered, 404],
        ["/sign-in/abc", 404],
      ] as const) {
        const response = await fetch(`${portal.url}${path}`, { method: "POST", redirect: "manual" });
        expect(response.status, path).toBe(status);
        expect(response.headers.get("set-cookie"), path).toBeNull();
      }

      // No session opened; the expired token is unused, and the one that was tampered with is still good.
      expect(await count("staffSessions")).toBe(sessions);
      expect((await tokenRow(expiring.token)).usedAt).toBeNull();
      expect((await tokenRow(link.token)).usedAt).toBeNull();
    },
    SLOW,
  );

  it(
    "a GET of the link (a mail scanner) does not use it up",
    async () => {
      const link = await requestLink();
      for (let i = 0; i < 2; i++) {
        const response = await fetch(`${portal.url}${link.path}`);
        expect(response.status).toBe(200);
        expect(response.headers.get("cache-control")).toContain("no-store");
        expect(response.headers.get("set-cookie")).toBeNull();
        // No Accept-Language: the fallback language (Hindi).
        const html = await response.text();
        expect(/<h1>([^<]*)<\/h1>/.exec(html)?.[1]).toBe(hi.confirmTitle);
        expect(html.includes(hi.confirmIntro), "the confirm page's intro").toBe(true);
      }
      expect((await tokenRow(link.token)).usedAt).toBeNull();

      const page = await signInWithLink(await newContext(hindiTablet), link.path);
      expect(await page.getByText(hi.signedInAs(ADMIN_NAME), { exact: true }).count()).toBe(1);
      expect((await tokenRow(link.token)).usedAt).not.toBeNull();
    },
    SLOW,
  );

  it(
    "signs out: the session is revoked in the database, so a copied cookie no longer works",
    async () => {
      const link = await requestLink();
      const context = await newContext(hindiTablet);
      const page = await signInWithLink(context, link.path);
      const cookie = (await context.cookies()).find((c) => c.name === "__session");
      expect(cookie?.value).toBeTruthy();
      const session = await testDb.db
        .selectFrom("staffSessions")
        .select(["id", "revokedAt"])
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      expect(session.revokedAt).toBeNull();

      // The copied cookie works before signing out...
      const copy = await newContext(hindiTablet);
      await copy.addCookies([cookie!]);
      const copyPage = await copy.newPage();
      await copyPage.goto(portal.url);
      expect(await copyPage.getByText(hi.signedInAs(ADMIN_NAME), { exact: true }).count()).toBe(1);

      await page.getByRole("button", { name: hi.signOut }).click();
      await page.getByRole("link", { name: hi.signIn, exact: true }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/");
      await expectSignedOut(page);
      const revoked = await testDb.db
        .selectFrom("staffSessions")
        .select("revokedAt")
        .where("id", "=", session.id)
        .executeTakeFirstOrThrow();
      expect(revoked.revokedAt).not.toBeNull();

      // ...and not after: the same cookie, sent again from another browser, signs nobody in.
      const stale = await newContext(hindiTablet);
      await stale.addCookies([cookie!]);
      const stalePage = await stale.newPage();
      await stalePage.goto(portal.url);
      expect(await stalePage.locator(".site-nav").textContent()).not.toContain(ADMIN_NAME);
      expect(await stalePage.getByRole("link", { name: hi.signIn, exact: true }).count()).toBe(1);
      // /sign-in no longer sends it home either.
      expect((await stalePage.goto(`${portal.url}/sign-in`))?.status()).toBe(200);
      expect(new URL(stalePage.url()).pathname).toBe("/sign-in");
      await copyPage.reload();
      expect(await copyPage.locator(".site-nav").textContent()).not.toContain(ADMIN_NAME);
    },
    SLOW,
  );

  it(
    "warns a signed-in admin when mail is failing, and /healthz reports it",
    async () => {
      const link = await requestLink();
      const page = await signInWithLink(await newContext(hindiTablet), link.path);
      expect(await page.locator(".alarm").count()).toBe(0);
      const ok = await fetch(`${portal.url}/healthz`);
      expect(await ok.json()).toMatchObject({ status: "ok", mail: "ok" });

      // Failing means at least 5 failures in 30 minutes and more failures than sends; this file has sent a few.
      const { sent } = await testDb.db
        .selectFrom("emails")
        .select(sql<number>`count(*) filter (where sent_at > now() - interval '30 minutes')::int`.as("sent"))
        .executeTakeFirstOrThrow();
      const failures = Math.max(6, sent + 1);
      const prefix = `alarm-test-${Date.now()}`;
      await testDb.db
        .insertInto("emails")
        .values(
          Array.from({ length: failures }, (_, i) => ({
            recipient: `failed${i}@example.in`,
            locale: "hi" as const,
            template: "sign-in-link",
            props: sql`'{}'::jsonb`,
            subject: "Test failure",
            idempotencyKey: `${prefix}-${i}`,
            status: "failed" as const,
            statusAt: sql`now()`,
          })),
        )
        .execute();
      try {
        await page.reload();
        const alarm = page.locator(".alarm");
        expect(await alarm.getAttribute("role")).toBe("alert");
        expect(await alarm.textContent()).toContain(hi.mailFailing(failures));
        expect(await alarm.getByRole("link", { name: hi.openOutbox }).getAttribute("href")).toBe("/outbox");
        await screenshot(page, "home-mail-alarm-hi");
        expect(await seriousAxeViolations(page)).toEqual([]);

        // Not for visitors who are not signed in.
        const visitor = await (await newContext(hindiTablet)).newPage();
        await visitor.goto(portal.url);
        expect(await visitor.locator(".alarm").count()).toBe(0);

        const health = await fetch(`${portal.url}/healthz`);
        expect(health.status).toBe(200);
        expect(await health.json()).toMatchObject({
          status: "degraded",
          db: "ok",
          mail: "failing",
          mailDetail: { status: "failing", recentFailures: failures },
        });
      } finally {
        await testDb.db.deleteFrom("emails").where("idempotencyKey", "like", `${prefix}-%`).execute();
      }
      expect(await (await fetch(`${portal.url}/healthz`)).json()).toMatchObject({ status: "ok", mail: "ok" });
    },
    SLOW,
  );

  it(
    "limits requests for one address, and says so in Hindi",
    async () => {
      // Five requests per address in a window (a stranger's address: nothing is sent, but it still counts).
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`${portal.url}/sign-in`, {
          method: "POST",
          body: new URLSearchParams({ email: UNKNOWN_EMAIL }),
        });
        expect(response.status).toBe(200);
      }
      const page = await (await newContext(hindiPhone)).newPage();
      await page.goto(`${portal.url}/sign-in`);
      await page.getByLabel(hi.emailLabel).fill(UNKNOWN_EMAIL);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.getByRole("button", { name: hi.sendLink }).click(),
      ]);
      expect(response.status()).toBe(429);
      const alert = page.getByRole("alert");
      await alert.waitFor();
      const minutes = Number(hi.rateLimited.exec((await alert.textContent()) ?? "")?.[1]);
      expect(minutes).toBeGreaterThanOrEqual(1);
      expect(minutes).toBeLessThanOrEqual(15);
      expect(await page.getByRole("status").count()).toBe(0);
    },
    SLOW,
  );
});
