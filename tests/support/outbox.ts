// Queues test mail the way a use case does (queueEmail inside a transaction).
import { queueEmail } from "#app/mail/outbox.server.ts";
import type { Database } from "#app/platform/db.server.ts";

export async function queueTestEmails(
  db: Database,
  count: number,
  options: { prefix?: string; attachment?: boolean; recipient?: (i: number) => string } = {},
): Promise<number[]> {
  const prefix = options.prefix ?? "test";
  return db.transaction().execute(async (trx) => {
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      ids.push(
        await queueEmail(trx, {
          to: options.recipient?.(i) ?? `person${i}@example.in`,
          locale: i % 3 === 0 ? "en" : "hi",
          template: "sign-in-link",
          props: {
            name: `व्यक्ति ${i}`,
            url: `https://shivir.example/sign-in/${prefix}-${i}`,
            expiresInMinutes: 15,
          },
          idempotencyKey: `${prefix}-${i}`,
          attachment: options.attachment
            ? {
                filename: "invite.ics",
                contentType: "text/calendar",
                content: Buffer.from("BEGIN:VCALENDAR").toString("base64"),
              }
            : null,
        }),
      );
    }
    return ids;
  });
}

/** How often each outbox id reached the provider, from the tag the sender puts on every message. */
export function acceptedPerOutboxId(
  accepted: { tags?: { name: string; value: string }[] }[],
): Map<number, number> {
  const counts = new Map<number, number>();
  for (const email of accepted) {
    const id = Number(email.tags?.find((t) => t.name === "outbox_id")?.value);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
