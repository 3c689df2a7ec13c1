import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { fallbackLanguage, i18nConfig, supportedLanguages } from "#app/i18n/setup.ts";
import { resources } from "#app/i18n/resources.ts";

// Remembers the chosen language for a year; the choice is not secret, so the cookie is not signed.
export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: languageCookie,
    // The cookie wins over Accept-Language; a ?lng= query is ignored.
    order: ["cookie", "header"],
  },
  i18next: { ...i18nConfig, resources },
});
