export const supportedLanguages = ["hi", "en"] as const;
export type Language = (typeof supportedLanguages)[number];
// Most users read Hindi first.
export const fallbackLanguage: Language = "hi";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (supportedLanguages as readonly string[]).includes(value);
}

/** Locale for Intl (numbers and dates formatted for India). */
export function intlLocale(language: Language): string {
  return language === "hi" ? "hi-IN" : "en-IN";
}

export const i18nConfig = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: fallbackLanguage,
  defaultNS: "translation",
  interpolation: { escapeValue: false },
  returnNull: false,
} as const;
