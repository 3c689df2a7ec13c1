// /tablet/pair: a tablet exchanges the pairing code an organiser shows for a credential limited to that
// event. A GET (also from the QR code, ?code=…) only shows the form; the POST uses the code up.
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
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { normalizePairingCode, PairSchema } from "#app/models/attendance/attendance.ts";
import { pairTablet } from "#app/models/attendance/tablet-device.server.ts";
import { clientIp } from "#app/web/auth.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { tabletCookieHeader } from "#app/web/tablet-auth.server.ts";
import styles from "../styles/tablet.css";
import { readForm } from "#app/web/form.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18nServer.getFixedT(request);
  const url = new URL(request.url);
  return {
    title: `${t("tablet.pairTitle")} · ${t("app.name")}`,
    code: normalizePairingCode(url.searchParams.get("code") ?? "") ?? "",
    revoked: url.searchParams.get("revoked") === "1",
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: PairSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await pairTablet(getDb(), { code: submission.value.code, ip: clientIp(context) });
  if (!outcome.ok) {
    return data(
      { result: submission.reply({ fieldErrors: { code: [outcome.error] } }) },
      { status: outcome.error === "tablet.errors.rateLimited" ? 429 : 400 },
    );
  }
  return redirect(`/tablet/events/${outcome.device.eventId}`, {
    headers: { "Set-Cookie": await tabletCookieHeader(outcome.token) },
  });
}

export default function PairTablet() {
  const { t } = useTranslation();
  const { code, revoked } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { code },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PairSchema }),
  });
  const errors = fields.code.errors?.map((key) => t(key));
  return (
    <section className="narrow tablet-page">
      <h1>{t("tablet.pairTitle")}</h1>
      {revoked ? (
        <p className="notice error" role="alert">
          {t("tablet.revoked")}
        </p>
      ) : null}
      <p>{t("tablet.pairIntro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <div className="field">
          <label htmlFor={fields.code.id}>{t("tablet.codeLabel")}</label>
          <input
            {...getInputProps(fields.code, { type: "text" })}
            className="pairing-input"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-describedby={errors?.length ? `${fields.code.errorId} code-hint` : "code-hint"}
          />
          <p id="code-hint" className="muted small">
            {t("tablet.codeHint")}
          </p>
          {errors?.length ? (
            <p id={fields.code.errorId} className="field-error">
              {errors.join(" ")}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button">
          {t("tablet.pairButton")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
