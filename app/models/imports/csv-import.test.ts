import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import {
  checkCsvText,
  decodeCsvBytes,
  formatCsvRows,
  neutraliseFormula,
  normalizeHeader,
  parseCsvRecords,
  stripFormulaGuard,
  UTF8_BOM,
} from "#app/models/imports/csv.ts";
import {
  type AppointeeLookups,
  appointeeSpec,
  buildDesignationLookup,
  type ExistingPerson,
  MAX_IMPORT_ROWS,
  parseLanguage,
  parseLevel,
  planAppointeeImport,
  planUnitImport,
  readCsvTable,
  readPersonFields,
  unitSpec,
  validateAppointeeRows,
  validateUnitRows,
} from "./csv-import.ts";
import { AppointeeSchema } from "#app/models/organisation/appointee.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);
const HEADER = "name,name_hi,phone,email,preferred_language,committee,designation";

const lookups: AppointeeLookups = {
  committees: new Map([
    ["RJ-JP-AC-SNG", { id: 10, inScope: true }],
    ["RJ-JP", { id: 11, inScope: true }],
    ["RJ-JD", { id: 20, inScope: false }],
  ]),
  designations: buildDesignationLookup([
    { code: "president", nameEn: "President", nameHi: "अध्यक्ष" },
    { code: "vice_president", nameEn: "Vice-president", nameHi: "उपाध्यक्ष" },
    { code: "member", nameEn: "Member", nameHi: "सदस्य" },
  ]),
};

/** Reads, validates and plans an appointee file against `existing` people (no active appointments). */
function preview(
  text: string,
  existing: ExistingPerson[] = [],
  active: Parameters<typeof planAppointeeImport>[2] = [],
) {
  const table = readCsvTable(text, appointeeSpec);
  if (!table.ok) throw new Error(`file refused: ${JSON.stringify(table.fileErrors)}`);
  const validated = validateAppointeeRows(table.rows, lookups);
  return {
    table,
    plan: planAppointeeImport(validated.rows, existing, active, [...table.errors, ...validated.errors]),
  };
}

const where = (errors: { line: number; column: string | null; code: string }[]) =>
  errors.map((e) => `${e.line}:${e.column ?? "-"}:${e.code}`);

describe("decoding an upload", () => {
  it("reads UTF-8 with and without a byte-order mark, Devanagari included", () => {
    expect(decodeCsvBytes(utf8("नाम,फ़ोन\n"))).toEqual({ ok: true, text: "नाम,फ़ोन\n" });
    expect(decodeCsvBytes(utf8(`${UTF8_BOM}नाम,फ़ोन\n`))).toEqual({ ok: true, text: "नाम,फ़ोन\n" });
  });

  it("refuses UTF-16, other encodings and binary files with a reason", () => {
    expect(decodeCsvBytes(new Uint8Array([0xff, 0xfe, 0x6e, 0x00]))).toEqual({ ok: false, reason: "utf16" });
    // "Café" in Windows-1252: 0xE9 is not UTF-8.
    expect(decodeCsvBytes(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x0a]))).toEqual({
      ok: false,
      reason: "notUtf8",
    });
    // A zip (.xlsx) header: valid ASCII up to a NUL.
    expect(decodeCsvBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))).toEqual({
      ok: false,
      reason: "binary",
    });
    expect(decodeCsvBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]))).toEqual({
      ok: false,
      reason: "binary",
    });
  });

  it("checks pasted text the same way", () => {
    expect(checkCsvText(`${UTF8_BOM}a,b`)).toEqual({ ok: true, text: "a,b" });
    expect(checkCsvText("a,\u0000b")).toEqual({ ok: false, reason: "binary" });
    expect(checkCsvText("Caf\uFFFD")).toEqual({ ok: false, reason: "notUtf8" });
  });
});

