// Property-based: whatever a signed-in admin uploads to /imports (random bytes, text full of commas, quotes,
// line breaks and Devanagari, near-valid CSV, broken multipart bodies), the real portal never answers 500.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaffSession } from "#app/models/staff/staff-session.server.ts";
import { sessionCookieHeader } from "#app/web/auth.server.ts";
import { DEMO_ADMIN_EMAIL, seedDemo } from "#db/seed/demo.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { type Portal, startPortal } from "#tests/support/portal.ts";

let testDb: TestDatabase;
let portal: Portal;
let cookie: string;
const statuses = new Map<number, number>();

beforeAll(async () => {
  testDb = await createTestDatabase();
  await seedDemo(testDb.db);
  const admin = await testDb.db
    .selectFrom("staffUsers")
    .select("id")
    .where("email", "=", DEMO_ADMIN_EMAIL)
    .executeTakeFirstOrThrow();
  cookie = (await sessionCookieHeader(await createStaffSession(testDb.db, admin.id))).split(";")[0]!;
  portal = await startPortal(testDb.url, { WORKER: "none" });
}, 90_000);

afterAll(async () => {
  await portal?.stop();
  if (testDb) await dropTestDatabase(testDb);
});

/** Posts `content` as the uploaded file (or as pasted text); returns the status, following nothing. */
async function upload(content: Uint8Array | string, options: { as?: "file" | "text"; kind?: string } = {}) {
  const form = new FormData();
  form.set("kind", options.kind ?? "appointees");
  if (options.as === "text")
    form.set("text", typeof content === "string" ? content : new TextDecoder().decode(content));
  else form.set("file", new Blob([content as BlobPart]), "fuzz.csv");
  const response = await fetch(`${portal.url}/imports`, {
    method: "POST",
    headers: { cookie },
    body: form,
    redirect: "manual",
  });
  await response.arrayBuffer();
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  // A stored preview: confirm it too, so that the apply step meets the same data.
  const location = response.headers.get("location");
  if (response.status === 302 && location?.startsWith("/imports/")) {
    const confirm = await fetch(`${portal.url}${location}`, {
      method: "POST",
      headers: { cookie },
      body: new URLSearchParams({ intent: "confirm" }),
      redirect: "manual",
    });
    await confirm.arrayBuffer();
    const key = 1000 + confirm.status;
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
    notServerError(confirm.status);
  }
  return response.status;
}

const notServerError = (status: number) => {
  if (status >= 500) throw new Error(`the server answered ${status}\n${portal.output().slice(-3000)}`);
  return true;
};

