// CSV imports of appointees and units: upload → preview (stored in csv_imports) → confirm (re-validated
// against the current database and applied in one transaction, or not at all).
//
// Everything is set-based so that 100,000 rows take seconds: one query loads the existing people who share
// a phone or an email with the file (the file's lists joined as arrays), new rows go in with
// `insert … select from unnest(…)` in chunks of 10,000, updates with `update … from unnest(…)`. Pure rules
// (reading, field checks, planning) live in csv-import.ts.
import { sql } from "kysely";
import { checkCsvText, decodeCsvBytes } from "#app/models/imports/csv.ts";
import type { Database } from "#app/platform/db.server.ts";
import type { Result } from "#app/platform/result.ts";
import { normalizeIndianPhone } from "#app/models/organisation/appointee.ts";
import { recordAudit } from "#app/models/organisation/audit.server.ts";
import { defaultCommitteeNames } from "#app/models/organisation/committee.ts";
import {
  type ActiveAppointment,
  type AppointeeColumn,
  type AppointeePlan,
  appointeeSpec,
  buildDesignationLookup,
  type ChangeSample,
  type CheckedPeople,
  checkAppointeePeople,
  collectContacts,
  collectUnitCodes,
  committeeCodeOf,
  type CsvRow,
  ERRORS_PAGE_SIZE,
  type ExistingPerson,
  type ExistingUnit,
  type FileError,
  type ImportCounts,
  type ImportKind,
  planAppointeeImport,
  planUnitImport,
  type RowError,
  type RowErrorCode,
  readCsvTable,
  type UnitPlan,
  unitSpec,
  type ValidatedUnitRow,
  validateAppointeeRows,
  validateUnitRows,
} from "./csv-import.ts";
import { pathInScope, type Scope } from "#app/models/organisation/scope.server.ts";
import type { StaffUser } from "#app/models/staff/staff-session.server.ts";
import { defaultSeatQuota, type UnitLevel, unitLevels } from "#app/models/organisation/unit.ts";

/** Rows per insert/update statement: big enough for few round trips, small enough for modest memory. */
const CHUNK = 10_000;
/** New people in one import above which the appointees table is analysed before appointments go in. */
const ANALYZE_AFTER = 1000;

export type ImportActor = { staffId: number; role: StaffUser["role"]; scope: Scope };

/** What a preview or an import found; stored in csv_imports.summary. */
export type ImportSummary = {
  kind: ImportKind;
  counts: ImportCounts;
  totals: Record<string, number>;
  errorCount: number;
  errorsByCode: Partial<Record<RowErrorCode, number>>;
  errors: RowError[];
  /** Set when the stored file is not a readable table (never for an upload made here). */
  fileErrors?: FileError[];
  changes: ChangeSample[];
  checkedAt: string;
};

export type Upload = { kind: ImportKind; filename: string; content: Uint8Array | string };
/** Previewed (stored, waiting for confirmation), or refused as a whole file with its file errors. */
export type PreviewOutcome = Result<
  { importId: number; summary: ImportSummary },
  { error: "refused"; errors: FileError[] }
>;

type Plan = { kind: "appointees"; plan: AppointeePlan } | { kind: "units"; plan: UnitPlan };

