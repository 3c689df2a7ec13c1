// Pure rules of the CSV imports: reading the header and rows, validating each row, and planning what an
// import changes (create, update, skip) from what the database already holds. No I/O here: the model
// (csv-import.server.ts) loads the lookups and applies the plan; the unit tests drive these directly.
// Error codes are translation keys under imports.errors.*.
import { z } from "zod";
import {
  type CsvProblem,
  normalizeHeader,
  parseCsvRecords,
  stripFormulaGuard,
} from "#app/models/imports/csv.ts";
import { AppointeeSchema, cleanName, normalizeIndianPhone } from "#app/models/organisation/appointee.ts";
import { levelRank, type UnitLevel } from "#app/models/organisation/unit.ts";

export const importKinds = ["appointees", "units"] as const;
export type ImportKind = (typeof importKinds)[number];

/** At most this many data rows per file (a state's 52,000 booths or 100,000 office-bearers fit). */
export const MAX_IMPORT_ROWS = 200_000;
export const ERRORS_PAGE_SIZE = 50;
/** How many example updates a preview keeps (counts are always complete). */
export const MAX_CHANGE_SAMPLES = 200;

// ---------------------------------------------------------------------------------------------------------
// Errors

export type FileErrorCode =
  | "noFile"
  | "fileTooLarge"
  | "badRequest"
  | "utf16"
  | "notUtf8"
  | "binary"
  | "empty"
  | "noRows"
  | "tooManyRows"
  | "missingColumns"
  | "unknownColumns"
  | "duplicateColumns";
/** A problem with the file as a whole: nothing is stored, the user picks another file. */
export type FileError = { code: FileErrorCode; columns?: string[]; limit?: number };

export type RowErrorCode =
  | CsvProblem["code"]
  | "extraValues"
  // appointees
  | "nameRequired"
  | "nameTooLong"
  | "phoneInvalid"
  | "emailInvalid"
  | "languageInvalid"
  | "contactRequired"
  | "committeeRequired"
  | "committeeUnknown"
  | "committeeOutOfScope"
  | "designationRequired"
  | "designationUnknown"
  | "duplicatePhone"
  | "duplicateEmail"
  | "duplicateAppointment"
  | "phoneEmailConflict"
  | "samePersonTwice"
  // units
  | "codeRequired"
  | "codeInvalid"
  | "duplicateCode"
  | "levelRequired"
  | "levelInvalid"
  | "parentRequired"
  | "parentUnknown"
  | "rootHasParent"
  | "levelOrder"
  | "parentChanged"
  | "levelChanged"
  | "nameEnRequired"
  | "nameHiRequired"
  // found only while applying (another change committed in between)
  | "alreadyExists"
  | "conflict";

/** One problem in one row: `line` counts from 1 with the header as line 1 (a spreadsheet's row number). */
export type RowError = {
  line: number;
  column: string | null;
  code: RowErrorCode;
  value?: string;
  otherLine?: number;
};

export type ImportCounts = { rows: number; create: number; update: number; skip: number; errorRows: number };

export type ChangedField =
  | "name"
  | "nameHi"
  | "phone"
  | "email"
  | "preferredLanguage"
  | "appointment"
  | "designation"
  | "nameEn";
/** An example of an update in the preview: which row changes which fields of whom. */
export type ChangeSample = { line: number; label: string; fields: ChangedField[] };

const shortValue = (value: string) => (value.length > 100 ? `${value.slice(0, 99)}…` : value);

function sortErrors(errors: RowError[], columns: readonly string[]): RowError[] {
  const order = (c: string | null) => (c === null ? -1 : columns.indexOf(c));
  return errors.sort((a, b) => a.line - b.line || order(a.column) - order(b.column));
}

// ---------------------------------------------------------------------------------------------------------
// Reading a table: header in any case and spacing, known aliases, blank lines skipped.

export type ColumnSpec<C extends string> = {
  columns: readonly C[];
  required: readonly C[];
  /** Normalised header text (see normalizeHeader) → column. Every column's own name is an alias of itself. */
  aliases: Record<string, C>;
};

export type CsvRow<C extends string> = { line: number; cells: Record<C, string> };
export type CsvTable<C extends string> =
  | { ok: true; columns: C[]; rows: CsvRow<C>[]; errors: RowError[] }
  | { ok: false; fileErrors: FileError[] };

