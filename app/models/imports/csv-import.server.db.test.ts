// The CSV import and export against a real database with the demo organisation: a 1,000-row file with 37
// bad rows is refused with exactly those errors and changes nothing; the corrected file imports; importing
// it again changes nothing; scope, single confirmation, write races, units and the exports.
import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { formatCsvRows, UTF8_BOM } from "#app/models/imports/csv.ts";
import { seedDemo } from "#db/seed/demo.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { exportFilename, streamAppointeesCsv, streamCommitteesCsv } from "./csv-export.server.ts";
import {
  confirmImport,
  discardImport,
  getImportPreview,
  type ImportActor,
  previewImport,
} from "./csv-import.server.ts";
import type { RowErrorCode } from "./csv-import.ts";
import { scopeOf } from "#app/models/organisation/scope.server.ts";

const HEADER = ["name", "name_hi", "phone", "email", "preferred_language", "committee", "designation"];
type Row = string[];
type Outcome = "create" | "update" | "skip";
type Expected = { line: number; column: string; code: RowErrorCode };

const utf8 = (text: string) => new TextEncoder().encode(text);
const csvOf = (rows: Row[]) => utf8(UTF8_BOM + formatCsvRows([HEADER, ...rows]));

let admin: ImportActor;
let otherAdmin: ImportActor;
let testDb: ReturnType<typeof useTestDatabase>;

async function fingerprint() {
  const { db } = testDb();
  const row = await sql<{
    people: number;
    appointments: number;
    audit: number;
    people_md5: string;
    appointments_md5: string;
  }>`
    select (select count(*)::int from appointees) as people,
           (select count(*)::int from appointments) as appointments,
           (select count(*)::int from audit_log) as audit,
           (select md5(coalesce(string_agg(a::text, '|' order by a.id), '')) from appointees a) as people_md5,
           (select md5(coalesce(string_agg(a::text, '|' order by a.id), '')) from appointments a) as appointments_md5
  `.execute(db);
  return row.rows[0]!;
}