describe("splitting CSV into records", () => {
  it("handles Excel quoting, doubled quotes, embedded commas and newlines", () => {
    const text = 'a,b,c\r\n"Sharma, Ramesh","He said ""hi""","line one\r\nline two"\r\nx,y,z\r\n';
    const { records, problems } = parseCsvRecords(text);
    expect(problems).toEqual([]);
    expect(records).toEqual([
      ["a", "b", "c"],
      ["Sharma, Ramesh", 'He said "hi"', "line one\nline two"],
      ["x", "y", "z"],
    ]);
  });

  it("accepts LF, CRLF, CR and mixed line ends; blank lines stay numbered", () => {
    expect(parseCsvRecords("a\nb\r\nc\rd").records).toEqual([["a"], ["b"], ["c"], ["d"]]);
    expect(parseCsvRecords("a\n\nb\n").records).toEqual([["a"], [""], ["b"]]);
  });

  it("reads semicolon- and tab-separated files from other Excel locales", () => {
    expect(parseCsvRecords("name;phone\nरमेश;98123 45678").records).toEqual([
      ["name", "phone"],
      ["रमेश", "98123 45678"],
    ]);
    expect(parseCsvRecords("name\tphone\nरमेश\t9812345678").records[1]).toEqual(["रमेश", "9812345678"]);
  });

  it("reports an unterminated quote and a malformed one with their lines", () => {
    expect(parseCsvRecords('a,b\n1,2\n"oops,3\n4,5\n').problems).toEqual([
      { line: 3, code: "unterminatedQuote" },
    ]);
    expect(parseCsvRecords('a,b\n"x"y,2\n').problems).toEqual([{ line: 2, code: "malformedQuotes" }]);
  });
});

describe("reading an appointee table", () => {
  it("matches header names in any case, spacing and punctuation, and Hindi aliases", () => {
    expect(normalizeHeader("  Preferred Language ")).toBe("preferred_language");
    expect(normalizeHeader("NAME-HI")).toBe("name_hi");
    expect(normalizeHeader("हिंदी नाम")).toBe("हिंदी_नाम");
    const table = readCsvTable(
      `${UTF8_BOM}NAME , Name (Hindi),Mobile Number,E-Mail,Language,Committee Code,पद\r\nरमेश,रमेश,9812345678,,hi,RJ-JP,president\r\n`,
      appointeeSpec,
    );
    expect(table.ok && table.columns).toEqual([
      "name",
      "name_hi",
      "phone",
      "email",
      "preferred_language",
      "committee",
      "designation",
    ]);
  });

  it("refuses a file with missing, unknown or doubled columns, or without rows", () => {
    expect(readCsvTable("name,phone\nरमेश,9812345678", appointeeSpec)).toEqual({
      ok: false,
      fileErrors: [{ code: "missingColumns", columns: ["committee", "designation"] }],
    });
    const table = readCsvTable(`${HEADER},notes,Phone\nx`, appointeeSpec);
    expect(table).toEqual({
      ok: false,
      fileErrors: [
        { code: "unknownColumns", columns: ["notes"] },
        { code: "duplicateColumns", columns: ["Phone"] },
      ],
    });
    expect(readCsvTable("\n\n", appointeeSpec)).toEqual({ ok: false, fileErrors: [{ code: "empty" }] });
    expect(readCsvTable(`${HEADER}\n\n`, appointeeSpec)).toEqual({
      ok: false,
      fileErrors: [{ code: "noRows" }],
    });
  });

  it("numbers lines from the header as line 1, skipping blank lines but counting them", () => {
    const { plan } = preview(
      `${HEADER}\n\nरमेश,,12,,,RJ-JP,member\n  ,  ,\nसीता,,9812345678,,,RJ-XX,member\n`,
    );
    expect(where(plan.errors)).toEqual(["3:phone:phoneInvalid", "5:committee:committeeUnknown"]);
    expect(plan.counts.rows).toBe(2);
  });

  it("counts a row in a spreadsheet's way when a cell holds a line break", () => {
    const { plan } = preview(`${HEADER}\n"Ramesh\nSharma",,9812345678,,,RJ-JP,member\nX,,1,,,RJ-JP,member\n`);
    expect(where(plan.errors)).toEqual(["3:phone:phoneInvalid"]);
    expect(plan.newPeople[0]?.person.name).toBe("Ramesh Sharma");
  });

  it("reports more cells than the header, but not trailing empty cells", () => {
    const { plan } = preview(
      `${HEADER}\nरमेश,,9812345678,,,RJ-JP,member,,\nसीता,,9812345679,,,RJ-JP,member,extra\n`,
    );
    expect(where(plan.errors)).toEqual(["3:-:extraValues"]);
  });

  it("refuses more rows than the limit", () => {
    const rows = `${"x,,,,,,\n".repeat(MAX_IMPORT_ROWS + 1)}`;
    expect(readCsvTable(`${HEADER}\n${rows}`, appointeeSpec)).toEqual({
      ok: false,
      fileErrors: [{ code: "tooManyRows", limit: MAX_IMPORT_ROWS }],
    });
  });
});

