// One i18next instance per language for the whole process, made on first use. Making and initialising one
// for every request (the render's, and remix-i18next's getFixedT for a loader's title) cost about a tenth of a
// page's CPU under load (issue 18). Requests can share them: a render and a fixed `t` only read, and nothing
// on the server changes an instance's language.
import { createInstance, type i18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { resources } from "#app/i18n/resources.ts";
import { i18nConfig, type Language } from "#app/i18n/setup.ts";

const instances = new Map<Language, Promise<i18n>>();

/** The process's i18next instance in `language`, with every string (the "all" bundle). */
export function serverI18n(language: Language): Promise<i18n> {
  let instance = instances.get(language);
  if (!instance) {
    const made = createInstance();
    instance = made
      .use(initReactI18next)
      .init({ ...i18nConfig, lng: language, resources })
      .then(() => made);
    instances.set(language, instance);
  }
  return instance;
}

/** A translator fixed to `language`, as remix-i18next's getFixedT(language) gives, without a new instance. */
export async function serverT(language: Language): Promise<TFunction> {
  return (await serverI18n(language)).getFixedT(language);
}
