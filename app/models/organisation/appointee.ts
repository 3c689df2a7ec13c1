// Pure rules for appointees, shared by forms, the CSV import and tests.
import { z } from "zod";

/**
 * An Indian mobile or landline number as typed or pasted by a tired volunteer ("98xxxxxxxx", "+91-98…",
 * "098…", "0091 98…", with spaces, dots, dashes or brackets) in E.164 (+9198…), or null if it cannot be one.
 * Numbers in another country's format must be typed with their own "+" prefix.
 */
export function normalizeIndianPhone(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  if (!/^[+\d\s().-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, "");
  if (trimmed.startsWith("+") && !trimmed.startsWith("+91")) {
    return digits.length >= 8 && digits.length <= 15 && digits[0] !== "0" ? `+${digits}` : null;
  }
  let national = digits;
  if (national.startsWith("0091")) national = national.slice(4);
  else if (national.length === 12 && national.startsWith("91")) national = national.slice(2);
  else if (national.length === 11 && national.startsWith("0")) national = national.slice(1);
  if (trimmed.startsWith("+91")) national = digits.slice(2);
  // Ten digits; mobiles start 6-9, landlines (with STD code) start 1-5 but never 0.
  return /^[1-9]\d{9}$/.test(national) ? `+91${national}` : null;
}

/** Trims, collapses inner whitespace and Unicode-normalises a name (Devanagari typed on different keyboards). */
export function cleanName(input: string): string {
  return input.normalize("NFC").replace(/\s+/g, " ").trim();
}

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined ? undefined : cleanName(v) || undefined));

// Error messages are translation keys (appointees.errors.*): pages show them in the reader's language.
export const AppointeeSchema = z.object({
  name: z
    .string({ error: "appointees.errors.nameRequired" })
    .transform(cleanName)
    .pipe(
      z
        .string()
        .min(1, { error: "appointees.errors.nameRequired" })
        .max(200, { error: "appointees.errors.nameTooLong" }),
    ),
  nameHi: optionalText.pipe(z.string().max(200, { error: "appointees.errors.nameTooLong" }).optional()),
  phone: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v?.trim()) return undefined;
      const phone = normalizeIndianPhone(v);
      if (!phone) ctx.addIssue({ code: "custom", message: "appointees.errors.phoneInvalid" });
      return phone ?? undefined;
    }),
  email: z
    .string()
    .optional()
    .transform((v) => v?.trim().toLowerCase() || undefined)
    .pipe(
      z
        .email({ error: "appointees.errors.emailInvalid" })
        .max(254, { error: "appointees.errors.emailInvalid" })
        .optional(),
    ),
  preferredLanguage: z.enum(["hi", "en"], { error: "appointees.errors.languageInvalid" }).default("hi"),
});
export type AppointeeInput = z.output<typeof AppointeeSchema>;

// ---- the appointees pages: list filters, forms, merge (error messages are translation keys) ----

export const APPOINTEES_PAGE_SIZE = 50;
export const designationCodePattern = /^[a-z][a-z0-9_]{0,39}$/;
const unitCodeShape = /^[A-Z0-9][A-Z0-9-]{0,39}$/;

const optionalQueryText = (max: number) =>
  z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => cleanName(v ?? "").slice(0, max) || undefined);

/**
 * ?unit=RJ-JP&committee=12&designation=president&status=formed&noEmail=yes&q=…&page=2 of /appointees.
 * Anything malformed is dropped (a bad unit code stays, so the page can say it was not found).
 */