describe("validating appointee rows", () => {
  it("normalises names, phone formats, emails, languages and designations", () => {
    const text = [
      HEADER,
      "  Ramesh   Sharma ,  रमेश  शर्मा ,98123 45678, R.Sharma@Example.IN ,Hindi,rj-jp-ac-sng,President",
      "सीता,,+91-98123-45679,,हिंदी,RJ-JP,सदस्य",
      "Om,,098123 45680,,EN,RJ-JP,vice president",
      "Gita,,'+919812345681,,,RJ-JP,Vice-President",
      "Anil,,0091 98123 45682,,english,RJ-JP,उपाध्यक्ष",
    ].join("\r\n");
    const { plan } = preview(text);
    expect(plan.errors).toEqual([]);
    expect(
      plan.newPeople.map(({ person: p }) => [p.name, p.nameHi, p.phone, p.email, p.preferredLanguage]),
    ).toEqual([
      ["Ramesh Sharma", "रमेश शर्मा", "+919812345678", "r.sharma@example.in", "hi"],
      ["सीता", null, "+919812345679", null, "hi"],
      ["Om", null, "+919812345680", null, "en"],
      ["Gita", null, "+919812345681", null, null], // blank: Hindi for a new person, kept for an existing one
      ["Anil", null, "+919812345682", null, "en"],
    ]);
    expect(
      plan.newPeople.map((p) =>
        p.appointments.map(({ committeeId, designation }) => ({ committeeId, designation })),
      ),
    ).toEqual([
      [{ committeeId: 10, designation: "president" }],
      [{ committeeId: 11, designation: "member" }],
      [{ committeeId: 11, designation: "vice_president" }],
      [{ committeeId: 11, designation: "vice_president" }],
      [{ committeeId: 11, designation: "vice_president" }],
    ]);
    expect(plan.counts).toEqual({ rows: 5, create: 5, update: 0, skip: 0, errorRows: 0 });
  });

  it("reports each bad field with its line and column", () => {
    const text = [
      HEADER,
      ",,9812345678,,,RJ-JP,member",
      "A,,12345,,,RJ-JP,member",
      "B,,,not-an-email,,RJ-JP,member",
      "C,,,,,RJ-JP,member",
      "D,,9812345670,,fr,RJ-JP,member",
      "E,,9812345671,,,RJ-XX,member",
      "F,,9812345672,,,RJ-JD,member",
      "G,,9812345673,,,RJ-JP,treasurer",
      "H,,9812345674,,,,",
      `${"x".repeat(201)},,9812345675,,,RJ-JP,member`,
    ].join("\n");
    const { plan } = preview(text);
    expect(where(plan.errors)).toEqual([
      "2:name:nameRequired",
      "3:phone:phoneInvalid",
      "4:email:emailInvalid",
      "5:phone:contactRequired",
      "6:preferred_language:languageInvalid",
      "7:committee:committeeUnknown",
      "8:committee:committeeOutOfScope",
      "9:designation:designationUnknown",
      "10:committee:committeeRequired",
      "10:designation:designationRequired",
      "11:name:nameTooLong",
    ]);
    expect(plan.errors.find((e) => e.line === 9)?.value).toBe("treasurer");
    expect(plan.counts).toEqual({ rows: 10, create: 0, update: 0, skip: 0, errorRows: 10 });
    expect(plan.newPeople).toEqual([]);
  });

  it("parses languages and levels in both scripts", () => {
    expect([parseLanguage(""), parseLanguage("HI"), parseLanguage("अंग्रेज़ी"), parseLanguage("fr")]).toEqual([
      null,
      "hi",
      "en",
      undefined,
    ]);
    expect([
      parseLevel("District"),
      parseLevel("विधानसभा"),
      parseLevel("Assembly constituency"),
      parseLevel("x"),
    ]).toEqual(["district", "assembly", "assembly", undefined]);
  });
});

