// Marking the committee formed (with a reason when seats are empty) or reopening it, and editing its names.
import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "#app/i18n/datetime.ts";
import type { Language } from "#app/i18n/setup.ts";
import { canMarkFormed, MarkFormedSchema } from "#app/models/organisation/committee.ts";
import { CommitteeForm } from "#app/ui/committee-form.tsx";
import { describedBy, FieldError, FormErrors } from "#app/ui/forms.tsx";
import type { ActionData, LoaderData } from "./types.ts";

export function Formation({
  committee,
  activeMembers,
  actionData,
}: {
  committee: LoaderData["committee"];
  activeMembers: number;
  actionData: ActionData;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const mine =
    actionData?.intent === "mark-formed" || actionData?.intent === "reopen" ? actionData : undefined;
  const [form, fields] = useForm({
    id: "formation",
    lastResult: mine?.result,
    shouldValidate: "onSubmit",
    // The server decides (it counts the seats under a lock); the browser only checks the reason's length.
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MarkFormedSchema }),
  });
  const ready = canMarkFormed({ activeMembers, seatQuota: committee.seatQuota });
  return (
    <section aria-labelledby="formation-title" className="card">
      <h2 id="formation-title">{t("committees.formation.title")}</h2>
      {committee.status === "formed" ? (
        <Form method="post" {...getFormProps(form)}>
          <FormErrors form={form} />
          <p>{t("committees.formation.formedIntro")}</p>
          <button type="submit" name="intent" value="reopen" className="button secondary">
            {t("committees.formation.reopen")}
          </button>
        </Form>
      ) : (
        <Form method="post" {...getFormProps(form)}>
          <FormErrors form={form} />
          <p id="formation-intro">
            {ready
              ? t("committees.formation.readyIntro")
              : t("committees.formation.shortIntro", {
                  filled: formatNumber(activeMembers, lang),
                  quota: formatNumber(committee.seatQuota, lang),
                })}
          </p>
          {ready ? null : (
            <div className="field">
              <label htmlFor={fields.overrideReason.id}>{t("committees.formation.reason")}</label>
              <textarea
                {...getTextareaProps(fields.overrideReason)}
                rows={3}
                aria-describedby={describedBy(fields.overrideReason, "formation-intro")}
              />
              <FieldError field={fields.overrideReason} />
            </div>
          )}
          <button type="submit" name="intent" value="mark-formed" className="button">
            {t("committees.formation.markFormed")}
          </button>
        </Form>
      )}
    </section>
  );
}

export function EditCommittee({
  committee,
  actionData,
}: {
  committee: LoaderData["committee"];
  actionData: ActionData;
}) {
  const { t } = useTranslation();
  const mine = actionData?.intent === "edit" ? actionData : undefined;
  return (
    <section aria-labelledby="edit-title" className="card">
      <h2 id="edit-title">{t("committees.edit.title")}</h2>
      <CommitteeForm
        id="edit"
        values={committee}
        lastResult={mine?.result}
        intent="edit"
        className="committee-edit"
        submitLabel={t("committees.edit.save")}
      />
    </section>
  );
}
