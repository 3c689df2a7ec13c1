// Both languages' strings, for the server (which renders either) and for tests. The browser loads only the
// page's language, and only the page's bundle (entry.client.tsx imports app/i18n/locales/<bundle>-<lang>.ts).
import allEn from "./locales/all-en.ts";
import allHi from "./locales/all-hi.ts";
import tabletHomeEn from "./locales/tablet-home-en.ts";
import tabletHomeHi from "./locales/tablet-home-hi.ts";
import tabletRosterEn from "./locales/tablet-roster-en.ts";
import tabletRosterHi from "./locales/tablet-roster-hi.ts";

export const resources = {
  hi: { translation: allHi },
  en: { translation: allEn },
};

/** The smaller bundles of strings.ts, by bundle and language (the "all" bundle is `resources`). */
export const bundles = {
  "tablet-roster": { hi: tabletRosterHi, en: tabletRosterEn },
  "tablet-home": { hi: tabletHomeHi, en: tabletHomeEn },
};
