// The cancel-event form, shared by the page (browser validation) and the action. Messages are
// translation keys (calendar.cancel.errors.*).
import { z } from "zod";

export const CANCEL_REASON_MAX = 500;

export const CancelEventSchema = z.object({
  // Conform sends an empty field as undefined.
  reason: z
    .string()
    .trim()
    .max(CANCEL_REASON_MAX, "calendar.cancel.errors.reasonTooLong")
    .optional()
    .transform((value) => value ?? ""),
});
