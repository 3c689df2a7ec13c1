// Pure rules and form schemas of committees, shared by the pages, the model and the tests.
// Zod messages are translation keys (committees.errors.*, appointees.errors.*).
import { z } from "zod";
import { AppointeeSchema, cleanName, normalizeIndianPhone } from "./appointee.ts";
import type { UnitLevel } from "./unit.ts";

export const SEAT_QUOTA_MAX = 1000; // the database's CHECK on committees.seat_quota
export const MEMBERS_PAGE_SIZE = 50;
export const HISTORY_LIMIT = 50;

/** The level word of a committee's default name: "Jaipur District Committee" / "जयपुर जिला समिति". */
export const committeeNameSuffix: Record<UnitLevel, { en: string; hi: string }> = {
  state: { en: "State Executive", hi: "प्रदेश कार्यकारिणी" },
  district: { en: "District Committee", hi: "जिला समिति" },
  assembly: { en: "Assembly Committee", hi: "विधानसभा समिति" },
  block: { en: "Block Committee", hi: "ब्लॉक समिति" },
  panchayat: { en: "Panchayat Committee", hi: "पंचायत समिति" },
  booth: { en: "Booth Committee", hi: "बूथ समिति" },
};

/** Default names of a unit's committee, from the unit's names and its level word (at most 200 characters). */
export function defaultCommitteeNames(unit: { level: UnitLevel; nameEn: string; nameHi: string }) {
  const suffix = committeeNameSuffix[unit.level];
  return {
    nameEn: cleanName(`${unit.nameEn} ${suffix.en}`).slice(0, 200),
    nameHi: cleanName(`${unit.nameHi} ${suffix.hi}`).slice(0, 200),
  };
}

export type Formation = { activeMembers: number; seatQuota: number };

/** Every seat is taken: no one more can be appointed. */
export function isFull({ activeMembers, seatQuota }: Formation): boolean {
  return activeMembers >= seatQuota;
}

/** A committee may be marked formed when its seats are filled. */
export function canMarkFormed(formation: Formation): boolean {
  return isFull(formation);
}

/**
 * Whether "mark formed" goes through: with every seat filled it does (no override); with seats empty
 * only with a reason, which is then stored as the override.
 */
export function decideFormation(
  formation: Formation & { overrideReason?: string | null },
): { ok: true; overrideReason: string | null } | { ok: false; error: string } {
  if (canMarkFormed(formation)) return { ok: true, overrideReason: null };
  const reason = formation.overrideReason ? cleanName(formation.overrideReason) : "";
  if (!reason) return { ok: false, error: "committees.errors.formedNeedsReason" };
  return { ok: true, overrideReason: reason };
}

/** The seat quota may not drop below the members the committee already has. */
export function canSetQuota(seatQuota: number, activeMembers: number): boolean {
  return (
    Number.isInteger(seatQuota) && seatQuota >= 1 && seatQuota <= SEAT_QUOTA_MAX && seatQuota >= activeMembers
  );
}

/** Filled share of the seats for a progress bar, 0–100 (a committee over its quota shows 100). */
export function fillPercent({ activeMembers, seatQuota }: Formation): number {
  if (seatQuota <= 0) return 0;
  return Math.min(100, Math.round((activeMembers / seatQuota) * 100));
}

export type ContactLookup = { phone: string } | { email: string };

/** What a volunteer types to find an existing person: an email address, or a phone number in any usual form. */
export function parseContactLookup(input: string): ContactLookup | null {
  const value = input.trim();
  if (!value) return null;
  if (value.includes("@")) {
    const email = value.toLowerCase();
    return z.email().max(254).safeParse(email).success ? { email } : null;
  }
  const phone = normalizeIndianPhone(value);
  return phone ? { phone } : null;
}

/** "+91 98765 43210" for an Indian E.164 number; other numbers as stored. */
export function displayPhone(phone: string): string {
  const m = /^\+91(\d{5})(\d{5})$/.exec(phone);
  return m ? `+91 ${m[1]} ${m[2]}` : phone;
}

const committeeName = (required: string) =>
  z
    .string({ error: required })
    .transform(cleanName)
    .pipe(z.string().min(1, { error: required }).max(200, { error: "committees.errors.nameTooLong" }));

const designation = z
  .string({ error: "committees.errors.designationRequired" })
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { error: "committees.errors.designationRequired" });

const id = z
  .number({ error: "committees.errors.appointmentNotFound" })
  .int()
  .positive()
  .max(Number.MAX_SAFE_INTEGER);

export const CommitteeFormSchema = z.object({
  nameEn: committeeName("committees.errors.nameEnRequired"),
  nameHi: committeeName("committees.errors.nameHiRequired"),
  seatQuota: z
    .number({ error: "committees.errors.quotaInvalid" })
    .int({ error: "committees.errors.quotaInvalid" })
    .min(1, { error: "committees.errors.quotaInvalid" })
    .max(SEAT_QUOTA_MAX, { error: "committees.errors.quotaInvalid" }),
});
export type CommitteeFormInput = z.output<typeof CommitteeFormSchema>;

