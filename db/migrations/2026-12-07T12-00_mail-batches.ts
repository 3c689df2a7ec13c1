// Mail that keeps flowing through provider faults without sending anything twice.
// - email_batches keeps what makes up each request sent under an Idempotency-Key (its messages in order and the
//   sender's address; the messages' rendered parts stay on their outbox rows), so a retry, by this worker or
//   by another after a crash, sends the same bytes: the provider answers with what it accepted the first
//   time, even if MAIL_FROM changed or a webhook moved a message on meanwhile.
// - emails.priority: transactional mail (sign-in links, confirmations) is claimed before bulk invitations.
// - emails.first_attempt_at: retries end by time (inside the provider's 24-hour idempotency window), not
//   after a small number of attempts, so an outage of minutes or hours ends with everything sent once.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("email_batches")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("alone", "boolean", (c) => c.notNull())
    // The outbox ids in the order of the request's messages (the provider answers ids in that order).
    .addColumn("email_ids", sql`bigint[]`, (c) => c.notNull())
    .addColumn("sender", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("email_batches_created_idx").on("email_batches").column("created_at").execute();
  await db.schema
    .alterTable("emails")
    .addColumn("priority", "smallint", (c) => c.notNull().defaultTo(1))
    .addColumn("first_attempt_at", "timestamptz")
    .execute();
  await sql`create index emails_queued_priority_idx on emails (priority, id) where status = 'queued'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index emails_queued_priority_idx`.execute(db);
  await db.schema.alterTable("emails").dropColumn("priority").dropColumn("first_attempt_at").execute();
  await db.schema.dropTable("email_batches").execute();
}
