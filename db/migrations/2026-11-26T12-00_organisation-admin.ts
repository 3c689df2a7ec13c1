// Frozen once landed: change the schema with a new migration, never by editing this one.
import { type Kysely, sql } from "kysely";

const designations = [
  ["president", "President", "अध्यक्ष", 10],
  ["vice_president", "Vice-president", "उपाध्यक्ष", 20],
  ["general_secretary", "General secretary", "महामंत्री", 30],
  ["secretary", "Secretary", "मंत्री", 40],
  ["member", "Member", "सदस्य", 50],
  ["fact_check_team", "Fact-check team", "फ़ैक्ट-चेक टीम", 60],
  ["research_team", "Research team", "शोध टीम", 70],
] as const;

const quotas = [
  ["state", 50],
  ["district", 40],
  ["assembly", 10],
  ["block", 15],
  ["panchayat", 11],
  ["booth", 5],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  // The designations a deployment uses; admins may add or retire some.
  await db.schema
    .createTable("designations")
    .addColumn("code", "text", (c) => c.primaryKey().check(sql`code ~ '^[a-z][a-z0-9_]{0,39}$'`))
    .addColumn("name_en", "text", (c) => c.notNull().check(sql`length(btrim(name_en)) between 1 and 100`))
    .addColumn("name_hi", "text", (c) => c.notNull().check(sql`length(btrim(name_hi)) between 1 and 100`))
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(100))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .execute();
  await db
    .insertInto("designations")
    .values(
      designations.map(([code, name_en, name_hi, sort_order]) => ({ code, name_en, name_hi, sort_order })),
    )
    .execute();
  // Appointments name a known designation from now on.
  await sql`
    insert into designations (code, name_en, name_hi, sort_order)
    select distinct designation, designation, designation, 900 from appointments
    on conflict (code) do nothing`.execute(db);
  await db.schema
    .alterTable("appointments")
    .addForeignKeyConstraint("appointments_designation_fkey", ["designation"], "designations", ["code"])
    .onUpdate("cascade")
    .execute();

  // Default seat quota of a new committee, per level, per deployment.
  await db.schema
    .createTable("level_settings")
    .addColumn("level", "text", (c) => c.primaryKey().check(sql`unit_level_rank(level) is not null`))
    .addColumn("default_seat_quota", "integer", (c) =>
      c.notNull().check(sql`default_seat_quota between 1 and 1000`),
    )
    .execute();
  await db
    .insertInto("level_settings")
    .values(quotas.map(([level, default_seat_quota]) => ({ level, default_seat_quota })))
    .execute();

  // An uploaded CSV between preview and confirm (the form cannot post the file twice without JavaScript).
  await db.schema
    .createTable("csv_imports")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("staff_user_id", "bigint", (c) => c.notNull().references("staff_users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('appointees', 'units')`))
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("previewed").check(sql`status in ('previewed', 'imported', 'discarded')`),
    )
    .addColumn("summary", "jsonb")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("imported_at", "timestamptz")
    .execute();

  // Search by name in either script, and by code, with substring matches.
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index units_name_en_trgm on units using gin (name_en gin_trgm_ops)`.execute(db);
  await sql`create index units_name_hi_trgm on units using gin (name_hi gin_trgm_ops)`.execute(db);
  await sql`create index appointees_name_trgm on appointees using gin (name gin_trgm_ops)`.execute(db);
  await sql`create index appointees_name_hi_trgm on appointees using gin (name_hi gin_trgm_ops)`.execute(db);
  // Code prefix search (`code like 'RJ-UD%'`) as an index range under any collation.
  await sql`create index units_code_prefix_idx on units (code text_pattern_ops)`.execute(db);
  // The appointee list pages by name: an ordered walk instead of a sort of everyone.
  await db.schema.createIndex("appointees_name_id_idx").on("appointees").columns(["name", "id"]).execute();
  await db.schema
    .createIndex("appointments_appointee_idx")
    .on("appointments")
    .column("appointee_id")
    .execute();
  await db.schema.createIndex("staff_users_scope_idx").on("staff_users").column("scope_unit_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("staff_users_scope_idx").execute();
  await db.schema.dropIndex("appointments_appointee_idx").execute();
  await db.schema.dropIndex("appointees_name_id_idx").execute();
  await db.schema.dropIndex("units_code_prefix_idx").execute();
  await db.schema.dropIndex("appointees_name_hi_trgm").execute();
  await db.schema.dropIndex("appointees_name_trgm").execute();
  await db.schema.dropIndex("units_name_hi_trgm").execute();
  await db.schema.dropIndex("units_name_en_trgm").execute();
  await db.schema.dropTable("csv_imports").execute();
  await db.schema.dropTable("level_settings").execute();
  await db.schema.alterTable("appointments").dropConstraint("appointments_designation_fkey").execute();
  await db.schema.dropTable("designations").execute();
}