/** Reads the header and the data rows of decoded CSV text against a column spec. */
export function readCsvTable<C extends string>(text: string, spec: ColumnSpec<C>): CsvTable<C> {
  const { records, problems } = parseCsvRecords(text);
  const isBlank = (record: string[]) => record.every((cell) => cell.trim() === "");
  const headerIndex = records.findIndex((record) => !isBlank(record));
  if (headerIndex === -1) return { ok: false, fileErrors: [{ code: "empty" }] };

  const header = records[headerIndex]!;
  const positions: (C | null)[] = [];
  const unknown: string[] = [];
  const duplicate: string[] = [];
  const seen = new Set<C>();
  for (const raw of header) {
    const cell = stripFormulaGuard(raw).trim();
    if (!cell) {
      positions.push(null);
      continue;
    }
    const column = spec.aliases[normalizeHeader(cell)];
    if (!column) unknown.push(cell);
    else if (seen.has(column)) duplicate.push(cell);
    else seen.add(column);
    positions.push(column && !duplicate.includes(cell) ? column : null);
  }
  const missing = spec.required.filter((c) => !seen.has(c));
  const fileErrors: FileError[] = [];
  if (missing.length) fileErrors.push({ code: "missingColumns", columns: missing });
  if (unknown.length) fileErrors.push({ code: "unknownColumns", columns: unknown.map(shortValue) });
  if (duplicate.length) fileErrors.push({ code: "duplicateColumns", columns: duplicate.map(shortValue) });
  if (fileErrors.length) return { ok: false, fileErrors };

  const errors: RowError[] = [];
  const problemLines = new Set<number>();
  for (const problem of problems) {
    if (problem.line <= headerIndex + 1) continue;
    errors.push({ line: problem.line, column: null, code: problem.code });
    problemLines.add(problem.line);
  }
  const rows: CsvRow<C>[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const record = records[i]!;
    if (isBlank(record)) continue;
    const line = i + 1;
    if (rows.length >= MAX_IMPORT_ROWS) {
      return { ok: false, fileErrors: [{ code: "tooManyRows", limit: MAX_IMPORT_ROWS }] };
    }
    const cells = {} as Record<C, string>;
    for (const column of spec.columns) cells[column] = "";
    let extra = false;
    for (let j = 0; j < record.length; j++) {
      const value = record[j]!;
      const column = positions[j];
      // An apostrophe guards a formula-looking cell in exported files (see neutraliseFormula).
      if (column) cells[column] = value.charCodeAt(0) === 39 ? stripFormulaGuard(value) : value;
      else if (value.trim() !== "") extra = true;
    }
    if (extra && !problemLines.has(line)) errors.push({ line, column: null, code: "extraValues" });
    rows.push({ line, cells });
  }
  if (rows.length === 0) return { ok: false, fileErrors: [{ code: "noRows" }] };
  return { ok: true, columns: [...seen], rows, errors };
}

function aliasMap<C extends string>(entries: Record<C, string[]>): Record<string, C> {
  const map: Record<string, C> = {};
  for (const [column, names] of Object.entries(entries) as [C, string[]][]) {
    map[normalizeHeader(column)] = column;
    for (const name of names) map[normalizeHeader(name)] = column;
  }
  return map;
}

// ---------------------------------------------------------------------------------------------------------
// Appointees

export const appointeeColumns = [
  "name",
  "name_hi",
  "phone",
  "email",
  "preferred_language",
  "committee",
  "designation",
] as const;
export type AppointeeColumn = (typeof appointeeColumns)[number];

export const appointeeSpec: ColumnSpec<AppointeeColumn> = {
  columns: appointeeColumns,
  required: ["name", "committee", "designation"],
  aliases: aliasMap<AppointeeColumn>({
    name: ["full name", "name en", "name english", "नाम"],
    name_hi: ["hindi name", "name hindi", "name (hindi)", "हिंदी नाम", "हिन्दी नाम", "नाम हिंदी"],
    phone: ["mobile", "phone number", "mobile number", "mobile no", "phone no", "फ़ोन", "फोन", "मोबाइल"],
    email: ["e-mail", "email address", "ईमेल"],
    preferred_language: ["language", "lang", "भाषा"],
    committee: ["committee code", "unit code", "unit", "समिति", "समिति कोड"],
    designation: ["post", "role", "designation code", "पद"],
  }),
};

export type Language = "hi" | "en";
const languageWords: Record<string, Language> = {
  hi: "hi",
  hindi: "hi",
  हिंदी: "hi",
  हिन्दी: "hi",
  en: "en",
  eng: "en",
  english: "en",
  अंग्रेज़ी: "en",
  अंग्रेजी: "en",
  इंग्लिश: "en",
};