describe("the fast check of person fields", () => {
  it("accepts and refuses exactly what AppointeeSchema does, with the same values", () => {
    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom("", " ", "\u00a0", "  रमेश  शर्मा ", "x".repeat(200), "x".repeat(201), "Ramesh\nSharma"),
    );
    const phone = fc.oneof(
      fc.string({ maxLength: 16 }),
      fc.stringMatching(/^(\+91[ -]?|0|0091 ?)?[6-9]\d{4}[ -]?\d{5}$/),
      fc.constantFrom("", "  ", "+44 20 7946 0958", "12345", "१२३४५६७८९०"),
    );
    const email = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.emailAddress(),
      fc.constantFrom("", " R@Example.IN ", "a@b", "a b@c.in", `${"a".repeat(250)}@b.in`),
    );
    fc.assert(
      fc.property(fc.record({ name: text, nameHi: text, phone, email }), (input) => {
        const quick = readPersonFields(input);
        const schema = AppointeeSchema.safeParse(input);
        expect(quick !== null).toBe(schema.success);
        if (quick && schema.success) {
          const { preferredLanguage: _, ...fields } = schema.data;
          expect(quick).toEqual(fields);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe("planning an appointee import", () => {
  const ramesh: ExistingPerson = {
    id: 1,
    name: "Ramesh Sharma",
    nameHi: "रमेश शर्मा",
    phone: "+919812345678",
    email: "ramesh@example.in",
    preferredLanguage: "hi",
  };
  const sita: ExistingPerson = {
    id: 2,
    name: "Sita",
    nameHi: null,
    phone: "+919812345679",
    email: "sita@example.in",
    preferredLanguage: "en",
  };

  it("lets one person sit on several committees, with the same details on each row", () => {
    const { plan } = preview(
      `${HEADER}\nनई,,9800000001,,,RJ-JP,member\nनई,,9800000001,,,RJ-JP-AC-SNG,president\n`,
    );
    expect(plan.errors).toEqual([]);
    expect(plan.newPeople).toHaveLength(1);
    expect(plan.newPeople[0]?.appointments).toHaveLength(2);
    expect(plan.counts).toMatchObject({ create: 1, update: 1 });
  });

  it("refuses duplicates within the file: other details, or the same committee twice", () => {
    const { plan } = preview(
      [
        HEADER,
        "A,,9800000001,a@example.in,,RJ-JP,member",
        "B,,9800000001,,,RJ-JP-AC-SNG,member",
        "C,,,a@example.in,,RJ-JP-AC-SNG,member",
        "A,,9800000001,a@example.in,,RJ-JP,president",
      ].join("\n"),
    );
    expect(plan.errors).toEqual([
      { line: 3, column: "phone", code: "duplicatePhone", value: "+919800000001", otherLine: 2 },
      { line: 4, column: "email", code: "duplicateEmail", value: "a@example.in", otherLine: 2 },
      { line: 5, column: "committee", code: "duplicateAppointment", value: "RJ-JP", otherLine: 2 },
    ]);
  });

  it("matches existing people by phone, else by email; blank cells keep what is stored", () => {
    const { plan } = preview(
      [
        HEADER,
        // Ramesh by phone: new email, same committee and designation.
        "Ramesh Sharma,,98123 45678,ramesh.new@example.in,,RJ-JP,member",
        // Sita by email: a new phone, a new committee.
        "Sita,,9812300000,sita@example.in,,RJ-JP-AC-SNG,member",
      ].join("\n"),
      [ramesh, sita],
      [{ id: 100, appointeeId: 1, committeeId: 11, designation: "member" }],
    );
    expect(plan.errors).toEqual([]);
    expect(plan.personUpdates).toEqual([
      { ...ramesh, email: "ramesh.new@example.in" },
      { ...sita, phone: "+919812300000" },
    ]);
    expect(plan.newAppointments).toEqual([{ appointeeId: 2, committeeId: 10, designation: "member" }]);
    expect(plan.changes).toEqual([
      { line: 2, label: "Ramesh Sharma", fields: ["email"] },
      { line: 3, label: "Sita", fields: ["phone", "appointment"] },
    ]);
    expect(plan.counts).toMatchObject({ create: 0, update: 2, skip: 0 });
  });

  it("skips identical rows and changes a designation in place", () => {
    const { plan } = preview(
      `${HEADER}\nRamesh Sharma,रमेश शर्मा,9812345678,,,RJ-JP,member\nRamesh Sharma,रमेश शर्मा,9812345678,,,RJ-JP-AC-SNG,अध्यक्ष\n`,
      [ramesh],
      [
        { id: 100, appointeeId: 1, committeeId: 11, designation: "member" },
        { id: 101, appointeeId: 1, committeeId: 10, designation: "member" },
      ],
    );
    expect(plan.errors).toEqual([]);
    expect(plan.personUpdates).toEqual([]);
    expect(plan.designationChanges).toEqual([{ appointmentId: 101, designation: "president" }]);
    expect(plan.counts).toMatchObject({ create: 0, update: 1, skip: 1 });
  });

  it("refuses the phone of one stored person with the email of another", () => {
    const { plan } = preview(`${HEADER}\nX,,9812345678,sita@example.in,,RJ-JP,member\n`, [ramesh, sita]);
    expect(where(plan.errors)).toEqual(["2:email:phoneEmailConflict"]);
    expect(plan.personUpdates).toEqual([]);
  });

  it("refuses two rows that are the same stored person under different keys", () => {
    const { plan } = preview(
      `${HEADER}\nRamesh Sharma,,9812345678,,,RJ-JP,member\nRamesh Sharma,,,ramesh@example.in,,RJ-JP-AC-SNG,member\n`,
      [ramesh],
    );
    expect(where(plan.errors)).toEqual(["3:email:samePersonTwice"]);
  });
});

describe("units", () => {
  const existing = [
    { id: 1, code: "RJ", parentCode: null, level: "state" as const, nameEn: "Rajasthan", nameHi: "राजस्थान" },
    { id: 2, code: "RJ-JP", parentCode: "RJ", level: "district" as const, nameEn: "Jaipur", nameHi: "जयपुर" },
  ];
  function unitPreview(text: string) {
    const table = readCsvTable(text, unitSpec);
    if (!table.ok) throw new Error(JSON.stringify(table.fileErrors));
    const validated = validateUnitRows(table.rows);
    return planUnitImport(validated.rows, existing, [...table.errors, ...validated.errors]);
  }

  it("inserts parents before children even when the file lists children first", () => {
    const plan = unitPreview(
      [
        "Code,Parent Code,Level,Name EN,Name HI",
        "rj-jp-ac-x-bl-1,RJ-JP-AC-X,block,Block,ब्लॉक",
        "RJ-JP-AC-X,RJ-JP,Assembly,X,एक्स",
        "RJ-JP,RJ,district,Jaipur,जयपुर",
        "RJ,,state,Rajasthan State,राजस्थान",
      ].join("\n"),
    );
    expect(plan.errors).toEqual([]);
    expect(plan.newUnits.map((u) => u.code)).toEqual(["RJ-JP-AC-X", "RJ-JP-AC-X-BL-1"]);
    expect(plan.nameUpdates).toEqual([{ id: 1, nameEn: "Rajasthan State", nameHi: "राजस्थान" }]);
    expect(plan.counts).toEqual({ rows: 4, create: 2, update: 1, skip: 1, errorRows: 0 });
  });

  it("reports unknown parents, bad level order, duplicates, moves and bad fields", () => {
    const plan = unitPreview(
      [
        "code,parent_code,level,name_en,name_hi",
        "A-1,NOPE,block,A,ए",
        "A-2,RJ-JP,state,A,ए",
        "A-3,RJ-JP,district,A,ए",
        "A-4,RJ-JP,block,A,ए",
        "A-4,RJ-JP,block,A,ए",
        "RJ-JP,RJ-JP-AC-X,district,Jaipur,जयपुर",
        "bad code!,RJ-JP,block,A,ए",
        "A-5,RJ-JP,village,A,ए",
        "A-6,,block,A,",
      ].join("\n"),
    );
    expect(where(plan.errors)).toEqual([
      "2:parent_code:parentUnknown",
      "3:parent_code:rootHasParent",
      "4:level:levelOrder",
      "6:code:duplicateCode",
      "7:parent_code:parentChanged",
      "8:code:codeInvalid",
      "9:level:levelInvalid",
      "10:parent_code:parentRequired",
      "10:name_hi:nameHiRequired",
    ]);
  });
});

describe("writing CSV for Excel", () => {
  it("neutralises formula-looking cells, phones included, and quotes only where needed", () => {
    const csv = formatCsvRows([
      [
        "=1+1",
        "+919812345678",
        "-5",
        "@SUM(A1)",
        "\tx",
        '=HYPERLINK("x")\nmore',
        "रमेश, शर्मा",
        "plain",
        null,
        7,
      ],
    ]);
    expect(csv).toBe(
      `"'=1+1","'+919812345678","'-5","'@SUM(A1)","'\tx","'=HYPERLINK(""x"")\nmore","रमेश, शर्मा",plain,,7\r\n`,
    );
    // Read back by a CSV parser, and with the guard undone, every value survives.
    const back = Papa.parse<string[]>(csv.trimEnd()).data[0]!.map(stripFormulaGuard);
    expect(back).toEqual([
      "=1+1",
      "+919812345678",
      "-5",
      "@SUM(A1)",
      "\tx",
      '=HYPERLINK("x")\nmore',
      "रमेश, शर्मा",
      "plain",
      "",
      "7",
    ]);
  });

  it("neutralises full-width formula signs and a leading tab or carriage return too", () => {
    const cells = [
      "\uFF1D1+1", // ＝
      "\uFF0B919812345678", // ＋
      "\uFF0D5", // －
      "\uFF20SUM(A1)", // ＠
      "\tcmd",
      "\r=1+1",
      "\r",
      "\t",
    ];
    const csv = formatCsvRows([cells]);
    const written = Papa.parse<string[]>(csv.trimEnd()).data[0]!;
    expect(written).toEqual(cells.map((cell) => `'${cell}`));
    // Read back with the guard undone, every value survives.
    expect(written.map(stripFormulaGuard)).toEqual(cells);
    expect(neutraliseFormula('\uFF1DHYPERLINK("x")')).toBe('\'\uFF1DHYPERLINK("x")');
  });

  it("leaves cells alone whose formula sign is not first, and text that only looks like a guard", () => {
    for (const cell of ["a=1", "9812345678", " =1", "1\uFF0B1", "रमेश", "'quoted", ""]) {
      expect(neutraliseFormula(cell)).toBe(cell);
    }
    // An apostrophe before anything but a formula sign is the person's own: it stays on import.
    expect(stripFormulaGuard("'quoted")).toBe("'quoted");
    expect(stripFormulaGuard("'\uFF0B91")).toBe("\uFF0B91");
  });

  it("ends every row with CRLF", () => {
    expect(formatCsvRows([["a"], ["b"]])).toBe("a\r\nb\r\n");
  });
});
