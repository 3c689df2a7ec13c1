// /units/new?parent=<id>: an admin adds a unit below another one (or, with no parent, the state at the top).
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
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
import { createUnit, getUnitDetail } from "#app/models/unit.server.ts";
import { CreateUnitSchema, canNest, unitLevels } from "#app/models/unit.ts";
import { requireAdmin } from "#app/utils/organiser.server.ts";
import { getDb } from "#app/utils/db.server.ts";
import { i18nServer } from "#app/utils/i18n.server.ts";
import { parseId } from "#app/utils/params.ts";
import styles from "../styles/units.css";
import { readForm } from "#app/utils/form.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

// Admins see and change the whole tree.
const everything: Scope = { kind: "all" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const parentParam = new URL(request.url).searchParams.get("parent");
  let parent = null;
  if (parentParam !== null) {
    const parentId = parseId(parentParam);
    if (!parentId) throw new Response("Not found", { status: 404 });
    parent = (await getUnitDetail(getDb(), everything, parentId)).unit;
  }
  const t = await i18nServer.getFixedT(request);
  const levels = parent ? unitLevels.filter((level) => canNest(parent.level, level)) : (["state"] as const);
  if (levels.length === 0) throw new Response("Not found", { status: 404 });
  return {
    title: `${t("units.form.newTitle")} · ${t("app.name")}`,
    parent: parent
      ? { id: parent.id, code: parent.code, nameEn: parent.nameEn, nameHi: parent.nameHi }
      : null,
    levels: [...levels],
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireAdmin(request);
  const submission = parseWithZod(await readForm(request), { schema: CreateUnitSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await createUnit(getDb(), { staffId: staff.id, scope: everything }, submission.value);
  if (outcome.status === "invalid") {
    return data(
      { result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.error] } }) },
      { status: 400 },
    );
  }
  throw redirect(`/units/${outcome.unitId}?saved=created`);
}

export default function NewUnit() {
  const { parent, levels } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    defaultValue: { parentId: parent ? String(parent.id) : undefined, level: levels[0] },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateUnitSchema }),
  });
  const errors = (field: { errors?: string[] }) => field.errors?.map((key) => t(key)).join(" ");
  const parentName = parent ? (lang === "hi" ? parent.nameHi : parent.nameEn) : null;
  return (
    <section className="narrow unit-form">
      <h1>{parentName ? t("units.form.newBelow", { name: parentName }) : t("units.form.newTitle")}</h1>
      {parent ? null : <p>{t("units.form.newState")}</p>}
      {form.errors?.length || actionData?.result.status === "error" ? (
        <p className="notice error" role="alert">
          {t("units.form.fixErrors")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        {parent ? <input {...getInputProps(fields.parentId, { type: "hidden" })} /> : null}
        <div className="field">
          <label htmlFor={fields.level.id}>{t("units.form.level")}</label>
          <select
            {...getSelectProps(fields.level)}
            aria-describedby={fields.level.errors ? fields.level.errorId : undefined}
          >
            {levels.map((level) => (
              <option key={level} value={level}>
                {t(`level.${level}`)}
              </option>
            ))}
          </select>
          {fields.level.errors ? (
            <p id={fields.level.errorId} className="field-error">
              {errors(fields.level)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={fields.code.id}>{t("units.form.code")}</label>
          <input
            {...getInputProps(fields.code, { type: "text" })}
            className="unit-code-input"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            aria-describedby={`${fields.code.descriptionId}${fields.code.errors ? ` ${fields.code.errorId}` : ""}`}
          />
          <p id={fields.code.descriptionId} className="muted small">
            {t("units.form.codeHint")}
          </p>
          {fields.code.errors ? (
            <p id={fields.code.errorId} className="field-error">
              {errors(fields.code)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={fields.nameEn.id}>{t("units.form.nameEn")}</label>
          <input
            {...getInputProps(fields.nameEn, { type: "text" })}
            lang="en"
            maxLength={200}
            aria-describedby={fields.nameEn.errors ? fields.nameEn.errorId : undefined}
          />
          {fields.nameEn.errors ? (
            <p id={fields.nameEn.errorId} className="field-error">
              {errors(fields.nameEn)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={fields.nameHi.id}>{t("units.form.nameHi")}</label>
          <input
            {...getInputProps(fields.nameHi, { type: "text" })}
            lang="hi"
            maxLength={200}
            aria-describedby={fields.nameHi.errors ? fields.nameHi.errorId : undefined}
          />
          {fields.nameHi.errors ? (
            <p id={fields.nameHi.errorId} className="field-error">
              {errors(fields.nameHi)}
            </p>
          ) : null}
        </div>
        <div className="unit-form-buttons">
          <button type="submit" className="button">
            {t("units.form.create")}
          </button>
          <Link to={parent ? `/units/${parent.id}` : "/units"}>{t("units.form.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
