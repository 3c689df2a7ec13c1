// The admin pages that change the unit tree (/units/new, /units/:id/edit, /units/:id/move): admins act on the
// whole tree, and each page runs one model change from its form.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import type { z } from "zod";
import {
  getUnitDetail,
  type UnitActor,
  type UnitChangeResult,
} from "#app/models/organisation/unit.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { replyWithRefusal } from "./form-action.server.ts";
import { readForm } from "./form.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { localized } from "#app/i18n/localized.ts";
import { requireAdmin } from "./organiser.server.ts";
import { parseId } from "./params.ts";

export async function requireUnitAdmin(request: Request): Promise<UnitActor> {
  const staff = await requireAdmin(request);
  return { staffId: staff.id, scope: { kind: "all" } };
}

export function unitIdOf(params: { id?: string }): number {
  const id = parseId(params.id);
  if (!id) throw new Response("Not found", { status: 404 });
  return id;
}

/** The unit of an edit or move page (:id), its parent, and the page title with the unit's name. */
export async function loadUnitPage(
  request: Request,
  params: { id?: string },
  titleKey: "units.form.editTitle" | "units.form.moveTitle",
) {
  const { scope } = await requireUnitAdmin(request);
  const { unit, breadcrumbs } = await getUnitDetail(getDb(), scope, unitIdOf(params));
  const [t, locale] = await Promise.all([i18nServer.getFixedT(request), i18nServer.getLocale(request)]);
  const name = localized(unit, "name", locale);
  return {
    title: `${t(titleKey, { name })} · ${t("app.name")}`,
    unit: { id: unit.id, code: unit.code, level: unit.level, nameEn: unit.nameEn, nameHi: unit.nameHi },
    parent: breadcrumbs.at(-1) ?? null,
  };
}

/**
 * Runs one change with the form's values: bad input or a refusal goes back to the form as its field's error
 * (400, nothing changed; `field` puts every refusal on one field), success opens the unit with a notice.
 */
export async function changeUnit<S extends z.ZodType>(
  request: Request,
  schema: S,
  change: (value: z.output<S>) => Promise<UnitChangeResult>,
  options: { saved: "created" | "updated" | "moved"; field?: string },
) {
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await change(submission.value);
  if (!outcome.ok) {
    const refusal = { error: outcome.error, field: options.field ?? outcome.field };
    return data({ result: replyWithRefusal(submission, refusal) }, { status: 400 });
  }
  throw redirect(`/units/${outcome.unitId}?saved=${options.saved}`);
}
