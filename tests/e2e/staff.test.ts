// Staff administration end to end in a real Chromium, in Hindi: the demo admin invites an organiser for Jaipur,
// the invitation arrives in the developer's outbox, its link signs the organiser in on another browser, the
// organiser is refused the staff pages, and deactivating them signs them out.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createStaffSession } from "#app/models/staff/staff-session.server.ts";
import { sessionCookieHeader } from "#app/web/auth.server.ts";
import { DEMO_ADMIN_EMAIL, seedDemo } from "#db/seed/demo.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { describeInBrowser, launchBrowser, type Portal, screenshotPath, startPortal } from "./support.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

async function seriousAxeViolations(page: Page) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time
    const result = await (window as any).axe.run(document);
    return result.violations as { id: string; impact: string; nodes: unknown[] }[];
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
}

const ORGANISER = { email: "ramesh.sharma@example.in", name: "रमेश शर्मा" };
const TOKEN_IN_TEXT = /\/sign-in\/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/;

// The exact strings of app/i18n/locales/staff/hi.ts (and the shared hi.ts), interpolated.
const hi = {
  title: "स्टाफ़",
  inviteLink: "स्टाफ़ सदस्य को आमंत्रित करें",
  newTitle: "स्टाफ़ सदस्य को आमंत्रित करें",
  email: "ईमेल पता",
  name: "नाम",
  role: "भूमिका",
  unitCode: "इकाई कोड",
  language: "उनके ईमेल की भाषा",
  active: "सक्रिय: साइन इन कर सकते हैं",
  submit: "खाता बनाएँ और आमंत्रण भेजें",
  invited: "खाता बन गया है और आमंत्रण भेजा जा रहा है। इसका लिंक 3 दिन तक, एक ही बार काम करेगा।",
  organiser: "आयोजक",
  admin: "प्रशासक",
  jaipur: "जयपुर (कोड RJ-JP)",
  wholeOrganisation: "पूरा संगठन",
  activeStatus: "सक्रिय",
  inactiveStatus: "निष्क्रिय",
  never: "कभी नहीं",
  scopeRequired: "आयोजक के लिए इकाई ज़रूरी है: उसका कोड लिखें, जैसे RJ-JP।",
  unknownUnit: "इस कोड की कोई इकाई नहीं है।",
  duplicate: "इस ईमेल पते का स्टाफ़ खाता पहले से मौजूद है।",
  duplicateLink: "मौजूदा खाता खोलें",
  save: "बदलाव सहेजें",
  saved: "बदलाव सहेज लिए गए।",
  selfDemote: "आप अपनी प्रशासक भूमिका स्वयं नहीं हटा सकते। कोई दूसरा प्रशासक हटा सकता है।",
  resend: "आमंत्रण फिर से भेजें",
  resent: (email: string) => `नया आमंत्रण ${email} पर भेजा जा रहा है।`,
  statusSent: "भेजी गई",
  confirmTitle: "शिविर में साइन इन करें",
  confirmButton: "साइन इन करें",
  signedInAs: (name: string) => `${name} के रूप में साइन इन`,
  signIn: "साइन इन",
  error403: "त्रुटि 403",
};

