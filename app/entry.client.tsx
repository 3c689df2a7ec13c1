import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { fallbackLanguage, i18nConfig, isLanguage, resources } from "#app/i18n.ts";

async function hydrate() {
  const htmlLang = document.documentElement.lang;
  // Both languages are small and bundled, so switching needs no extra request.
  await i18next
    .use(initReactI18next)
    .init({ ...i18nConfig, lng: isLanguage(htmlLang) ? htmlLang : fallbackLanguage, resources });

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