const header = ["name", "name_hi", "phone", "email", "preferred_language", "committee", "designation"];
const cellText = fc.oneof(
  fc.string({
    unit: fc.constantFrom(..."ab ,\"'\n\r\t=+-@;रमेशशर्मा०१२", "\u00a0", "\ufeff", "\u200d"),
    maxLength: 20,
  }),
  fc.constantFrom(
    "",
    "9812345678",
    "+91-98123-45678",
    "r@example.in",
    "hi",
    "en",
    "RJ-JP-AC-SNG",
    "RJ-JP",
    "member",
    "अध्यक्ष",
    "=1+1",
  ),
);
const unitHeader = ["code", "parent_code", "level", "name_en", "name_hi"];
const unitCell = fc.oneof(
  cellText,
  fc.constantFrom(
    "RJ",
    "RJ-JP",
    "RJ-JP-AC-SNG",
    "RJ-JP-AC-SNG-BL-9",
    "block",
    "booth",
    "district",
    "state",
    "Bassi",
    "बस्सी",
  ),
);
/** Mostly complete headers and rows of the right width, so that many files reach row checks and storage. */
const nearValidCsv = (kind: "appointees" | "units") => {
  const cols = kind === "units" ? unitHeader : header;
  return fc
    .record({
      header: fc.oneof(
        { weight: 5, arbitrary: fc.constant(cols) },
        { weight: 1, arbitrary: fc.constant(cols.map((c) => ` ${c.toUpperCase().replace("_", " ")} `)) },
        { weight: 1, arbitrary: fc.shuffledSubarray(cols, { minLength: 1 }) },
        { weight: 1, arbitrary: fc.constant([...cols, "extra"]) },
      ),
      rows: fc.array(
        fc.oneof(
          {
            weight: 4,
            arbitrary: fc.array(kind === "units" ? unitCell : cellText, {
              minLength: cols.length,
              maxLength: cols.length,
            }),
          },
          { weight: 1, arbitrary: fc.array(cellText, { maxLength: 9 }) },
        ),
        { maxLength: 12 },
      ),
      newline: fc.constantFrom("\n", "\r\n", "\r"),
      bom: fc.boolean(),
      quoteAll: fc.boolean(),
    })
    .map(({ header: names, rows, newline, bom, quoteAll }) => {
      const cell = (v: string) => (quoteAll || /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
      const text = [names.join(","), ...rows.map((r) => r.map(cell).join(","))].join(newline);
      return (bom ? "\ufeff" : "") + text;
    });
};

describe("uploads to /imports never make the server answer 500", () => {
  it("random bytes as the file", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) =>
        notServerError(await upload(bytes)),
      ),
      { numRuns: 60 },
    );
  });

  it("random text with commas, quotes, line breaks and Devanagari, as a file and as pasted text", async () => {
    const text = fc.string({
      unit: fc.constantFrom(..."a,\"\n\r;\t' =+रमेश१", "\u0000", "\ufffd"),
      maxLength: 300,
    });
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom("file" as const, "text" as const), async (t, as) =>
        notServerError(await upload(new TextEncoder().encode(t), { as })),
      ),
      { numRuns: 60 },
    );
  });

  it("near-valid CSV files for both kinds", async () => {
    for (const kind of ["appointees", "units"] as const) {
      await fc.assert(
        fc.asyncProperty(nearValidCsv(kind), async (csv) =>
          notServerError(await upload(new TextEncoder().encode(csv), { kind })),
        ),
        { numRuns: 40 },
      );
    }
  });

  it("valid rows with odd names and spacing reach the apply step", async () => {
    let phone = 7_000_000_000;
    const oddName = fc.string({
      unit: fc.constantFrom(..."aZ '\"-.,रमेशक्षत्रज्ञ", "\u200d", "\u00a0", "\t", "=", "@"),
      minLength: 1,
      maxLength: 40,
    });
    const name = fc.tuple(fc.constantFrom("क", "A", "रमेश "), oddName).map(([a, b]) => a + b);
    const row = fc.record({
      name,
      nameHi: fc.oneof(name, fc.constant("")),
      email: fc.constantFrom("", "x"),
      language: fc.constantFrom("", "hi", "EN", "हिंदी"),
      committee: fc.constantFrom("RJ-JP-AC-SNG", "rj-jd", " RJ-UD-AC-MVL ", "RJ"),
      designation: fc.constantFrom("member", "Vice-president", "सदस्य", "research_team"),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 8 }), async (rows) => {
        const cell = (v: string) => `"${v.replace(/"/g, '""')}"`;
        const lines = rows.map((r) => {
          const p = String(phone++);
          const email = r.email && `Person.${p}@Example.IN`;
          return [r.name, r.nameHi, p, email, r.language, r.committee, r.designation].map(cell).join(",");
        });
        return notServerError(
          await upload(new TextEncoder().encode([header.join(","), ...lines].join("\r\n"))),
        );
      }),
      { numRuns: 30 },
    );
    expect(statuses.get(1302) ?? 0).toBeGreaterThanOrEqual(25);
  });

  it("broken multipart bodies and oversized files", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 1024 }),
        fc.constantFrom("x", "----b", ""),
        async (body, boundary) => {
          const response = await fetch(`${portal.url}/imports`, {
            method: "POST",
            headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
            body,
            redirect: "manual",
          });
          await response.arrayBuffer();
          return notServerError(response.status);
        },
      ),
      { numRuns: 20 },
    );
    // Just over the 10 MB limit: a clear refusal, not a crash.
    const big = new Uint8Array(10 * 1024 * 1024 + 10).fill(0x61);
    expect(await upload(big)).toBe(413);
    // And a valid file still works afterwards: a preview, via a redirect.
    expect(
      await upload(
        new TextEncoder().encode("name,phone,committee,designation\nरमेश,9812345678,RJ-JP-AC-SNG,member\n"),
      ),
    ).toBe(302);
    // Upload statuses, and confirm statuses + 1000 (1302 imported, 1422 refused at confirm).
    console.log(`import fuzz: statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  });
});
