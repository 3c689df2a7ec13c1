import type { Language } from "./setup.ts";

/**
 * The reader's language of a bilingual column pair: `localized(event, "title", lang)` is `event.titleHi` for
 * Hindi and `event.titleEn` otherwise (typed as those columns are).
 */
export function localized<Field extends string, Row extends Record<`${Field}En` | `${Field}Hi`, unknown>>(
  row: Row,
  field: Field,
  lang: Language | string,
): Row[`${Field}En` | `${Field}Hi`] {
  const value = lang === "hi" ? row[`${field}Hi`] : row[`${field}En`];
  // TypeScript reads an indexed return of a generic row as both columns at once; it is either one.
  return value as Row[`${Field}En` | `${Field}Hi`];
}
