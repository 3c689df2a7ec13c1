// /appointees/new: add an office-bearer. Organisers appoint them to a committee in their area at once (a person
// with no appointment is visible to admins only); admins may leave the appointment empty.
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
import type { InputHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import type { Language } from "#app/i18n.ts";
import { createAppointee, getNewAppointeeForm } from "#app/models/appointee.server.ts";
import { newAppointeeSchema } from "#app/models/appointee.ts";
import { getDb } from "#app/utils/db.server.ts";
import { i18nServer } from "#app/utils/i18n.server.ts";
import { requireOrganiser } from "#app/utils/organiser.server.ts";
import { parseId } from "#app/utils/params.ts";
import styles from "../styles/appointees.css";
import { readForm } from "#app/utils/form.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const committeeId = parseId(new URL(request.url).searchParams.get("committee") ?? undefined);
  const [t, form] = await Promise.all([
    i18nServer.getFixedT(request),
    getNewAppointeeForm(getDb(), scope, committeeId),
  ]);
  return {
    title: `${t("appointees.new.title")} · ${t("app.name")}`,
    requireAppointment: scope.kind === "subtree",
    designations: form.designations.filter((d) => d.active),
    committee: form.committee,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request }: ActionFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: newAppointeeSchema(scope.kind === "subtree") });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), existing: null, existingField: null }, { status: 400 });
  }
  const outcome = await createAppointee(getDb(), { staffId: staff.id, scope }, submission.value);
  if (outcome.ok) throw redirect(`/appointees/${outcome.id}?done=created`);
  return data(
    {
      result: outcome.field
        ? submission.reply({ fieldErrors: { [outcome.field]: [outcome.error] } })
        : submission.reply({ formErrors: [outcome.error] }),
      existing: outcome.existing ?? null,
      existingField: outcome.existing ? outcome.field : null,
    },
    { status: outcome.existing !== undefined ? 409 : 400 },
  );
}

export default function NewAppointee() {
  const { requireAppointment, designations, committee } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const schema = newAppointeeSchema(requireAppointment);
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { preferredLanguage: "hi", unitCode: committee?.unitCode ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const errorsOf = (errors: string[] | undefined) => errors?.map((key) => t(key)).join(" ");
  const describedBy = (id: string, hintId: string | null, errors: string[] | undefined) =>
    [hintId, errors?.length ? id : null].filter(Boolean).join(" ") || undefined;

  const text = (
    field: typeof fields.name,
    label: string,
    hint: string | null,
    type: "text" | "tel" | "email",
    props: InputHTMLAttributes<HTMLInputElement> = {},
  ) => {
    const hintId = hint ? `${field.id}-hint` : null;
    const existingHere = actionData?.existing && actionData.existingField === field.name;
    return (
      <div className="field">
        <label htmlFor={field.id}>{label}</label>
        <input
          {...getInputProps(field, { type })}
          {...props}
          aria-describedby={describedBy(field.errorId, hintId, field.errors)}
        />
        {hint ? (
          <p id={hintId!} className="muted small">
            {hint}
          </p>
        ) : null}
        {field.errors?.length ? (
          <p id={field.errorId} className="field-error">
            {errorsOf(field.errors)}{" "}
            {existingHere && actionData?.existing ? (
              <Link to={`/appointees/${actionData.existing.id}`}>
                {t("appointees.duplicate.open", {
                  name: actionData.existing.name,
                  id: actionData.existing.id,
                })}
              </Link>
            ) : null}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <section className="narrow">
      <p>
        <Link to="/appointees">{t("appointees.person.backToList")}</Link>
      </p>
      <h1>{t("appointees.new.title")}</h1>
      {committee ? (
        <p className="notice">
          {t("appointees.new.committeeFrom", { name: lang === "hi" ? committee.nameHi : committee.nameEn })}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        {text(fields.name, t("appointees.fields.name"), t("appointees.fields.nameHint"), "text", {
          autoComplete: "off",
        })}
        {text(
          fields.nameHi,
          `${t("appointees.fields.nameHi")} ${t("appointees.fields.optional")}`,
          null,
          "text",
          {
            lang: "hi",
            autoComplete: "off",
          },
        )}
        {text(fields.phone, t("appointees.fields.phone"), t("appointees.fields.phoneHint"), "tel", {
          inputMode: "tel",
          autoComplete: "off",
        })}
        {text(
          fields.email,
          `${t("appointees.fields.email")} ${t("appointees.fields.optional")}`,
          null,
          "email",
          {
            inputMode: "email",
            autoComplete: "off",
          },
        )}
        <fieldset className="field radio-group">
          <legend>{t("appointees.fields.preferredLanguage")}</legend>
          {(["hi", "en"] as const).map((value) => (
            <label key={value} className="radio">
              <input
                type="radio"
                name={fields.preferredLanguage.name}
                value={value}
                defaultChecked={(fields.preferredLanguage.initialValue ?? "hi") === value}
              />
              {t(`appointees.fields.language_${value}`)}
            </label>
          ))}
          {fields.preferredLanguage.errors?.length ? (
            <p className="field-error">{errorsOf(fields.preferredLanguage.errors)}</p>
          ) : null}
        </fieldset>

        <fieldset className="card appointment-fieldset">
          <legend>{t("appointees.fields.appointment")}</legend>
          <p className="muted small">
            {requireAppointment
              ? t("appointees.fields.appointmentHint")
              : t("appointees.fields.appointmentOptional")}
          </p>
          {text(
            fields.unitCode,
            t("appointees.fields.unitCode"),
            t("appointees.fields.unitCodeHint"),
            "text",
            {
              autoCapitalize: "characters",
              spellCheck: false,
              autoComplete: "off",
            },
          )}
          <div className="field">
            <label htmlFor={fields.designation.id}>{t("appointees.fields.designation")}</label>
            <select
              {...getSelectProps(fields.designation)}
              aria-describedby={fields.designation.errors?.length ? fields.designation.errorId : undefined}
            >
              <option value="">{t("appointees.fields.chooseDesignation")}</option>
              {designations.map((d) => (
                <option key={d.code} value={d.code}>
                  {lang === "hi" ? d.nameHi : d.nameEn}
                </option>
              ))}
            </select>
            {fields.designation.errors?.length ? (
              <p id={fields.designation.errorId} className="field-error">
                {errorsOf(fields.designation.errors)}
              </p>
            ) : null}
          </div>
        </fieldset>

        {form.errors?.length ? (
          <p className="notice error" role="alert">
            {errorsOf(form.errors)}
          </p>
        ) : null}
        <button type="submit" className="button">
          {t("appointees.new.submit")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
