// Delivery status from Resend's webhooks (already verified by the route).
import { sql } from "kysely";
import { z } from "zod";
import type { Database } from "#app/platform/db.server.ts";
import type { EmailStatus } from "#db/types.ts";

const eventStatus: Record<string, EmailStatus> = {
  "email.sent": "sent",
  "email.delivery_delayed": "delayed",
  "email.delivered": "delivered",
  "email.bounced": "bounced",
  "email.complained": "complained",
  "email.failed": "failed",
};

// Events may arrive out of order: a status only ever moves forward along this order.
const rank: Record<EmailStatus, number> = {
  queued: 0,
  sending: 1,
  sent: 2,
  delayed: 3,
  delivered: 4,
  failed: 5,
  bounced: 6,
  complained: 7,
};

export const ResendEventSchema = z.object({
  type: z.string().min(1).max(100),
  created_at: z.string().optional(),
  data: z
    .object({
      email_id: z.string().max(200).optional(),
      // Resend sends tags as an object; older payloads used a list of { name, value }.
      tags: z
        .union([z.record(z.string(), z.string()), z.array(z.object({ name: z.string(), value: z.string() }))])
        .optional(),
    })
    .passthrough(),
});
export type ResendEvent = z.infer<typeof ResendEventSchema>;

function outboxIdFromTags(tags: ResendEvent["data"]["tags"]): number | null {
  const value = Array.isArray(tags) ? tags.find((t) => t.name === "outbox_id")?.value : tags?.outbox_id;
  return value && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

/** Records the event once (by its Svix message id) and moves the email's status forward. */
export async function applyResendEvent(
  db: Database,
  messageId: string,
  event: ResendEvent,
): Promise<"applied" | "duplicate" | "unknown-email"> {
  return db.transaction().execute(async (trx) => {
    const providerId = event.data.email_id;
    const outboxId = outboxIdFromTags(event.data.tags);
    const email = await trx
      .selectFrom("emails")
      .select(["id", "status"])
      .where((eb) =>
        eb.or([
          ...(providerId ? [eb("providerId", "=", providerId)] : []),
          ...(outboxId ? [eb("id", "=", outboxId)] : []),
        ]),
      )
      .$if(!providerId && !outboxId, (qb) => qb.where(sql<boolean>`false`))
      .forUpdate()
      .executeTakeFirst();
    const inserted = await trx
      .insertInto("emailEvents")
      .values({ messageId, emailId: email?.id ?? null, type: event.type, payload: event as never })
      .onConflict((oc) => oc.column("messageId").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return "duplicate";
    if (!email) return "unknown-email";
    const next = eventStatus[event.type];
    if (next && rank[next] > rank[email.status]) {
      await trx
        .updateTable("emails")
        .set({
          status: next,
          statusAt: sql`now()`,
          providerId: providerId ?? undefined,
          leaseUntil: null,
          updatedAt: sql`now()`,
        })
        .where("id", "=", email.id)
        .execute();
    }
    return "applied";
  });
}
