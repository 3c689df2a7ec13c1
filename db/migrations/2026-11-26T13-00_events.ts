// Frozen once landed: change the schema with a new migration, never by editing this one.
import { type Kysely, sql } from "kysely";

const bilingualText = (column: string, max: number) =>
  sql`length(btrim(${sql.ref(column)})) between 1 and ${sql.lit(max)}`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("events")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('state_convention', 'district_camp', 'other')`),
    )
    // Organisers create and see events of units inside their scope.
    .addColumn("unit_id", "bigint", (c) => c.notNull().references("units.id").onDelete("restrict"))
    .addColumn("title_en", "text", (c) => c.notNull().check(bilingualText("title_en", 200)))
    .addColumn("title_hi", "text", (c) => c.notNull().check(bilingualText("title_hi", 200)))
    .addColumn("description_en", "text", (c) =>
      c.notNull().defaultTo("").check(sql`length(description_en) <= 5000`),
    )
    .addColumn("description_hi", "text", (c) =>
      c.notNull().defaultTo("").check(sql`length(description_hi) <= 5000`),
    )
    .addColumn("venue_name", "text", (c) => c.notNull().check(bilingualText("venue_name", 200)))
    .addColumn("venue_address", "text", (c) =>
      c.notNull().defaultTo("").check(sql`length(venue_address) <= 500`),
    )
    .addColumn("venue_map_url", "text", (c) =>
      c.check(sql`venue_map_url ~ '^https://[^\\s]+$' and length(venue_map_url) <= 500`),
    )
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz", (c) => c.notNull())
    .addColumn("registration_opens_at", "timestamptz", (c) => c.notNull())
    .addColumn("registration_closes_at", "timestamptz", (c) => c.notNull())
    .addColumn("capacity", "integer", (c) => c.notNull().check(sql`capacity between 1 and 100000`))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("draft").check(sql`status in ('draft', 'published', 'completed', 'cancelled')`),
    )
    // iCalendar identity: the UID never changes; SEQUENCE goes up with every change registrants must see.
    .addColumn("ical_uid", "text", (c) => c.notNull().unique())
    .addColumn("ical_sequence", "integer", (c) => c.notNull().defaultTo(0))
    // Hours before the start when registrants get a reminder; null: no reminder.
    .addColumn("reminder_hours", "integer", (c) =>
      c.defaultTo(24).check(sql`reminder_hours between 1 and 336`),
    )
    // The registration questions and whether each is off, optional or required (see app/models/event.ts).
    .addColumn("questions", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("published_at", "timestamptz")
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("created_by_staff_id", "bigint", (c) => c.references("staff_users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("events_ends_after_start", sql`ends_at > starts_at`)
    .addCheckConstraint(
      "events_registration_window",
      sql`registration_opens_at < registration_closes_at and registration_closes_at <= ends_at`,
    )
    // A draft has not been published; a cancelled event may or may not have been.
    .addCheckConstraint(
      "events_published_at",
      sql`(status <> 'draft' or published_at is null) and (status not in ('published', 'completed') or published_at is not null)`,
    )
    .addCheckConstraint("events_cancelled_at", sql`(status = 'cancelled') = (cancelled_at is not null)`)
    .execute();
  await db.schema.createIndex("events_unit_idx").on("events").column("unit_id").execute();
  await db.schema.createIndex("events_starts_idx").on("events").columns(["starts_at", "id"]).execute();

  await db.schema
    .createTable("event_sessions")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("event_id", "bigint", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('plenary', 'training', 'expert')`))
    .addColumn("title_en", "text", (c) => c.notNull().check(bilingualText("title_en", 200)))
    .addColumn("title_hi", "text", (c) => c.notNull().check(bilingualText("title_hi", 200)))
    .addColumn("room", "text", (c) => c.notNull().defaultTo("").check(sql`length(room) <= 100`))
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz", (c) => c.notNull())
    // Parallel sessions may hold fewer people than the event.
    .addColumn("capacity", "integer", (c) => c.check(sql`capacity between 1 and 100000`))
    // Reports count "attended every required session".
    .addColumn("required", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("ical_uid", "text", (c) => c.notNull().unique())
    .addColumn("ical_sequence", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("event_sessions_ends_after_start", sql`ends_at > starts_at`)
    .execute();
  await db.schema
    .createIndex("event_sessions_event_idx")
    .on("event_sessions")
    .columns(["event_id", "starts_at"])
    .execute();

  await db.schema
    .createTable("session_trainers")
    .addColumn("session_id", "bigint", (c) => c.notNull().references("event_sessions.id").onDelete("cascade"))
    .addColumn("staff_user_id", "bigint", (c) =>
      c.notNull().references("staff_users.id").onDelete("restrict"),
    )
    .addPrimaryKeyConstraint("session_trainers_pkey", ["session_id", "staff_user_id"])
    .execute();
  await db.schema
    .createIndex("session_trainers_staff_idx")
    .on("session_trainers")
    .column("staff_user_id")
    .execute();

  // The audience is a union of rules: committees of a unit subtree, optionally only some levels, and
  // optionally only members with some designations. Only formed committees are invited.
  await db.schema
    .createTable("event_audience_rules")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("event_id", "bigint", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("unit_id", "bigint", (c) => c.notNull().references("units.id").onDelete("restrict"))
    // null: every level of the subtree.
    .addColumn("levels", sql`text[]`, (c) =>
      c.check(sql`cardinality(levels) >= 1 and array_position(levels, null) is null`),
    )
    // null: every designation.
    .addColumn("designations", sql`text[]`, (c) =>
      c.check(sql`cardinality(designations) >= 1 and array_position(designations, null) is null`),
    )
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("event_audience_rules_event_idx")
    .on("event_audience_rules")
    .column("event_id")
    .execute();

  // One invitation per person and event, whichever committees reach them; the committee recorded is the
  // one that reached them first. The personal link token is derived (HMAC) from the id and link_version
  // and only its SHA-256 is stored: bumping link_version revokes the link.
  await db.schema
    .createTable("invitations")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("event_id", "bigint", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("appointee_id", "bigint", (c) => c.notNull().references("appointees.id").onDelete("restrict"))
    .addColumn("committee_id", "bigint", (c) => c.notNull().references("committees.id").onDelete("restrict"))
    .addColumn("designation", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.unique())
    .addColumn("link_version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("revoked_at", "timestamptz")
    // The latest invitation email (null: the person has no email address).
    .addColumn("email_id", "bigint", (c) => c.references("emails.id").onDelete("set null"))
    .addColumn("link_opened_at", "timestamptz")
    // When an organiser last copied the link or shared it on WhatsApp.
    .addColumn("shared_via", "text", (c) => c.check(sql`shared_via in ('copy', 'whatsapp')`))
    .addColumn("shared_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("invitations_one_per_person", ["event_id", "appointee_id"])
    .addCheckConstraint("invitations_shared", sql`(shared_via is null) = (shared_at is null)`)
    .execute();
  await db.schema.createIndex("invitations_appointee_idx").on("invitations").column("appointee_id").execute();
  await db.schema.createIndex("invitations_committee_idx").on("invitations").column("committee_id").execute();
  await db.schema.createIndex("invitations_email_idx").on("invitations").column("email_id").execute();

  // The appointee's answer to an invitation. Waitlist order is (waitlisted_at, id).
  await db.schema
    .createTable("registrations")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("invitation_id", "bigint", (c) =>
      c.notNull().unique().references("invitations.id").onDelete("cascade"),
    )
    .addColumn("event_id", "bigint", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("appointee_id", "bigint", (c) => c.notNull().references("appointees.id").onDelete("restrict"))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('registered', 'waitlisted', 'declined', 'cancelled')`),
    )
    .addColumn("answers", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // The check-in pass: random, no personal data; the QR code carries it signed.
    .addColumn("pass_id", "text", (c) => c.notNull().unique())
    .addColumn("waitlisted_at", "timestamptz")
    .addColumn("registered_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      "registrations_waitlisted_at",
      sql`status <> 'waitlisted' or waitlisted_at is not null`,
    )
    .execute();
  await sql`create index registrations_event_status_idx on registrations (event_id, status)`.execute(db);
  await sql`
    create index registrations_waitlist_idx on registrations (event_id, waitlisted_at, id)
      where status = 'waitlisted'`.execute(db);
  await db.schema
    .createIndex("registrations_appointee_idx")
    .on("registrations")
    .column("appointee_id")
    .execute();

  // Private calendar feed per appointee: the token is derived from the appointee id and version.
  await db.schema
    .createTable("calendar_feeds")
    .addColumn("appointee_id", "bigint", (c) =>
      c.primaryKey().references("appointees.id").onDelete("cascade"),
    )
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("calendar_feeds").execute();
  await db.schema.dropTable("registrations").execute();
  await db.schema.dropTable("invitations").execute();
  await db.schema.dropTable("event_audience_rules").execute();
  await db.schema.dropTable("session_trainers").execute();
  await db.schema.dropTable("event_sessions").execute();
  await db.schema.dropTable("events").execute();
}
