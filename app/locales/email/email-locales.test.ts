import { describe, expect, it } from "vitest";
import en from "./en.ts";
import hi from "./hi.ts";

function leaves(obj: object, prefix = ""): [string, string][] {
  return Object.entries(obj).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value]] : leaves(value, `${prefix}${key}.`),
  );
}

describe("email translations", () => {
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

  it("are really Hindi in hi.ts (Devanagari in every string)", () => {
    const notDevanagari = [...hiLeaves].filter(([, v]) => !/[\u0900-\u097F]/.test(v)).map(([k]) => k);
    expect(notDevanagari).toEqual([]);
  });

  it("give every plural form its pair, counted by {{count}}", () => {
    for (const key of [...enLeaves.keys()].filter((k) => /_(one|other)$/.test(k))) {
      const base = key.replace(/_(one|other)$/, "");
      expect(enLeaves.has(`${base}_one`) && enLeaves.has(`${base}_other`), key).toBe(true);
      expect(enLeaves.get(key), key).toContain("{{count}}");
    }
  });
});
