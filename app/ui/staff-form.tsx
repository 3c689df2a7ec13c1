// The staff account form: the invitation (/staff/new, with the email address) and an account's details
// (/staff/:id, with "active"). The same schemas check in the browser and on the server.
import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import { StaffInviteSchema, StaffUpdateSchema, staffLanguages, staffRoles } from "#app/models/staff/staff.ts";
import type { UnitLevel } from "#app/models/organisation/unit.ts";
import { describedBy, FieldError, FormErrors } from "./forms.tsx";

/** The account being edited; without one, the form invites a new person. */
export type EditedStaff = {
  name: string;
  role: (typeof staffRoles)[number];
  scope: { code: string; level: UnitLevel; nameEn: string; nameHi: string } | null;
  preferredLanguage: (typeof staffLanguages)[number];
  active: boolean;
};

export function StaffForm({
  staff,
  isSelf,
  existingId,
  lastResult,
  submitLabel,
}: {
  staff?: EditedStaff;
  /** The account is the reader's own (an admin cannot deactivate themselves). */
  isSelf?: boolean;
  /** An invitation refused as a duplicate: the account that has the address. */
  existingId?: number | null;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const schema = staff ? StaffUpdateSchema : StaffInviteSchema;
  // Typed by both forms' fields; the browser only checks, the server uses the values.
  const [form, fields] = useForm<
    z.input<typeof StaffInviteSchema> & z.input<typeof StaffUpdateSchema>,
    unknown
  >({
    lastResult,
    shouldValidate: "onBlur",
    // Once shown, an error goes as soon as it is fixed: clearing it on blur would move the submit button
    // from under a tap that has already started.
    shouldRevalidate: "onInput",
    defaultValue: staff
      ? {
          name: staff.name,
          role: staff.role,
          scopeUnitCode: staff.scope?.code ?? "",
          preferredLanguage: staff.preferredLanguage,
          active: staff.active,
        }
      : { role: "organiser", preferredLanguage: "hi" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors form={form} />
      {staff ? null : (
        <div className="field">
          <label htmlFor={fields.email.id}>{t("staff.fields.email")}</label>
          <input
            {...getInputProps(fields.email, { type: "email" })}
            autoComplete="off"
            inputMode="email"
            aria-describedby={describedBy(fields.email)}
          />
          <FieldError field={fields.email}>
            {existingId ? <Link to={`/staff/${existingId}`}>{t("staff.errors.duplicateLink")}</Link> : null}
          </FieldError>
        </div>
      )}
      <div className="field">
        <label htmlFor={fields.name.id}>{t("staff.fields.name")}</label>
        <input
          {...getInputProps(fields.name, { type: "text" })}
          autoComplete="off"
          aria-describedby={describedBy(fields.name)}
        />
        <FieldError field={fields.name} />
      </div>
      <div className="field">
        <label htmlFor={fields.role.id}>{t("staff.fields.role")}</label>
        <select
          {...getSelectProps(fields.role)}
          aria-describedby={describedBy(fields.role, `${fields.role.id}-hint`)}
        >
          {staffRoles.map((role) => (
            <option key={role} value={role}>
              {t(`staff.role_${role}`)}
            </option>
          ))}
        </select>
        <ul id={`${fields.role.id}-hint`} className="muted small role-hints">
          {staffRoles.map((role) => (
            <li key={role}>
              <strong>{t(`staff.role_${role}`)}</strong>: {t(`staff.roleHint_${role}`)}
            </li>
          ))}
        </ul>
        <FieldError field={fields.role} />
      </div>
      <div className="field">
        <label htmlFor={fields.scopeUnitCode.id}>{t("staff.fields.scopeUnitCode")}</label>
        <input
          {...getInputProps(fields.scopeUnitCode, { type: "text" })}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          className="unit-code"
          aria-describedby={describedBy(fields.scopeUnitCode, `${fields.scopeUnitCode.id}-hint`)}
        />
        <p id={`${fields.scopeUnitCode.id}-hint`} className="muted small">
          {staff?.scope
            ? `${localized(staff.scope, "name", lang)} (${t(`level.${staff.scope.level}`)}). `
            : null}
          {t("staff.fields.scopeHint")}
        </p>
        <FieldError field={fields.scopeUnitCode} />
      </div>
      <div className="field">
        <label htmlFor={fields.preferredLanguage.id}>{t("staff.fields.preferredLanguage")}</label>
        <select
          {...getSelectProps(fields.preferredLanguage)}
          aria-describedby={describedBy(fields.preferredLanguage)}
        >
          {staffLanguages.map((lng) => (
            <option key={lng} value={lng}>
              {t(`staff.language_${lng}`)}
            </option>
          ))}
        </select>
        <FieldError field={fields.preferredLanguage} />
      </div>
      {staff ? (
        <div className="field checkbox-field">
          <label htmlFor={fields.active.id}>
            <input
              {...getInputProps(fields.active, { type: "checkbox" })}
              aria-describedby={`${fields.active.id}-hint`}
            />
            {t("staff.fields.active")}
          </label>
          <p id={`${fields.active.id}-hint`} className="muted small">
            {t(isSelf ? "staff.errors.selfDeactivate" : "staff.fields.activeHint")}
          </p>
        </div>
      ) : null}
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
