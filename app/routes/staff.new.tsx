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
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { inviteStaff } from "#app/models/staff.server.ts";
import { StaffInviteSchema, staffLanguages, staffRoles } from "#app/models/staff.ts";
import { getDb } from "#app/utils/db.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { i18nServer } from "#app/utils/i18n.server.ts";
import { requireAdmin } from "#app/utils/organiser.server.ts";
import styles from "../styles/staff.css";
import { readForm } from "#app/utils/form.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const t = await i18nServer.getFixedT(request);
  return { title: `${t("staff.new.title")} · ${t("app.name")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const submission = parseWithZod(await readForm(request), { schema: StaffInviteSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), existingId: null }, { status: 400 });
  }
  const result = await inviteStaff(getDb(), actor, submission.value, { publicUrl: getEnv().PUBLIC_URL });
  if (!result.ok) {
    const reply = submission.reply({ fieldErrors: { [result.field ?? ""]: [result.error] } });
    return data(
      { result: reply, existingId: "existingId" in result ? result.existingId : null },
      { status: 400 },
    );
  }
  return redirect(`/staff?invited=${result.id}`);
}

export default function InviteStaff() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    // Once shown, an error goes as soon as it is fixed: clearing it on blur would move the submit button
    // from under a tap that has already started.
    shouldRevalidate: "onInput",
    defaultValue: { role: "organiser", preferredLanguage: "hi" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StaffInviteSchema }),
  });
  const errors = (list: string[] | undefined) => list?.map((key) => t(key)).join(" ");
  const described = (field: { errorId: string; errors?: string[] }, ...more: string[]) =>
    [field.errors?.length ? field.errorId : "", ...more].filter(Boolean).join(" ") || undefined;
  return (
    <section className="narrow staff-form">
      <p>
        <Link to="/staff">{t("staff.new.cancel")}</Link>
      </p>
      <h1>{t("staff.new.title")}</h1>
      <p>{t("staff.new.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <div className="field">
          <label htmlFor={fields.email.id}>{t("staff.fields.email")}</label>
          <input
            {...getInputProps(fields.email, { type: "email" })}
            autoComplete="off"
            inputMode="email"
            aria-describedby={described(fields.email)}
          />
          {fields.email.errors?.length ? (
            <p id={fields.email.errorId} className="field-error">
              {errors(fields.email.errors)}{" "}
              {actionData?.existingId ? (
                <Link to={`/staff/${actionData.existingId}`}>{t("staff.errors.duplicateLink")}</Link>
              ) : null}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={fields.name.id}>{t("staff.fields.name")}</label>
          <input
            {...getInputProps(fields.name, { type: "text" })}
            autoComplete="off"
            aria-describedby={described(fields.name)}
          />
          {fields.name.errors?.length ? (
            <p id={fields.name.errorId} className="field-error">
              {errors(fields.name.errors)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={fields.role.id}>{t("staff.fields.role")}</label>
          <select
            {...getSelectProps(fields.role)}
            aria-describedby={described(fields.role, `${fields.role.id}-hint`)}
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
          {fields.role.errors?.length ? (
            <p id={fields.role.errorId} className="field-error">
              {errors(fields.role.errors)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={fields.scopeUnitCode.id}>{t("staff.fields.scopeUnitCode")}</label>
          <input
            {...getInputProps(fields.scopeUnitCode, { type: "text" })}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            className="unit-code"
            aria-describedby={described(fields.scopeUnitCode, `${fields.scopeUnitCode.id}-hint`)}
          />
          <p id={`${fields.scopeUnitCode.id}-hint`} className="muted small">
            {t("staff.fields.scopeHint")}
          </p>
          {fields.scopeUnitCode.errors?.length ? (
            <p id={fields.scopeUnitCode.errorId} className="field-error">
              {errors(fields.scopeUnitCode.errors)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={fields.preferredLanguage.id}>{t("staff.fields.preferredLanguage")}</label>
          <select
            {...getSelectProps(fields.preferredLanguage)}
            aria-describedby={described(fields.preferredLanguage)}
          >
            {staffLanguages.map((lng) => (
              <option key={lng} value={lng}>
                {t(`staff.language_${lng}`)}
              </option>
            ))}
          </select>
          {fields.preferredLanguage.errors?.length ? (
            <p id={fields.preferredLanguage.errorId} className="field-error">
              {errors(fields.preferredLanguage.errors)}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button">
          {t("staff.new.submit")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
