// A committee's names and seat quota: the form of /committees/new and the edit card of /committees/:id.
// The same schema checks in the browser and on the server.
import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Language } from "#app/i18n/setup.ts";
import { CommitteeFormSchema } from "#app/models/organisation/committee.ts";
import { describedBy, FieldError, FormErrors } from "./forms.tsx";

export function CommitteeForm({
  id,
  values,
  lastResult,
  quotaHint,
  existingCommitteeId,
  intent,
  className,
  submitLabel,
}: {
  id: string;
  /** The names and quota the form starts with. */
  values: { nameEn: string; nameHi: string; seatQuota: number };
  lastResult?: SubmissionResult<string[]> | null;
  /** The hint below the quota (the level's usual quota). */
  quotaHint?: string;
  /** A refusal because the unit has a committee already: a link to it. */
  existingCommitteeId?: number | null;
  /** The page's action among several: sent as the submit button's "intent". */
  intent?: string;
  className?: string;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id,
    lastResult,
    shouldValidate: "onBlur",
    defaultValue: { nameEn: values.nameEn, nameHi: values.nameHi, seatQuota: String(values.seatQuota) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CommitteeFormSchema }),
  });
  const name = (field: typeof fields.nameEn, label: string, lang: Language) => (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <input
        {...getInputProps(field, { type: "text" })}
        lang={lang}
        autoComplete="off"
        aria-describedby={describedBy(field)}
      />
      <FieldError field={field} />
    </div>
  );

  return (
    <Form method="post" {...getFormProps(form)} className={className}>
      <FormErrors form={form}>
        {existingCommitteeId ? (
          <Link to={`/committees/${existingCommitteeId}`}>{t("committees.openExisting")}</Link>
        ) : null}
      </FormErrors>
      {name(fields.nameEn, t("committees.nameEn"), "en")}
      {name(fields.nameHi, t("committees.nameHi"), "hi")}
      <div className="field">
        <label htmlFor={fields.seatQuota.id}>{t("committees.seatQuota")}</label>
        <input
          {...getInputProps(fields.seatQuota, { type: "number" })}
          min={1}
          max={1000}
          inputMode="numeric"
          aria-describedby={describedBy(fields.seatQuota, ...(quotaHint ? ["quota-hint"] : []))}
        />
        {quotaHint ? (
          <p id="quota-hint" className="muted small">
            {quotaHint}
          </p>
        ) : null}
        <FieldError field={fields.seatQuota} />
      </div>
      <button type="submit" name={intent ? "intent" : undefined} value={intent} className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
