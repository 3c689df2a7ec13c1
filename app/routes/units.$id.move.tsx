// /units/:id/move: an admin moves a unit, with everything below it, under another unit (named by its code).
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import type { Language } from "#app/i18n.ts";
import type { Scope } from "#app/models/scope.server.ts";
import { getUnitDetail, moveUnit } from "#app/models/unit.server.ts";
import { MoveUnitSchema } from "#app/models/unit.ts";
import { getDb } from "#app/utils/db.server.ts";
import { i18nServer } from "#app/utils/i18n.server.ts";
import { requireAdmin } from "#app/utils/organiser.server.ts";
import { parseId } from "#app/utils/params.ts";
import styles from "../styles/units.css";
import { readForm } from "#app/utils/form.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

// Admins see and change the whole tree.
const everything: Scope = { kind: "all" };

function unitId(params: { id?: string }): number {
  const id = parseId(params.id);
  if (!id) throw new Response("Not found", { status: 404 });
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const { unit, breadcrumbs } = await getUnitDetail(getDb(), everything, unitId(params));
  const [t, locale] = await Promise.all([i18nServer.getFixedT(request), i18nServer.getLocale(request)]);
  const name = locale === "hi" ? unit.nameHi : unit.nameEn;
  return {
    title: `${t("units.form.moveTitle", { name })} · ${t("app.name")}`,
    unit: { id: unit.id, code: unit.code, level: unit.level, nameEn: unit.nameEn, nameHi: unit.nameHi },
    parent: breadcrumbs.at(-1) ?? null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireAdmin(request);
  const id = unitId(params);
  const submission = parseWithZod(await readForm(request), { schema: MoveUnitSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await moveUnit(getDb(), { staffId: staff.id, scope: everything }, id, submission.value);
  if (outcome.status === "invalid") {
    return data(
      { result: submission.reply({ fieldErrors: { parentCode: [outcome.error] } }) },
      { status: 400 },
    );
  }
  throw redirect(`/units/${id}?saved=moved`);
}

export default function MoveUnit() {
  const { unit, parent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const name = (u: { nameEn: string; nameHi: string }) => (lang === "hi" ? u.nameHi : u.nameEn);
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MoveUnitSchema }),
  });
  const errors = fields.parentCode.errors?.map((key) => t(key)).join(" ");
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
            <div className="field">
              <label htmlFor={fields.parentCode.id}>{t("units.form.parentCode")}</label>
              <input
                {...getInputProps(fields.parentCode, { type: "text" })}
                className="unit-code-input"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={40}
                aria-describedby={`${fields.parentCode.descriptionId}${errors ? ` ${fields.parentCode.errorId}` : ""}`}
              />
              <p id={fields.parentCode.descriptionId} className="muted small">
                {t("units.form.parentCodeHint")}
              </p>
              {errors ? (
                <p id={fields.parentCode.errorId} className="field-error" role="alert">
                  {errors}
                </p>
              ) : null}
            </div>
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
