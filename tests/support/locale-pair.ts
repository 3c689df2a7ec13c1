// The checks every pair of translation files must pass: same keys, same placeholders, real Hindi.
import { describe, expect, it } from "vitest";

function leaves(obj: object, prefix = ""): [string, string][] {
  return Object.entries(obj).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value]] : leaves(value, `${prefix}${key}.`),
  );
}

/** Registers the tests; `latinInHindi` lists keys deliberately not in Devanagari (e.g. "View in English"). */
export function describeLocalePair(name: string, en: object, hi: object, latinInHindi: string[] = []) {
  describe(name, () => {
    const enLeaves = new Map(leaves(en));
    const hiLeaves = new Map(leaves(hi));

    it("have the same keys in Hindi and English", () => {
      expect([...hiLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
    });

    it("keep the same placeholders in both languages", () => {
      const placeholders = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
      for (const [key, value] of enLeaves)
        expect(placeholders(hiLeaves.get(key)!), key).toEqual(placeholders(value));
    });

    it("are really Hindi in the Hindi file", () => {
      const notDevanagari = [...hiLeaves].filter(([, v]) => !/[\u0900-\u097F]/.test(v)).map(([k]) => k);
      expect(notDevanagari).toEqual(latinInHindi);
    });

    it("give every plural form its pair, counted by {{count}}", () => {
      for (const key of [...enLeaves.keys()].filter((k) => /_(one|other)$/.test(k))) {
        const base = key.replace(/_(one|other)$/, "");
        expect(enLeaves.has(`${base}_one`) && enLeaves.has(`${base}_other`), key).toBe(true);
        expect(enLeaves.get(key), key).toContain("{{count}}");
      }
    });
  });
}
