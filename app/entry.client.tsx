import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { fallbackLanguage, i18nConfig, isLanguage, type Language } from "#app/i18n.ts";

async function hydrate() {
  const htmlLang = document.documentElement.lang;
  const lng = isLanguage(htmlLang) ? htmlLang : fallbackLanguage;
  // Only the languages the page shows are loaded: the site's, and a page's own (a personal link speaks the
  // appointee's language). Switching language reloads the page (the switch is a form post).
  const pageLang = document.querySelector<HTMLElement>("[data-page-lang]")?.dataset.pageLang;
  const languages = [...new Set([lng, ...(isLanguage(pageLang) ? [pageLang] : [])])];
  const load = async (language: Language) =>
    (language === "en" ? await import("./locales/all-en.ts") : await import("./locales/all-hi.ts")).default;
  const resources = Object.fromEntries(
    await Promise.all(languages.map(async (language) => [language, { translation: await load(language) }])),
  );
  await i18next.use(initReactI18next).init({ ...i18nConfig, lng, resources });

  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

hydrate();