/** "hi", "Hindi", "हिंदी" → "hi"; blank → null (keep or default); anything else → undefined (an error). */
export function parseLanguage(value: string): Language | null | undefined {
  const key = cleanName(value).toLowerCase();
  if (!key) return null;
  return languageWords[key];
}

/** A designation as typed: its code ("vice_president"), English or Hindi name, in any case and spacing. */
export function designationKey(value: string): string {
  return cleanName(value)
    .toLowerCase()
    .replace(/[\s_\-–.]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

export type DesignationRef = { code: string; nameEn: string; nameHi: string };

/** Key (see designationKey) → code, for the active designations. */
export function buildDesignationLookup(designations: DesignationRef[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const d of designations) {
    for (const name of [d.nameHi, d.nameEn, d.code]) map.set(designationKey(name), d.code);
  }
  return map;
}

/** The unit code a committee is named by in a file: trimmed, upper case. */
export function committeeCodeOf(value: string): string {
  return value.trim().toUpperCase();
}

export type CommitteeRef = { id: number; inScope: boolean };
export type AppointeeLookups = {
  /** Unit code → the unit's committee. */
  committees: Map<string, CommitteeRef>;
  designations: Map<string, string>;
};

export type PersonFields = {
  name: string;
  nameHi: string | null;
  phone: string | null;
  email: string | null;
  /** null: the cell was blank (a new person gets Hindi, an existing one keeps theirs). */
  preferredLanguage: Language | null;
};
export type AppointmentFields = { committeeId: number; committeeCode: string; designation: string };
/** A row after field checks: its person and its appointment, each null when that part has errors. */
export type ValidatedAppointeeRow = {
  line: number;
  person: PersonFields | null;
  appointment: AppointmentFields | null;
};

const emailFormat = z.regexes.email;

/**
 * A row's person exactly as AppointeeSchema would accept its fields (names cleaned, phone in E.164, email in
 * lower case), or null when AppointeeSchema would refuse one. The fast path of the import's checks (most
 * rows are fine, and 100,000 Zod results cost more than the rest of the check); AppointeeSchema still
 * names what is wrong, and a unit test holds the two to each other.
 */
function quickPerson(
  nameText: string,
  nameHiText: string,
  phoneText: string,
  emailText: string,
  preferredLanguage: Language | null,
): PersonFields | null {
  const name = cleanName(nameText);
  if (name.length < 1 || name.length > 200) return null;
  const nameHi = cleanName(nameHiText) || null;
  if (nameHi !== null && nameHi.length > 200) return null;
  let phone: string | null = null;
  if (phoneText.trim()) {
    phone = normalizeIndianPhone(phoneText);
    if (!phone) return null;
  }
  const email = emailText.trim().toLowerCase() || null;
  if (email !== null && (email.length > 254 || !emailFormat.test(email))) return null;
  return { name, nameHi, phone, email, preferredLanguage };
}

/** {@link quickPerson} in AppointeeSchema's output shape (for the test that holds them together). */
export function readPersonFields(input: { name: string; nameHi: string; phone: string; email: string }) {
  const person = quickPerson(input.name, input.nameHi, input.phone, input.email, null);
  if (!person) return null;
  const fields: { name: string; nameHi?: string; phone?: string; email?: string } = { name: person.name };
  if (person.nameHi !== null) fields.nameHi = person.nameHi;
  if (person.phone !== null) fields.phone = person.phone;
  if (person.email !== null) fields.email = person.email;
  return fields;
}

const personFieldColumn: Record<string, AppointeeColumn> = {
  name: "name",
  nameHi: "name_hi",
  phone: "phone",
  email: "email",
};

function memo<T>(fn: (text: string) => T): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    if (seen.has(text)) return seen.get(text) as T;
    const value = fn(text);
    if (seen.size < 10_000) seen.set(text, value);
    return value;
  };
}

/** The person part of each row: null where a field is wrong (then `errors` says which). */
export type CheckedPeople = { people: (PersonFields | null)[]; errors: RowError[] };

/**
 * Checks the person fields of every row (names, phone, email, language): what depends on the file alone.
 * `people[i]` belongs to `rows[i]`.
 */
