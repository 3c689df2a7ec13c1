// /programmes/new: an admin defines a training programme, its dates, who it is for, and its modules.
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { describedBy, FieldError, FormErrors } from "#app/ui/forms.tsx";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import { unitLevels } from "#app/models/organisation/unit.ts";
import { MODULE_ROWS, ProgrammeFormSchema } from "#app/models/programmes/programme.ts";
import { createProgramme, listProgrammeUnitOptions } from "#app/models/programmes/programme.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { handleForm } from "#app/web/form-action.server.ts";
import { requireAdmin } from "#app/web/organiser.server.ts";
import styles from "../styles/programmes.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [t, units] = await Promise.all([i18nServer.getFixedT(request), listProgrammeUnitOptions(getDb())]);
  return { title: `${t("programmes.new.title")} · ${t("app.name")}`, units };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireAdmin(request);
  return handleForm(request, {
    schema: ProgrammeFormSchema,
    run: (value) => createProgramme(getDb(), { staffId: staff.id }, value),
    done: (created) => redirect(`/programmes/${created.programmeId}`, 303),
  });
}

export default function NewProgramme() {
  const { units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [form, fields] = useForm<z.input<typeof ProgrammeFormSchema>, unknown>({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { modules: Array.from({ length: MODULE_ROWS }, (_, i) => ({ required: i === 0 })) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProgrammeFormSchema }),
  });
  const text = (field: (typeof fields)["nameHi"], label: string, type: "text" | "date" = "text") => (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <input {...getInputProps(field, { type })} aria-describedby={describedBy(field)} />
      <FieldError field={field} />
    </div>
  );
  return (
    <section className="narrow">
      <p>
        <Link to="/programmes">{t("programmes.new.cancel")}</Link>
      </p>
      <h1>{t("programmes.new.title")}</h1>
      <p>{t("programmes.new.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} />
        {text(fields.nameHi, t("programmes.fields.nameHi"))}
        {text(fields.nameEn, t("programmes.fields.nameEn"))}
        {text(fields.startsOn, t("programmes.fields.startsOn"), "date")}
        {text(fields.endsOn, t("programmes.fields.endsOn"), "date")}
        <div className="field">
          <label htmlFor={fields.unitId.id}>{t("programmes.fields.unit")}</label>
          <select {...getSelectProps(fields.unitId)} aria-describedby={describedBy(fields.unitId)}>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {localized(u, "name", lang)} ({t(`level.${u.level}`)})
              </option>
            ))}
          </select>
          <FieldError field={fields.unitId} />
        </div>
        <fieldset aria-describedby="levels-hint">
          <legend>{t("programmes.fields.levels")}</legend>
          <p id="levels-hint" className="muted">
            {t("programmes.fields.levelsHint")}
          </p>
          <div className="level-choices">
            {unitLevels.map((level) => (
              <label key={level}>
                <input type="checkbox" name={fields.levels.name} value={level} /> {t(`level.${level}`)}
              </label>
            ))}
          </div>
          <FieldError field={fields.levels} />
        </fieldset>
        <fieldset className="module-rows">
          <legend>{t("programmes.fields.modules")}</legend>
          <FieldError field={fields.modules} alert />
          {fields.modules.getFieldList().map((row, index) => {
            const m = row.getFieldset();
            return (
              <fieldset key={row.key}>
                <legend>{t("programmes.fields.moduleRow", { n: index + 1 })}</legend>
                <div className="field">
                  <label htmlFor={m.nameHi.id}>{t("programmes.fields.moduleNameHi")}</label>
                  <input
                    {...getInputProps(m.nameHi, { type: "text" })}
                    lang="hi"
                    aria-describedby={describedBy(m.nameHi)}
                  />
                  <FieldError field={m.nameHi} />
                </div>
                <div className="field">
                  <label htmlFor={m.nameEn.id}>{t("programmes.fields.moduleNameEn")}</label>
                  <input
                    {...getInputProps(m.nameEn, { type: "text" })}
                    lang="en"
                    aria-describedby={describedBy(m.nameEn)}
                  />
                  <FieldError field={m.nameEn} />
                </div>
                <label>
                  <input {...getInputProps(m.required, { type: "checkbox" })} />{" "}
                  {t("programmes.fields.moduleRequired")}
                </label>
              </fieldset>
            );
          })}
        </fieldset>
        <button type="submit">{t("programmes.new.submit")}</button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
