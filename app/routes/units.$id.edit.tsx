// /units/:id/edit: an admin changes a unit's code and its English and Hindi names.
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
import { getUnitDetail, updateUnit } from "#app/models/unit.server.ts";
import { UpdateUnitSchema } from "#app/models/unit.ts";
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
  const { unit } = await getUnitDetail(getDb(), everything, unitId(params));
  const [t, locale] = await Promise.all([i18nServer.getFixedT(request), i18nServer.getLocale(request)]);
  const name = locale === "hi" ? unit.nameHi : unit.nameEn;
  return {
    title: `${t("units.form.editTitle", { name })} · ${t("app.name")}`,
    unit: { id: unit.id, code: unit.code, level: unit.level, nameEn: unit.nameEn, nameHi: unit.nameHi },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireAdmin(request);
  const id = unitId(params);
  const submission = parseWithZod(await readForm(request), { schema: UpdateUnitSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await updateUnit(getDb(), { staffId: staff.id, scope: everything }, id, submission.value);
  if (outcome.status === "invalid") {
    return data(
      { result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.error] } }) },
      { status: 400 },
    );
  }
  throw redirect(`/units/${id}?saved=updated`);
}

export default function EditUnit() {
  const { unit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    defaultValue: { code: unit.code, nameEn: unit.nameEn, nameHi: unit.nameHi },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UpdateUnitSchema }),
  });
  const errors = (field: { errors?: string[] }) => field.errors?.map((key) => t(key)).join(" ");
  return (
    <section className="narrow unit-form">
      <h1>{t("units.form.editTitle", { name: lang === "hi" ? unit.nameHi : unit.nameEn })}</h1>
      <p className="muted">{t(`level.${unit.level}`)}</p>
      {actionData?.result.status === "error" ? (
        <p className="notice error" role="alert">
          {t("units.form.fixErrors")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
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
            {t("units.form.save")}
          </button>
          <Link to={`/units/${unit.id}`}>{t("units.form.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
