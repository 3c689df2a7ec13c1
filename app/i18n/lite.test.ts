import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createInstance } from "i18next";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider, useTranslation } from "react-i18next";
import { describe, expect, it } from "vitest";
import { createLiteI18n } from "./lite.ts";
import { bundles, resources } from "./resources.ts";
import { i18nConfig, supportedLanguages } from "./setup.ts";
import panelsEn from "./locales/tablet/panels.en.ts";
import panelsHi from "./locales/tablet/panels.hi.ts";

function leaves(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : leaves(value, `${prefix}${key}.`),
  );
}

function Sample() {
  const { t, i18n } = useTranslation();
  return createElement("p", { lang: i18n.language }, t("tablet.pending", { count: 2 }));
}

const smallBundles = Object.keys(bundles) as (keyof typeof bundles)[];
const panelStrings = { hi: panelsHi, en: panelsEn };

describe.each(supportedLanguages)("lite i18n (%s)", (lng) => {
  it.each(smallBundles)("renders every string of %s exactly as i18next does", async (bundle) => {
    const strings = bundles[bundle][lng];
    const lite = createLiteI18n(lng, strings, bundle);
    lite.addResourceBundle(lng, "translation", { tablet: panelStrings[lng] }, true, false);
    // i18next as the other pages use it, with every area's strings: the small bundle's keys must come out
    // the same, so a tablet page reads the same whichever way it was reached.
    const i18next = createInstance();
    await i18next.init({ ...i18nConfig, lng, resources });
    const keys = new Set(
      [...leaves(strings), ...leaves({ tablet: panelStrings[lng] })].map((key) =>
        key.replace(/_(zero|one|two|few|many|other)$/, ""),
      ),
    );
    const variables = (key: string) =>
      Object.fromEntries(
        [...(i18next.t(key).match(/{{-?\s*([\w.]+)\s*}}/g) ?? [])].map((m) => [
          m.replace(/[{}\-\s]/g, ""),
          "X",
        ]),
      );
    let compared = 0;
    for (const key of keys) {
      for (const options of [
        undefined,
        {},
        variables(key),
        { ...variables(key), count: 0 },
        { ...variables(key), count: 1 },
        { ...variables(key), count: 2 },
        { ...variables(key), count: 12 },
      ]) {
        expect(lite.t(key, options as never), `${key} ${JSON.stringify(options)}`).toBe(
          i18next.t(key, options as never),
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(200);
  });

  it("treats what is missing as i18next does", async () => {
    const strings = bundles["tablet-roster"][lng];
    const lite = createLiteI18n(lng, strings, "tablet-roster");
    const i18next = createInstance();
    await i18next.init({ ...i18nConfig, lng, resources: { [lng]: { translation: strings } } });
    for (const [key, options] of [
      ["tablet.noSuchKey", undefined],
      ["reports.title", undefined],
      ["tablet.walkInTitle", undefined],
      ["tablet.pending", undefined],
      ["tablet.pending", { count: 3 }],
      ["tablet.sessionAt", { time: "10:00" }],
      ["tablet.sessionAt", { time: "10:00", room: undefined }],
      ["tablet.sessionAt", { time: 10, room: null }],
      ["tablet.noSuchKey", { defaultValue: "Fallback {{x}}", x: 1 }],
      ["tablet", undefined],
    ] as const)
      expect(lite.t(key, options as never), key).toBe(i18next.t(key, options as never));
    expect(lite.exists("tablet.walkInTitle")).toBe(false);
  });

  it("takes the panels' strings when they come, keeping its own", () => {
    const lite = createLiteI18n(lng, bundles["tablet-roster"][lng], "tablet-roster");
    const before = lite.t("tablet.pending", { count: 2 });
    lite.addResourceBundle(
      lng,
      "translation",
      { tablet: { ...panelStrings[lng], pending_other: "x" } },
      true,
      false,
    );
    expect(lite.exists("tablet.walkInTitle")).toBe(true);
    expect(lite.t("tablet.walkInTitle")).toBe(panelStrings[lng].walkInTitle);
    expect(lite.t("tablet.pending", { count: 2 })).toBe(before);
  });

  it("serves react-i18next's useTranslation", () => {
    const lite = createLiteI18n(lng, bundles["tablet-roster"][lng], "tablet-roster");
    const html = renderToString(createElement(I18nextProvider, { i18n: lite }, createElement(Sample)));
    expect(html).toBe(`<p lang="${lng}">${lite.t("tablet.pending", { count: 2 })}</p>`);
    expect(html).not.toContain("tablet.pending");
  });
});

// The tablet's pages are rendered and hydrated with their small bundle only: every key their code names must
// be in it, else the page would show the key. (Keys built at run time, t(`tablet.sync_${state}`), are checked
// by their fixed part.)
describe("the tablet pages' bundles", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const frame = ["app/root.tsx", "app/ui/error-boundary.tsx", "app/ui/language-switch.tsx"];
  const tabletFiles = readdirSync(path.join(root, "app/tablet"))
    .filter((f) => /\.tsx?$/.test(f) && !f.includes(".test."))
    .map((f) => `app/tablet/${f}`);
  const pages = [
    ["tablet-roster", ["app/routes/tablet.events.$id/route.tsx", ...tabletFiles, ...frame]],
    ["tablet-home", ["app/routes/tablet._index.tsx", ...frame]],
  ] as const;

  it.each(supportedLanguages)("hold every string their pages name (%s)", (lng) => {
    const missing: string[] = [];
    let named = 0;
    for (const [bundle, files] of pages) {
      const keys = leaves(bundles[bundle][lng]);
      // The panels' strings come with the panels (app/tablet/panel-strings.ts).
      if (bundle === "tablet-roster") keys.push(...leaves({ tablet: panelStrings[lng] }));
      const has = (key: string) => keys.some((k) => k === key || k.startsWith(key));
      for (const file of files) {
        // A loader's strings are the server's (every area's): only the page's own are checked.
        const source = readFileSync(path.join(root, file), "utf8").replace(
          /export async function loader[\s\S]*?\n}\n/,
          "",
        );
        for (const [, key] of source.matchAll(/\bt\(\s*["'`]([a-zA-Z][\w.-]*?)(?:\$\{|["'`])/g)) {
          named++;
          if (!has(key!)) missing.push(`${bundle}: ${file}: ${key}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(named).toBeGreaterThan(80);
  });
});
