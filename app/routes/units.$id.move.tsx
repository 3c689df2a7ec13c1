// /units/:id/move: an admin moves a unit, with everything below it, under another unit (named by its code).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { UnitCodeField } from "#app/ui/unit-form.tsx";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import { moveUnit } from "#app/models/organisation/unit.server.ts";
import { MoveUnitSchema } from "#app/models/organisation/unit.ts";
import { getDb } from "#app/platform/db.server.ts";
import { changeUnit, loadUnitPage, requireUnitAdmin, unitIdOf } from "#app/web/unit-admin.server.ts";
import styles from "../styles/units.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadUnitPage(request, params, "units.form.moveTitle");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUnitAdmin(request);
  const id = unitIdOf(params);
  // The form has one field: whatever the refusal, it is about the new parent.
  return changeUnit(request, MoveUnitSchema, (value) => moveUnit(getDb(), actor, id, value), {
    saved: "moved",
    field: "parentCode",
  });
}

export default function MoveUnit() {
  const { unit, parent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const name = (u: { nameEn: string; nameHi: string }): string => localized(u, "name", lang);
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MoveUnitSchema }),
  });
  return (
    <section className="narrow unit-form">
      <h1>{t("units.form.moveTitle", { name: name(unit) })}</h1>
      <dl className="meta">
        <dt>{t("units.level")}</dt>
        <dd>{t(`level.${unit.level}`)}</dd>
        <dt>{t("units.code")}</dt>
        <dd className="unit-code">{unit.code}</dd>
        <dt>{t("units.form.currentParent")}</dt>
        <dd>
          {parent ? (
            <>
              {name(parent)} <span className="muted unit-code">{parent.code}</span>
            </>
          ) : (
            "–"
          )}
        </dd>
      </dl>
      {parent ? (
        <>
          <p>{t("units.form.moveIntro", { level: t(`level.${unit.level}`) })}</p>
          <Form method="post" {...getFormProps(form)}>
            <UnitCodeField
              field={fields.parentCode}
              label={t("units.form.parentCode")}
              hint={t("units.form.parentCodeHint")}
              alert
            />
            <div className="unit-form-buttons">
              <button type="submit" className="button">
                {t("units.form.moveButton")}
              </button>
              <Link to={`/units/${unit.id}`}>{t("units.form.cancel")}</Link>
            </div>
          </Form>
        </>
      ) : (
        <p className="notice error">{t("units.errors.moveRoot")}</p>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
