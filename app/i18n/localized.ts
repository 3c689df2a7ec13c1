import type { Language } from "./setup.ts";

/**
 * The reader's language of a bilingual column pair: `localized(event, "title", lang)` is `event.titleHi` for
 * Hindi and `event.titleEn` otherwise.
 */
export function localized<Field extends string, Value>(
  row: { [K in `${Field}En` | `${Field}Hi`]: Value },
  field: Field,
  lang: Language | string,
): Value {
  return lang === "hi" ? row[`${field}Hi`] : row[`${field}En`];
}
