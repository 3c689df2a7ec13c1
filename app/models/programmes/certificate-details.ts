// What a certificate certified, kept as it was issued: the verification page shows this, and the PDF is
// drawn from it, so a later rename or move changes neither.
export type Bilingual = { hi: string; en: string };

export type CertificateDetails = {
  personName: string;
  designation: Bilingual;
  committee: Bilingual;
  issuingUnit: Bilingual;
  programme: Bilingual;
  modules: { name: Bilingual; date: string; place: string }[];
};

/** Why a certificate stopped holding (the verification page says it in both languages). */
export const revocationReasons = ["incomplete", "not_in_programme", "person_merged"] as const;
export type RevocationReason = (typeof revocationReasons)[number];

// Crockford's base32 (no I, L, O, U): read aloud or typed from paper without confusion.
const CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** A typed code made canonical (upper case, O→0, I/L→1, dashes placed), or null if it cannot be one. */
export function normaliseCertificateCode(input: string): string | null {
  const bare = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (bare.length !== 12) return null;
  const code = `${bare.slice(0, 4)}-${bare.slice(4, 8)}-${bare.slice(8)}`;
  return CODE_PATTERN.test(code) ? code : null;
}

/** A calendar day "2026-11-02" as "2 नवंबर 2026" / "2 November 2026" (full month names, the same in every script). */
export function formatDay(iso: string, language: "hi" | "en"): string {
  return new Intl.DateTimeFormat(language === "hi" ? "hi-IN" : "en-IN", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
    numberingSystem: "latn",
  }).format(new Date(`${iso}T00:00:00Z`));
}
