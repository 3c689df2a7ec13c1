// The CSV import and export in a real Chromium, in Hindi on a tablet: upload a file with one bad row, read the
// error (line, column, Hindi reason), upload the corrected file, confirm, see the counts; download the
// export and check its byte-order mark, a Devanagari name and a neutralised formula. Also without JavaScript.
import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import i from "#app/i18n/locales/imports/hi.ts";
import { DEMO_ADMIN_EMAIL, seedDemo } from "#db/seed/demo.ts";
import { createTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import {
  addStaffCookie,
  closeBrowserTest,
  describeInBrowser,
  fill,
  launchBrowser,
  type Portal,
  pattern,
  screenshot,
  seriousAxeViolations,
  staffCookie,
  startPortal,
} from "./support.ts";

// The strings the pages show, from app/i18n/locales/imports/hi.ts.
const hi = {
  title: i.title,
  fileLabel: i.fileLabel,
  pasteLabel: i.textLabel,
  check: i.check,
  previewTitle: (filename: string) => fill(i.previewTitle, { filename }),
  importTitle: (filename: string) => fill(i.importTitle, { filename }),
  errorsTitle: (total: string) => fill(i.errorsTitle, { total }),
  phoneInvalid: i.errors.phoneInvalid,
  notUtf8: i.errors.notUtf8,
  uploadAgain: i.uploadAgain,
  confirm: i.confirm,
  importedNotice: pattern(i.importedNotice),
  countCreate: i.counts.create,
  countErrorRows: i.counts.errorRows,
  createdCount: i.countsImported.create,
  exportAppointees: i.exportAppointees,
  template: i.template,
};

const hindiTablet = { locale: "hi-IN", viewport: { width: 820, height: 1180 }, hasTouch: true };
const HEADER = "name,name_hi,phone,email,preferred_language,committee,designation";
const good = [
  "Savita Kumawat,सविता कुमावत,98290 11111,savita.kumawat@example.in,hi,RJ-JP-AC-SNG,सदस्य",
  "भंवरलाल,भंवरलाल,+91-94140-22222,,hi,RJ-JP-AC-SNG,member",
  "=1+1,,9414033333,formula@example.in,en,RJ-JP,Vice-president",
];
const badFile = `\uFEFF${HEADER}\r\n${good[0]}\r\n${good[1]!.replace("+91-94140-22222", "94140-2222")}\r\n${good[2]}\r\n`;
const goodFile = `\uFEFF${HEADER}\r\n${good.join("\r\n")}\r\n`;

describeInBrowser("CSV import and export in a real browser", (chromiumPath) => {
  let testDb: TestDatabase;
  let portal: Portal;
  let browser: Browser;
  let cookie = "";
  const contexts: BrowserContext[] = [];

  async function adminContext(options: Parameters<Browser["newContext"]>[0] = hindiTablet) {
    const context = await browser.newContext({ acceptDownloads: true, ...options });
    contexts.push(context);
    await addStaffCookie(context, cookie, portal.url);
    return context;
  }

  async function uploadFile(page: Page, name: string, text: string | Buffer) {
    await page.getByLabel(hi.fileLabel).setInputFiles({
      name,
      mimeType: "text/csv",
      buffer: typeof text === "string" ? Buffer.from(text, "utf8") : text,
    });
    await page.getByRole("button", { name: hi.check }).click();
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    await seedDemo(testDb.db);
    const admin = await testDb.db
      .selectFrom("staffUsers")
      .select("id")
      .where("email", "=", DEMO_ADMIN_EMAIL)
      .executeTakeFirstOrThrow();
    cookie = await staffCookie(testDb.db, admin.id);
    portal = await startPortal(testDb.url, { WORKER: "none" });
    browser = await launchBrowser(chromiumPath);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(() => closeBrowserTest({ contexts, browser, portal, testDb }));

  it("shows the bad row's error in Hindi, then imports the corrected file", async () => {
    const page = await (await adminContext()).newPage();
    expect((await page.goto(`${portal.url}/imports`))?.status()).toBe(200);
    expect(await page.textContent("h1")).toBe(hi.title);
    expect(await page.getAttribute("html", "lang")).toBe("hi");
    expect(await page.getByRole("link", { name: hi.template }).getAttribute("href")).toBe(
      "/templates/appointees.csv",
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "import-page-hi");

    // A file with one bad phone on line 3.
    await uploadFile(page, "पदाधिकारी.csv", badFile);
    await page.getByRole("heading", { level: 1, name: hi.previewTitle("पदाधिकारी.csv") }).waitFor();
    expect(page.url()).toMatch(/\/imports\/\d+$/);
    await page.getByRole("heading", { name: hi.errorsTitle("1") }).waitFor();
    const errorRows = page.locator(".import-errors tbody tr");
    expect(await errorRows.count()).toBe(1);
    const error = errorRows.first();
    expect(await error.getAttribute("data-line")).toBe("3");
    expect(await error.getAttribute("data-column")).toBe("phone");
    expect(await error.locator("td").nth(0).textContent()).toBe("3");
    expect(await error.locator("td").nth(1).textContent()).toBe("phone");
    expect(await error.locator("td").nth(2).textContent()).toBe(hi.phoneInvalid);
    expect(await error.locator("td").nth(3).textContent()).toBe("94140-2222");
    expect(await page.locator('[data-count="errorRows"] dd').textContent()).toBe("1");
    expect(await page.locator('[data-count="create"] dt').textContent()).toBe(hi.countCreate);
    // With an error there is nothing to confirm.
    expect(await page.getByRole("button", { name: hi.confirm }).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "import-preview-error-hi");
    const before = await testDb.db.selectFrom("appointees").select("id").execute();

    // Fix it: upload the corrected file, confirm, and see the counts.
    await page.getByRole("link", { name: hi.uploadAgain }).click();
    await page.waitForURL(/\/imports\?kind=appointees$/);
    await uploadFile(page, "पदाधिकारी-सही.csv", goodFile);
    await page.getByRole("heading", { level: 1, name: hi.previewTitle("पदाधिकारी-सही.csv") }).waitFor();
    expect(await page.locator('[data-count="create"] dd').textContent()).toBe("3");
    expect(await page.locator(".import-errors").count()).toBe(0);
    await screenshot(page, "import-preview-ready-hi");
    await page.getByRole("button", { name: hi.confirm }).click();
    await page.getByRole("status").filter({ hasText: hi.importedNotice }).waitFor();
    expect(await page.textContent("h1")).toBe(hi.importTitle("पदाधिकारी-सही.csv"));
    await page.locator('[data-count="create"] dt', { hasText: hi.createdCount }).waitFor();
    expect(await page.locator('[data-count="create"] dd').textContent()).toBe("3");
    expect(await page.getByRole("button", { name: hi.confirm }).count()).toBe(0);
    await screenshot(page, "import-done-hi");

    const after = await testDb.db.selectFrom("appointees").select(["name", "nameHi", "phone"]).execute();
    expect(after.length).toBe(before.length + 3);
    expect(after).toContainEqual({ name: "भंवरलाल", nameHi: "भंवरलाल", phone: "+919414022222" });
    expect(after).toContainEqual({ name: "=1+1", nameHi: null, phone: "+919414033333" });
  });

  it("downloads the export: BOM, a Devanagari name round-trips, formulas are neutralised", async () => {
    const page = await (await adminContext()).newPage();
    await page.goto(`${portal.url}/imports`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: hi.exportAppointees }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^shivir-appointees-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(HEADER);
    expect(lines).toContain(
      "Savita Kumawat,सविता कुमावत,'+919829011111,savita.kumawat@example.in,hi,RJ-JP-AC-SNG,member".replace(
        ",'+919829011111,",
        `,"'+919829011111",`,
      ),
    );
    expect(lines).toContain(`भंवरलाल,भंवरलाल,"'+919414022222",,hi,RJ-JP-AC-SNG,member`);
    expect(lines).toContain(`"'=1+1",,"'+919414033333",formula@example.in,en,RJ-JP,vice_president`);
    // No bare formula anywhere: every cell that starts like one carries the apostrophe.
    expect(text).not.toMatch(/(^|,)=/m);

    // The downloaded file imports again as it is: nothing to change.
    await page
      .getByLabel(hi.fileLabel)
      .setInputFiles({ name: "export.csv", mimeType: "text/csv", buffer: bytes });
    await page.getByRole("button", { name: hi.check }).click();
    await page.getByRole("heading", { level: 1, name: hi.previewTitle("export.csv") }).waitFor();
    expect(await page.locator('[data-count="create"] dd').textContent()).toBe("0");
    expect(await page.locator('[data-count="update"] dd').textContent()).toBe("0");
    expect(await page.locator('[data-count="errorRows"] dd').textContent()).toBe("0");
  });

  it("works without JavaScript, and refuses a file that is not UTF-8 in Hindi", async () => {
    const page = await (await adminContext({ ...hindiTablet, javaScriptEnabled: false })).newPage();
    await page.goto(`${portal.url}/imports`);
    // Windows-1252 bytes (é) are not UTF-8: refused with a clear message, nothing stored.
    const count = async () => (await testDb.db.selectFrom("csvImports").select("id").execute()).length;
    const stored = await count();
    await uploadFile(page, "ansi.csv", Buffer.from([...Buffer.from(`${HEADER}\nCaf`), 0xe9, 0x0a]));
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain(hi.notUtf8);
    expect(await count()).toBe(stored);
    await uploadFile(page, "bad.csv", badFile);
    await page.getByRole("heading", { level: 1, name: hi.previewTitle("bad.csv") }).waitFor();
    expect(await page.locator(".import-errors tbody tr").getAttribute("data-line")).toBe("3");

    // Pasted rows (a phone without files): the same preview.
    await page.goto(`${portal.url}/imports`);
    await page.getByLabel(hi.pasteLabel).fill(badFile.replace("\uFEFF", ""));
    await page.getByRole("button", { name: hi.check }).click();
    await page.getByRole("heading", { level: 1, name: hi.previewTitle("pasted.csv") }).waitFor();
    expect(await page.locator(".import-errors tbody tr").getAttribute("data-column")).toBe("phone");
  });
});
