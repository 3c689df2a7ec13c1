// A page may speak a language of its own instead of the site's (cookie, else Accept-Language): the personal
// link speaks the appointee's. Its route says so in `handle.pageLanguage`, read from its loader data, and
// the whole document follows: <html lang>, the header, the title. The server render (entry.server.tsx)
// and the root layout ask the same question of the same data, so the hydrated page matches.
import { isLanguage, type Language } from "#app/i18n/setup.ts";

export type PageLanguageHandle = { pageLanguage: (data: unknown) => unknown };

/** The language the matched routes ask for, if any (the deepest route wins). */
export function pageLanguage(matches: { handle?: unknown; data?: unknown }[]): Language | undefined {
  for (const match of [...matches].reverse()) {
    const pick = (match.handle as Partial<PageLanguageHandle> | undefined)?.pageLanguage;
    const language = typeof pick === "function" ? pick(match.data) : undefined;
    if (isLanguage(language)) return language;
  }
  return undefined;
}
