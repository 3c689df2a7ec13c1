import { describe, expect, it } from "vitest";
import en from "./locales/en.ts";
import hi from "./locales/hi.ts";

function leaves(obj: object, prefix = ""): [string, string][] {
  return Object.entries(obj).flatMap(([key, value]) =>
    typeof value === "string" ? [[`${prefix}${key}`, value]] : leaves(value, `${prefix}${key}.`),
  );
}

describe("translations", () => {
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

  it("are really Hindi in hi.ts (Devanagari in every string but the deliberate English switch label)", () => {
    const notDevanagari = [...hiLeaves].filter(([, v]) => !/[\u0900-\u097F]/.test(v)).map(([k]) => k);
    expect(notDevanagari).toEqual(["language.switchTo"]);
  });
});
