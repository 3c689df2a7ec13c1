// Frozen once landed: change the schema with a new migration, never by editing this one.
// Attendance at sessions, marked on tablets that may be offline: an append-only log of marks (idempotent by
// the tablet's client id) and the current state per session and person, decided by the latest mark.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // A tablet paired by an organiser for one event: its credential is a random token, stored hashed.
  await db.schema
    .createTable("tablet_devices")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("event_id", "bigint", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull().check(sql`length(btrim(name)) between 1 and 100`))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_by_staff_id", "bigint", (c) => c.references("staff_users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("revoked_at", "timestamptz")
    .addColumn("last_seen_at", "timestamptz")
    .execute();
  await db.schema.createIndex("tablet_devices_event_idx").on("tablet_devices").column("event_id").execute();

  // Short-lived, single-use codes an organiser shows and a tablet types (or scans) to get a credential.
  await db.schema
    .createTable("tablet_pairing_codes")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("event_id", "bigint", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull().unique())
    .addColumn("device_name", "text", (c) =>
      c.notNull().check(sql`length(btrim(device_name)) between 1 and 100`),
    )
    .addColumn("created_by_staff_id", "bigint", (c) => c.references("staff_users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("device_id", "bigint", (c) => c.references("tablet_devices.id").onDelete("set null"))
    .execute();

  // A person at the venue who is on no roster: the tablet records name and phone (the id is the tablet's
  // uuid, so it can be made offline) and an organiser later links them to an appointee.
  await db.schema
    .createTable("walk_ins")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("event_id", "bigint", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("session_id", "bigint", (c) => c.notNull().references("event_sessions.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull().check(sql`length(btrim(name)) between 1 and 200`))
    .addColumn("phone", "text", (c) => c.check(sql`phone ~ '^\\+[1-9][0-9]{7,14}$'`))
    .addColumn("device_id", "text", (c) => c.notNull())
    .addColumn("staff_user_id", "bigint", (c) => c.references("staff_users.id").onDelete("restrict"))
    .addColumn("tablet_device_id", "bigint", (c) => c.references("tablet_devices.id").onDelete("restrict"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("verified_appointee_id", "bigint", (c) => c.references("appointees.id").onDelete("set null"))
    .addColumn("verified_by_staff_id", "bigint", (c) => c.references("staff_users.id").onDelete("set null"))
    .addColumn("verified_at", "timestamptz")
    .addCheckConstraint("walk_ins_one_author", sql`num_nonnulls(staff_user_id, tablet_device_id) = 1`)
    .execute();
  await db.schema
    .createIndex("walk_ins_event_idx")
    .on("walk_ins")
    .columns(["event_id", "created_at"])
    .execute();

  // The log: every mark and undo as the tablet made it, kept even when a later mark overrides it.
  // client_id (the tablet's uuid) makes a batch sent twice count once.
  await db.schema
    .createTable("attendance_marks")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("client_id", "uuid", (c) => c.notNull().unique())
    .addColumn("session_id", "bigint", (c) => c.notNull().references("event_sessions.id").onDelete("cascade"))
    .addColumn("appointee_id", "bigint", (c) => c.references("appointees.id").onDelete("restrict"))
    .addColumn("walk_in_id", "uuid", (c) => c.references("walk_ins.id").onDelete("cascade"))
    // The committee the person was invited through, so reports count attendance against it.
    .addColumn("committee_id", "bigint", (c) => c.references("committees.id").onDelete("restrict"))
    .addColumn("action", "text", (c) => c.notNull().check(sql`action in ('mark', 'undo')`))
    // The tablet's clock when the trainer tapped: the order of marks from different tablets.
    .addColumn("marked_at", "timestamptz", (c) => c.notNull())
    .addColumn("device_id", "text", (c) => c.notNull().check(sql`length(device_id) between 1 and 100`))
    .addColumn("staff_user_id", "bigint", (c) => c.references("staff_users.id").onDelete("restrict"))
    .addColumn("tablet_device_id", "bigint", (c) => c.references("tablet_devices.id").onDelete("restrict"))
    .addColumn("received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("attendance_marks_one_person", sql`num_nonnulls(appointee_id, walk_in_id) = 1`)
    .addCheckConstraint("attendance_marks_committee", sql`(appointee_id is null) = (committee_id is null)`)
    .addCheckConstraint("attendance_marks_one_author", sql`num_nonnulls(staff_user_id, tablet_device_id) = 1`)
    .execute();
  await db.schema
    .createIndex("attendance_marks_session_idx")
    .on("attendance_marks")
    .columns(["session_id", "appointee_id"])
    .execute();
  await db.schema
    .createIndex("attendance_marks_walk_in_idx")
    .on("attendance_marks")
    .column("walk_in_id")
    .where(sql.ref("walk_in_id"), "is not", null)
    .execute();

  // The current state: one row per session and person, taken by the mark with the latest marked_at
  // (ties broken by client_id), whichever order the marks arrive in. Session, person and committee are
  // copied from the deciding mark, whose own foreign keys hold them, and the row goes when that mark goes:
  // checking them again here would double the foreign-key work of every sync.
  await db.schema
    .createTable("attendance")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("session_id", "bigint", (c) => c.notNull())
    .addColumn("appointee_id", "bigint")
    .addColumn("walk_in_id", "uuid")
    .addColumn("committee_id", "bigint")
    .addColumn("present", "boolean", (c) => c.notNull())
    .addColumn("decided_by_mark_id", "bigint", (c) =>
      c.notNull().references("attendance_marks.id").onDelete("cascade"),
    )
    .addColumn("decided_by_client_id", "uuid", (c) => c.notNull())
    .addColumn("marked_at", "timestamptz", (c) => c.notNull())
    // When the server last changed the row: tablets poll for rows changed since their last look.
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addCheckConstraint("attendance_one_person", sql`num_nonnulls(appointee_id, walk_in_id) = 1`)
    .execute();
  await sql`create unique index attendance_session_appointee_key on attendance (session_id, appointee_id)
    where appointee_id is not null`.execute(db);
  await sql`create unique index attendance_session_walk_in_key on attendance (session_id, walk_in_id)
    where walk_in_id is not null`.execute(db);
  await db.schema
    .createIndex("attendance_session_updated_idx")
    .on("attendance")
    .columns(["session_id", "updated_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("attendance").execute();
  await db.schema.dropTable("attendance_marks").execute();
  await db.schema.dropTable("walk_ins").execute();
  await db.schema.dropTable("tablet_pairing_codes").execute();
  await db.schema.dropTable("tablet_devices").execute();
}
