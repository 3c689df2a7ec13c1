// Which strings a page loads. Most pages load every area's strings in their language (locales/all-<lang>.ts,
// with i18next); a route may ask for a smaller bundle in `handle.strings`: the tablet's own pages load only
// the frame's strings and the page's (locales/<bundle>-<lang>.ts, with the small lite.ts, not i18next).
// The server renders a page with the bundle its deepest route asks for and the root layout writes that
// bundle into <html data-strings>, which entry.client.tsx reads: the browser hydrates with the same strings.
export const stringsBundles = ["all", "tablet-roster", "tablet-home"] as const;
export type StringsBundle = (typeof stringsBundles)[number];
export type StringsHandle = { strings: StringsBundle };

export function isStringsBundle(value: unknown): value is StringsBundle {
  return typeof value === "string" && (stringsBundles as readonly string[]).includes(value);
}

/** The bundle the matched routes ask for (the deepest route wins), else "all". */
export function stringsBundle(matches: { handle?: unknown }[]): StringsBundle {
  for (const match of [...matches].reverse()) {
    const strings = (match.handle as Partial<StringsHandle> | undefined)?.strings;
    if (isStringsBundle(strings)) return strings;
  }
  return "all";
}

/** Which bundle an i18n instance holds: lite.ts instances say so in their options; i18next holds "all". */
export function loadedBundle(i18n: { options?: unknown }): StringsBundle {
  const strings = (i18n.options as { strings?: unknown } | undefined)?.strings;
  return isStringsBundle(strings) ? strings : "all";
}
