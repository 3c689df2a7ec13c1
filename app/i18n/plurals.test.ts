// Every counted string, in both languages, with 0, 1 and 2: i18next picks the plural form by the count, and
// the noun agrees with the number ("1 person", never "1 people"; "2 people", never "2 person").
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { bundles, resources } from "./resources.ts";

function leaves(obj: object, prefix = ""): [string, string][] {
  return Object.entries(obj).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value]] : leaves(value, `${prefix}${key}.`),
  );
}

const languages = {
  en: [resources.en.translation, ...Object.values(bundles).map((b) => b.en)],
  hi: [resources.hi.translation, ...Object.values(bundles).map((b) => b.hi)],
};

// English nouns that the counted strings use, singular and plural.
const nouns = [
  ["person", "people"],
  ["session", "sessions"],
  ["seat", "seats"],
  ["hour", "hours"],
  ["message", "messages"],
  ["link", "links"],
  ["invitation", "invitations"],
  ["committee", "committees"],
  ["unit", "units"],
  ["row", "rows"],
  ["tablet", "tablets"],
] as const;

describe("counted strings", () => {
  for (const [lng, files] of Object.entries(languages)) {
    for (const [fileIndex, file] of files.entries()) {
      const all = leaves(file);
      const counted = all.filter(([, value]) => value.includes("{{count}}"));
      const bases = [
        ...new Set(
          counted
            .filter(([key]) => /_(one|other)$/.test(key))
            .map(([key]) => key.replace(/_(one|other)$/, "")),
        ),
      ];

      it(`use plural forms wherever {{count}} appears (${lng}, file ${fileIndex})`, () => {
        const notPlural = counted.filter(([key]) => !/_(one|other)$/.test(key)).map(([key]) => key);
        // Left for now: the mail alarm's count (a browser test outside this change reads the single key).
        expect(notPlural.filter((key) => key !== "mailAlarm.failing")).toEqual([]);
      });

      it(`agree with 0, 1 and 2 (${lng}, file ${fileIndex})`, async () => {
        const i18n = i18next.createInstance();
        await i18n.init({
          lng,
          resources: { [lng]: { translation: file } },
          interpolation: { escapeValue: false },
          returnNull: false,
        });
        const values = new Map(all);
        for (const base of bases) {
          // Other placeholders get a word, so only the count is a number.
          const others = Object.fromEntries(
            [...(values.get(`${base}_other`) ?? "").matchAll(/{{(\w+)}}/g)].map((m) => [m[1], "X"]),
          );
          for (const count of [0, 1, 2]) {
            const text = i18n.t(base, { ...others, count });
            const label = `${lng} ${base} (${count}): ${text}`;
            expect(text, label).not.toContain("{{");
            expect(text, label).not.toBe(base);
            expect(text, label).toContain(String(count));
            // Hindi counts 0 and 1 alike (one); English only 1.
            const form = count === 1 || (lng === "hi" && count === 0) ? "one" : "other";
            expect(text, label).toBe(
              values
                .get(`${base}_${form}`)!
                .replaceAll("{{count}}", String(count))
                .replace(/{{\w+}}/g, "X"),
            );
            if (lng === "en") {
              for (const [one, many] of nouns) {
                const wrong = count === 1 ? many : one;
                expect(text, label).not.toMatch(new RegExp(`\\b${count} (\\w+ )?${wrong}\\b`));
              }
            }
          }
        }
      });
    }
  }
});
