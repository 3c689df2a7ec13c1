// /committees/new?unit=<unitId>: create the committee of a unit that has none (organisers inside their scope).
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
import { createCommittee, getNewCommitteeForm } from "#app/models/committee.server.ts";
import { CommitteeFormSchema } from "#app/models/committee.ts";
import { formatNumber } from "#app/utils/datetime.ts";
import { getDb } from "#app/utils/db.server.ts";
import { i18nServer } from "#app/utils/i18n.server.ts";
import { requireOrganiser } from "#app/utils/organiser.server.ts";
import { parseId } from "#app/utils/params.ts";
import styles from "../styles/committees.css";
import { readForm } from "#app/utils/form.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

function unitIdOf(request: Request): number | null {
  return parseId(new URL(request.url).searchParams.get("unit") ?? undefined);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const form = await getNewCommitteeForm(getDb(), scope, unitIdOf(request));
  if (form.existingCommitteeId) throw redirect(`/committees/${form.existingCommitteeId}`);
  const t = await i18nServer.getFixedT(request);
  return {
    title: `${t("committees.newTitle")} · ${t("app.name")}`,
    unit: form.unit,
    defaults: form.defaults,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request }: ActionFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const unitId = unitIdOf(request);
  if (!unitId) throw new Response("Not found", { status: 404 });
  const submission = parseWithZod(await readForm(request), { schema: CommitteeFormSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), existingCommitteeId: null }, { status: 400 });
  }
  const outcome = await createCommittee(getDb(), { staffId: staff.id, scope }, unitId, submission.value);
  if (!outcome.ok) {
    const reply = outcome.field
      ? submission.reply({ fieldErrors: { [outcome.field]: [outcome.error] } })
      : submission.reply({ formErrors: [outcome.error] });
    return data({ result: reply, existingCommitteeId: outcome.existingCommitteeId ?? null }, { status: 400 });
  }
  return redirect(`/committees/${outcome.committeeId}?done=created`);
}

export default function NewCommittee() {
  const { unit, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const unitName = lang === "hi" ? unit.nameHi : unit.nameEn;
  const [form, fields] = useForm({
    id: "new-committee",
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    defaultValue: { nameEn: defaults.nameEn, nameHi: defaults.nameHi, seatQuota: String(defaults.seatQuota) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CommitteeFormSchema }),
  });
  const errorText = (list: string[] | undefined) => list?.map((key) => t(key)).join(" ");
  const describedBy = (field: { errorId: string; errors?: string[] }, ...more: string[]) =>
    [field.errors?.length ? field.errorId : "", ...more].filter(Boolean).join(" ") || undefined;

  return (
    <section className="narrow committee-form">
      <p>
        <Link to={`/units/${unit.id}`}>{t("committees.backToUnit", { unit: unitName })}</Link>
      </p>
      <h1>{t("committees.newTitle")}</h1>
      <p>{t("committees.newIntro", { unit: `${unitName} (${t(`level.${unit.level}`)})` })}</p>
      <Form method="post" {...getFormProps(form)}>
        {form.errors?.length ? (
          <p id={form.errorId} className="notice error" role="alert">
            {errorText(form.errors)}{" "}
            {actionData?.existingCommitteeId ? (
              <Link to={`/committees/${actionData.existingCommitteeId}`}>{t("committees.openExisting")}</Link>
            ) : null}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor={fields.nameEn.id}>{t("committees.nameEn")}</label>
          <input
            {...getInputProps(fields.nameEn, { type: "text" })}
            lang="en"
            autoComplete="off"
            aria-describedby={describedBy(fields.nameEn)}
          />
          {fields.nameEn.errors?.length ? (
            <p id={fields.nameEn.errorId} className="field-error">
              {errorText(fields.nameEn.errors)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={fields.nameHi.id}>{t("committees.nameHi")}</label>
          <input
            {...getInputProps(fields.nameHi, { type: "text" })}
            lang="hi"
            autoComplete="off"
            aria-describedby={describedBy(fields.nameHi)}
          />
          {fields.nameHi.errors?.length ? (
            <p id={fields.nameHi.errorId} className="field-error">
              {errorText(fields.nameHi.errors)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={fields.seatQuota.id}>{t("committees.seatQuota")}</label>
          <input
            {...getInputProps(fields.seatQuota, { type: "number" })}
            min={1}
            max={1000}
            inputMode="numeric"
            aria-describedby={describedBy(fields.seatQuota, "quota-hint")}
          />
          <p id="quota-hint" className="muted small">
            {t("committees.seatQuotaHint", { quota: formatNumber(defaults.seatQuota, lang) })}
          </p>
          {fields.seatQuota.errors?.length ? (
            <p id={fields.seatQuota.errorId} className="field-error">
              {errorText(fields.seatQuota.errors)}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button">
          {t("committees.create")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
