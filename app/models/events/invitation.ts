// Pure rules of invitations: the states an organiser sees, the invitee list's query, the fix-address form and
// the WhatsApp share link. Zod messages are translation keys (audience.errors.*).
import { z } from "zod";

export const INVITATIONS_PAGE_SIZE = 50;

/**
 * What became of one invitation: "revoked" once an organiser took it back, else the person's answer, else
 * that they opened the link, else what the latest invitation email did; "no_email" when no invitation email
 * was sent.
 */
export const invitationStates = [
  "registered",
  "waitlisted",
  "declined",
  "cancelled",
  "opened",
  "delivered",
  "sent",
  "queued",
  "bounced",
  "complained",
  "failed",
  "no_email",
  "revoked",
] as const;
export type InvitationState = (typeof invitationStates)[number];

/** States where the address is the trouble: the organiser may correct it and send again. */
export const addressProblemStates: readonly InvitationState[] = [
  "bounced",
  "complained",
  "failed",
  "no_email",
];

export const InvitationListQuerySchema = z.object({
  state: z.enum(invitationStates).optional().catch(undefined),
  notReached: z
    .preprocess((value) => value === "yes" || value === "on" || value === "1", z.boolean())
    .catch(false),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type InvitationListQuery = z.output<typeof InvitationListQuerySchema>;

export function parseInvitationListQuery(params: URLSearchParams): InvitationListQuery {
  return InvitationListQuerySchema.parse({
    state: params.get("state") || undefined,
    notReached: params.get("notReached") ?? undefined,
    page: params.get("page") ?? 1,
  });
}

/** The query string of a list view (filters kept, page changed). */
export function invitationListHref(query: InvitationListQuery, page = query.page): string {
  const params = new URLSearchParams();
  if (query.state) params.set("state", query.state);
  if (query.notReached) params.set("notReached", "yes");
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `?${search}` : "?";
}

const idField = z.coerce
  .number({ error: "audience.errors.invitationUnknown" })
  .int({ error: "audience.errors.invitationUnknown" })
  .positive({ error: "audience.errors.invitationUnknown" })
  .max(Number.MAX_SAFE_INTEGER, { error: "audience.errors.invitationUnknown" });

/**
 * The invitation email the organiser's page showed (empty: none). A second submission of the same form
 * finds a newer email and sends nothing more, so a double click never sends twice.
 */
const seenEmailId = z.preprocess(
  (value) => (value === "" || value === undefined ? null : value),
  idField.nullable(),
);

export const InvitationActionSchema = z.object({ invitationId: idField, seenEmailId });

export const FixAddressSchema = z.object({
  invitationId: idField,
  seenEmailId,
  email: z.preprocess(
    (value) => (typeof value === "string" ? value.trim().toLowerCase() : value),
    z
      .string({ error: "audience.errors.emailRequired" })
      .min(1, { error: "audience.errors.emailRequired" })
      .max(254, { error: "audience.errors.emailInvalid" })
      // The same shape as the appointees table's CHECK, so what passes here is stored.
      .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { error: "audience.errors.emailInvalid" })
      .pipe(z.email({ error: "audience.errors.emailInvalid" })),
  ),
});

export const REVOKE_REASON_MAX = 500;

/** Revoking an invitation: the reason is optional and goes to the audit log only. */
export const RevokeSchema = z.object({
  invitationId: idField,
  reason: z.preprocess(
    (value) => (typeof value === "string" ? value.trim() || null : (value ?? null)),
    z
      .string({ error: "audience.errors.reasonTooLong" })
      .max(REVOKE_REASON_MAX, { error: "audience.errors.reasonTooLong" })
      .nullable(),
  ),
});

/** The digits wa.me wants: the E.164 number without its "+" (null for anything else). */
export function whatsappDigits(phone: string | null): string | null {
  if (!phone || !/^\+[1-9]\d{7,14}$/.test(phone)) return null;
  return phone.slice(1);
}

/** A WhatsApp "click to chat" link that opens a chat with the person, the message typed in. */
export function whatsappUrl(phone: string, message: string): string {
  const digits = whatsappDigits(phone);
  if (!digits) throw new Error("not an E.164 phone number");
  return `https://wa.me/${digits}?text=${encodeURIComponent(message)}`;
}

/** The payload of the job "audience:invite-committee" (added when a committee is marked formed). */
export const InviteCommitteePayloadSchema = z.object({ committeeId: z.number().int().positive() });
