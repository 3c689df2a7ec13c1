// The office-bearer form: a new person (/appointees/new, with their first appointment) and a person's details
// (/appointees/:id). The same schemas check in the browser and on the server.
import type { FieldMetadata, SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import type { InputHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import { AppointeeSchema, newAppointeeSchema } from "#app/models/organisation/appointee.ts";
import { describedBy, FieldError, FormErrors } from "./forms.tsx";

/** What the action sends back: the form's result, and the person who already has that phone or email. */
export type AppointeeFormReply = {
  result: SubmissionResult<string[]>;
  existing: { id: number; name: string } | null;
  existingField: string | null;
};

type Values = {
  name?: string;
  nameHi?: string;
  phone?: string;
  email?: string;
  preferredLanguage?: "hi" | "en";
  unitCode?: string;
};

export function AppointeeForm({
  id,
  defaultValue,
  appointment,
  reply,
  submitLabel,
}: {
  /** Changes when the person does, so the form starts again from the saved values. */
  id?: string;
  defaultValue: Values;
  /** A new person's first appointment: whether it is required and the designations to choose from. */
  appointment?: { required: boolean; designations: { code: string; nameEn: string; nameHi: string }[] };
  reply?: AppointeeFormReply;
  submitLabel: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const schema = appointment ? newAppointeeSchema(appointment.required) : AppointeeSchema;
  // Typed by the new form's fields (a superset); the browser only checks, the server uses the values.
  const [form, fields] = useForm<z.input<ReturnType<typeof newAppointeeSchema>>, unknown>({
    id,
    lastResult: reply?.result,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });

  const text = (
    field: FieldMetadata<string | undefined>,
    label: string,
    hint: string | null,
    type: "text" | "tel" | "email",
    props: InputHTMLAttributes<HTMLInputElement> = {},
  ) => {
    const hintId = hint ? `${field.id}-hint` : null;
    const existing = reply?.existingField === field.name ? reply.existing : null;
    // The hint first, then the error (a screen reader reads them in this order).
    const described = [hintId, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ");
    return (
      <div className="field">
        <label htmlFor={field.id}>{label}</label>
        <input {...getInputProps(field, { type })} {...props} aria-describedby={described || undefined} />
        {hint ? (
          <p id={hintId!} className="muted small">
            {hint}
          </p>
        ) : null}
        <FieldError field={field}>
          {existing ? (
            <Link to={`/appointees/${existing.id}`}>
              {t("appointees.duplicate.open", { name: existing.name, id: existing.id })}
            </Link>
          ) : null}
        </FieldError>
      </div>
    );
  };
  const optional = (label: string) => `${label} ${t("appointees.fields.optional")}`;

  return (
    <Form method="post" {...getFormProps(form)} key={form.id}>
      {text(fields.name, t("appointees.fields.name"), t("appointees.fields.nameHint"), "text", {
        autoComplete: "off",
      })}
      {text(fields.nameHi, optional(t("appointees.fields.nameHi")), null, "text", {
        lang: "hi",
        autoComplete: "off",
      })}
      {text(fields.phone, t("appointees.fields.phone"), t("appointees.fields.phoneHint"), "tel", {
        inputMode: "tel",
        autoComplete: "off",
      })}
      {text(fields.email, optional(t("appointees.fields.email")), null, "email", {
        inputMode: "email",
        autoComplete: "off",
      })}
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
        <FieldError field={fields.preferredLanguage} />
      </fieldset>

      {appointment ? (
        <fieldset className="card appointment-fieldset">
          <legend>{t("appointees.fields.appointment")}</legend>
          <p className="muted small">
            {appointment.required
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
              aria-describedby={describedBy(fields.designation)}
            >
              <option value="">{t("appointees.fields.chooseDesignation")}</option>
              {appointment.designations.map((d) => (
                <option key={d.code} value={d.code}>
                  {localized(d, "name", lang)}
                </option>
              ))}
            </select>
            <FieldError field={fields.designation} />
          </div>
        </fieldset>
      ) : null}

      <FormErrors form={form} />
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