const hindiTablet = { locale: "hi-IN", viewport: { width: 820, height: 1180 } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeInBrowser("staff administration in a real browser", (chromiumPath) => {
  let testDb: TestDatabase;
  let portal: Portal;
  let browser: Browser;
  let adminId: number;
  const contexts: BrowserContext[] = [];

  async function newContext(options: Parameters<Browser["newContext"]>[0] = hindiTablet) {
    const context = await browser.newContext(options);
    contexts.push(context);
    return context;
  }

  /** A browser context signed in as `staffUserId` through a session made directly in the database. */
  async function signedInContext(
    staffUserId: number,
    options: Parameters<Browser["newContext"]>[0] = hindiTablet,
  ) {
    const context = await newContext(options);
    const header = await sessionCookieHeader(await createStaffSession(testDb.db, staffUserId));
    const value = /^__session=([^;]+)/.exec(header)?.[1];
    if (!value) throw new Error(`unexpected cookie header ${header}`);
    await context.addCookies([
      { name: "__session", value, url: portal.url, httpOnly: true, sameSite: "Lax" },
    ]);
    return context;
  }

  /** A full-page screenshot once the shipped Devanagari font has loaded (see tests/e2e/sign-in.test.ts). */
  async function screenshot(page: Page, name: string) {
    await page.evaluate(async () => {
      const family = '"Noto Sans Devanagari"';
      await Promise.all(
        ["400", "700"].map((weight) => document.fonts.load(`${weight} 16px ${family}`, "शिविर Shivir")),
      );
      await document.fonts.ready;
    });
    await page.screenshot({ path: screenshotPath(name), fullPage: true });
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    await seedDemo(testDb.db);
    adminId = (
      await testDb.db
        .selectFrom("staffUsers")
        .select("id")
        .where("email", "=", DEMO_ADMIN_EMAIL)
        .executeTakeFirstOrThrow()
    ).id;
    portal = await startPortal(testDb.url);
    browser = await launchBrowser(chromiumPath);
  });

  beforeEach(() => async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    if (testDb) await dropTestDatabase(testDb);
  });

  it("invites an organiser in Hindi, whose emailed link signs them in; they are refused /staff", async () => {
    const admin = await (await signedInContext(adminId)).newPage();
    const list = await admin.goto(`${portal.url}/staff`);
    expect(list?.status()).toBe(200);
    expect(await admin.getAttribute("html", "lang")).toBe("hi");
    expect(await admin.textContent("h1")).toBe(hi.title);
    const adminRow = admin.locator(`tr[data-staff-id="${adminId}"]`);
    expect(await adminRow.locator("td").nth(1).textContent()).toBe(hi.admin);
    expect(await adminRow.locator("td").nth(2).textContent()).toBe(hi.wholeOrganisation);
    expect(await seriousAxeViolations(admin)).toEqual([]);

    await admin.getByRole("link", { name: hi.inviteLink }).click();
    await admin.waitForURL(`${portal.url}/staff/new`);
    await admin.getByRole("heading", { level: 1, name: hi.newTitle }).waitFor();
    await admin.getByLabel(hi.email).fill("Ramesh.Sharma@Example.in");
    await admin.getByLabel(hi.name, { exact: true }).fill(ORGANISER.name);
    await admin.getByLabel(hi.role, { exact: true }).selectOption("organiser");
    await admin.getByLabel(hi.language).selectOption("hi");
    const submit = admin.getByRole("button", { name: hi.submit });

    // An organiser without a unit, then with a unit that does not exist: a Hindi message, nothing created.
    await submit.click();
    const unitError = admin.locator(`[id="${await admin.getByLabel(hi.unitCode).getAttribute("id")}-error"]`);
    await expect.poll(() => unitError.textContent()).toBe(hi.scopeRequired);
    await admin.getByLabel(hi.unitCode).fill("RJ-XX");
    await submit.click();
    await expect.poll(() => unitError.textContent()).toBe(hi.unknownUnit);
    await screenshot(admin, "staff-invite-error-hi");
    expect(await seriousAxeViolations(admin)).toEqual([]);
    expect(
      await testDb.db.selectFrom("staffUsers").select("id").where("email", "=", ORGANISER.email).execute(),
    ).toEqual([]);

    await admin.getByLabel(hi.unitCode).fill("rj-jp");
    await submit.click();
    await admin.waitForURL(/\/staff\?invited=\d+$/);
    const id = Number(new URL(admin.url()).searchParams.get("invited"));
    await admin.getByRole("status").filter({ hasText: hi.invited }).waitFor();
    const row = admin.locator(`tr[data-staff-id="${id}"]`);
    expect(await row.locator("th").textContent()).toBe(ORGANISER.name);
    expect(await row.locator("td").allTextContents()).toEqual([
      ORGANISER.email,
      hi.organiser,
      hi.jaipur,
      hi.activeStatus,
      hi.never,
    ]);
    await screenshot(admin, "staff-list-hi");
    expect(await seriousAxeViolations(admin)).toEqual([]);

    // The same address again: refused, with a link to the existing account.
    await admin.goto(`${portal.url}/staff/new`);
    await admin.getByLabel(hi.email).fill(ORGANISER.email.toUpperCase());
    await admin.getByLabel(hi.name, { exact: true }).fill("कोई और");
    await admin.getByLabel(hi.role, { exact: true }).selectOption("trainer");
    await admin.getByRole("button", { name: hi.submit }).click();
    const existing = admin.getByRole("link", { name: hi.duplicateLink });
    await existing.waitFor();
    expect(await admin.locator(".field-error").first().textContent()).toContain(hi.duplicate);
    expect(await existing.getAttribute("href")).toBe(`/staff/${id}`);

    // The invitation in the developer's outbox (no Resend key: readable without signing in).
    const reader = await (await newContext()).newPage();
    const deadline = Date.now() + 15_000;
    let outboxRow = reader.locator("tr", { hasText: ORGANISER.email });
    for (;;) {
      expect((await reader.goto(`${portal.url}/outbox`))?.status()).toBe(200);
      outboxRow = reader.locator("tr", { hasText: ORGANISER.email });
      if (
        (await outboxRow.count()) === 1 &&
        (await outboxRow.locator(".badge").textContent()) === hi.statusSent
      )
        break;
      if (Date.now() > deadline)
        throw new Error(`the invitation was not sent within 15 s\n${portal.output()}`);
      await sleep(300);
    }
    expect(await outboxRow.getByRole("link").textContent()).toBe(
      "शिविर में आपको आमंत्रित किया गया है · You are invited to Shivir",
    );
    await outboxRow.getByRole("link").click();
    await reader.waitForURL(/\/outbox\/\d+$/);
    await reader.locator("pre.email-text").waitFor();
    const text = (await reader.locator("pre.email-text").textContent()) ?? "";
    expect(text).toContain("Demo Admin ने आपके संगठन के प्रशिक्षण पोर्टल शिविर में आपके लिए स्टाफ़ खाता बनाया है।");
    expect(text).toContain("जयपुर (जिला, कोड RJ-JP) के आयोजक");
    expect(text).toContain("यह लिंक केवल एक बार काम करेगा और 3 दिन में समाप्त हो जाएगा।");
    expect(text.indexOf("शिविर में आपका स्वागत है")).toBeLessThan(text.indexOf("Welcome to Shivir"));
    const token = TOKEN_IN_TEXT.exec(text)?.[1];
    expect(token, `no sign-in link in the invitation:\n${text}`).toBeDefined();
    await reader.waitForLoadState("load");
    await screenshot(reader, "staff-invite-email-hi");

    // The link, in a new browser: the ordinary sign-in confirmation, and the organiser is signed in.
    const organiser = await (await newContext()).newPage();
    expect((await organiser.goto(`${portal.url}/sign-in/${token}`))?.status()).toBe(200);
    expect(await organiser.textContent("h1")).toBe(hi.confirmTitle);
    await organiser.getByRole("button", { name: hi.confirmButton, exact: true }).click();
    await organiser.waitForURL(`${portal.url}/`);
    await organiser.getByText(hi.signedInAs(ORGANISER.name), { exact: true }).waitFor();
    expect(
      await organiser.locator(".site-nav").getByRole("link", { name: hi.title, exact: true }).count(),
    ).toBe(0);

    // Organisers may not administer staff: 403, in Hindi, for every staff page and form post.
    for (const path of ["/staff", "/staff/new", `/staff/${adminId}`]) {
      const response = await organiser.goto(`${portal.url}${path}`);
      expect(response?.status(), path).toBe(403);
      expect(await organiser.locator(".error-page").textContent(), path).toContain(hi.error403);
    }
    await screenshot(organiser, "staff-forbidden-hi");
    expect(await seriousAxeViolations(organiser)).toEqual([]);
    const cookie = (await organiser.context().cookies()).find((c) => c.name === "__session");
    const post = await fetch(`${portal.url}/staff/${adminId}`, {
      method: "POST",
      headers: { Cookie: `__session=${cookie?.value}` },
      body: new URLSearchParams({ intent: "resend" }),
      redirect: "manual",
    });
    expect(post.status).toBe(403);

    // The admin deactivates the organiser: the organiser's browser is signed out at once.
    await admin.goto(`${portal.url}/staff/${id}`);
    expect(await admin.textContent("h1")).toBe(ORGANISER.name);
    await admin.getByLabel(hi.active).uncheck();
    await admin.getByRole("button", { name: hi.save }).click();
    await admin.waitForURL(`${portal.url}/staff/${id}?saved=1`);
    await admin.getByRole("status").filter({ hasText: hi.saved }).waitFor();
    expect(await admin.locator(".meta .badge").textContent()).toBe(hi.inactiveStatus);
    // No invitation for an inactive account: its link would sign no one in.
    expect(await admin.getByRole("button", { name: hi.resend }).count()).toBe(0);
    await screenshot(admin, "staff-edit-hi");
    expect(await seriousAxeViolations(admin)).toEqual([]);
    await organiser.goto(portal.url);
    expect(await organiser.locator(".site-nav").textContent()).not.toContain(ORGANISER.name);
    expect(await organiser.getByRole("link", { name: hi.signIn, exact: true }).count()).toBe(1);
  }, 120_000);

  it("refuses an admin's own demotion without JavaScript, and sends an invitation again", async () => {
    const admin = await (
      await signedInContext(adminId, { ...hindiTablet, javaScriptEnabled: false })
    ).newPage();
    await admin.goto(`${portal.url}/staff/${adminId}`);
    await admin.getByLabel(hi.role, { exact: true }).selectOption("trainer");
    const [response] = await Promise.all([
      admin.waitForResponse((r) => r.request().method() === "POST"),
      admin.getByRole("button", { name: hi.save }).click(),
    ]);
    expect(response.status()).toBe(400);
    await admin.waitForLoadState();
    expect(await admin.getByRole("alert").textContent()).toBe(hi.selfDemote);
    const row = await testDb.db
      .selectFrom("staffUsers")
      .select(["role", "active"])
      .where("id", "=", adminId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ role: "admin", active: true });

    const before = await testDb.db
      .selectFrom("emails")
      .select("id")
      .where("recipient", "=", DEMO_ADMIN_EMAIL)
      .execute();
    await admin.goto(`${portal.url}/staff/${adminId}`);
    await admin.getByRole("button", { name: hi.resend }).click();
    await admin.waitForURL(`${portal.url}/staff/${adminId}?resent=1`);
    await admin
      .getByRole("status")
      .filter({ hasText: hi.resent(DEMO_ADMIN_EMAIL) })
      .waitFor();
    const after = await testDb.db
      .selectFrom("emails")
      .select(["template", "locale"])
      .where("recipient", "=", DEMO_ADMIN_EMAIL)
      .orderBy("id", "desc")
      .execute();
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toEqual({ template: "staff-invite", locale: "hi" });
  });

  it("answers unknown and malformed staff ids with 404, and sends signed-out visitors to sign in", async () => {
    const admin = await (await signedInContext(adminId)).newPage();
    for (const path of ["/staff/999999", "/staff/abc", "/staff/0"]) {
      expect((await admin.goto(`${portal.url}${path}`))?.status(), path).toBe(404);
    }
    const post = await fetch(`${portal.url}/staff`, { redirect: "manual" });
    expect(post.status).toBe(302);
    expect(post.headers.get("location")).toBe("/sign-in?redirectTo=%2Fstaff");
  });
});
