import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { fallbackLanguage, i18nConfig, isLanguage } from "#app/i18n/setup.ts";

async function hydrate() {
  // Only the language the page shows is loaded: <html lang> is the whole document's, the site's or a page's
  // own (a personal link speaks the appointee's; see utils/page-language.ts). Switching language reloads the
  // page (the switch is a form post).
  const htmlLang = document.documentElement.lang;
  const lng = isLanguage(htmlLang) ? htmlLang : fallbackLanguage;
  const strings = (
    lng === "en" ? await import("./i18n/locales/all-en.ts") : await import("./i18n/locales/all-hi.ts")
  ).default;
  await i18next
    .use(initReactI18next)
    .init({ ...i18nConfig, lng, resources: { [lng]: { translation: strings } } });

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
