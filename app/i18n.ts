import eventsEn from "./locales/events/en.ts";
import eventsHi from "./locales/events/hi.ts";
import audienceEn from "./locales/audience/en.ts";
import audienceHi from "./locales/audience/hi.ts";
import registrationEn from "./locales/registration/en.ts";
import registrationHi from "./locales/registration/hi.ts";
import calendarEn from "./locales/calendar/en.ts";
import calendarHi from "./locales/calendar/hi.ts";
import appointeesEn from "./locales/appointees/en.ts";
import appointeesHi from "./locales/appointees/hi.ts";
import committeesEn from "./locales/committees/en.ts";
import committeesHi from "./locales/committees/hi.ts";
import en from "./locales/en.ts";
import hi from "./locales/hi.ts";
import importsEn from "./locales/imports/en.ts";
import importsHi from "./locales/imports/hi.ts";
import staffEn from "./locales/staff/en.ts";
import staffHi from "./locales/staff/hi.ts";
import unitsEn from "./locales/units/en.ts";
import unitsHi from "./locales/units/hi.ts";
import tabletEn from "./locales/tablet/en.ts";
import tabletHi from "./locales/tablet/hi.ts";
import reportsEn from "./locales/reports/en.ts";
import reportsHi from "./locales/reports/hi.ts";

export const supportedLanguages = ["hi", "en"] as const;
export type Language = (typeof supportedLanguages)[number];
// Most users read Hindi first.
export const fallbackLanguage: Language = "hi";

// One namespace; each area's strings sit under its own key (t("units.title")).
export const resources = {
  hi: {
    translation: {
      ...hi,
      units: unitsHi,
      committees: committeesHi,
      appointees: appointeesHi,
      imports: importsHi,
      staff: staffHi,
      events: eventsHi,
      audience: audienceHi,
      registration: registrationHi,
      tablet: tabletHi,
      calendar: calendarHi,
      reports: reportsHi,
    },
  },
  en: {
    translation: {
      ...en,
      units: unitsEn,
      committees: committeesEn,
      appointees: appointeesEn,
      imports: importsEn,
      staff: staffEn,
      events: eventsEn,
      audience: audienceEn,
      registration: registrationEn,
      tablet: tabletEn,
      calendar: calendarEn,
      reports: reportsEn,
    },
  },
};

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
