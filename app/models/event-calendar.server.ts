// Calendar attachments of one event for one person, built by the pure ICS function in calendar.ts.
// (Being built: the function below is the agreed interface.)
import type { Database } from "#app/utils/db.server.ts";

export type EmailAttachment = { filename: string; contentType: string; content: string };

/** The event's invite (REQUEST, current SEQUENCE) or its cancellation (CANCEL) for one attendee, base64. */
export async function eventIcsAttachment(
  _db: Database,
  _eventId: number,
  _attendee: { name: string; email: string; locale: "hi" | "en" },
  _method: "REQUEST" | "CANCEL",
): Promise<EmailAttachment> {
  throw new Error("eventIcsAttachment is not built yet");
}
