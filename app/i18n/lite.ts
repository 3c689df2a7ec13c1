// A small stand-in for i18next on the pages that load one small strings bundle (the tablet pages, see
// strings.ts), so that a tablet does not download i18next itself (about 15 KB gzipped) to show 80 strings.
// It does what those strings need, the way i18next does it with our settings (setup.ts): keys as dotted
// paths, {{variables}} (not escaped: React escapes), plural forms picked by `count` with Intl.PluralRules
// (key_one, key_other; key_zero first for 0), the key itself when a string is missing. And it answers what
// react-i18next's I18nextProvider and useTranslation ask of an instance.
//
// The server renders such a page with this same instance and the same strings as the browser then hydrates
// it with, so the two texts cannot differ (a mismatch makes React re-render the page, which resets the
// tablet's search box). lite.test.ts checks every tablet string against i18next.
import type { i18n as I18n, TFunction } from "i18next";
import { i18nConfig, type Language } from "#app/i18n/setup.ts";

type Strings = { readonly [key: string]: unknown };
type Options = { [name: string]: unknown; count?: unknown; defaultValue?: unknown };

const variable = /{{-?(.+?)}}/g;

function lookup(strings: Strings, path: string): unknown {
  let value: unknown = strings;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Strings)[part];
  }
  return value;
}

/** A variable's value as i18next finds it: a name, else a dotted path into the options. */
function variableValue(options: Options, name: string): unknown {
  return options[name] !== undefined ? options[name] : lookup(options, name);
}

function interpolate(text: string, options: Options): string {
  return text.replace(variable, (match, raw: string) => {
    const name = raw.trim();
    const value = variableValue(options, name);
    if (value === undefined) return Object.hasOwn(options, name) ? "" : match;
    return value === null ? "" : String(value);
  });
}

/** `extra` merged into `base`, keeping what `base` has (i18next's addResourceBundle, deep, no overwrite). */
function merged(base: Strings, extra: Strings): Strings {
  const result: { [key: string]: unknown } = { ...base };
  for (const [key, value] of Object.entries(extra))
    result[key] =
      result[key] !== null && typeof result[key] === "object" && value !== null && typeof value === "object"
        ? merged(result[key] as Strings, value as Strings)
        : (result[key] ?? value);
  return result;
}

export function createLiteI18n(language: Language, bundleStrings: Strings, bundle: string): I18n {
  let strings = bundleStrings;
  const plurals = new Intl.PluralRules(language);

  function translate(key: string, optionsOrDefault?: Options | string): string {
    const options: Options =
      typeof optionsOrDefault === "string" ? { defaultValue: optionsOrDefault } : (optionsOrDefault ?? {});
    const candidates = [key];
    if (options.count !== undefined && typeof options.count !== "string") {
      candidates.unshift(`${key}_${plurals.select(Number(options.count))}`);
      if (options.count === 0) candidates.unshift(`${key}_zero`);
    }
    let found: unknown;
    for (const candidate of candidates) {
      found = lookup(strings, candidate);
      if (found !== undefined && found !== null) break;
    }
    if (found !== undefined && found !== null && typeof found === "object")
      return `key '${key} (${language})' returned an object instead of string.`;
    const text =
      typeof found === "string"
        ? found
        : typeof options.defaultValue === "string"
          ? options.defaultValue
          : found === undefined || found === null
            ? key
            : String(found);
    return interpolate(text, options);
  }

  const t = translate as unknown as TFunction;
  const instance = {
    language,
    languages: [language],
    isInitialized: true,
    options: {
      defaultNS: i18nConfig.defaultNS,
      ns: [i18nConfig.defaultNS],
      react: { useSuspense: false },
      strings: bundle,
    },
    t,
    getFixedT: () => t,
    hasLoadedNamespace: () => true,
    exists: (key: string) => typeof lookup(strings, key) === "string",
    /** Strings that come later with a part of the page (the roster's panels: app/tablet/panel-strings.ts). */
    addResourceBundle(lng: string, _ns: string, resources: Strings) {
      if (lng === language) strings = merged(strings, resources);
      return instance;
    },
    /**
     * This instance holds one language's strings of one bundle: another language needs the page loaded
     * again (switching language is a form post that reloads the page anyway).
     */
    changeLanguage: (lng?: string) => {
      if (lng && lng !== language && typeof window !== "undefined") window.location.reload();
      return Promise.resolve(t);
    },
    // Nothing changes once made (see changeLanguage), so there is nothing to listen to.
    on: () => instance,
    off: () => instance,
  };
  return instance as unknown as I18n;
}
