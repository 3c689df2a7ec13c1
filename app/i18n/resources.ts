// Both languages' strings, for the server (which renders either) and for tests. The browser loads only the
// page's language (entry.client.tsx imports app/i18n/locales/all-<lang>.ts on its own).
import allEn from "./locales/all-en.ts";
import allHi from "./locales/all-hi.ts";

export const resources = {
  hi: { translation: allHi },
  en: { translation: allEn },
};