export const AppointeeListQuerySchema = z.object({
  unit: optionalQueryText(40).transform((v) => v?.toUpperCase()),
  committee: z
    .string()
    .regex(/^[1-9]\d{0,14}$/)
    .transform(Number)
    .optional()
    .catch(undefined),
  designation: z.string().regex(designationCodePattern).optional().catch(undefined),
  status: z.enum(["forming", "formed"]).optional().catch(undefined),
  noEmail: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => v === "yes"),
  q: optionalQueryText(100),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type AppointeeListQuery = z.output<typeof AppointeeListQuerySchema>;

/** Reads the list filters from a URL's search parameters (never throws). */
export function parseAppointeeListQuery(params: URLSearchParams): AppointeeListQuery {
  const get = (key: string) => params.get(key) ?? undefined;
  return AppointeeListQuerySchema.parse({
    unit: get("unit"),
    committee: get("committee") || undefined,
    designation: get("designation") || undefined,
    status: get("status") || undefined,
    noEmail: get("noEmail"),
    q: get("q"),
    page: get("page") ?? 1,
  });
}

/** Whether a unit code has the shape of one (else it cannot exist, and the page says "not found"). */
export function looksLikeUnitCode(code: string): boolean {
  return unitCodeShape.test(code);
}

export type AppointeeSearch =
  | { kind: "phone"; exact: string | null; digits: string }
  | { kind: "email"; exact: string | null; fragment: string }
  | { kind: "name"; text: string };

/**
 * What the search box holds: an email (it has an "@"), phone digits (only digits and phone punctuation,
 * at least 3 digits), or else a name in either script.
 */
export function classifySearch(input: string): AppointeeSearch {
  const text = cleanName(input);
  if (text.includes("@")) {
    const fragment = text.toLowerCase();
    const exact = z.email().max(254).safeParse(fragment).success ? fragment : null;
    return { kind: "email", exact, fragment };
  }
  if (/^[+\d\s().-]+$/.test(text)) {
    const digits = text.replace(/\D/g, "");
    if (digits.length >= 3) return { kind: "phone", exact: normalizeIndianPhone(text), digits };
  }
  return { kind: "name", text };
}

/** Escapes LIKE wildcards so a search for "50%" or "a_b" matches those characters literally. */
export function escapeLikePattern(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const optionalFormText = z
  .string()
  .optional()
  .transform((v) => v?.trim() || undefined);

/**
 * The "new person" form: the person, and the committee (by its unit's code) and designation of their first
 * appointment. Organisers must appoint (a person with no appointment is visible to admins only); admins may not.
 */
export function newAppointeeSchema(requireAppointment: boolean) {
  return AppointeeSchema.extend({
    unitCode: optionalFormText
      .transform((v) => v?.toUpperCase())
      .pipe(z.string().regex(unitCodeShape, { error: "appointees.errors.committeeNotFound" }).optional()),
    designation: optionalFormText.pipe(
      z.string().regex(designationCodePattern, { error: "appointees.errors.designationInvalid" }).optional(),
    ),
  }).superRefine((value, ctx) => {
    if (requireAppointment && !value.unitCode) {
      ctx.addIssue({ code: "custom", path: ["unitCode"], message: "appointees.errors.committeeRequired" });
    }
    if ((requireAppointment || value.unitCode) && !value.designation) {
      ctx.addIssue({
        code: "custom",
        path: ["designation"],
        message: "appointees.errors.designationRequired",
      });
    }
    if (value.designation && !value.unitCode && !requireAppointment) {
      ctx.addIssue({ code: "custom", path: ["unitCode"], message: "appointees.errors.committeeRequired" });
    }
  });
}
export type NewAppointeeInput = z.output<ReturnType<typeof newAppointeeSchema>>;

export const mergeFields = ["name", "nameHi", "phone", "email", "preferredLanguage"] as const;
export type MergeField = (typeof mergeFields)[number];
/** Per field: keep this person's value ("this") or take the duplicate's ("other"). */
export type MergeChoices = Record<MergeField, "this" | "other">;

const choice = z.enum(["this", "other"], { error: "appointees.errors.mergeChoice" });
export const MergeSchema = z.object({
  otherId: z.coerce.number({ error: "appointees.errors.mergeNotFound" }).int().min(1),
  name: choice,
  nameHi: choice,
  phone: choice,
  email: choice,
  preferredLanguage: choice,
});
export type MergeInput = z.output<typeof MergeSchema>;

export type PersonValues = {
  name: string;
  nameHi: string | null;
  phone: string | null;
  email: string | null;
  preferredLanguage: "hi" | "en";
};

/** A person's columns from a form's input: an optional field left blank is stored as null. */
export function personValues(input: {
  name: string;
  nameHi?: string | null;
  phone?: string | null;
  email?: string | null;
  preferredLanguage: PersonValues["preferredLanguage"];
}): PersonValues {
  return {
    name: input.name,
    nameHi: input.nameHi ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    preferredLanguage: input.preferredLanguage,
  };
}

/** The values the kept person ends up with after a merge. */
export function mergedValues(kept: PersonValues, other: PersonValues, choices: MergeChoices): PersonValues {
  const pick = <K extends MergeField>(field: K): PersonValues[K] =>
    choices[field] === "other" ? other[field] : kept[field];
  return {
    name: pick("name"),
    nameHi: pick("nameHi"),
    phone: pick("phone"),
    email: pick("email"),
    preferredLanguage: pick("preferredLanguage"),
  };
}

/** Sensible first choices: this person's values, except where only the duplicate has one. */
export function defaultMergeChoices(kept: PersonValues, other: PersonValues): MergeChoices {
  const fill = (field: MergeField) => (kept[field] == null && other[field] != null ? "other" : "this");
  return {
    name: "this",
    nameHi: fill("nameHi"),
    phone: fill("phone"),
    email: fill("email"),
    preferredLanguage: "this",
  };
}

export type MergeLookup = { id: number } | { phone: string } | { email: string };

/**
 * What an organiser types to find the duplicate: its number ("123" or "#123"), its email, or its phone in
 * any usual form. Ten or more digits are a phone number; fewer are an id.
 */
export function parseMergeLookup(input: string): MergeLookup | null {
  const value = input.trim();
  if (!value) return null;
  if (value.includes("@")) {
    const email = value.toLowerCase();
    return z.email().max(254).safeParse(email).success ? { email } : null;
  }
  const idMatch = /^#?\s*(\d{1,9})$/.exec(value);
  if (idMatch) {
    const id = Number(idMatch[1]);
    return id >= 1 ? { id } : null;
  }
  const phone = normalizeIndianPhone(value);
  return phone ? { phone } : null;
}
