// Training programmes in a real browser, JavaScript off: an admin defines a programme and tags the sessions
// that teach its modules; the person's progress shows on their personal link page (Hindi) and their page for
// staff; the public verification page answers for a valid, a revoked and an unknown code; the completion
// report counts the hand-made fixture (tests/support/report-fixture.ts).
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { reconcileCertificates } from "#app/models/programmes/certificate.server.ts";
import { sealToken } from "#app/platform/link-seal.server.ts";
import { hashToken, newToken } from "#app/platform/token.server.ts";
import { createTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { buildReportFixture, type ReportFixture } from "#tests/support/report-fixture.ts";
import {
  addStaffCookie,
  closeBrowserTest,
  describeInBrowser,
  launchBrowser,
  type Portal,
  screenshotDir,
  seriousAxeViolations,
  staffCookie,
  startPortal,
} from "./support.ts";

const day = (s: string) => new Date(`${s}+05:30`);

describeInBrowser("training programmes in a real browser", (chromiumPath) => {
  let testDb: TestDatabase;
  let portal: Portal;
  let browser: Browser;
  let f: ReportFixture;
  let adminCookie: string;
  let conventionSession: number;
  let ashaLink: string;
  let programmeUrl: string;
  const contexts: BrowserContext[] = [];

  async function open(locale: "hi-IN" | "en-IN", options: { admin?: boolean; javaScript?: boolean } = {}) {
    const context = await browser.newContext({ locale, javaScriptEnabled: options.javaScript ?? false });
    contexts.push(context);
    if (options.admin) await addStaffCookie(context, adminCookie, portal.url);
    return context.newPage();
  }

  async function present(sessionId: number, appointeeId: number, committeeId: number, at: string) {
    const clientId = randomUUID();
    const mark = await testDb.db
      .insertInto("attendanceMarks")
      .values({
        clientId,
        sessionId,
        appointeeId,
        committeeId,
        action: "mark",
        markedAt: day(at),
        deviceId: "tablet-9",
        staffUserId: f.trainerId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await testDb.db
      .insertInto("attendance")
      .values({
        sessionId,
        appointeeId,
        committeeId,
        present: true,
        decidedByMarkId: mark.id,
        decidedByClientId: clientId,
        markedAt: day(at),
      })
      .execute();
  }

  const textOf = async (page: Page, selector: string) =>
    (await page.locator(selector).innerText()).replace(/\s+/g, " ");

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const db = testDb.db;
    f = await buildReportFixture(db);
    const convention = await db
      .insertInto("events")
      .values({
        kind: "state_convention",
        unitId: f.units.state,
        titleEn: "State Convention",
        titleHi: "प्रदेश सम्मेलन",
        venueName: "Birla Auditorium",
        startsAt: day("2026-11-20T10:00:00"),
        endsAt: day("2026-11-20T18:00:00"),
        registrationOpensAt: day("2026-11-01T10:00:00"),
        registrationClosesAt: day("2026-11-19T10:00:00"),
        capacity: 500,
        status: "completed",
        publishedAt: day("2026-10-30T10:00:00"),
        icalUid: "convention@test",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    conventionSession = (
      await db
        .insertInto("eventSessions")
        .values({
          eventId: convention.id,
          kind: "training",
          titleEn: "Booth network",
          titleHi: "बूथ नेटवर्क",
          startsAt: day("2026-11-20T11:00:00"),
          endsAt: day("2026-11-20T12:00:00"),
          icalUid: "convention-s1@test",
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    await present(f.sessions.b1, f.people.asha, f.committees.cA, "2026-11-05T10:10:00");
    await present(conventionSession, f.people.asha, f.committees.cA, "2026-11-20T11:05:00");
    // Asha's invitation to the coming camp D, with a link whose token the test knows (and no registration:
    // the fixture's pass ids are placeholders the page would refuse to draw).
    await db
      .deleteFrom("registrations")
      .where("eventId", "=", f.events.campD)
      .where("appointeeId", "=", f.people.asha)
      .execute();
    const token = newToken();
    await db
      .updateTable("invitations")
      .set({ tokenHash: hashToken(token), tokenSealed: sealToken(token) })
      .where("eventId", "=", f.events.campD)
      .where("appointeeId", "=", f.people.asha)
      .execute();
    ashaLink = `/i/${token}`;
    adminCookie = await staffCookie(db, f.adminId);
    portal = await startPortal(testDb.url);
    browser = await launchBrowser(chromiumPath);
  });

  afterAll(() => closeBrowserTest({ contexts, browser, portal, testDb }));

  it("an admin defines a programme with its modules and tags the sessions that teach them, without JavaScript", async () => {
    const page = await open("en-IN", { admin: true });
    await page.goto(`${portal.url}/programmes/new`);
    await page.getByLabel("Name in Hindi", { exact: true }).fill("डिजिटल प्रशिक्षण");
    await page.getByLabel("Name in English", { exact: true }).fill("Digital training");
    await page.getByLabel("First day").fill("2026-11-01");
    await page.getByLabel("Last day").fill("2026-11-30");
    await page.getByLabel("For the committees of").selectOption(String(f.units.state));
    const modules = [
      ["तथ्य-जाँच", "Fact-checking", true],
      ["मंच कौशल", "Platform skills", true],
      ["बूथ डिजिटल नेटवर्क", "Booth digital network", true],
      ["वैकल्पिक", "Optional extra", false],
    ] as const;
    for (const [i, [hi, en, required]] of modules.entries()) {
      const row = page.getByRole("group", { name: `Module ${i + 1}` });
      await row.getByLabel("Module name in Hindi").fill(hi);
      await row.getByLabel("Module name in English").fill(en);
      await row.getByLabel("Required").setChecked(required);
    }
    // With every module optional, the form says so and saves nothing.
    await page.getByRole("group", { name: "Module 1" }).getByLabel("Required").setChecked(false);
    await page.getByRole("group", { name: "Module 2" }).getByLabel("Required").setChecked(false);
    await page.getByRole("group", { name: "Module 3" }).getByLabel("Required").setChecked(false);
    const refused = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Create programme" }).click();
    expect((await refused).status()).toBe(400);
    await expect
      .poll(() => page.locator("body").innerText())
      .toContain("At least one module must be required.");
    expect(await testDb.db.selectFrom("programmes").select("id").execute()).toEqual([]);
    for (const i of [1, 2, 3])
      await page
        .getByRole("group", { name: `Module ${i}` })
        .getByLabel("Required")
        .check();
    await page.getByRole("button", { name: "Create programme" }).click();
    await page.waitForURL(/\/programmes\/\d+/);
    programmeUrl = new URL(page.url()).pathname;
    expect(await page.locator("h1").innerText()).toBe("Digital training");

    const tag = async (moduleName: string, sessionId: number) => {
      const item = page.locator(".programme-modules > li", {
        has: page.getByRole("heading", { name: moduleName }),
      });
      await item.getByLabel("Add a session").selectOption(String(sessionId));
      await item.getByRole("button", { name: "Add", exact: true }).click();
      await page.waitForURL(/saved=1/);
    };
    await tag("Fact-checking", f.sessions.s1);
    await tag("Platform skills", f.sessions.b1);
    await tag("Booth digital network", conventionSession);
    const sessions = await testDb.db
      .selectFrom("eventSessions")
      .select(["id", "moduleId"])
      .where("moduleId", "is not", null)
      .orderBy("id")
      .execute();
    expect(sessions.map((s) => s.id).sort()).toEqual(
      [f.sessions.s1, f.sessions.b1, conventionSession].sort(),
    );
    expect(await textOf(page, ".programme-modules")).toContain("Camp B: Opening B");

    // A forged post: an action the page has no form for, and a module of no programme.
    const forged = await page.request.post(`${portal.url}${programmeUrl}`, {
      form: { intent: "tag", moduleId: "999999", sessionId: String(f.sessions.s2) },
      headers: { Origin: portal.url, "Accept-Language": "en" },
    });
    expect(forged.status()).toBe(400);
    expect(await forged.text()).toContain("That module belongs to another programme.");
  });

  it("shows the person's progress on their personal link page in Hindi, and the certificate once issued", async () => {
    expect((await reconcileCertificates(testDb.db)).issued).toHaveLength(1);
    const page = await open("hi-IN");
    expect((await page.goto(`${portal.url}${ashaLink}`))?.status()).toBe(200);
    const progress = await textOf(page, ".programme-progress");
    expect(progress).toContain("डिजिटल प्रशिक्षण");
    expect(progress).toContain("तथ्य-जाँच: पूरा: 2 नवंबर 2026 को शिविर क में (Camp A Hall)");
    expect(progress).toContain("मंच कौशल: पूरा: 5 नवंबर 2026");
    expect(progress).toContain("वैकल्पिक (वैकल्पिक): बाकी");
    expect(progress).toMatch(/प्रमाण-पत्र [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    const download = page.getByRole("link", { name: "प्रमाण-पत्र डाउनलोड करें (PDF)" });
    expect(await download.getAttribute("href")).toMatch(/^\/i\/[A-Za-z0-9_-]{43}\/certificates\/\d+\.pdf$/);
    const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
    const pdf = await readFile((await file.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(file.suggestedFilename()).toMatch(/^certificate-[0-9A-Z-]{14}\.pdf$/);
    // A programme with no certificate for her: none, said in both languages.
    const missing = await page.request.get(`${portal.url}${ashaLink}/certificates/999999.pdf`);
    expect(missing.status()).toBe(404);
    expect(await missing.text()).toContain("No certificate");
    const axe = await open("hi-IN", { javaScript: true });
    await axe.goto(`${portal.url}${ashaLink}`);
    expect(await seriousAxeViolations(axe)).toEqual([]);

    const staffView = await open("en-IN", { admin: true });
    await staffView.goto(`${portal.url}/appointees/${f.people.asha}`);
    expect(await textOf(staffView, ".programme-progress")).toContain(
      "Booth digital network: Done: 20 November 2026",
    );
  });

  it("verifies a valid, a revoked and an unknown code in both languages, with nothing else about the person", async () => {
    const [current] = await testDb.db.selectFrom("certificates").select("code").execute();
    const code = current!.code;
    const page = await open("en-IN");
    let response = await page.goto(`${portal.url}/verify/${code.toLowerCase()}`);
    expect(response?.status()).toBe(200);
    let text = await textOf(page, "main");
    expect(text).toContain("मान्य प्रमाण-पत्र · Valid certificate");
    expect(text).toContain("Asha");
    expect(text).toContain("अध्यक्ष · President");
    expect(text).toContain("ज़िला क समिति · District A Committee");
    expect(text).toContain("20 नवंबर 2026 · 20 November 2026");
    expect(text).not.toContain("+919800000001");
    expect(text).not.toContain("asha@example.in");

    // Her platform-skills mark is undone: the certificate no longer holds.
    await testDb.db
      .updateTable("attendance")
      .set({ present: false })
      .where("sessionId", "=", f.sessions.b1)
      .where("appointeeId", "=", f.people.asha)
      .execute();
    expect((await reconcileCertificates(testDb.db)).revoked).toHaveLength(1);
    response = await page.goto(`${portal.url}/verify/${code}`);
    expect(response?.status()).toBe(200);
    text = await textOf(page, "main");
    expect(text).toContain("यह प्रमाण-पत्र मान्य नहीं है · This certificate is not valid");
    expect(text).toMatch(/Revoked on \d{1,2} [A-Z][a-z]+ 20\d\d/);

    for (const unknown of ["ZZZZ-ZZZZ-ZZZZ", "not-a-code", "%00"]) {
      response = await page.goto(`${portal.url}/verify/${unknown}`);
      expect(response?.status()).toBe(404);
      expect(await textOf(page, "main")).toContain("No valid certificate has this code");
    }
  });

  it("reports completion per unit, modules still needed and committees with no one complete", async () => {
    await testDb.db
      .updateTable("attendance")
      .set({ present: true })
      .where("sessionId", "=", f.sessions.b1)
      .where("appointeeId", "=", f.people.asha)
      .execute();
    const page = await open("en-IN", { admin: true });
    await page.goto(`${portal.url}/reports${programmeUrl}?unit=${f.units.state}`);
    const figures = await page
      .locator('[data-testid="programme-figures"]')
      .evaluate((dl) =>
        Object.fromEntries(
          [...dl.querySelectorAll("[data-figure]")].map((d) => [
            d.getAttribute("data-figure"),
            d.querySelector("dd")?.textContent,
          ]),
        ),
      );
    // Eleven people hold appointments in the state (Hari is a walk-in, never verified); Asha completed.
    expect(figures).toEqual({ people: "11", complete: "1", percent: "9.1%" });
    const units = await textOf(page, '[data-testid="programme-units"]');
    expect(units).toContain("District A 8 1 12.5%");
    expect(units).toContain("District B 2 0 0%");
    const modules = await textOf(page, '[data-testid="programme-modules"]');
    // Fact-checking: Asha, Bharat, Deepa and Gita (a verified walk-in) have it; 7 still need it.
    expect(modules).toContain("Fact-checking 7");
    // Platform skills: Asha and Indu were at camp B's opening.
    expect(modules).toContain("Platform skills 9");
    const csv = await page.request.get(
      `${portal.url}/reports${programmeUrl}/committees.csv?unit=${f.units.state}`,
    );
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).split("\r\n");
    expect(lines[0]).toContain("needs: Fact-checking / तथ्य-जाँच");
    expect(lines.some((l) => l.startsWith("District A Committee,ज़िला क समिति,TS-A,district,3,1,"))).toBe(
      true,
    );

    // An organiser downloads the unit's certificates as one zip: Asha's (issued again now she is complete).
    await reconcileCertificates(testDb.db);
    const codes = (
      await testDb.db.selectFrom("certificates").select("code").where("revokedAt", "is", null).execute()
    ).map((c) => `certificate-${c.code}.pdf`);
    expect(codes).toHaveLength(1);
    const zip = await page.request.get(
      `${portal.url}${programmeUrl}/certificates.zip?unit=${f.units.districtA}`,
    );
    expect(zip.status()).toBe(200);
    await mkdir(screenshotDir, { recursive: true });
    const zipPath = path.join(screenshotDir, "programme-certificates.zip");
    await writeFile(zipPath, await zip.body());
    const listing =
      "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(*z.namelist(), sep='\\n')";
    const names = execFileSync("/usr/bin/python3", ["-c", listing, zipPath], { encoding: "utf8" });
    expect(names.trim().split("\n")).toEqual(codes);
    // A make-up camp from the gap: camp D's audience gains the state's people who still need platform skills.
    const row = page.locator('[data-testid="programme-modules"] tr', { hasText: "Platform skills" });
    await row.getByLabel("Invite them to").selectOption(String(f.events.campD));
    await row.getByRole("button", { name: /^Invite \d+ people$/ }).click();
    await page.waitForURL(new RegExp(`/events/${f.events.campD}/audience$`));
    expect(await textOf(page, "main")).toContain("only those who have not completed “Platform skills”");

    // District B has no one complete: an empty zip, not an error.
    const empty = await page.request.get(
      `${portal.url}${programmeUrl}/certificates.zip?unit=${f.units.districtB}`,
    );
    expect(empty.status()).toBe(200);
  });
});
