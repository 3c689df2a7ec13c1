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
