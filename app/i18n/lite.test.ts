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

function leaves(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : leaves(value, `${prefix}${key}.`),
  );
}

function Sample() {
  const { t, i18n } = useTranslation();
  return createElement("p", { lang: i18n.language }, t("tablet.pending", { count: 2 }));
}

describe.each(supportedLanguages)("lite i18n (%s)", (lng) => {
  const strings = bundles.tablet[lng];
  const lite = createLiteI18n(lng, strings, "tablet");

  it("renders every tablet-page string exactly as i18next does", async () => {
    // i18next as the other pages use it, with every area's strings: the tablet bundle's keys must come out
    // the same, so a tablet page reads the same whichever way it was reached.
    const i18next = createInstance();
    await i18next.init({ ...i18nConfig, lng, resources });
    const keys = new Set(leaves(strings).map((key) => key.replace(/_(zero|one|two|few|many|other)$/, "")));
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
    expect(compared).toBeGreaterThan(300);
  });

  it("treats what is missing as i18next does", async () => {
    const i18next = createInstance();
    await i18next.init({ ...i18nConfig, lng, resources: { [lng]: { translation: strings } } });
    for (const [key, options] of [
      ["tablet.noSuchKey", undefined],
      ["reports.title", undefined],
      ["tablet.pending", undefined],
      ["tablet.pending", { count: 3 }],
      ["tablet.sessionAt", { time: "10:00" }],
      ["tablet.sessionAt", { time: "10:00", room: undefined }],
      ["tablet.sessionAt", { time: 10, room: null }],
      ["tablet.noSuchKey", { defaultValue: "Fallback {{x}}", x: 1 }],
      ["tablet", undefined],
    ] as const)
      expect(lite.t(key, options as never), key).toBe(i18next.t(key, options as never));
  });

  it("serves react-i18next's useTranslation", () => {
    const html = renderToString(createElement(I18nextProvider, { i18n: lite }, createElement(Sample)));
    expect(html).toBe(`<p lang="${lng}">${lite.t("tablet.pending", { count: 2 })}</p>`);
    expect(html).not.toContain("tablet.pending");
  });
});

// The tablet pages are rendered and hydrated with the tablet bundle only: every key their code names must be
// in it, else the page would show the key. (Keys built at run time, t(`tablet.sync_${state}`), are checked
// by their fixed part.)
describe("the tablet bundle", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const files = [
    ...readdirSync(path.join(root, "app/tablet"))
      .filter((f) => /\.tsx?$/.test(f) && !f.includes(".test."))
      .map((f) => `app/tablet/${f}`),
    "app/routes/tablet._index.tsx",
    "app/routes/tablet.events.$id.tsx",
    "app/root.tsx",
    "app/ui/error-boundary.tsx",
    "app/ui/language-switch.tsx",
  ];

  it.each(supportedLanguages)("holds every string the tablet pages name (%s)", (lng) => {
    const keys = new Set(leaves(bundles.tablet[lng]));
    const has = (key: string) => [...keys].some((k) => k === key || k.startsWith(key));
    const missing: string[] = [];
    let named = 0;
    for (const file of files) {
      const source = readFileSync(path.join(root, file), "utf8");
      for (const [, key] of source.matchAll(/\bt\(\s*["'`]([a-zA-Z][\w.-]*?)(?:\$\{|["'`])/g)) {
        named++;
        if (!has(key!)) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
    expect(named).toBeGreaterThan(80);
  });
});
