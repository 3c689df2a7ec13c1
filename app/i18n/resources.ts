// Both languages' strings, for the server (which renders either) and for tests. The browser loads only the
// page's language, and only the page's bundle (entry.client.tsx imports app/i18n/locales/<bundle>-<lang>.ts).
import allEn from "./locales/all-en.ts";
import allHi from "./locales/all-hi.ts";
import tabletEn from "./locales/tablet-en.ts";
import tabletHi from "./locales/tablet-hi.ts";

export const resources = {
  hi: { translation: allHi },
  en: { translation: allEn },
};

/** The smaller bundles of strings.ts, by bundle and language (the "all" bundle is `resources`). */
export const bundles = {
  tablet: { hi: tabletHi, en: tabletEn },
};
