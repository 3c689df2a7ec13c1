// /units/:id/edit: an admin changes a unit's code and its English and Hindi names.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { UnitForm } from "#app/ui/unit-form.tsx";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import { updateUnit } from "#app/models/organisation/unit.server.ts";
import { UpdateUnitSchema } from "#app/models/organisation/unit.ts";
import { getDb } from "#app/platform/db.server.ts";
import { changeUnit, loadUnitPage, requireUnitAdmin, unitIdOf } from "#app/web/unit-admin.server.ts";
import styles from "../styles/units.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { title, unit } = await loadUnitPage(request, params, "units.form.editTitle");
  return { title, unit };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUnitAdmin(request);
  const id = unitIdOf(params);
  return changeUnit(request, UpdateUnitSchema, (value) => updateUnit(getDb(), actor, id, value), {
    saved: "updated",
  });
}

export default function EditUnit() {
  const { unit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return (
    <UnitForm
      defaultValue={{ code: unit.code, nameEn: unit.nameEn, nameHi: unit.nameHi }}
      lastResult={actionData?.result}
      submitLabel={t("units.form.save")}
      cancelTo={`/units/${unit.id}`}
    >
      <h1>{t("units.form.editTitle", { name: localized(unit, "name", lang) })}</h1>
      <p className="muted">{t(`level.${unit.level}`)}</p>
    </UnitForm>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