async function readStream(stream: ReadableStream<Uint8Array>) {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

const given = [
  ["Aarav", "आरव"],
  ["Bhavna", "भावना"],
  ["Chetan", "चेतन"],
  ["Deepa", "दीपा"],
  ["Farhan", "फ़रहान"],
  ["Gauri", "गौरी"],
  ["Harish", "हरीश"],
  ["Ishita", "इशिता"],
] as const;
const family = [
  ["Sharma", "शर्मा"],
  ["Meena", "मीणा"],
  ["Rathore", "राठौड़"],
  ["Gurjar", "गुर्जर"],
  ["Saini", "सैनी"],
] as const;
const phoneFormats = [
  (n: string) => n,
  (n: string) => `+91-${n.slice(0, 5)}-${n.slice(5)}`,
  (n: string) => `0${n}`,
  (n: string) => `${n.slice(0, 5)} ${n.slice(5)}`,
  (n: string) => `+91 ${n}`,
];

/**
 * The 1,000-row file and its corrected twin, with the expected errors of the first and the expected
 * outcome of every row of the second. Built from the demo data in the database.
 */
async function buildFiles() {
  const { db } = testDb();
  const committees = (
    await db
      .selectFrom("committees")
      .innerJoin("units", "units.id", "committees.unitId")
      .select(["units.code"])
      .orderBy("committees.id")
      .execute()
  ).map((c) => c.code);
  // Demo people with their active appointments (one row per appointment, as an export would give).
  const demo = await db
    .selectFrom("appointments")
    .innerJoin("appointees", "appointees.id", "appointments.appointeeId")
    .innerJoin("committees", "committees.id", "appointments.committeeId")
    .innerJoin("units", "units.id", "committees.unitId")
    .select([
      "appointees.id",
      "appointees.name",
      "appointees.nameHi",
      "appointees.phone",
      "appointees.email",
      "appointees.preferredLanguage",
      "units.code",
      "appointments.designation",
    ])
    .where("appointments.active", "=", true)
    .orderBy("appointees.id")
    .orderBy("appointments.id")
    .execute();
  const onePerPerson = demo.filter((d, i) => demo.findIndex((e) => e.id === d.id) === i);
  const withEmail = onePerPerson.filter((d) => d.email);

  const bad: Row[] = [];
  const good: Row[] = [];
  const outcomes: Outcome[] = [];
  const errors: Expected[] = [];
  let fresh = 0;
  const freshPhone = () => `7${String(300_000_000 + fresh++).padStart(9, "0")}`;
  const newPerson = (i: number): Row => {
    const [g, gHi] = given[i % given.length]!;
    const [f, fHi] = family[Math.floor(i / given.length) % family.length]!;
    const single = i % 11 === 3;
    const phone = freshPhone();
    return [
      single ? `  ${g} ` : `${g}  ${f}`,
      single ? gHi : `${gHi} ${fHi}`,
      phoneFormats[i % phoneFormats.length]!(phone),
      i % 6 === 5 ? "" : `${g.toLowerCase()}.${phone}@example.in`,
      i % 4 === 0 ? "en" : i % 4 === 1 ? "" : "hi",
      committees[i % committees.length]!.toLowerCase(),
      i % 9 === 0 ? "सदस्य" : i % 9 === 1 ? "Secretary" : "member",
    ];
  };
  // Every row is pushed with its corrected twin; `error` marks the bad version's single error.
  const push = (
    row: Row,
    outcome: Outcome,
    fix?: { row: Row; column: string; code: RowErrorCode; outcome?: Outcome },
  ) => {
    const line = good.length + 2;
    if (fix) {
      bad.push(fix.row);
      errors.push({ line, column: fix.column, code: fix.code });
    } else bad.push(row);
    good.push(row);
    outcomes.push(fix?.outcome ?? outcome);
  };

  // Identical rows for 20 demo people: skipped.
  const skips = onePerPerson.slice(0, 20);
  // 20 more demo people: one changed field (Hindi name, email or language), same committee: updated.
  const changed = onePerPerson.slice(20, 40);
  // 10 more: an appointment to a new committee (the Kota assembly RJ-KT-AC-KTN, where they sit in none).
  const appointed = onePerPerson.slice(40, 50).filter((d) => d.code !== "RJ-KT-AC-KTN");
  // Demo people whose phone and email the conflict rows pair up.
  const conflictPairs = [0, 1, 2].map((k) => [withEmail[60 + 2 * k]!, withEmail[61 + 2 * k]!] as const);
  const demoRow = (
    d: (typeof demo)[number],
    over: Partial<Record<(typeof HEADER)[number], string>> = {},
  ): Row => {
    const base: Record<string, string> = {
      name: d.name,
      name_hi: d.nameHi ?? "",
      phone: d.phone ?? "",
      email: d.email ?? "",
      preferred_language: d.preferredLanguage,
      committee: d.code,
      designation: d.designation,
    };
    return HEADER.map((h) => over[h] ?? base[h]!);
  };

  let n = 0;
  const badKinds: [RowErrorCode, string, number][] = [
    ["committeeUnknown", "committee", 4],
    ["designationUnknown", "designation", 4],
    ["phoneInvalid", "phone", 4],
    ["emailInvalid", "email", 4],
    ["nameRequired", "name", 4],
    ["duplicatePhone", "phone", 3],
    ["duplicateEmail", "email", 3],
    ["phoneEmailConflict", "email", 3],
    ["languageInvalid", "preferred_language", 2],
    ["contactRequired", "phone", 2],
    ["duplicateAppointment", "committee", 2],
    ["committeeRequired", "committee", 1],
    ["designationRequired", "designation", 1],
  ];
  const badQueue = badKinds.flatMap(([code, column, count]) =>
    Array.from({ length: count }, () => ({ code, column })),
  );
  expect(badQueue).toHaveLength(37);
  const earlierNew: Row[] = [];
  let conflict = 0;

  while (good.length < 1000) {
    const i = good.length;
    // A bad row every 26 lines or so, spread through the file.
    if (i % 26 === 13 && badQueue.length) {
      const { code, column } = badQueue.shift()!;
      const row = newPerson(n++);
      const [name, nameHi, phone, , language, committee, designation] = row as [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      const withCell = (col: string, value: string) => row.map((v, k) => (HEADER[k] === col ? value : v));
      const previous = earlierNew.find((r) => r[3]) ?? earlierNew[0]!;
      let badRow: Row;
      let fixOutcome: Outcome = "create";
      let fixed = row;
      switch (code) {
        case "committeeUnknown":
          badRow = withCell("committee", `RJ-ZZ-${i}`);
          break;
        case "designationUnknown":
          badRow = withCell("designation", "treasurer");
          break;
        case "phoneInvalid":
          badRow = withCell("phone", `12-${i}`);
          break;
        case "emailInvalid":
          badRow = withCell("email", `not-an-email-${i}`);
          break;
        case "nameRequired":
          badRow = withCell("name", "   ");
          break;
        case "duplicatePhone":
          // The phone of an earlier new person, written another way, with another name.
          badRow = [
            `Other ${name}`,
            nameHi,
            `+91 ${previous[2]!.replace(/\D/g, "").slice(-10)}`,
            "",
            language,
            committee,
            designation,
          ];
          break;
        case "duplicateEmail":
          badRow = [
            `Other ${name}`,
            nameHi,
            phone,
            previous[3]!.toUpperCase(),
            language,
            committee,
            designation,
          ];
          break;
        case "phoneEmailConflict": {
          const [a, b] = conflictPairs[conflict++]!;
          badRow = [name, nameHi, a.phone!, b.email!, language, committee, designation];
          break;
        }
        case "languageInvalid":
          badRow = withCell("preferred_language", "fr");
          break;
        case "contactRequired":
          badRow = [name, nameHi, "", "", language, committee, designation];
          break;
        case "duplicateAppointment": {
          // Exactly an earlier new person's row again; the fix appoints them to another committee too.
          const source = earlierNew[earlierNew.length - 1]!;
          badRow = [...source];
          const other = committees.find((c) => c !== source[5]!.toUpperCase())!;
          fixed = source.map((v, k) => (k === 5 ? other : v));
          fixOutcome = "update";
          break;
        }
        case "committeeRequired":
          badRow = withCell("committee", "");
          break;
        case "designationRequired":
          badRow = withCell("designation", " ");
          break;
        default:
          throw new Error(code);
      }
      push(fixed, fixOutcome, { row: badRow, column, code, outcome: fixOutcome });
      if (fixOutcome === "create") earlierNew.push(fixed);
      continue;
    }
    const k = i % 20;
    if (k === 2 && skips.length) {
      push(demoRow(skips.shift()!), "skip");
    } else if (k === 5 && changed.length) {
      const d = changed.shift()!;
      const which = changed.length % 3;
      const over =
        which === 0
          ? { name_hi: `${d.nameHi ?? d.name} जी` }
          : which === 1
            ? { email: `changed.${d.id}@example.in` }
            : { preferred_language: d.preferredLanguage === "hi" ? "en" : "hi" };
      push(demoRow(d, over), "update");
    } else if (k === 8 && appointed.length) {
      push(
        demoRow(appointed.shift()!, { committee: "RJ-KT-AC-KTN", designation: "research_team" }),
        "update",
      );
    } else {
      const row = newPerson(n++);
      push(row, "create");
      earlierNew.push(row);
    }
  }
  return { bad, good, errors, outcomes };
}

describe("CSV import and export on the demo organisation", () => {
  testDb = useTestDatabase();

  describe("CSV import of appointees", () => {
    let files: Awaited<ReturnType<typeof buildFiles>>;

    beforeAll(async () => {
      const { db } = testDb();
      await seedDemo(db);
      const adminRow = await db.selectFrom("staffUsers").select("id").executeTakeFirstOrThrow();
      admin = { staffId: adminRow.id, role: "admin", scope: { kind: "all" } };
      const other = await db
        .insertInto("staffUsers")
        .values({ email: "second.admin@shivir.example", name: "Second Admin", role: "admin" })
        .returning("id")
        .executeTakeFirstOrThrow();
      otherAdmin = { staffId: other.id, role: "admin", scope: { kind: "all" } };
      files = await buildFiles();
    });

    it("refuses a 1,000-row file with 37 bad rows: exactly those errors, and nothing changes", async () => {
      const before = await fingerprint();
      const outcome = await previewImport(testDb().db, admin, {
        kind: "appointees",
        filename: "appointees.csv",
        content: csvOf(files.bad),
      });
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      const found = outcome.summary.errors.map((e) => ({ line: e.line, column: e.column, code: e.code }));
      expect(found).toEqual(files.errors);
      expect(outcome.summary.errorCount).toBe(37);
      expect(outcome.summary.counts.rows).toBe(1000);
      expect(outcome.summary.counts.errorRows).toBe(37);
      // Every kind of error is there, and the lines are spread through the file.
      expect(new Set(found.map((e) => e.code)).size).toBe(13);
      expect(found[0]!.line).toBeLessThan(30);
      expect(found[36]!.line).toBeGreaterThan(900);
      // The duplicates say which line they repeat.
      const dup = outcome.summary.errors.find((e) => e.code === "duplicatePhone")!;
      expect(dup.otherLine).toBeLessThan(dup.line);

      // The preview page pages through them, 50 at a time.
      const page = await getImportPreview(testDb().db, admin, outcome.importId, 1);
      expect(page.errors).toHaveLength(37);
      expect(page.pageCount).toBe(1);
      expect(page.status).toBe("previewed");

      // Confirming applies nothing: all or nothing.
      const confirmed = await confirmImport(testDb().db, admin, outcome.importId);
      expect(confirmed).toMatchObject({ ok: false, error: "invalid" });
      expect(await fingerprint()).toEqual(before);
      const stored = await testDb()
        .db.selectFrom("csvImports")
        .select(["status", "importedAt"])
        .where("id", "=", outcome.importId)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ status: "previewed", importedAt: null });
    });

    it("imports the corrected file in one go, and a second import of it changes nothing", async () => {
      const { db } = testDb();
      const before = await fingerprint();
      const expected = {
        create: files.outcomes.filter((o) => o === "create").length,
        update: files.outcomes.filter((o) => o === "update").length,
        skip: files.outcomes.filter((o) => o === "skip").length,
      };
      expect(expected.skip).toBe(20);
      expect(expected.update).toBeGreaterThanOrEqual(30);

      const preview = await previewImport(db, admin, {
        kind: "appointees",
        filename: "appointees-fixed.csv",
        content: csvOf(files.good),
      });
      if (!preview.ok) throw new Error(JSON.stringify(preview));
      expect(preview.summary.errors).toEqual([]);
      expect(preview.summary.counts).toEqual({ rows: 1000, ...expected, errorRows: 0 });

      // Another admin cannot see or confirm it.
      await expect(confirmImport(db, otherAdmin, preview.importId)).rejects.toMatchObject({ status: 404 });
      await expect(getImportPreview(db, otherAdmin, preview.importId, 1)).rejects.toMatchObject({
        status: 404,
      });

      const confirmed = await confirmImport(db, admin, preview.importId);
      expect(confirmed.ok).toBe(true);
      if (!confirmed.ok) return;
      expect(confirmed.summary.counts).toEqual({ rows: 1000, ...expected, errorRows: 0 });
      const after = await fingerprint();
      expect(after.people).toBe(before.people + expected.create);
      // One appointment per created person's row, per new committee of an existing person.
      const newAppointments = confirmed.summary.totals.newAppointments!;
      expect(after.appointments).toBe(before.appointments + newAppointments);
      expect(newAppointments).toBe(expected.create + 10 + 2);
      expect(after.audit).toBe(before.audit + 1);
      const audit = await db
        .selectFrom("auditLog")
        .select(["action", "entityType", "entityId", "details", "actorStaffId"])
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      expect(audit).toMatchObject({
        action: "import.appointees",
        entityType: "csv_import",
        entityId: preview.importId,
        actorStaffId: admin.staffId,
        details: { create: expected.create, update: expected.update, skip: expected.skip },
      });

      // Devanagari, cleaned names and normalised phones are stored as such.
      const firstNew = files.good[files.outcomes.indexOf("create")]!;
      const digits = firstNew[2]!.replace(/\D/g, "").slice(-10);
      const stored = await db
        .selectFrom("appointees")
        .select(["name", "nameHi", "phone"])
        .where("phone", "=", `+91${digits}`)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({
        name: firstNew[0]!.trim().replace(/\s+/g, " "),
        nameHi: firstNew[1],
        phone: `+91${digits}`,
      });

      // Once only.
      expect(await confirmImport(db, admin, preview.importId)).toEqual({
        ok: false,
        error: "already-imported",
      });
      expect(await fingerprint()).toEqual(after);

      // The same file again: everything is skipped, nothing changes.
      const again = await previewImport(db, admin, {
        kind: "appointees",
        filename: "appointees-fixed.csv",
        content: csvOf(files.good),
      });
      if (!again.ok) throw new Error(JSON.stringify(again));
      expect(again.summary.counts).toEqual({ rows: 1000, create: 0, update: 0, skip: 1000, errorRows: 0 });
      const second = await confirmImport(db, admin, again.importId);
      expect(second.ok).toBe(true);
      const unchanged = await fingerprint();
      expect({ ...unchanged, audit: 0 }).toEqual({ ...after, audit: 0 });
    });

    it("gives an organiser scoped to Jaipur an error for a Jodhpur committee", async () => {
      const { db } = testDb();
      const jaipur = await db
        .selectFrom("units")
        .select("id")
        .where("code", "=", "RJ-JP")
        .executeTakeFirstOrThrow();
      const staff = await db
        .insertInto("staffUsers")
        .values({
          email: "jaipur@shivir.example",
          name: "Jaipur Organiser",
          role: "organiser",
          scopeUnitId: jaipur.id,
        })
        .returning(["id", "email", "name", "role", "scopeUnitId", "preferredLanguage"])
        .executeTakeFirstOrThrow();
      const organiser: ImportActor = {
        staffId: staff.id,
        role: "organiser",
        scope: await scopeOf(db, staff),
      };
      const before = await fingerprint();
      const outcome = await previewImport(db, organiser, {
        kind: "appointees",
        filename: "mixed.csv",
        content: csvOf([
          ["Kamla Devi", "कमला देवी", "7999000001", "", "hi", "RJ-JP-AC-SNG", "member"],
          ["Ratan Lal", "रतन लाल", "7999000002", "", "hi", "RJ-JD-AC-SDP", "member"],
        ]),
      });
      if (!outcome.ok) throw new Error(JSON.stringify(outcome));
      expect(outcome.summary.errors).toEqual([
        { line: 3, column: "committee", code: "committeeOutOfScope", value: "RJ-JD-AC-SDP" },
      ]);
      expect(await confirmImport(db, organiser, outcome.importId)).toMatchObject({
        ok: false,
        error: "invalid",
      });
      expect(await fingerprint()).toEqual(before);
      // Units are for admins only.
      await expect(
        previewImport(db, organiser, {
          kind: "units",
          filename: "u.csv",
          content: "code,parent_code,level,name_en,name_hi\n",
        }),
      ).rejects.toMatchObject({ status: 403 });
    });

    it("imports the downloadable templates as they are", async () => {
      const { db } = testDb();
      for (const kind of ["appointees", "units"] as const) {
        const content = new Uint8Array(readFileSync(`public/templates/${kind}.csv`));
        expect([...content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        expect(new TextDecoder().decode(content)).toMatch(/[\u0900-\u097F]/);
        const preview = await previewImport(db, admin, { kind, filename: `${kind}.csv`, content });
        if (!preview.ok) throw new Error(JSON.stringify(preview));
        expect(preview.summary.errors).toEqual([]);
        expect(preview.summary.counts.create).toBe(3);
        await discardImport(db, admin, preview.importId);
      }
    });

    it("refuses unreadable files without storing them", async () => {
      const { db } = testDb();
      const count = async () =>
        (
          await db
            .selectFrom("csvImports")
            .select(sql<number>`count(*)::int`.as("n"))
            .executeTakeFirstOrThrow()
        ).n;
      const before = await count();
      const refusals = await Promise.all(
        [
          new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x08]),
          new Uint8Array([0xff, 0xfe, 0x6e, 0x00, 0x61, 0x00]),
          new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xe9, 0x0a]),
          utf8("name,phone\nरमेश,9812345678\n"),
          utf8(`${HEADER.join(",")}\n`),
          utf8(""),
        ].map((content) => previewImport(db, admin, { kind: "appointees", filename: "x.csv", content })),
      );
      expect(refusals.map((r) => (!r.ok ? r.errors.map((e) => e.code) : "previewed"))).toEqual([
        ["binary"],
        ["utf16"],
        ["notUtf8"],
        ["missingColumns"],
        ["noRows"],
        ["empty"],
      ]);
      expect(await count()).toBe(before);
    });

    it("reports a phone saved by someone else during the import as a row error, and applies nothing", async () => {
      const { db } = testDb();
      const preview = await previewImport(db, admin, {
        kind: "appointees",
        filename: "race.csv",
        content: csvOf([
          ["Pehla", "पहला", "7888000001", "", "hi", "RJ-UD", "member"],
          ["Doosra", "दूसरा", "7888000002", "", "hi", "RJ-UD", "member"],
        ]),
      });
      if (!preview.ok) throw new Error(JSON.stringify(preview));
      const before = await fingerprint();
      let confirming: Promise<Awaited<ReturnType<typeof confirmImport>>> | undefined;
      // Another writer adds the same phone and commits only once our confirm waits on it.
      await db.transaction().execute(async (trx) => {
        await trx.insertInto("appointees").values({ name: "Someone Else", phone: "+917888000002" }).execute();
        confirming = confirmImport(db, admin, preview.importId);
        const deadline = Date.now() + 10_000;
        for (;;) {
          const waiting = await db
            .selectNoFrom(
              sql<number>`(select count(*)::int from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock')`.as(
                "n",
              ),
            )
            .executeTakeFirstOrThrow();
          if (waiting.n > 0) break;
          if (Date.now() > deadline) throw new Error("the confirm never waited for the other writer");
          await new Promise((r) => setTimeout(r, 50));
        }
      });
      const outcome = await confirming!;
      expect(outcome).toMatchObject({ ok: false, error: "invalid" });
      if (outcome.ok || outcome.error !== "invalid") return;
      expect(outcome.summary.errors).toContainEqual({
        line: 3,
        column: "phone",
        code: "alreadyExists",
        value: "+917888000002",
      });
      const after = await fingerprint();
      expect(after.people).toBe(before.people + 1); // only the other writer's person
      expect(after.appointments).toBe(before.appointments);
      // The import is still waiting; checked again, the phone is now someone's: an update, not a new person.
      const again = await confirmImport(db, admin, preview.importId);
      expect(again.ok).toBe(true);
      if (again.ok) expect(again.summary.counts).toMatchObject({ create: 1, update: 1 });
    });

    it("checks a stored upload that has no summary when it is opened; an unreadable one imports nothing", async () => {
      const { db } = testDb();
      const [readable, unreadable] = await db
        .insertInto("csvImports")
        .values([
          {
            staffUserId: admin.staffId,
            kind: "appointees",
            filename: "stored.csv",
            content: "name,phone,committee,designation\nX,9812345670,RJ-JP,member\n",
          },
          { staffUserId: admin.staffId, kind: "appointees", filename: "junk.csv", content: "just some text" },
        ])
        .returning("id")
        .execute();
      const page = await getImportPreview(db, admin, readable!.id, 1);
      expect(page.summary.counts).toMatchObject({ rows: 1, create: 1 });
      expect(page.errors).toEqual([]);
      const junk = await getImportPreview(db, admin, unreadable!.id, 1);
      expect(junk.summary.fileErrors).toEqual([
        { code: "missingColumns", columns: ["name", "committee", "designation"] },
        { code: "unknownColumns", columns: ["just some text"] },
      ]);
      const before = await fingerprint();
      expect(await confirmImport(db, admin, unreadable!.id)).toMatchObject({ ok: false, error: "invalid" });
      expect(await fingerprint()).toEqual(before);
    });

    it("discards an upload: it can no longer be confirmed", async () => {
      const { db } = testDb();
      const preview = await previewImport(db, admin, {
        kind: "appointees",
        filename: "discard.csv",
        content: csvOf([["Teesra", "तीसरा", "7888000003", "", "hi", "RJ-UD", "member"]]),
      });
      if (!preview.ok) throw new Error(JSON.stringify(preview));
      await discardImport(db, admin, preview.importId);
      expect(await confirmImport(db, admin, preview.importId)).toEqual({ ok: false, error: "discarded" });
      await expect(discardImport(db, otherAdmin, preview.importId)).rejects.toMatchObject({ status: 404 });
    });
  });

  describe("CSV import of units", () => {
    it("inserts parents before children, gives each unit its committee, and reports bad rows", async () => {
      const { db } = testDb();
      const bad = await previewImport(db, admin, {
        kind: "units",
        filename: "units.csv",
        content: utf8(
          "code,parent_code,level,name_en,name_hi\nRJ-AJ-X1,RJ-NOPE,block,X,एक्स\nRJ-AJ-X2,RJ-AJ,state,X,एक्स\nRJ-AJ-X3,RJ-AJ,district,X,एक्स\n",
        ),
      });
      if (!bad.ok) throw new Error(JSON.stringify(bad));
      expect(bad.summary.errors.map((e) => `${e.line}:${e.column}:${e.code}`)).toEqual([
        "2:parent_code:parentUnknown",
        "3:parent_code:rootHasParent",
        "4:level:levelOrder",
      ]);

      const good = await previewImport(db, admin, {
        kind: "units",
        filename: "units.csv",
        content: utf8(
          [
            "Code,Parent Code,Level,Name EN,Name HI",
            "RJ-AJ-AC-PSK-BL-1-PN-1,RJ-AJ-AC-PSK-BL-1,panchayat,Ganahera,गनाहेड़ा",
            "RJ-AJ-AC-PSK-BL-1,RJ-AJ-AC-PSK,block,Pushkar Block,पुष्कर ब्लॉक",
            "RJ-AJ-AC-PSK-BL-1-PN-1-BT-1,RJ-AJ-AC-PSK-BL-1-PN-1,booth,Booth 1,बूथ 1",
            "RJ-AJ,RJ,district,Ajmer,अजमेर",
          ].join("\r\n"),
        ),
      });
      if (!good.ok) throw new Error(JSON.stringify(good));
      expect(good.summary.counts).toEqual({ rows: 4, create: 3, update: 0, skip: 1, errorRows: 0 });
      const done = await confirmImport(db, admin, good.importId);
      expect(done.ok).toBe(true);
      const units = await db
        .selectFrom("units")
        .innerJoin("committees", "committees.unitId", "units.id")
        .select([
          "units.code",
          "units.path",
          "units.depth",
          "committees.nameHi",
          "committees.seatQuota",
          "committees.status",
        ])
        .where("units.code", "like", "RJ-AJ-AC-PSK-%")
        .orderBy("units.depth")
        .execute();
      expect(units.map((u) => [u.code, u.depth, u.nameHi, u.seatQuota, u.status])).toEqual([
        ["RJ-AJ-AC-PSK-BL-1", 3, "पुष्कर ब्लॉक ब्लॉक समिति", 15, "forming"],
        ["RJ-AJ-AC-PSK-BL-1-PN-1", 4, "गनाहेड़ा पंचायत समिति", 11, "forming"],
        ["RJ-AJ-AC-PSK-BL-1-PN-1-BT-1", 5, "बूथ 1 बूथ समिति", 5, "forming"],
      ]);
      expect(units[2]!.path.startsWith(units[1]!.path)).toBe(true);
      const audit = await db
        .selectFrom("auditLog")
        .select("action")
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      expect(audit.action).toBe("import.units");
    });
  });

  describe("CSV exports", () => {
    it("exports the appointees in scope: BOM, CRLF, the import's columns, formulas neutralised, every page", async () => {
      const { db } = testDb();
      const formula = await previewImport(db, admin, {
        kind: "appointees",
        filename: "formula.csv",
        content: csvOf([["=1+1", "@योग", "7888000009", "", "hi", "RJ-JP-AC-SNG", "member"]]),
      });
      if (!formula.ok) throw new Error(JSON.stringify(formula));
      expect((await confirmImport(db, admin, formula.importId)).ok).toBe(true);

      const text = await readStream(streamAppointeesCsv(db, { kind: "all" }));
      expect(text.startsWith(UTF8_BOM)).toBe(true);
      const lines = text.slice(1).split("\r\n");
      expect(lines[0]).toBe(HEADER.join(","));
      expect(lines.at(-1)).toBe("");
      expect(text.slice(1).replace(/\r\n/g, "")).not.toContain("\n");
      const active = await db
        .selectFrom("appointments")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("active", "=", true)
        .executeTakeFirstOrThrow();
      expect(lines.length - 2).toBe(active.n);
      expect(lines).toContain(`"'=1+1","'@योग","'+917888000009",,hi,RJ-JP-AC-SNG,member`);

      // Small pages give the same file (keyset pagination over ids loses and repeats nothing).
      expect(await readStream(streamAppointeesCsv(db, { kind: "all" }, { pageSize: 7 }))).toBe(text);

      // A Jaipur organiser gets only Jaipur's committees.
      const jaipur = await db
        .selectFrom("units")
        .select(["id", "path"])
        .where("code", "=", "RJ-JP")
        .executeTakeFirstOrThrow();
      const scoped = await readStream(
        streamAppointeesCsv(db, { kind: "subtree", unitId: jaipur.id, path: jaipur.path }, { pageSize: 13 }),
      );
      const scopedRows = scoped.slice(1).split("\r\n").slice(1, -1);
      expect(scopedRows.length).toBeGreaterThan(0);
      expect(scopedRows.every((r) => /,RJ-JP(-[A-Z0-9-]+)?,[a-z_]+$/.test(r))).toBe(true);
      expect(scopedRows.length).toBeLessThan(lines.length - 2);

      const committees = await readStream(
        streamCommitteesCsv(db, { kind: "subtree", unitId: jaipur.id, path: jaipur.path }, { pageSize: 2 }),
      );
      const committeeLines = committees.slice(1).split("\r\n");
      expect(committeeLines[0]).toBe(
        "committee,parent_code,level,unit_name_en,unit_name_hi,name_en,name_hi,status,seat_quota,members,formed_at",
      );
      expect(committeeLines.slice(1, -1).map((l) => l.split(",")[0])).toEqual([
        "RJ-JP",
        "RJ-JP-AC-SNG",
        "RJ-JP-AC-MVN",
        "RJ-JP-AC-VDN",
        "RJ-JP-BL-BSI",
        "RJ-JP-BL-CKS",
      ]);
      expect(committeeLines[1]).toMatch(
        /^RJ-JP,RJ,district,Jaipur,जयपुर,Jaipur District Committee,जयपुर जिला समिति,formed,40,\d+,2026-11-10 12:00$/,
      );
      expect(exportFilename("appointees", new Date("2026-11-26T20:00:00Z"))).toBe(
        "shivir-appointees-2026-11-27.csv",
      );
    });
  });
});
