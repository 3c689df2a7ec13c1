// What the parts of the personal link page share: the loader's data as they see it, and the page's translator.
import type { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Language } from "#app/i18n/setup.ts";
import type { loader } from "./route.tsx";

export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The page's translator: the person's language (the root renders the whole document in it too). */
export function usePageT(lang: Language) {
  return useTranslation(undefined, { lng: lang }).t;
}
