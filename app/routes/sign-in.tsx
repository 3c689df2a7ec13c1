import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { describedBy, FieldError } from "#app/ui/forms.tsx";
import { requestSignInLink } from "#app/models/staff/sign-in.server.ts";
import { SignInRequestSchema } from "#app/models/staff/sign-in.ts";
import { clientIp, getStaff } from "#app/web/auth.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { getEnv } from "#app/platform/env.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { readForm } from "#app/web/form.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getStaff(request)) throw redirect("/");
  const t = await i18nServer.getFixedT(request);
  return { title: `${t("auth.signInTitle")} · ${t("app.name")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: SignInRequestSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), sentTo: null, retryMinutes: null }, { status: 400 });
  }
  const outcome = await requestSignInLink(getDb(), {
    email: submission.value.email,
    ip: clientIp(context),
    publicUrl: getEnv().PUBLIC_URL,
  });
  if (!outcome.ok) {
    return data(
      { result: submission.reply(), sentTo: null, retryMinutes: Math.ceil(outcome.retryAfterSeconds / 60) },
      { status: 429 },
    );
  }
  return {
    result: submission.reply({ resetForm: true }),
    sentTo: submission.value.email,
    retryMinutes: null,
  };
}

export default function SignIn() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInRequestSchema }),
  });
  return (
    <section className="narrow">
      <h1>{t("auth.signInTitle")}</h1>
      <p>{t("auth.signInIntro")}</p>
      {actionData?.sentTo && !fields.email.errors?.length ? (
        <p className="notice" role="status">
          {t("auth.linkSent", { email: actionData.sentTo })}
        </p>
      ) : null}
      {actionData?.retryMinutes ? (
        <p className="notice error" role="alert">
          {t("auth.rateLimited", { minutes: actionData.retryMinutes })}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <div className="field">
          <label htmlFor={fields.email.id}>{t("auth.emailLabel")}</label>
          <input
            {...getInputProps(fields.email, { type: "email" })}
            autoComplete="email"
            inputMode="email"
            aria-describedby={describedBy(fields.email)}
          />
          <FieldError field={fields.email} />
        </div>
        <button type="submit" className="button">
          {t("auth.sendLink")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
