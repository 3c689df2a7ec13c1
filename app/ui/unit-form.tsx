// The admins' unit forms: the new and edit pages share one form (the level only for a new unit), and the move
// page shares its unit code input. The same schemas check in the browser and on the server.
import type { FieldMetadata, SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { Language } from "#app/i18n/setup.ts";
import { describedBy, FieldError } from "./forms.tsx";
import { CreateUnitSchema, type UnitLevel, UpdateUnitSchema } from "#app/models/organisation/unit.ts";

type Field = FieldMetadata<unknown>;

/** A unit code, typed in any case (the schema upper-cases it), with a hint; `alert` announces its error. */
export function UnitCodeField({
  field,
  label,
  hint,
  alert,
}: {
  field: Field;
  label: string;
  hint: string;
  alert?: boolean;
}) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <input
        {...getInputProps(field, { type: "text" })}
        className="unit-code-input"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={40}
        aria-describedby={`${field.descriptionId}${field.errors ? ` ${field.errorId}` : ""}`}
      />
      <p id={field.descriptionId} className="muted small">
        {hint}
      </p>
      <FieldError field={field} alert={alert} />
    </div>
  );
}

function NameField({ field, label, lang }: { field: Field; label: string; lang: Language }) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <input
        {...getInputProps(field, { type: "text" })}
        lang={lang}
        maxLength={200}
        aria-describedby={describedBy(field)}
      />
      <FieldError field={field} />
    </div>
  );
}

/**
 * The new and edit form below the page's heading (`children`). A new unit (`levels` given) also picks its
 * level, and its parent, if any, goes along hidden.
 */
export function UnitForm({
  children,
  levels,
  defaultValue,
  lastResult,
  submitLabel,
  cancelTo,
}: {
  children: ReactNode;
  levels?: UnitLevel[];
  defaultValue: { parentId?: string; level?: UnitLevel; code?: string; nameEn?: string; nameHi?: string };
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
  cancelTo: string;
}) {
  const { t } = useTranslation();
  const schema = levels ? CreateUnitSchema : UpdateUnitSchema;
  // Typed by the new form's fields (a superset), and by the values both schemas check.
  const [form, fields] = useForm<z.input<typeof CreateUnitSchema>, z.output<typeof UpdateUnitSchema>>({
    lastResult,
    shouldValidate: "onBlur",
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <section className="narrow unit-form">
      {children}
      {form.errors?.length || lastResult?.status === "error" ? (
        <p className="notice error" role="alert">
          {t("units.form.fixErrors")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        {defaultValue.parentId ? <input {...getInputProps(fields.parentId, { type: "hidden" })} /> : null}
        {levels ? (
          <div className="field">
            <label htmlFor={fields.level.id}>{t("units.form.level")}</label>
            <select {...getSelectProps(fields.level)} aria-describedby={describedBy(fields.level)}>
              {levels.map((level) => (
                <option key={level} value={level}>
                  {t(`level.${level}`)}
                </option>
              ))}
            </select>
            <FieldError field={fields.level} />
          </div>
        ) : null}
        <UnitCodeField field={fields.code} label={t("units.form.code")} hint={t("units.form.codeHint")} />
        <NameField field={fields.nameEn} label={t("units.form.nameEn")} lang="en" />
        <NameField field={fields.nameHi} label={t("units.form.nameHi")} lang="hi" />
        <div className="unit-form-buttons">
          <button type="submit" className="button">
            {submitLabel}
          </button>
          <Link to={cancelTo}>{t("units.form.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
