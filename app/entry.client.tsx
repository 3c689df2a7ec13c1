import { RemixBrowser } from "@remix-run/react";
import type { i18n } from "i18next";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { fallbackLanguage, i18nConfig, isLanguage, type Language } from "#app/i18n/setup.ts";
import { isStringsBundle, type StringsBundle } from "#app/i18n/strings.ts";

// The tablet's own pages' strings (app/i18n/strings.ts), used with the small lite.ts instead of i18next.
const smallBundles = {
  "tablet-roster": {
    hi: () => import("./i18n/locales/tablet-roster-hi.ts"),
    en: () => import("./i18n/locales/tablet-roster-en.ts"),
  },
  "tablet-home": {
    hi: () => import("./i18n/locales/tablet-home-hi.ts"),
    en: () => import("./i18n/locales/tablet-home-en.ts"),
  },
} satisfies Record<Exclude<StringsBundle, "all">, Record<Language, () => Promise<unknown>>>;

async function smallI18n(bundle: keyof typeof smallBundles, lng: Language): Promise<i18n> {
  const [{ createLiteI18n }, { default: strings }] = await Promise.all([
    import("./i18n/lite.ts"),
    smallBundles[bundle][lng](),
  ]);
  return createLiteI18n(lng, strings, bundle);
}

/** Every area's strings, with i18next (loaded here, not on the tablet pages). */
async function fullI18n(lng: Language): Promise<i18n> {
  const [{ default: i18next }, { default: strings }] = await Promise.all([
    import("i18next"),
    lng === "en" ? import("./i18n/locales/all-en.ts") : import("./i18n/locales/all-hi.ts"),
  ]);
  await i18next
    .use(initReactI18next)
    .init({ ...i18nConfig, lng, resources: { [lng]: { translation: strings } } });
  return i18next;
}

async function hydrate() {
  // Only the language the page shows is loaded: <html lang> is the whole document's, the site's or a page's
  // own (a personal link speaks the appointee's; see i18n/page-language.ts). Switching language reloads the
  // page (the switch is a form post). Only the strings the page asks for are loaded: <html data-strings>
  // names the bundle the server rendered it with (i18n/strings.ts).
  const htmlLang = document.documentElement.lang;
  const lng = isLanguage(htmlLang) ? htmlLang : fallbackLanguage;
  const bundle = document.documentElement.dataset.strings;
  const i18n =
    isStringsBundle(bundle) && bundle !== "all" ? await smallI18n(bundle, lng) : await fullI18n(lng);

  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18n}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

hydrate();
