// Pure rules and form schemas of staff administration, shared by the pages, the model and the tests.
// Error messages are translation keys: the page shows them in the reader's language.
import { z } from "zod";

export const staffRoles = ["admin", "organiser", "trainer"] as const;
export type StaffRole = (typeof staffRoles)[number];
export const staffLanguages = ["hi", "en"] as const;

/** An invitation link works for three days: people are invited before they are expected at a desk. */
export const INVITATION_MINUTES = 72 * 60;
export const STAFF_PAGE_SIZE = 50;

const name = z
  .string({ error: "staff.errors.nameRequired" })
  .trim()
  .min(1, { error: "staff.errors.nameRequired" })
  .max(200, { error: "staff.errors.nameTooLong" });

const email = z
  .string({ error: "staff.errors.emailInvalid" })
  .trim()
  .toLowerCase()
  .max(254, { error: "staff.errors.emailInvalid" })
  .pipe(z.email({ error: "staff.errors.emailInvalid" }));

const role = z.enum(staffRoles, { error: "staff.errors.roleInvalid" });

// Unit codes are upper case in the database (RJ-JP); people type them in any case.
const scopeUnitCode = z
  .string()
  .trim()
  .toUpperCase()
  .max(40, { error: "staff.errors.unitCodeInvalid" })
  .regex(/^[A-Z0-9][A-Z0-9-]*$/, { error: "staff.errors.unitCodeInvalid" })
  .optional();

const preferredLanguage = z.enum(staffLanguages, { error: "staff.errors.languageInvalid" });

type ScopedInput = { role: StaffRole; scopeUnitCode?: string | undefined };

/** An organiser works inside one unit's subtree, so an organiser without a scope unit cannot work at all. */
function requireOrganiserScope(value: ScopedInput, ctx: z.RefinementCtx) {
  if (value.role === "organiser" && !value.scopeUnitCode) {
    ctx.addIssue({ code: "custom", path: ["scopeUnitCode"], message: "staff.errors.scopeRequired" });
  }
}

export const StaffInviteSchema = z
  .object({ email, name, role, scopeUnitCode, preferredLanguage })
  .superRefine(requireOrganiserScope);
export type StaffInvite = z.output<typeof StaffInviteSchema>;

export const StaffUpdateSchema = z
  .object({ name, role, scopeUnitCode, preferredLanguage, active: z.boolean().default(false) })
  .superRefine(requireOrganiserScope);
export type StaffUpdate = z.output<typeof StaffUpdateSchema>;

/** The scope unit code that is stored for a role: admins see everything, so theirs is dropped. */
export function scopeCodeForRole(input: ScopedInput): string | null {
  if (input.role === "admin") return null;
  return input.scopeUnitCode || null;
}

export type SelfChangeProblem = "staff.errors.selfDeactivate" | "staff.errors.selfDemote";

/**
 * An admin cannot lock themselves out: no deactivating or demoting their own account (another admin may).
 * This also means an action by an active admin never leaves the portal without one.
 */
export function selfChangeProblem(
  actorId: number,
  targetId: number,
  update: { role: StaffRole; active: boolean },
): SelfChangeProblem | null {
  if (actorId !== targetId) return null;
  if (!update.active) return "staff.errors.selfDeactivate";
  if (update.role !== "admin") return "staff.errors.selfDemote";
  return null;
}