export function checkAppointeePeople(rows: CsvRow<AppointeeColumn>[]): CheckedPeople {
  const errors: RowError[] = [];
  const people: (PersonFields | null)[] = new Array(rows.length);
  // A file repeats a few languages thousands of times: read each text once.
  const languageOf = memo(parseLanguage);
  for (let i = 0; i < rows.length; i++) {
    const { line, cells } = rows[i]!;
    const language = languageOf(cells.preferred_language);
    let person = quickPerson(cells.name, cells.name_hi, cells.phone, cells.email, language ?? null);
    if (!person) {
      const parsed = AppointeeSchema.safeParse({
        name: cells.name,
        nameHi: cells.name_hi,
        phone: cells.phone,
        email: cells.email,
      });
      if (parsed.success) {
        // Never expected (a unit test holds quickPerson to the schema), but the schema is the rule.
        const p = parsed.data;
        person = {
          name: p.name,
          nameHi: p.nameHi ?? null,
          phone: p.phone ?? null,
          email: p.email ?? null,
          preferredLanguage: language ?? null,
        };
      }
      const reported = new Set<string>();
      for (const issue of parsed.error?.issues ?? []) {
        const column = personFieldColumn[String(issue.path[0])];
        if (!column || reported.has(column)) continue;
        reported.add(column);
        const code: RowErrorCode =
          column === "phone"
            ? "phoneInvalid"
            : column === "email"
              ? "emailInvalid"
              : issue.message.endsWith("nameTooLong")
                ? "nameTooLong"
                : "nameRequired";
        const value = cells[column].trim();
        errors.push({ line, column, code, ...(value ? { value: shortValue(value) } : {}) });
      }
    }
    if (person && language !== undefined && (person.phone || person.email)) {
      people[i] = person;
      continue;
    }
    people[i] = null;
    if (language === undefined) {
      errors.push({
        line,
        column: "preferred_language",
        code: "languageInvalid",
        value: shortValue(cells.preferred_language.trim()),
      });
    } else if (person) errors.push({ line, column: "phone", code: "contactRequired" });
  }
  return { people, errors };
}

