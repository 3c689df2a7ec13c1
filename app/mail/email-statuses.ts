/** Every state of an outbox message, in the order a message moves through them (db/types.ts: EmailStatus). */
export const emailStatuses = [
  "queued",
  "sending",
  "sent",
  "delayed",
  "delivered",
  "bounced",
  "complained",
  "failed",
] as const;
