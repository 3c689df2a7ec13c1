// Pure rules of an event's audience, shared by the audience page, the models and the tests. An audience is
// a union of rules; each rule takes the committees of one unit's subtree, optionally only some levels, and
// their members, optionally only some designations. Zod messages are translation keys (audience.errors.*).
import { z } from "zod";
import { localized } from "#app/i18n/localized.ts";
import { type UnitLevel, unitCodePattern, unitLevels } from "#app/models/organisation/unit.ts";

/** Levels a rule can root at from the select; deeper units (panchayats, booths) are chosen by code. */
export const ruleUnitSelectLevels = ["state", "district", "assembly", "block"] as const satisfies UnitLevel[];

/** A form sends one value or several for a checkbox group; none means "every one". */
const checkedList = <T extends z.ZodType<string>>(item: T) =>
  z
    .preprocess(
      (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
      z.array(item).max(100, { error: "audience.errors.tooMany" }),
    )
    .transform((values) => {
      const unique = [...new Set(values)].sort();
      return unique.length ? unique : null;
    });

const designationCode = z
  .string({ error: "audience.errors.designationUnknown" })
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { error: "audience.errors.designationUnknown" });

/**
 * The add-rule form: the unit as an id from the select or as a code typed in (the code wins when both are
 * given, since the select keeps its first option), levels and designations as checkbox groups (none: all).
 */
export const AudienceRuleSchema = z
  .object({
    // Digits only, as parseId reads ids: "1e3" or "12abc" name no unit.
    unitId: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z
        .string({ error: "audience.errors.unitRequired" })
        .regex(/^[1-9]\d{0,14}$/, { error: "audience.errors.unitRequired" })
        .transform(Number)
        .optional(),
    ),
    unitCode: z.preprocess(
      (value) => (typeof value === "string" ? value.trim().toUpperCase() || undefined : value),
      z.string().regex(unitCodePattern, { error: "audience.errors.unitCodeInvalid" }).optional(),
    ),
    levels: checkedList(z.enum(unitLevels, { error: "audience.errors.levelUnknown" })),
    designations: checkedList(designationCode),
    // A make-up camp's rule (offered from a programme's completion report).
    missingModuleId: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z
        .string()
        .regex(/^[1-9]\d{0,14}$/, { error: "audience.errors.moduleUnknown" })
        .transform(Number)
        .optional(),
    ),
  })
  .superRefine((value, ctx) => {
    if (value.unitId === undefined && value.unitCode === undefined)
      ctx.addIssue({ code: "custom", path: ["unitId"], message: "audience.errors.unitRequired" });
  });

export type AudienceRuleInput = z.output<typeof AudienceRuleSchema>;

/** A rule as stored: levels and designations null mean "all". */
export type AudienceRule = {
  unitId: number;
  levels: UnitLevel[] | null;
  designations: string[] | null;
  /** A make-up camp's rule: only the people who have not completed this programme module. */
  missingModuleId?: number | null;
};

/**
 * The chosen levels a rule rooted at `unitLevel` can never reach (they sit above the unit): a rule at a
 * district that asks for the state committee would silently invite no one, so it is refused instead.
 */
export function levelsAboveUnit(unitLevel: UnitLevel, levels: UnitLevel[] | null): UnitLevel[] {
  if (!levels) return [];
  const rank = unitLevels.indexOf(unitLevel);
  return levels.filter((level) => unitLevels.indexOf(level) < rank);
}

/** Levels in tree order (state first), whatever order they were stored in. */
export function sortLevels(levels: readonly UnitLevel[]): UnitLevel[] {
  return [...levels].sort((a, b) => unitLevels.indexOf(a) - unitLevels.indexOf(b));
}

type Translate = (key: string, vars?: Record<string, string | number>) => string;
export type RuleDescriptionInput = {
  unit: { code: string; level: UnitLevel; nameEn: string; nameHi: string };
  levels: UnitLevel[] | null;
  designations: string[] | null;
  /** A make-up camp's rule: the module its people have not completed. */
  missingModule?: { nameEn: string; nameHi: string } | null;
};

/**
 * A rule in words, in the reader's language: "Jaipur (district, RJ-JP) and every unit below it: district
 * and assembly constituency committees; presidents and secretaries only". `designationName` turns a code
 * into its name (the designations table is data).
 */
export function describeAudienceRule(
  rule: RuleDescriptionInput,
  t: Translate,
  lang: "hi" | "en",
  designationName: (code: string) => string,
): string {
  const unit = t("audience.describe.unit", {
    name: localized(rule.unit, "name", lang),
    level: t(`level.${rule.unit.level}`),
    code: rule.unit.code,
  });
  const levels = rule.levels
    ? t("audience.describe.someLevels", {
        levels: listInWords(
          sortLevels(rule.levels).map((level) => t(`level.${level}`)),
          t,
        ),
      })
    : t("audience.describe.allLevels");
  const designations = rule.designations
    ? t("audience.describe.someDesignations", {
        designations: listInWords(rule.designations.map(designationName), t),
      })
    : t("audience.describe.allDesignations");
  const rule_ = t("audience.describe.rule", { unit, levels, designations });
  return rule.missingModule
    ? `${rule_} ${t("audience.describe.missingModule", { module: localized(rule.missingModule, "name", lang) })}`
    : rule_;
}

/** "a, b and c" / "a, b और c". */
function listInWords(items: string[], t: Translate): string {
  if (items.length <= 1) return items.join("");
  return t("audience.describe.list", { items: items.slice(0, -1).join(", "), last: items.at(-1)! });
}

/** What the live preview counts, for the whole audience and for each rule. */
export type AudienceCounts = {
  committeesFormed: number;
  committeesForming: number;
  /** Distinct people with an active appointment in a formed matching committee and a matching designation. */
  people: number;
  withoutEmail: number;
  /** Neither email nor phone: no channel reaches them. */
  withoutContact: number;
};

/** The key of the add-rule form's rule in a preview's perRule: it has no id yet. */
export const CANDIDATE_RULE_KEY = 0;

export const emptyCounts: AudienceCounts = {
  committeesFormed: 0,
  committeesForming: 0,
  people: 0,
  withoutEmail: 0,
  withoutContact: 0,
};