/** Checks the committee and designation of every row against the lookups: `appointments[i]` belongs to `rows[i]`. */
export function checkAppointments(
  rows: CsvRow<AppointeeColumn>[],
  lookups: AppointeeLookups,
): { appointments: (AppointmentFields | null)[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const appointments: (AppointmentFields | null)[] = new Array(rows.length);
  // A file repeats a few committees and designations thousands of times: read each text once.
  const designationOf = memo((text: string) => lookups.designations.get(designationKey(text)));
  const codeOf = memo(committeeCodeOf);
  // Rows with the same committee and designation share one (read-only) appointment object.
  const shared = new Map<string, AppointmentFields>();
  for (let i = 0; i < rows.length; i++) {
    const { line, cells } = rows[i]!;
    const code = codeOf(cells.committee);
    const committee = code ? lookups.committees.get(code) : undefined;
    if (!code) errors.push({ line, column: "committee", code: "committeeRequired" });
    else if (!committee)
      errors.push({ line, column: "committee", code: "committeeUnknown", value: shortValue(code) });
    else if (!committee.inScope)
      errors.push({ line, column: "committee", code: "committeeOutOfScope", value: shortValue(code) });
    const designationText = cells.designation.trim();
    const designation = designationText ? designationOf(designationText) : undefined;
    if (!designationText) errors.push({ line, column: "designation", code: "designationRequired" });
    else if (!designation)
      errors.push({
        line,
        column: "designation",
        code: "designationUnknown",
        value: shortValue(designationText),
      });
    if (committee?.inScope && designation) {
      const key = `${committee.id} ${designation}`;
      let appointment = shared.get(key);
      if (!appointment) {
        appointment = { committeeId: committee.id, committeeCode: code, designation };
        shared.set(key, appointment);
      }
      appointments[i] = appointment;
    } else appointments[i] = null;
  }
  return { appointments, errors };
}

/** Checks every field of every row (names, phone, email, language, committee, designation). */
export function validateAppointeeRows(
  rows: CsvRow<AppointeeColumn>[],
  lookups: AppointeeLookups,
  people: CheckedPeople = checkAppointeePeople(rows),
): { rows: ValidatedAppointeeRow[]; errors: RowError[] } {
  const checked = checkAppointments(rows, lookups);
  return {
    rows: rows.map((row, i) => ({
      line: row.line,
      person: people.people[i] ?? null,
      appointment: checked.appointments[i] ?? null,
    })),
    errors: [...people.errors, ...checked.errors],
  };
}

/** The phones and emails of a file's people: what to look up among existing appointees. */
export function collectContacts(rows: ValidatedAppointeeRow[]): { phones: string[]; emails: string[] } {
  const phones = new Set<string>();
  const emails = new Set<string>();
  for (const { person } of rows) {
    if (person?.phone) phones.add(person.phone);
    if (person?.email) emails.add(person.email);
  }
  return { phones: [...phones], emails: [...emails] };
}

export type ExistingPerson = {
  id: number;
  name: string;
  nameHi: string | null;
  phone: string | null;
  email: string | null;
  preferredLanguage: Language;
};
export type ActiveAppointment = { id: number; appointeeId: number; committeeId: number; designation: string };

/** A person to create: the row's own fields (a blank language becomes Hindi when stored) and committees. */
export type NewPerson = { person: PersonFields; appointments: AppointmentFields[] };
export type AppointeePlan = {
  counts: ImportCounts;
  /** Counts by what happens to whom (for the summary and the audit log). */
  totals: {
    newAppointees: number;
    updatedAppointees: number;
    newAppointments: number;
    changedDesignations: number;
  };
  newPeople: NewPerson[];
  /** Existing people with changed fields: their complete new values. */
  personUpdates: ExistingPerson[];
  newAppointments: { appointeeId: number; committeeId: number; designation: string }[];
  designationChanges: { appointmentId: number; designation: string }[];
  changes: ChangeSample[];
  errors: RowError[];
};

/** The rows of one person of the file (the first, and any more for other committees). */
type Group = {
  first: ValidatedAppointeeRow & { person: PersonFields };
  more: ValidatedAppointeeRow[] | null;
};

function samePerson(a: PersonFields, b: PersonFields): boolean {
  return (
    a.name === b.name &&
    a.nameHi === b.nameHi &&
    a.phone === b.phone &&
    a.email === b.email &&
    a.preferredLanguage === b.preferredLanguage
  );
}

/**
 * What importing the validated rows changes, given the existing people that share a phone or email with
 * the file and their active appointments. A person appearing on several rows (one per committee) must have
 * identical details on each. An existing person is matched by phone, else by email; blank cells keep
 * what is stored. Field errors from validation come in `fieldErrors` and make their rows count as errors.
 */
export function planAppointeeImport(
  rows: ValidatedAppointeeRow[],
  existing: ExistingPerson[],
  active: ActiveAppointment[],
  fieldErrors: RowError[] = [],
): AppointeePlan {
  const errors: RowError[] = [...fieldErrors];
  const groups: Group[] = [];
  const byPhone = new Map<string, Group>();
  const byEmail = new Map<string, Group>();
  const errorLines = new Set(fieldErrors.map((e) => e.line));

  for (const row of rows) {
    const { person, line } = row;
    if (!person) continue;
    const gp = person.phone ? byPhone.get(person.phone) : undefined;
    const ge = person.email ? byEmail.get(person.email) : undefined;
    const group = gp ?? ge;
    if (group) {
      if ((gp && ge && gp !== ge) || !samePerson(group.first.person, person)) {
        const viaPhone = Boolean(gp);
        errors.push({
          line,
          column: viaPhone ? "phone" : "email",
          code: viaPhone ? "duplicatePhone" : "duplicateEmail",
          value: (viaPhone ? person.phone : person.email) ?? undefined,
          otherLine: group.first.line,
        });
        errorLines.add(line);
        continue;
      }
      const committeeId = row.appointment?.committeeId;
      const earlier =
        committeeId === undefined
          ? undefined
          : [group.first, ...(group.more ?? [])].find((r) => r.appointment?.committeeId === committeeId);
      if (row.appointment && earlier) {
        errors.push({
          line,
          column: "committee",
          code: "duplicateAppointment",
          value: row.appointment.committeeCode,
          otherLine: earlier.line,
        });
        errorLines.add(line);
        continue;
      }
      if (group.more) group.more.push(row);
      else group.more = [row];
      continue;
    }
    const created: Group = { first: row as Group["first"], more: null };
    groups.push(created);
    if (person.phone) byPhone.set(person.phone, created);
    if (person.email) byEmail.set(person.email, created);
  }

  const existingByPhone = new Map<string, ExistingPerson>();
  const existingByEmail = new Map<string, ExistingPerson>();
  for (const p of existing) {
    if (p.phone) existingByPhone.set(p.phone, p);
    if (p.email) existingByEmail.set(p.email, p);
  }
  const activeByPerson = new Map<number, Map<number, ActiveAppointment>>();
  for (const a of active) {
    const map = activeByPerson.get(a.appointeeId) ?? new Map<number, ActiveAppointment>();
    activeByPerson.set(a.appointeeId, map);
    map.set(a.committeeId, a);
  }

  const plan: AppointeePlan = {
    counts: { rows: rows.length, create: 0, update: 0, skip: 0, errorRows: 0 },
    totals: { newAppointees: 0, updatedAppointees: 0, newAppointments: 0, changedDesignations: 0 },
    newPeople: [],
    personUpdates: [],
    newAppointments: [],
    designationChanges: [],
    changes: [],
    errors,
  };
  const matchedBy = new Map<number, number>();
  const sample = (change: ChangeSample) => {
    if (plan.changes.length < MAX_CHANGE_SAMPLES) plan.changes.push(change);
  };

  for (const group of groups) {
    const { person } = group.first;
    const groupRows = group.more ? [group.first, ...group.more] : [group.first];
    const matchPhone = person.phone ? existingByPhone.get(person.phone) : undefined;
    const matchEmail = person.email ? existingByEmail.get(person.email) : undefined;
    if (matchPhone && matchEmail && matchPhone.id !== matchEmail.id) {
      for (const r of groupRows) {
        errors.push({
          line: r.line,
          column: "email",
          code: "phoneEmailConflict",
          value: person.email ?? undefined,
        });
        errorLines.add(r.line);
      }
      continue;
    }
    const match = matchPhone ?? matchEmail;
    // Two people of the file (one by phone, one by email) who are the same stored person.
    const earlierMatch = match ? matchedBy.get(match.id) : undefined;
    if (match && earlierMatch !== undefined) {
      for (const r of groupRows) {
        errors.push({
          line: r.line,
          column: matchPhone ? "phone" : "email",
          code: "samePersonTwice",
          value: (matchPhone ? person.phone : person.email) ?? undefined,
          otherLine: earlierMatch,
        });
        errorLines.add(r.line);
      }
      continue;
    }
    if (match) matchedBy.set(match.id, group.first.line);
    const okRows = groupRows.filter((r) => r.appointment && !errorLines.has(r.line));

    if (!match) {
      if (okRows.length === 0) continue;
      plan.newPeople.push({ person, appointments: okRows.map((r) => r.appointment!) });
      plan.totals.newAppointees++;
      plan.totals.newAppointments += okRows.length;
      plan.counts.create++;
      for (const r of okRows.slice(1)) {
        plan.counts.update++;
        sample({ line: r.line, label: person.name, fields: ["appointment"] });
      }
      continue;
    }

    const next: ExistingPerson = {
      id: match.id,
      name: person.name,
      nameHi: person.nameHi ?? match.nameHi,
      phone: person.phone ?? match.phone,
      email: person.email ?? match.email,
      preferredLanguage: person.preferredLanguage ?? match.preferredLanguage,
    };
    const changed: ChangedField[] = [];
    if (next.name !== match.name) changed.push("name");
    if (next.nameHi !== match.nameHi) changed.push("nameHi");
    if (next.phone !== match.phone) changed.push("phone");
    if (next.email !== match.email) changed.push("email");
    if (next.preferredLanguage !== match.preferredLanguage) changed.push("preferredLanguage");
    const firstOk = okRows[0];
    if (changed.length && firstOk) {
      plan.personUpdates.push(next);
      plan.totals.updatedAppointees++;
    }
    const current = activeByPerson.get(match.id);
    for (const r of okRows) {
      const fields: ChangedField[] = r === firstOk ? [...changed] : [];
      const { committeeId, designation } = r.appointment!;
      const now = current?.get(committeeId);
      if (!now) {
        plan.newAppointments.push({ appointeeId: match.id, committeeId, designation });
        plan.totals.newAppointments++;
        fields.push("appointment");
      } else if (now.designation !== designation) {
        plan.designationChanges.push({ appointmentId: now.id, designation });
        plan.totals.changedDesignations++;
        fields.push("designation");
      }
      if (fields.length) {
        plan.counts.update++;
        sample({ line: r.line, label: person.name, fields });
      } else plan.counts.skip++;
    }
  }

  plan.counts.errorRows = errorLines.size;
  sortErrors(errors, appointeeColumns);
  return plan;
}

// ---------------------------------------------------------------------------------------------------------
// Units

export const unitImportColumns = ["code", "parent_code", "level", "name_en", "name_hi"] as const;
export type UnitColumn = (typeof unitImportColumns)[number];

export const unitSpec: ColumnSpec<UnitColumn> = {
  columns: unitImportColumns,
  required: ["code", "parent_code", "level", "name_en", "name_hi"],
  aliases: aliasMap<UnitColumn>({
    code: ["unit code", "कोड"],
    parent_code: ["parent", "parent unit", "parent unit code"],
    level: ["unit level", "स्तर"],
    name_en: ["name", "english name", "name english", "name (english)"],
    name_hi: ["hindi name", "name hindi", "name (hindi)", "हिंदी नाम", "हिन्दी नाम"],
  }),
};

/** The database's CHECK on units.code. */
const unitCodeFormat = /^[A-Z0-9][A-Z0-9-]{0,39}$/;

const levelWords: Record<string, UnitLevel> = {
  state: "state",
  district: "district",
  assembly: "assembly",
  assembly_constituency: "assembly",
  ac: "assembly",
  block: "block",
  panchayat: "panchayat",
  booth: "booth",
  polling_booth: "booth",
  प्रदेश: "state",
  राज्य: "state",
  जिला: "district",
  ज़िला: "district",
  विधानसभा: "assembly",
  ब्लॉक: "block",
  पंचायत: "panchayat",
  बूथ: "booth",
};

/** "district", "District", "जिला" → "district"; undefined for anything else. */
export function parseLevel(value: string): UnitLevel | undefined {
  return levelWords[designationKey(value)];
}

export type UnitFields = {
  code: string;
  parentCode: string | null;
  level: UnitLevel;
  nameEn: string;
  nameHi: string;
};
export type ValidatedUnitRow = { line: number; unit: UnitFields | null; code: string };

/** Checks each row's own fields (code format, level, names, a parent unless it is a state). */
export function validateUnitRows(rows: CsvRow<UnitColumn>[]): {
  rows: ValidatedUnitRow[];
  errors: RowError[];
} {
  const errors: RowError[] = [];
  const out: ValidatedUnitRow[] = [];
  for (const { line, cells } of rows) {
    const before = errors.length;
    const code = cells.code.trim().toUpperCase();
    if (!code) errors.push({ line, column: "code", code: "codeRequired" });
    else if (!unitCodeFormat.test(code))
      errors.push({ line, column: "code", code: "codeInvalid", value: shortValue(code) });
    const parentCode = cells.parent_code.trim().toUpperCase() || null;
    if (parentCode && !unitCodeFormat.test(parentCode))
      errors.push({ line, column: "parent_code", code: "parentUnknown", value: shortValue(parentCode) });
    const levelText = cells.level.trim();
    const level = levelText ? parseLevel(levelText) : undefined;
    if (!levelText) errors.push({ line, column: "level", code: "levelRequired" });
    else if (!level)
      errors.push({ line, column: "level", code: "levelInvalid", value: shortValue(levelText) });
    if (level === "state" && parentCode)
      errors.push({ line, column: "parent_code", code: "rootHasParent", value: parentCode });
    if (level && level !== "state" && !parentCode)
      errors.push({ line, column: "parent_code", code: "parentRequired" });
    const nameEn = cleanName(cells.name_en);
    const nameHi = cleanName(cells.name_hi);
    if (!nameEn) errors.push({ line, column: "name_en", code: "nameEnRequired" });
    else if (nameEn.length > 200) errors.push({ line, column: "name_en", code: "nameTooLong" });
    if (!nameHi) errors.push({ line, column: "name_hi", code: "nameHiRequired" });
    else if (nameHi.length > 200) errors.push({ line, column: "name_hi", code: "nameTooLong" });
    const ok = errors.length === before && level;
    out.push({ line, code, unit: ok ? { code, parentCode, level, nameEn, nameHi } : null });
  }
  return { rows: out, errors };
}

/** The codes a units file names (its own and its parents'): what to look up among existing units. */
export function collectUnitCodes(rows: ValidatedUnitRow[]): string[] {
  const codes = new Set<string>();
  for (const row of rows) {
    if (row.code) codes.add(row.code);
    if (row.unit?.parentCode) codes.add(row.unit.parentCode);
  }
  return [...codes];
}

export type ExistingUnit = {
  id: number;
  code: string;
  parentCode: string | null;
  level: UnitLevel;
  nameEn: string;
  nameHi: string;
};
export type UnitPlan = {
  counts: ImportCounts;
  totals: { newUnits: number; renamedUnits: number };
  /** New units, outermost level first, so every parent is inserted before its children. */
  newUnits: UnitFields[];
  nameUpdates: { id: number; nameEn: string; nameHi: string }[];
  changes: ChangeSample[];
  errors: RowError[];
};

/**
 * What importing the validated unit rows changes. Parents may be existing units or rows anywhere in the
 * file; a unit that exists may be renamed but not moved or re-levelled here (the units pages do that).
 */
export function planUnitImport(
  rows: ValidatedUnitRow[],
  existing: ExistingUnit[],
  fieldErrors: RowError[] = [],
): UnitPlan {
  const errors: RowError[] = [...fieldErrors];
  const errorLines = new Set(fieldErrors.map((e) => e.line));
  const existingByCode = new Map(existing.map((u) => [u.code, u]));
  const firstLineOf = new Map<string, number>();
  const fileUnits = new Map<string, UnitFields>();
  for (const row of rows) {
    if (!row.code) continue;
    const earlier = firstLineOf.get(row.code);
    if (earlier !== undefined) {
      errors.push({
        line: row.line,
        column: "code",
        code: "duplicateCode",
        value: row.code,
        otherLine: earlier,
      });
      errorLines.add(row.line);
      continue;
    }
    firstLineOf.set(row.code, row.line);
    if (row.unit) fileUnits.set(row.code, row.unit);
  }

  const plan: UnitPlan = {
    counts: { rows: rows.length, create: 0, update: 0, skip: 0, errorRows: 0 },
    totals: { newUnits: 0, renamedUnits: 0 },
    newUnits: [],
    nameUpdates: [],
    changes: [],
    errors,
  };
  for (const row of rows) {
    const unit = row.unit;
    if (!unit || errorLines.has(row.line)) continue;
    const rowErrors: RowError[] = [];
    const current = existingByCode.get(unit.code);
    if (current) {
      if (current.level !== unit.level)
        rowErrors.push({ line: row.line, column: "level", code: "levelChanged", value: unit.level });
      else if (current.parentCode !== unit.parentCode)
        rowErrors.push({
          line: row.line,
          column: "parent_code",
          code: "parentChanged",
          value: unit.parentCode ?? "",
        });
    } else if (unit.parentCode) {
      const parentLevel = fileUnits.get(unit.parentCode)?.level ?? existingByCode.get(unit.parentCode)?.level;
      if (!parentLevel && !firstLineOf.has(unit.parentCode)) {
        rowErrors.push({
          line: row.line,
          column: "parent_code",
          code: "parentUnknown",
          value: unit.parentCode,
        });
      } else if (parentLevel && levelRank(unit.level) <= levelRank(parentLevel)) {
        rowErrors.push({ line: row.line, column: "level", code: "levelOrder", value: unit.level });
      }
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      errorLines.add(row.line);
      continue;
    }
    if (!current) {
      plan.newUnits.push(unit);
      plan.counts.create++;
      continue;
    }
    const fields: ChangedField[] = [];
    if (current.nameEn !== unit.nameEn) fields.push("nameEn");
    if (current.nameHi !== unit.nameHi) fields.push("nameHi");
    if (fields.length === 0) {
      plan.counts.skip++;
      continue;
    }
    plan.nameUpdates.push({ id: current.id, nameEn: unit.nameEn, nameHi: unit.nameHi });
    plan.counts.update++;
    if (plan.changes.length < MAX_CHANGE_SAMPLES)
      plan.changes.push({ line: row.line, label: unit.code, fields });
  }
  plan.newUnits.sort((a, b) => levelRank(a.level) - levelRank(b.level));
  plan.totals = { newUnits: plan.newUnits.length, renamedUnits: plan.nameUpdates.length };
  plan.counts.errorRows = errorLines.size;
  sortErrors(errors, unitImportColumns);
  return plan;
}

// ---------------------------------------------------------------------------------------------------------
// Forms and queries

/** ?kind= of /imports: anything else shows the appointee import. */
export const ImportKindQuerySchema = z.object({ kind: z.enum(importKinds).catch("appointees") });

/** The upload form: a file or pasted text (phones and tablets without files). */
export const UploadSchema = z
  .object({
    kind: z.enum(importKinds).catch("appointees"),
    file: z.instanceof(File).optional(),
    text: z.string().optional(),
  })
  .refine((v) => (v.file && v.file.size > 0) || Boolean(v.text?.trim()), {
    message: "imports.errors.noFile",
    path: ["file"],
  });
export type UploadInput = z.output<typeof UploadSchema>;

export const ImportActionSchema = z.object({ intent: z.enum(["confirm", "discard"]) });

/** ?page= of the preview's error list. */
export const PreviewQuerySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });
