// npm run db:types: regenerates db/types.ts from the live schema of a freshly migrated database.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb } from "#app/platform/db.server.ts";
import { startEmbeddedDatabase } from "./embedded.ts";
import { migrateToLatest } from "./migrator.ts";

const language = '"hi" | "en"';
// Declared in the generated file by the header below.
const emailStatusHeader =
  'export type EmailStatus = "queued" | "sending" | "sent" | "delayed" | "delivered" | "bounced" | "complained" | "failed";';
const overrides = {
  // Set by the units_set_path trigger.
  "units.path": "Generated<string>",
  "units.depth": "Generated<number>",
  "units.level": '"state" | "district" | "assembly" | "block" | "panchayat" | "booth"',
  "committees.status":
    'ColumnType<"forming" | "formed", "forming" | "formed" | undefined, "forming" | "formed">',
  "emails.status": "ColumnType<EmailStatus, EmailStatus | undefined, EmailStatus>",
  "emails.locale": `ColumnType<${language}, ${language}, ${language}>`,
  "emails.transport": '"resend" | "local" | null',
  "csv_imports.kind": '"appointees" | "units"',
  "csv_imports.status":
    'ColumnType<"previewed" | "imported" | "discarded", "previewed" | "imported" | "discarded" | undefined, "previewed" | "imported" | "discarded">',
  "level_settings.level": '"state" | "district" | "assembly" | "block" | "panchayat" | "booth"',
  "staff_users.role": '"admin" | "organiser" | "trainer"',
  "appointees.preferred_language": `ColumnType<${language}, ${language} | undefined, ${language}>`,
  "staff_users.preferred_language": `ColumnType<${language}, ${language} | undefined, ${language}>`,
  "events.kind": '"state_convention" | "district_camp" | "other"',
  "events.status":
    'ColumnType<"draft" | "published" | "completed" | "cancelled", "draft" | "published" | "completed" | "cancelled" | undefined, "draft" | "published" | "completed" | "cancelled">',
  "event_sessions.kind": '"plenary" | "training" | "expert"',
  "event_audience_rules.levels":
    '("state" | "district" | "assembly" | "block" | "panchayat" | "booth")[] | null',
  "event_audience_rules.designations": "string[] | null",
  "invitations.shared_via": '"copy" | "whatsapp" | null',
  "registrations.status": '"registered" | "waitlisted" | "declined" | "cancelled"',
  "attendance_marks.action": '"mark" | "undo"',
  // Copies of committees.status and units.level kept by the report triggers.
  "committee_training.status": '"forming" | "formed"',
  "committee_training.unit_level": '"state" | "district" | "assembly" | "block" | "panchayat" | "booth"',
  "programmes.levels": '("state" | "district" | "assembly" | "block" | "panchayat" | "booth")[] | null',
  // What a certificate certified, kept as issued (app/models/programmes/certificate.ts).
  "certificates.details": 'import("#app/models/programmes/certificate-details.ts").CertificateDetails',
  // The view's columns are never null (kysely-codegen cannot tell for a view).
  "module_completions.appointee_id": "number",
  "module_completions.module_id": "number",
  "module_completions.programme_id": "number",
  "module_completions.session_id": "number",
  "module_completions.event_id": "number",
  "module_completions.starts_at": "Timestamp",
};

const dataDir = mkdtempSync(path.join(tmpdir(), "shivir-codegen-"));
const embedded = await startEmbeddedDatabase({ dataDir, log: console.log });
try {
  const db = createDb(embedded.url, { max: 1 });
  await migrateToLatest(db);
  await db.destroy();
  execFileSync(
    "npx",
    [
      "kysely-codegen",
      "--dialect=postgres",
      `--url=${embedded.url}`,
      "--out-file=db/types.ts",
      "--camel-case",
      "--exclude-pattern=kysely_migration*",
      // Ids and counts fit in a JS number; db.server.ts parses int8 the same way.
      `--type-mapping=${JSON.stringify({ int8: "number", date: "string" })}`,
      // Text columns held to a fixed set by CHECK constraints get the matching union type.
      `--overrides=${JSON.stringify({ columns: overrides })}`,
    ],
    { stdio: "inherit" },
  );
  const generated = readFileSync("db/types.ts", "utf8");
  writeFileSync(
    "db/types.ts",
    generated.replace(
      'import type { ColumnType } from "kysely";',
      `import type { ColumnType } from "kysely";\n\n${emailStatusHeader}`,
    ),
  );
  execFileSync("npx", ["biome", "format", "--write", "db/types.ts"], { stdio: "inherit" });
} finally {
  await embedded.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
