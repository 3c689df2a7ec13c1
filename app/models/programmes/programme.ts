// Pure rules and form schemas of training programmes (issue 14), shared by the pages, the model and the tests.
// Zod messages are translation keys (programmes.errors.*).
import { z } from "zod";
import { cleanName } from "#app/models/organisation/appointee.ts";
import { type UnitLevel, unitLevels } from "#app/models/organisation/unit.ts";

/** How many module rows the programme form offers (blank rows are ignored). */
export const MODULE_ROWS = 8;
export const MODULES_MAX = 20;

const name = (required: string) =>
  z.string({ error: required }).transform((value, ctx) => {
    const v = cleanName(value);
    if (!v) {
      ctx.addIssue({ code: "custom", message: required });
      return z.NEVER;
    }
    if (v.length > 200) {
      ctx.addIssue({ code: "custom", message: "programmes.errors.nameTooLong" });
      return z.NEVER;
    }
    return v;
  });

const isoDate = (required: string) =>
  z.string({ error: required }).refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isRealDate(v), {
    message: required,
  });

function isRealDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) && iso >= "2000-01-01";
}

export const ModuleInputSchema = z.object({
  nameHi: name("programmes.errors.moduleNameHiRequired"),
  nameEn: name("programmes.errors.moduleNameEnRequired"),
  required: z.boolean().default(false),
});
export type ModuleInput = z.output<typeof ModuleInputSchema>;

// A module row the form left blank (both names empty) is no module; a half-filled one is an error.
const moduleRow = z
  .object({ nameHi: z.string().optional(), nameEn: z.string().optional(), required: z.boolean().optional() })
  .optional();

export const ProgrammeFormSchema = z
  .object({
    nameHi: name("programmes.errors.nameHiRequired"),
    nameEn: name("programmes.errors.nameEnRequired"),
    startsOn: isoDate("programmes.errors.startsOnRequired"),
    endsOn: isoDate("programmes.errors.endsOnRequired"),
    unitId: z.number({ error: "programmes.errors.unitRequired" }).int().positive(),
    levels: z.array(z.enum(unitLevels, { error: "programmes.errors.levelInvalid" })).default([]),
    modules: z.array(moduleRow).max(MODULES_MAX, { error: "programmes.errors.tooManyModules" }).default([]),
  })
  .superRefine((value, ctx) => {
    if (value.endsOn < value.startsOn)
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: "programmes.errors.endsBeforeStart" });
  })
  .transform((value, ctx) => {
    const modules: ModuleInput[] = [];
    value.modules.forEach((row, index) => {
      if (!row || (!row.nameHi?.trim() && !row.nameEn?.trim())) return;
      const parsed = ModuleInputSchema.safeParse({ ...row, required: row.required ?? false });
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          ctx.addIssue({ code: "custom", path: ["modules", index, ...issue.path], message: issue.message });
        return;
      }
      modules.push(parsed.data);
    });
    const problem = moduleSetProblem(modules);
    if (problem) {
      ctx.addIssue({ code: "custom", path: ["modules"], message: problem });
      return z.NEVER;
    }
    return { ...value, levels: value.levels.length ? [...new Set(value.levels)] : null, modules };
  });
export type ProgrammeInput = z.output<typeof ProgrammeFormSchema>;

/** What is wrong with a programme's set of modules, or null: it needs at least one required module. */
export function moduleSetProblem(modules: readonly { required: boolean }[]): string | null {
  if (modules.length === 0) return "programmes.errors.noModules";
  if (!modules.some((m) => m.required)) return "programmes.errors.noRequiredModule";
  if (modules.length > MODULES_MAX) return "programmes.errors.tooManyModules";
  return null;
}

export type ModuleProgress = {
  moduleId: number;
  nameHi: string;
  nameEn: string;
  required: boolean;
  /** Where and when it was done, or null while pending. */
  done: { on: string; eventId: number; eventTitleHi: string; eventTitleEn: string; place: string } | null;
};

/** A programme is complete when every required module is done (optional ones are never needed). */
export function isComplete(modules: readonly Pick<ModuleProgress, "required" | "done">[]): boolean {
  return modules.some((m) => m.required) && modules.every((m) => !m.required || m.done !== null);
}

/** The required modules still to do. */
export function missingModules<M extends Pick<ModuleProgress, "required" | "done">>(
  modules: readonly M[],
): M[] {
  return modules.filter((m) => m.required && m.done === null);
}

/** Whether a committee at `level` is among those the programme is for (null: every level). */
export function levelIncluded(levels: readonly UnitLevel[] | null, level: UnitLevel): boolean {
  return levels === null || levels.includes(level);
}
