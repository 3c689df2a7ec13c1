import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { resources } from "#app/i18n/resources.ts";
import { AudienceRuleSchema, describeAudienceRule, levelsAboveUnit, sortLevels } from "./audience.ts";

function form(entries: [string, string][]) {
  const data = new Map<string, string[]>();
  for (const [k, v] of entries) data.set(k, [...(data.get(k) ?? []), v]);
  return Object.fromEntries([...data].map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
}

describe("AudienceRuleSchema", () => {
  it("reads a unit from the select, several levels and no designation as 'every designation'", () => {
    const parsed = AudienceRuleSchema.parse(
      form([
        ["unitId", "12"],
        ["unitCode", ""],
        ["levels", "assembly"],
        ["levels", "district"],
        ["levels", "district"],
      ]),
    );
    expect(parsed).toEqual({
      unitId: 12,
      unitCode: undefined,
      levels: ["assembly", "district"],
      designations: null,
    });
  });

  it("takes a single checked box as a list of one, and nothing checked as 'all'", () => {
    expect(AudienceRuleSchema.parse({ unitId: "3", designations: "president" })).toMatchObject({
      levels: null,
      designations: ["president"],
    });
    expect(AudienceRuleSchema.parse({ unitId: "3", levels: "", designations: [] })).toMatchObject({
      levels: null,
      designations: null,
    });
  });

  it("normalises a typed code to capitals and lets it stand in for the select", () => {
    expect(AudienceRuleSchema.parse({ unitId: "", unitCode: "  rj-jp-ac-sng " })).toMatchObject({
      unitId: undefined,
      unitCode: "RJ-JP-AC-SNG",
    });
  });

  it.each([
    [{}, "unitId", "audience.errors.unitRequired"],
    [{ unitId: "", unitCode: "" }, "unitId", "audience.errors.unitRequired"],
    [{ unitId: "0" }, "unitId", "audience.errors.unitRequired"],
    [{ unitId: "1e3" }, "unitId", "audience.errors.unitRequired"],
    [{ unitId: "abc" }, "unitId", "audience.errors.unitRequired"],
    [{ unitCode: "RJ JP" }, "unitCode", "audience.errors.unitCodeInvalid"],
    [{ unitId: "1", levels: "village" }, "levels", "audience.errors.levelUnknown"],
    [{ unitId: "1", designations: "Chief!" }, "designations", "audience.errors.designationUnknown"],
    [
      { unitId: "1", designations: Array.from({ length: 101 }, (_, i) => `d${i}`) },
      "designations",
      "audience.errors.tooMany",
    ],
  ])("refuses %o with a translated message on %s", (input, field, message) => {
    const result = AudienceRuleSchema.safeParse(input);
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path[0] === field);
    expect(issue?.message).toBe(message);
  });
});

describe("levels of a rule", () => {
  it("finds chosen levels above the rule's unit, which could reach no one", () => {
    expect(levelsAboveUnit("district", ["state", "district", "booth"])).toEqual(["state"]);
    expect(levelsAboveUnit("assembly", ["district", "state"])).toEqual(["district", "state"]);
    expect(levelsAboveUnit("state", ["state", "booth"])).toEqual([]);
    expect(levelsAboveUnit("booth", null)).toEqual([]);
  });

  it("sorts levels from the state down", () => {
    expect(sortLevels(["booth", "district", "state", "assembly"])).toEqual([
      "state",
      "district",
      "assembly",
      "booth",
    ]);
  });
});

describe("describeAudienceRule", () => {
  const i18n = i18next.createInstance();
  void i18n.init({
    resources,
    lng: "en",
    fallbackLng: false,
    initImmediate: false,
    interpolation: { escapeValue: false },
  });
  const names: Record<string, [string, string]> = {
    president: ["President", "अध्यक्ष"],
    secretary: ["Secretary", "मंत्री"],
    member: ["Member", "सदस्य"],
  };
  const unit = { code: "RJ-JP", level: "district" as const, nameEn: "Jaipur", nameHi: "जयपुर" };
  const describeIn = (lang: "hi" | "en", rule: Parameters<typeof describeAudienceRule>[0]) =>
    describeAudienceRule(
      rule,
      i18n.getFixedT(lang),
      lang,
      (code) => names[code]?.[lang === "en" ? 0 : 1] ?? code,
    );

  it("says 'every level' and 'every designation' for a rule without limits", () => {
    expect(describeIn("en", { unit, levels: null, designations: null })).toBe(
      "Jaipur (District, code RJ-JP) and every unit below it: committees at every level; every designation",
    );
    expect(describeIn("hi", { unit, levels: null, designations: null })).toBe(
      "जयपुर (जिला, कोड RJ-JP) और उसके नीचे की हर इकाई: हर स्तर की समितियाँ; हर पद",
    );
  });

  it("lists levels in tree order and designations in words, in either language", () => {
    const rule = {
      unit,
      levels: ["assembly", "district"] as const,
      designations: ["president", "secretary", "member"],
    };
    expect(describeIn("en", { ...rule, levels: [...rule.levels] })).toBe(
      "Jaipur (District, code RJ-JP) and every unit below it: committees at level District and Assembly constituency; only President, Secretary and Member",
    );
    expect(describeIn("hi", { ...rule, levels: [...rule.levels] })).toBe(
      "जयपुर (जिला, कोड RJ-JP) और उसके नीचे की हर इकाई: जिला और विधानसभा स्तर की समितियाँ; केवल अध्यक्ष, मंत्री और सदस्य",
    );
  });

  it("names a single choice without a list word", () => {
    expect(describeIn("en", { unit, levels: ["booth"], designations: ["president"] })).toContain(
      "committees at level Booth; only President",
    );
  });
});
