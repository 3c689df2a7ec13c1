// The outbox: what a use case calls, inside its own transaction, to send an email after commit.
import { sql } from "kysely";
import { z } from "zod";
import { emailStatuses } from "./email-statuses.ts";
import { addJob } from "#app/platform/jobs.server.ts";
import { type TemplateName, templates } from "#app/mail/templates.server.tsx";
import type { Database, Tx } from "#app/platform/db.server.ts";
import type { EmailStatus } from "#db/types.ts";

export type QueueEmailInput = {
  to: string;
  locale: "hi" | "en";
  template: TemplateName;
  props: Record<string, unknown>;
  /** Stable for the same message (e.g. "sign-in:42"): queuing it twice queues it once. */
  idempotencyKey: string;
  attachment?: { filename: string; contentType: string; content: string } | null;
};

// Mail someone is waiting for right now goes ahead of mail to many (priority 0 before 1).
const bulkTemplates: ReadonlySet<TemplateName> = new Set([
  "invitation",
  "event-reminder",
  "event-updated",
  "event-cancelled",
]);

/** The outbox row of a message: props checked against the template, subject made in both languages. */
function outboxRow(input: QueueEmailInput) {
  const template = templates[input.template];
  const props = template.props.parse(input.props);
  return {
    recipient: input.to.trim().toLowerCase(),
    locale: input.locale,
    template: input.template,
    props: props as Record<string, unknown> as never,
    subject: template.subject(input.locale, props as never),
    attachment: input.attachment ?? null,
    idempotencyKey: input.idempotencyKey,
    priority: bulkTemplates.has(input.template) ? 1 : 0,
  };
}

/** Inserts the message and wakes the sender; both happen only if the caller's transaction commits. */
export async function queueEmail(db: Tx, input: QueueEmailInput): Promise<number> {
  const row = await db
    .insertInto("emails")
    .values(outboxRow(input))
    .onConflict((oc) => oc.column("idempotencyKey").doUpdateSet({ updatedAt: sql`emails.updated_at` }))
    .returning("id")
    .executeTakeFirstOrThrow();
  await addJob(db, "mail:drain", { jobKey: "mail:drain" });
  return row.id;
}

const QUEUE_CHUNK = 1000;

/**
 * queueEmail for many messages at once (a mass invitation): one insert per 1,000 messages and one wake-up
 * of the sender instead of two statements per message. Returns the ids in the order of `inputs`; a key
 * queued before (or twice in `inputs`) gives the id of the message already there.
 */
export async function queueEmails(db: Tx, inputs: QueueEmailInput[]): Promise<number[]> {
  if (inputs.length === 0) return [];
  const ids = new Map<string, number>();
  const rows = [...new Map(inputs.map((input) => [input.idempotencyKey, input])).values()].map(outboxRow);
  for (let i = 0; i < rows.length; i += QUEUE_CHUNK) {
    const inserted = await db
      .insertInto("emails")
      .values(rows.slice(i, i + QUEUE_CHUNK))
      .onConflict((oc) => oc.column("idempotencyKey").doUpdateSet({ updatedAt: sql`emails.updated_at` }))
      .returning(["id", "idempotencyKey"])
      .execute();
    for (const row of inserted) ids.set(row.idempotencyKey, row.id);
  }
  await addJob(db, "mail:drain", { jobKey: "mail:drain" });
  return inputs.map((input) => ids.get(input.idempotencyKey)!);
}

export const PAGE_SIZE = 50;

const OutboxFilterSchema = z.object({
  status: z.enum(emailStatuses).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** The outbox page's ?status=&page= (anything unknown: all statuses, page 1). Here, not in the page, so the
 * page's browser code carries no Zod. */
export function readOutboxFilter(params: URLSearchParams) {
  return OutboxFilterSchema.parse({
    status: params.get("status") ?? undefined,
    page: params.get("page") ?? 1,
  });
}

export async function listEmails(db: Database, filter: { status?: EmailStatus; page: number }) {
  let query = db
    .selectFrom("emails")
    .select([
      "id",
      "recipient",
      "locale",
      "template",
      "subject",
      "status",
      "transport",
      "attempts",
      "lastError",
      "createdAt",
      "sentAt",
      "statusAt",
    ])
    .select(sql<boolean>`attachment is not null`.as("hasAttachment"));
  if (filter.status) query = query.where("status", "=", filter.status);
  const rows = await query
    .orderBy("id", "desc")
    .limit(PAGE_SIZE + 1)
    .offset((filter.page - 1) * PAGE_SIZE)
    .execute();
  return { rows: rows.slice(0, PAGE_SIZE), hasMore: rows.length > PAGE_SIZE };
}

export async function countEmailsByStatus(db: Database) {
  const rows = await db
    .selectFrom("emails")
    .select(["status", sql<number>`count(*)`.as("n")])
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<EmailStatus, number>>;
}

export async function getEmail(db: Database, id: number) {
  const email = await db.selectFrom("emails").selectAll().where("id", "=", id).executeTakeFirst();
  if (!email) return null;
  const events = await db
    .selectFrom("emailEvents")
    .select(["type", "receivedAt"])
    .where("emailId", "=", id)
    .orderBy("receivedAt")
    .execute();
  return { ...email, events };
}