function requireKindAllowed(actor: ImportActor, kind: ImportKind) {
  if (kind === "units" && actor.role !== "admin") throw new Response("Forbidden", { status: 403 });
  if (actor.role === "trainer") throw new Response("Forbidden", { status: 403 });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const controlCharacters = /[\u0000-\u001F\u007F]/g;

/** A stored, printable file name: its base name without control characters, at most 200 characters. */
export function cleanFilename(name: string | null | undefined, fallback: string): string {
  const base = (name ?? "").split(/[/\\]/).pop() ?? "";
  const cleaned = base.replace(controlCharacters, "").trim().slice(0, 200);
  return cleaned || fallback;
}

/**
 * Checks an upload and stores it for confirmation. A file that cannot be read as a table (not UTF-8,
 * binary, no header, unknown columns…) is refused and nothing is stored; row errors are stored and shown.
 */
export async function previewImport(
  db: Database,
  actor: ImportActor,
  upload: Upload,
): Promise<PreviewOutcome> {
  requireKindAllowed(actor, upload.kind);
  const decoded =
    typeof upload.content === "string" ? checkCsvText(upload.content) : decodeCsvBytes(upload.content);
  if (!decoded.ok) return { ok: false, error: "refused", errors: [{ code: decoded.reason }] };
  const read = parseFile(upload.kind, decoded.text);
  if (!read.ok) return { ok: false, error: "refused", errors: read.fileErrors };
  const summary = summarise(await planImport(db, actor.scope, read.parsed));
  const row = await db
    .insertInto("csvImports")
    .values({
      staffUserId: actor.staffId,
      kind: upload.kind,
      filename: cleanFilename(upload.filename, "import.csv"),
      content: decoded.text,
      summary: summary as never,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  rememberParsed(row.id, read.parsed);
  return { ok: true, importId: row.id, summary };
}

/** Imported, or refused: errors in the file now (stored for the preview page), done before, or discarded. */
export type ConfirmOutcome = Result<
  { summary: ImportSummary },
  { error: "invalid"; summary: ImportSummary } | { error: "already-imported" | "discarded" }
>;

/**
 * Applies a previewed import: only its uploader may, once. The file is checked again against the database
 * as it is now; with any error nothing changes (the errors are stored for the preview page).
 */
export async function confirmImport(
  db: Database,
  actor: ImportActor,
  importId: number,
): Promise<ConfirmOutcome> {
  try {
    const outcome = await db.transaction().execute(async (trx): Promise<ConfirmOutcome> => {
      // The row lock makes a double submit (two tabs, a double tap) wait, then find the import done.
      const row = await trx
        .selectFrom("csvImports")
        .select(["id", "staffUserId", "kind", "status"])
        .where("id", "=", importId)
        .forUpdate()
        .executeTakeFirst();
      if (!row || row.staffUserId !== actor.staffId) throw new Response("Not found", { status: 404 });
      requireKindAllowed(actor, row.kind);
      if (row.status === "imported") return { ok: false, error: "already-imported" };
      if (row.status === "discarded") return { ok: false, error: "discarded" };

      const cached = recallParsed(importId);
      const read: ParseResult = cached ? { ok: true, parsed: cached } : await readStored(trx, importId);
      const plan = read.ok ? await planImport(trx, actor.scope, read.parsed) : null;
      const summary = plan ? summarise(plan) : unreadableSummary(row.kind, read.ok ? [] : read.fileErrors);
      if (!plan || summary.errorCount > 0) {
        await trx
          .updateTable("csvImports")
          .set({ summary: summary as never })
          .where("id", "=", importId)
          .execute();
        return { ok: false, error: "invalid", summary };
      }
      if (plan.kind === "appointees") await applyAppointeePlan(trx, plan.plan);
      else await applyUnitPlan(trx, plan.plan);
      await trx
        .updateTable("csvImports")
        .set({ status: "imported", importedAt: sql`now()`, summary: summary as never })
        .where("id", "=", importId)
        .execute();
      await recordAudit(trx, {
        actorStaffId: actor.staffId,
        action: row.kind === "appointees" ? "import.appointees" : "import.units",
        entityType: "csv_import",
        entityId: importId,
        details: { ...summary.counts, ...summary.totals },
      });
      return { ok: true, summary };
    });
    if (outcome.ok) forgetParsed(importId);
    return outcome;
  } catch (error) {
    if (!isWriteConflict(error)) throw error;
    // Someone else wrote the same phone, email or code between our check and our insert (or removed a
    // committee): nothing of ours was applied. Check again and report what collided, row by row.
    return { ok: false, error: "invalid", summary: await recordConflict(db, actor, importId, error) };
  }
}

/** Marks a previewed import as discarded (its uploader only). */
export async function discardImport(db: Database, actor: ImportActor, importId: number): Promise<void> {
  const row = await db
    .selectFrom("csvImports")
    .select(["staffUserId"])
    .where("id", "=", importId)
    .executeTakeFirst();
  if (!row || row.staffUserId !== actor.staffId) throw new Response("Not found", { status: 404 });
  await db
    .updateTable("csvImports")
    .set({ status: "discarded" })
    .where("id", "=", importId)
    .where("status", "=", "previewed")
    .execute();
  forgetParsed(importId);
}

export type ImportPreview = {
  id: number;
  kind: ImportKind;
  filename: string;
  status: "previewed" | "imported" | "discarded";
  createdAt: Date;
  importedAt: Date | null;
  summary: Omit<ImportSummary, "errors">;
  /** One page of the errors, in line order. */
  errors: RowError[];
  page: number;
  pageCount: number;
};

/** A stored import for its preview page: the uploader's own only (anyone else gets a 404). */
export async function getImportPreview(
  db: Database,
  actor: ImportActor,
  importId: number,
  page: number,
): Promise<ImportPreview> {
  const from = (page - 1) * ERRORS_PAGE_SIZE;
  // Only one page of a possibly long error list leaves the database.
  const row = await db
    .selectFrom("csvImports")
    .select([
      "id",
      "staffUserId",
      "kind",
      "filename",
      "status",
      "createdAt",
      "importedAt",
      sql<Omit<ImportSummary, "errors">>`summary - 'errors'`.as("summary"),
      sql<RowError[]>`jsonb_path_query_array(summary, '$.errors[$from to $to]',
        jsonb_build_object('from', ${from}::int, 'to', ${from + ERRORS_PAGE_SIZE - 1}::int))`.as("errors"),
    ])
    .where("id", "=", importId)
    .executeTakeFirst();
  if (!row || row.staffUserId !== actor.staffId) throw new Response("Not found", { status: 404 });
  requireKindAllowed(actor, row.kind);
  if (!row.summary) {
    // Stored without a check (not by previewImport): check it now, once.
    await db
      .updateTable("csvImports")
      .set({ summary: (await checkStored(db, actor.scope, importId)) as never })
      .where("id", "=", importId)
      .execute();
    return getImportPreview(db, actor, importId, page);
  }
  const summary = row.summary;
  return {
    id: row.id,
    kind: row.kind,
    filename: row.filename,
    status: row.status,
    createdAt: row.createdAt,
    importedAt: row.importedAt,
    summary,
    errors: row.errors ?? [],
    page,
    pageCount: Math.max(
      1,
      Math.ceil((summary.errorCount - (summary.fileErrors?.length ?? 0)) / ERRORS_PAGE_SIZE),
    ),
  };
}

export type RecentImport = {
  id: number;
  kind: ImportKind;
  filename: string;
  status: "previewed" | "imported" | "discarded";
  createdAt: Date;
  counts: ImportCounts | null;
  errorCount: number;
};

/** The actor's latest uploads, newest first. */
export async function listRecentImports(
  db: Database,
  actor: ImportActor,
  limit = 10,
): Promise<RecentImport[]> {
  const rows = await db
    .selectFrom("csvImports")
    .select([
      "id",
      "kind",
      "filename",
      "status",
      "createdAt",
      sql<ImportCounts | null>`summary -> 'counts'`.as("counts"),
      sql<number>`coalesce((summary ->> 'errorCount')::int, 0)`.as("errorCount"),
    ])
    .where("staffUserId", "=", actor.staffId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows;
}

// ---------------------------------------------------------------------------------------------------------
// Planning: read the file, load what it refers to (one query per table), decide.

/** What depends on the file alone: its rows and the checks of their own fields. */
type ParsedFile =
  | { kind: "appointees"; rows: CsvRow<AppointeeColumn>[]; errors: RowError[]; people: CheckedPeople }
  | { kind: "units"; rows: ValidatedUnitRow[]; errors: RowError[] };
type ParseResult = { ok: true; parsed: ParsedFile } | { ok: false; fileErrors: FileError[] };

function parseFile(kind: ImportKind, text: string): ParseResult {
  if (kind === "appointees") {
    const table = readCsvTable(text, appointeeSpec);
    if (!table.ok) return table;
    const people = checkAppointeePeople(table.rows);
    return { ok: true, parsed: { kind, rows: table.rows, errors: table.errors, people } };
  }
  const table = readCsvTable(text, unitSpec);
  if (!table.ok) return table;
  const validated = validateUnitRows(table.rows);
  return { ok: true, parsed: { kind, rows: validated.rows, errors: [...table.errors, ...validated.errors] } };
}

// The parsed file of the latest preview in this process, by import id. Confirming in the same process (the
// usual case) then skips reading and parsing the stored file again, a third of the work for 100,000 rows;
// another process reads it from csv_imports. The file never changes once stored, and everything that
// depends on the database is checked again on confirm, so this only ever saves time.
const PARSED_TTL_MS = 30 * 60_000;
let lastParsed: { importId: number; at: number; parsed: ParsedFile } | null = null;

function rememberParsed(importId: number, parsed: ParsedFile) {
  lastParsed = { importId, at: Date.now(), parsed };
}

function recallParsed(importId: number): ParsedFile | null {
  if (!lastParsed || lastParsed.importId !== importId || Date.now() - lastParsed.at > PARSED_TTL_MS)
    return null;
  return lastParsed.parsed;
}

function forgetParsed(importId: number) {
  if (lastParsed?.importId === importId) lastParsed = null;
}

async function planImport(db: Database, scope: Scope, parsed: ParsedFile): Promise<Plan> {
  return parsed.kind === "appointees" ? planAppointees(db, scope, parsed) : planUnits(db, parsed);
}

async function planAppointees(
  db: Database,
  scope: Scope,
  parsed: Extract<ParsedFile, { kind: "appointees" }>,
): Promise<Plan> {
  const codes = [...new Set(parsed.rows.map((r) => committeeCodeOf(r.cells.committee)).filter(Boolean))];
  const committees = await db
    .selectFrom("committees")
    .innerJoin("units", "units.id", "committees.unitId")
    .select(["committees.id", "units.code", "units.path"])
    .where(sql<boolean>`units.code = any(${codes}::text[])`)
    .execute();
  const designations = await db
    .selectFrom("designations")
    .select(["code", "nameEn", "nameHi"])
    .where("active", "=", true)
    .execute();
  const validated = validateAppointeeRows(
    parsed.rows,
    {
      committees: new Map(committees.map((c) => [c.code, { id: c.id, inScope: pathInScope(scope, c.path) }])),
      designations: buildDesignationLookup(designations),
    },
    parsed.people,
  );
  const { phones, emails } = collectContacts(validated.rows);
  const existing = await loadPeople(db, phones, emails);
  const active = await loadActiveAppointments(
    db,
    existing.map((p) => p.id),
  );
  const plan = planAppointeeImport(validated.rows, existing, active, [...parsed.errors, ...validated.errors]);
  return { kind: "appointees", plan };
}

/**
 * The stored people who share a phone or an email with the file, in one query. Joining the arrays lets the
 * planner probe the unique indexes for a small file and hash-join for a large one.
 */
async function loadPeople(db: Database, phones: string[], emails: string[]): Promise<ExistingPerson[]> {
  if (phones.length === 0 && emails.length === 0) return [];
  const result = await sql<ExistingPerson>`
    select p.id, p.name, p.name_hi, p.phone, p.email, p.preferred_language
      from unnest(${textArray(phones)}) as k(phone) join appointees p on p.phone = k.phone
    union
    select p.id, p.name, p.name_hi, p.phone, p.email, p.preferred_language
      from unnest(${textArray(emails)}) as k(email) join appointees p on p.email = k.email`.execute(db);
  return result.rows;
}

async function loadActiveAppointments(db: Database, appointeeIds: number[]): Promise<ActiveAppointment[]> {
  if (appointeeIds.length === 0) return [];
  const result = await sql<ActiveAppointment>`
    select a.id, a.appointee_id, a.committee_id, a.designation
      from unnest(${idArray(appointeeIds)}) as k(id) join appointments a on a.appointee_id = k.id
     where a.active`.execute(db);
  return result.rows;
}

async function planUnits(db: Database, parsed: Extract<ParsedFile, { kind: "units" }>): Promise<Plan> {
  const codes = collectUnitCodes(parsed.rows);
  const existing: ExistingUnit[] = await db
    .selectFrom("units")
    .leftJoin("units as parent", "parent.id", "units.parentId")
    .select([
      "units.id",
      "units.code",
      "units.level",
      "units.nameEn",
      "units.nameHi",
      "parent.code as parentCode",
    ])
    .where(sql<boolean>`units.code = any(${codes}::text[])`)
    .execute();
  return { kind: "units", plan: planUnitImport(parsed.rows, existing, parsed.errors) };
}

/** The stored file, parsed again. */
async function readStored(db: Database, importId: number): Promise<ParseResult> {
  const row = await db
    .selectFrom("csvImports")
    .select(["kind", "content"])
    .where("id", "=", importId)
    .executeTakeFirstOrThrow();
  return parseFile(row.kind, row.content);
}

/** The stored file checked against the database as it is now. */
async function checkStored(db: Database, scope: Scope, importId: number): Promise<ImportSummary> {
  const read = await readStored(db, importId);
  if (read.ok) return summarise(await planImport(db, scope, read.parsed));
  const { kind } = await db
    .selectFrom("csvImports")
    .select("kind")
    .where("id", "=", importId)
    .executeTakeFirstOrThrow();
  return unreadableSummary(kind, read.fileErrors);
}

/** The summary of a stored file that is not a readable table: nothing to import. */
function unreadableSummary(kind: ImportKind, fileErrors: FileError[]): ImportSummary {
  return {
    kind,
    counts: { rows: 0, create: 0, update: 0, skip: 0, errorRows: 0 },
    totals: {},
    errorCount: Math.max(1, fileErrors.length),
    errorsByCode: {},
    errors: [],
    fileErrors,
    changes: [],
    checkedAt: new Date().toISOString(),
  };
}

function summarise(result: Plan): ImportSummary {
  const { plan } = result;
  const errorsByCode: Partial<Record<RowErrorCode, number>> = {};
  for (const e of plan.errors) errorsByCode[e.code] = (errorsByCode[e.code] ?? 0) + 1;
  return {
    kind: result.kind,
    counts: plan.counts,
    totals: plan.totals,
    errorCount: plan.errors.length,
    errorsByCode,
    errors: plan.errors,
    changes: plan.changes,
    checkedAt: new Date().toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Applying (inside the confirm transaction).

/**
 * A text[] parameter sent as one line-separated string, split by the database. postgres.js escapes array
 * elements one by one, which costs more than the database's own work at 100,000 rows. Cleaned names,
 * normalised phones and emails, codes and designations never hold a line break and are never empty, so
 * an empty line stands for null; any other list goes as an ordinary array parameter.
 */
function textArray(values: (string | null)[]) {
  let joined = "";
  let plain = values.length > 1;
  for (let i = 0; plain && i < values.length; i++) {
    const v = values[i]!;
    if (v === "" || (v !== null && (v.includes("\n") || v.includes("\r")))) plain = false;
    else joined += i === 0 ? (v ?? "") : `\n${v ?? ""}`;
  }
  if (!plain) return sql`${values}::text[]`;
  return sql`string_to_array(${joined}, E'\\n', '')`;
}

/** An int8[] parameter as one comma-separated string. */
function idArray(ids: number[]) {
  return sql`string_to_array(${ids.join(",")}, ',')::int8[]`;
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function applyAppointeePlan(db: Database, plan: AppointeePlan): Promise<void> {
  const appointments: { appointeeId: number; committeeId: number; designation: string }[] = [
    ...plan.newAppointments,
  ];
  for (const part of chunks(plan.newPeople)) {
    const people = part.map((p) => p.person);
    const inserted = await sql<{ id: number; phone: string | null; email: string | null }>`
      insert into appointees (name, name_hi, phone, email, preferred_language)
      select * from unnest(
        ${textArray(people.map((p) => p.name))},
        ${textArray(people.map((p) => p.nameHi))},
        ${textArray(people.map((p) => p.phone))},
        ${textArray(people.map((p) => p.email))},
        ${textArray(people.map((p) => p.preferredLanguage ?? "hi"))})
      returning id, phone, email`.execute(db);
    // Every new person has a phone or an email, unique in the file: that finds their new id.
    const ids = new Map<string, number>();
    for (const r of inserted.rows) ids.set(r.phone ?? `@${r.email}`, r.id);
    for (const { person, appointments: committees } of part) {
      const id = ids.get(person.phone ?? `@${person.email}`);
      if (id === undefined) throw new Error("an inserted appointee was not returned");
      for (const a of committees) {
        appointments.push({ appointeeId: id, committeeId: a.committeeId, designation: a.designation });
      }
    }
  }
  // The foreign-key checks of the appointments below look new people up by id with a plan made from the
  // table's statistics; on a table that was (nearly) empty when last analysed that plan is a sequential
  // scan, and 100,000 checks become quadratic. Fresh statistics (our own new rows count) keep it an index scan.
  if (plan.newPeople.length >= ANALYZE_AFTER) await sql`analyze appointees (id)`.execute(db);
  const updates = [...plan.personUpdates].sort((a, b) => a.id - b.id);
  for (const part of chunks(updates)) {
    await sql`
      update appointees a
         set name = v.name, name_hi = v.name_hi, phone = v.phone, email = v.email,
             preferred_language = v.preferred_language, updated_at = now()
        from unnest(
          ${idArray(part.map((p) => p.id))},
          ${textArray(part.map((p) => p.name))},
          ${textArray(part.map((p) => p.nameHi))},
          ${textArray(part.map((p) => p.phone))},
          ${textArray(part.map((p) => p.email))},
          ${textArray(part.map((p) => p.preferredLanguage))}) as v(id, name, name_hi, phone, email, preferred_language)
       where a.id = v.id`.execute(db);
  }
  for (const part of chunks(appointments)) {
    await sql`
      insert into appointments (appointee_id, committee_id, designation)
      select * from unnest(
        ${idArray(part.map((a) => a.appointeeId))},
        ${idArray(part.map((a) => a.committeeId))},
        ${textArray(part.map((a) => a.designation))})`.execute(db);
  }
  const changes = [...plan.designationChanges].sort((a, b) => a.appointmentId - b.appointmentId);
  for (const part of chunks(changes)) {
    await sql`
      update appointments a set designation = v.designation
        from unnest(${idArray(part.map((c) => c.appointmentId))}, ${textArray(part.map((c) => c.designation))})
             as v(id, designation)
       where a.id = v.id and a.active`.execute(db);
  }
}

async function applyUnitPlan(db: Database, plan: UnitPlan): Promise<void> {
  const quotas = new Map<string, number>(
    (await db.selectFrom("levelSettings").select(["level", "defaultSeatQuota"]).execute()).map((r) => [
      r.level,
      r.defaultSeatQuota,
    ]),
  );
  // Outermost level first: a district's row is in before the assemblies that name it as their parent.
  let inserted = 0;
  for (const level of unitLevels) {
    const units = plan.newUnits.filter((u) => u.level === level);
    // The path trigger and the foreign-key checks look parents up with plans made from statistics: keep
    // them fresh once many units came in (see applyAppointeePlan).
    if (units.length && inserted >= ANALYZE_AFTER) await sql`analyze units (id, code)`.execute(db);
    inserted += units.length;
    for (const part of chunks(units)) {
      const rows = await sql<{ id: number; level: UnitLevel; nameEn: string; nameHi: string }>`
        insert into units (parent_id, level, code, name_en, name_hi)
        select parent.id, v.level, v.code, v.name_en, v.name_hi
          from unnest(
            ${textArray(part.map((u) => u.code))},
            ${textArray(part.map((u) => u.parentCode))},
            ${textArray(part.map((u) => u.level))},
            ${textArray(part.map((u) => u.nameEn))},
            ${textArray(part.map((u) => u.nameHi))}) as v(code, parent_code, level, name_en, name_hi)
          left join units parent on parent.code = v.parent_code
        returning id, level, name_en, name_hi`.execute(db);
      // Every unit has its committee (forming, with the level's default seat quota).
      const committees = rows.rows.map((u) => ({
        unitId: u.id,
        ...defaultCommitteeNames(u),
        seatQuota: quotas.get(u.level) ?? defaultSeatQuota[u.level],
      }));
      await sql`
        insert into committees (unit_id, name_en, name_hi, seat_quota)
        select * from unnest(
          ${idArray(committees.map((c) => c.unitId))},
          ${textArray(committees.map((c) => c.nameEn))},
          ${textArray(committees.map((c) => c.nameHi))},
          ${committees.map((c) => c.seatQuota)}::int[])`.execute(db);
    }
  }
  for (const part of chunks(plan.nameUpdates)) {
    await sql`
      update units u set name_en = v.name_en, name_hi = v.name_hi, updated_at = now()
        from unnest(
          ${idArray(part.map((u) => u.id))},
          ${textArray(part.map((u) => u.nameEn))},
          ${textArray(part.map((u) => u.nameHi))}) as v(id, name_en, name_hi)
       where u.id = v.id`.execute(db);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Write conflicts

type PgError = { code?: unknown; detail?: unknown; constraint_name?: unknown };

/** A unique, foreign-key or check violation (class 23), a deadlock or a serialization failure. */
function isWriteConflict(error: unknown): error is PgError {
  const code = (error as PgError | null)?.code;
  return typeof code === "string" && (code.startsWith("23") || code === "40P01" || code === "40001");
}

const conflictKey = /^Key \((phone|email|code)\)=\((.*)\) already exists\.?$/;

async function recordConflict(
  db: Database,
  actor: ImportActor,
  importId: number,
  error: PgError,
): Promise<ImportSummary> {
  const row = await db
    .selectFrom("csvImports")
    .select(["kind", "content"])
    .where("id", "=", importId)
    .executeTakeFirstOrThrow();
  const summary = await checkStored(db, actor.scope, importId);
  const match = typeof error.detail === "string" ? conflictKey.exec(error.detail) : null;
  const found: RowError[] = [];
  if (match && error.code === "23505") {
    const [, column, value] = match as unknown as [string, "phone" | "email" | "code", string];
    const spec = row.kind === "appointees" ? appointeeSpec : unitSpec;
    const table = readCsvTable(row.content, spec as typeof appointeeSpec);
    if (table.ok) {
      for (const r of table.rows) {
        const cells = r.cells as unknown as Record<string, string>;
        if (lineHolds(column, cells[column] ?? "", value)) {
          found.push({ line: r.line, column, code: "alreadyExists", value });
        }
      }
    }
  }
  if (found.length === 0) found.push({ line: 1, column: null, code: "conflict" });
  summary.errors = [...found, ...summary.errors].sort((a, b) => a.line - b.line);
  summary.errorCount = summary.errors.length;
  for (const e of found) summary.errorsByCode[e.code] = (summary.errorsByCode[e.code] ?? 0) + 1;
  await db
    .updateTable("csvImports")
    .set({ summary: summary as never })
    .where("id", "=", importId)
    .where("status", "=", "previewed")
    .execute();
  return summary;
}

function lineHolds(column: "phone" | "email" | "code", cell: string, value: string): boolean {
  if (column === "email") return cell.trim().toLowerCase() === value;
  if (column === "code") return cell.trim().toUpperCase() === value;
  return normalizeIndianPhone(cell) === value;
}