const contactLookup = z.string({ error: "committees.errors.contactInvalid" }).transform((v, ctx) => {
  const lookup = parseContactLookup(v);
  if (!lookup) {
    ctx.addIssue({ code: "custom", message: "committees.errors.contactInvalid" });
    return z.NEVER;
  }
  return lookup;
});

/** A recorded person's name, phone and email as the volunteer corrects them while appointing. */
export type ContactDetails = { name?: string; nameHi?: string; phone?: string; email?: string };

/**
 * Appoint a recorded person: by the phone or email typed (anyone in the organisation, so no one is recorded
 * twice) or by the id of a person the page showed. Name, phone and email fields, when sent, are corrections
 * of the person's details; the model allows them only for a person whose details are the organiser's.
 */
export const AppointExistingSchema = z
  .object({
    contact: contactLookup.optional(),
    appointeeId: z
      .number({ error: "committees.errors.personNotFound" })
      .int()
      .positive()
      .max(Number.MAX_SAFE_INTEGER)
      .optional(),
    designation,
    name: AppointeeSchema.shape.name.optional(),
    nameHi: AppointeeSchema.shape.nameHi,
    phone: AppointeeSchema.shape.phone,
    email: AppointeeSchema.shape.email,
  })
  .superRefine((value, ctx) => {
    if (value.contact === undefined && value.appointeeId === undefined) {
      ctx.addIssue({ code: "custom", path: ["contact"], message: "committees.errors.contactInvalid" });
    }
  })
  .transform(({ contact, appointeeId, designation, name, nameHi, phone, email }): AppointExistingInput => {
    // Any of the four fields sent is a correction (checked by the model), even one without a name.
    const corrects = [name, nameHi, phone, email].some((v) => v !== undefined);
    const person = appointeeId !== undefined ? { appointeeId } : { contact: contact as ContactLookup };
    return { ...person, designation, ...(corrects ? { details: { name, nameHi, phone, email } } : {}) };
  });
export type AppointExistingInput = ({ appointeeId: number } | { contact: ContactLookup }) & {
  designation: string;
  details?: ContactDetails;
};

/** What the volunteer types to find a recorded person: a phone or email (exact), or part of a name. */
export type AppointSearch = { kind: "contact"; lookup: ContactLookup } | { kind: "name"; text: string };

// Three characters make a trigram, so the name indexes can answer; fewer would match half the organisation.
export const NAME_SEARCH_MIN = 3;

/** Reads the "find a recorded person" box; null when it is neither a phone, an email nor a name. */
export function parseAppointSearch(input: string): AppointSearch | null {
  const text = cleanName(input);
  if (text.includes("@") || /^[+\d\s().-]+$/.test(text)) {
    const lookup = parseContactLookup(text);
    return lookup ? { kind: "contact", lookup } : null;
  }
  const length = [...text].length;
  return length >= NAME_SEARCH_MIN && length <= 100 ? { kind: "name", text } : null;
}

export const FindExistingSchema = z.object({
  contact: z.string({ error: "committees.errors.searchInvalid" }).transform((v, ctx) => {
    const search = parseAppointSearch(v);
    if (!search) {
      ctx.addIssue({ code: "custom", message: "committees.errors.searchInvalid" });
      return z.NEVER;
    }
    return search;
  }),
});

export const AppointNewSchema = AppointeeSchema.extend({ designation }).superRefine((value, ctx) => {
  if (!value.phone && !value.email) {
    ctx.addIssue({ code: "custom", path: ["phone"], message: "committees.errors.contactRequired" });
  }
});
export type AppointNewInput = z.output<typeof AppointNewSchema>;

export const MarkFormedSchema = z.object({
  overrideReason: z
    .string()
    .optional()
    .transform((v) => (v === undefined ? undefined : cleanName(v) || undefined))
    .pipe(z.string().max(500, { error: "committees.errors.reasonTooLong" }).optional()),
});

export const AppointmentSchema = z.object({ appointmentId: id });
export const ChangeDesignationSchema = z.object({ appointmentId: id, designation });

/** The forms of the committee page, by the value of their `intent` button. */
export const committeeIntents = [
  "edit",
  "find-existing",
  "appoint-existing",
  "appoint-new",
  "end",
  "designation",
  "mark-formed",
  "reopen",
] as const;
export type CommitteeIntent = (typeof committeeIntents)[number];

export function isCommitteeIntent(value: unknown): value is CommitteeIntent {
  return typeof value === "string" && (committeeIntents as readonly string[]).includes(value);
}

/** Audit actions written for a committee (entityType "committee"); the page translates them. */
export const committeeAuditActions = [
  "committee.created",
  "committee.updated",
  "committee.appointed",
  "committee.appointment_ended",
  "committee.designation_changed",
  "committee.formed",
  "committee.reopened",
] as const;
export type CommitteeAuditAction = (typeof committeeAuditActions)[number];
