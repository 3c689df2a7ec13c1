import i18next from "i18next";
import en, { type Messages } from "#app/i18n/locales/email/en.ts";
import hi from "#app/i18n/locales/email/hi.ts";

export type Lang = "hi" | "en";

// i18next rather than a plain lookup: it is the app's translator already, and it picks plural forms
// (key_one/key_other) from `count` by each language's rules. initImmediate: false makes init synchronous;
// escapeValue: false because React escapes every value when it renders, and skipOnVariables (the default)
// keeps a name like "{{x}}" or "$t(y)" literal.
const i18n = i18next.createInstance();
void i18n.init({
  resources: { hi: { translation: hi }, en: { translation: en } },
  lng: "hi",
  fallbackLng: false,
  initImmediate: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
type StripPlural<K> = K extends `${infer Base}_${"one" | "other"}` ? Base : K;
/** A dotted key of the email strings; a plural pair key_one/key_other is asked for as `key` with `count`. */
export type EmailKey = StripPlural<Leaves<Messages>>;

export type EmailT = (key: EmailKey, vars?: Record<string, string | number>) => string;

// One translator per language, made once: the strings never change while the process runs, and every
// message asks for several.
const translators = new Map<Lang, EmailT>();

export function emailT(lang: Lang): EmailT {
  let translate = translators.get(lang);
  if (!translate) {
    const t = i18n.getFixedT(lang);
    translate = (key, vars) => String(t(key, vars));
    translators.set(lang, translate);
  }
  return translate;
}

export function otherLang(lang: Lang): Lang {
  return lang === "hi" ? "en" : "hi";
}

/** The same string in both languages, preferred first: "शिविर में साइन इन करें · Sign in to Shivir". */
export function bilingual(lang: Lang, key: EmailKey, vars?: Record<string, string | number>): string {
  return inBothLanguages(lang, (each) => emailT(each)(key, vars));
}

/** A line made for each language, preferred first, joined as in `bilingual` (for subjects with a title). */
export function inBothLanguages(lang: Lang, line: (lang: Lang) => string): string {
  return [lang, otherLang(lang)].map(line).join(" · ");
}

/** The person's name in Devanagari for a Hindi reader when one is recorded. */
export function personName(lang: Lang, person: { name: string; nameHi: string | null }): string {
  return lang === "hi" && person.nameHi ? person.nameHi : person.name;
}
