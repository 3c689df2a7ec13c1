// Appointing to the committee: a person already on record (found by phone, email or name) or a new person.
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { localized } from "#app/i18n/localized.ts";
import {
  AppointExistingSchema,
  AppointNewSchema,
  FindExistingSchema,
} from "#app/models/organisation/committee.ts";
import { describedBy, FieldError, FormErrors, useErrorText } from "#app/ui/forms.tsx";
import { Candidates, type Found } from "./candidates.tsx";
import type { ActionData, LoaderData } from "./types.ts";

function DesignationSelect({
  field,
  designations,
}: {
  field: Parameters<typeof getSelectProps>[0];
  designations: LoaderData["designations"];
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={field.id}>{t("committees.appoint.designation")}</label>
      <select {...getSelectProps(field)} aria-describedby={describedBy(field)}>
        <option value="">{t("committees.appoint.chooseDesignation")}</option>
        {designations
          .filter((d) => d.active)
          .map((d) => (
            <option key={d.code} value={d.code}>
              {localized(d, "name", i18n.language)}
            </option>
          ))}
      </select>
      <FieldError field={field} />
    </div>
  );
}

function ExistingLink({ id }: { id?: number | null }) {
  const { t } = useTranslation();
  return id ? <Link to={`/appointees/${id}`}>{t("committees.appoint.existingPerson")}</Link> : null;
}

export function AppointExisting({
  designations,
  actionData,
}: {
  designations: LoaderData["designations"];
  actionData: ActionData;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const mine =
    actionData?.intent === "appoint-existing" || actionData?.intent === "find-existing"
      ? actionData
      : undefined;
  // Remix's serialised type of the union of candidates reads as {}: it is the model's Found.
  const found = mine && "found" in mine ? (mine.found as Found | null) : null;
  const [form, fields] = useForm({
    id: "appoint-existing",
    lastResult: mine?.result,
    shouldValidate: "onBlur",
    // The box takes a name for "find" (and on blur); only "appoint" needs a phone or email and a designation.
    onValidate: ({ formData }) =>
      parseWithZod(formData, {
        schema: formData.get("intent") === "appoint-existing" ? AppointExistingSchema : FindExistingSchema,
      }),
  });
  // A refusal of a found person's form (their id, a correction of their details): those fields are not in
  // this form, so it is said here.
  const correctionErrors = [
    fields.appointeeId,
    fields.name,
    fields.nameHi,
    fields.phone,
    fields.email,
  ].flatMap((f) => f.errors ?? []);
  return (
    <div className="card">
      <Form method="post" {...getFormProps(form)}>
        <h3>{t("committees.appoint.existingTitle")}</h3>
        <p className="muted small" id="existing-intro">
          {t("committees.appoint.existingIntro")}
        </p>
        <FormErrors form={form}>
          <ExistingLink id={mine?.existingAppointeeId} />
        </FormErrors>
        {correctionErrors.length ? (
          <p className="notice error" role="alert">
            {errorText(correctionErrors)}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor={fields.contact.id}>{t("committees.appoint.contact")}</label>
          <input
            {...getInputProps(fields.contact, { type: "text" })}
            autoComplete="off"
            aria-describedby={describedBy(fields.contact, "existing-intro")}
          />
          <FieldError field={fields.contact}>
            <ExistingLink id={mine?.existingAppointeeId} />
          </FieldError>
        </div>
        <DesignationSelect field={fields.designation} designations={designations} />
        <div className="row-actions">
          <button type="submit" name="intent" value="find-existing" className="button secondary">
            {t("committees.appoint.find")}
          </button>
          <button type="submit" name="intent" value="appoint-existing" className="button">
            {t("committees.appoint.submit")}
          </button>
        </div>
      </Form>
      {found ? <Candidates found={found} designations={designations} /> : null}
    </div>
  );
}

export function AppointNew({
  designations,
  actionData,
}: {
  designations: LoaderData["designations"];
  actionData: ActionData;
}) {
  const { t } = useTranslation();
  const mine = actionData?.intent === "appoint-new" ? actionData : undefined;
  const [form, fields] = useForm({
    id: "appoint-new",
    lastResult: mine?.result,
    shouldValidate: "onBlur",
    defaultValue: { preferredLanguage: "hi" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AppointNewSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <h3>{t("committees.appoint.newTitle")}</h3>
      <p className="muted small" id="new-intro">
        {t("committees.appoint.newIntro")}
      </p>
      <FormErrors form={form}>
        <ExistingLink id={mine?.existingAppointeeId} />
      </FormErrors>
      <div className="field">
        <label htmlFor={fields.name.id}>{t("committees.appoint.name")}</label>
        <input
          {...getInputProps(fields.name, { type: "text" })}
          autoComplete="off"
          aria-describedby={describedBy(fields.name, "name-hint")}
        />
        <p id="name-hint" className="muted small">
          {t("committees.appoint.nameHint")}
        </p>
        <FieldError field={fields.name} />
      </div>
      <div className="field">
        <label htmlFor={fields.nameHi.id}>{t("committees.appoint.nameHi")}</label>
        <input
          {...getInputProps(fields.nameHi, { type: "text" })}
          lang="hi"
          autoComplete="off"
          aria-describedby={describedBy(fields.nameHi)}
        />
        <FieldError field={fields.nameHi} />
      </div>
      <div className="field">
        <label htmlFor={fields.phone.id}>{t("committees.appoint.phone")}</label>
        <input
          {...getInputProps(fields.phone, { type: "tel" })}
          autoComplete="off"
          inputMode="tel"
          aria-describedby={describedBy(fields.phone, "new-intro")}
        />
        <FieldError field={fields.phone}>
          <ExistingLink id={mine?.existingAppointeeId} />
        </FieldError>
      </div>
      <div className="field">
        <label htmlFor={fields.email.id}>{t("committees.appoint.email")}</label>
        <input
          {...getInputProps(fields.email, { type: "email" })}
          autoComplete="off"
          inputMode="email"
          aria-describedby={describedBy(fields.email)}
        />
        <FieldError field={fields.email}>
          <ExistingLink id={mine?.existingAppointeeId} />
        </FieldError>
      </div>
      <div className="field">
        <label htmlFor={fields.preferredLanguage.id}>{t("committees.appoint.language")}</label>
        <select
          {...getSelectProps(fields.preferredLanguage)}
          aria-describedby={describedBy(fields.preferredLanguage)}
        >
          <option value="hi">{t("committees.appoint.languageHi")}</option>
          <option value="en">{t("committees.appoint.languageEn")}</option>
        </select>
        <FieldError field={fields.preferredLanguage} />
      </div>
      <DesignationSelect field={fields.designation} designations={designations} />
      <button type="submit" name="intent" value="appoint-new" className="button">
        {t("committees.appoint.submit")}
      </button>
    </Form>
  );
}
