// Frozen once landed: change the schema with a new migration, never by editing this one.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // The mail outbox: a use case inserts rows in its own transaction; a job sends them after commit.
  await db.schema
    .createTable("emails")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("recipient", "text", (c) =>
      c.notNull().check(sql`recipient ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' and length(recipient) <= 254`),
    )
    .addColumn("locale", "text", (c) => c.notNull().check(sql`locale in ('hi', 'en')`))
    .addColumn("template", "text", (c) => c.notNull())
    .addColumn("props", "jsonb", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    // { filename, contentType, content (base64) }: mail with an attachment is sent alone (batches drop them).
    .addColumn("attachment", "jsonb")
    .addColumn("idempotency_key", "text", (c) =>
      c.notNull().unique().check(sql`length(idempotency_key) <= 200`),
    )
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("queued")
        .check(
          sql`status in ('queued', 'sending', 'sent', 'delayed', 'delivered', 'bounced', 'complained', 'failed')`,
        ),
    )
    .addColumn("transport", "text", (c) => c.check(sql`transport in ('resend', 'local')`))
    .addColumn("provider_id", "text", (c) => c.unique())
    // Rows claimed together share a batch key; a retry after a crash resends the same batch with the same
    // Idempotency-Key, so the provider never sends twice.
    .addColumn("batch_key", "text")
    .addColumn("send_alone", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("lease_until", "timestamptz")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    // Rendered once, at the first send attempt, so that every retry sends the very same bytes.
    .addColumn("html", "text")
    .addColumn("text", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("sent_at", "timestamptz")
    .addColumn("status_at", "timestamptz")
    .execute();
  await sql`create index emails_pending_idx on emails (id) where status in ('queued', 'sending')`.execute(db);
  await db.schema.createIndex("emails_batch_key_idx").on("emails").column("batch_key").execute();
  await db.schema.createIndex("emails_created_idx").on("emails").column("created_at").execute();
  await db.schema.createIndex("emails_recipient_idx").on("emails").column("recipient").execute();

  // Delivery events from Resend's signed webhooks; the Svix message id makes a replayed event harmless.
  await db.schema
    .createTable("email_events")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("message_id", "text", (c) => c.notNull().unique())
    .addColumn("email_id", "bigint", (c) => c.references("emails.id").onDelete("cascade"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("payload", "jsonb", (c) => c.notNull())
    .addColumn("received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("email_events_email_idx").on("email_events").column("email_id").execute();

  // One row: the next moment any worker may call the provider (a rate limit shared by all processes).
  await db.schema
    .createTable("mail_rate")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("next_slot_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`insert into mail_rate (id) values (1)`.execute(db);

  await db.schema
    .createTable("sign_in_tokens")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("staff_user_id", "bigint", (c) => c.notNull().references("staff_users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("staff_sessions")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("staff_user_id", "bigint", (c) => c.notNull().references("staff_users.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("revoked_at", "timestamptz")
    .execute();
  await db.schema
    .createIndex("staff_sessions_user_idx")
    .on("staff_sessions")
    .column("staff_user_id")
    .execute();

  // Fixed-window counters for rate limits, shared by every web process.
  await db.schema
    .createTable("rate_limits")
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("window_start", "timestamptz", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("rate_limits_pkey", ["key", "window_start"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rate_limits").execute();
  await db.schema.dropTable("staff_sessions").execute();
  await db.schema.dropTable("sign_in_tokens").execute();
  await db.schema.dropTable("mail_rate").execute();
  await db.schema.dropTable("email_events").execute();
  await db.schema.dropTable("emails").execute();
}
