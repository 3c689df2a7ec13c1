import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { inspectSignInToken, signInWithToken, type TokenState } from "#app/models/staff/sign-in.server.ts";
import { sessionCookieHeader } from "#app/web/auth.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";

// The link's token must not leak to other sites through the Referer header.
export const headers: HeadersFunction = () => ({
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
});

// A GET only shows the page: mail scanners open links, and that must not use them up.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await i18nServer.getFixedT(request);
  const state: TokenState = await inspectSignInToken(getDb(), params.token);
  return data(
    { state, title: `${t("auth.confirmTitle")} · ${t("app.name")}` },
    { status: state === "valid" ? 200 : state === "invalid" ? 404 : 410 },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ params }: ActionFunctionArgs) {
  const result = await signInWithToken(getDb(), params.token);
  if (!result.ok) return data({ state: result.error }, { status: result.error === "invalid" ? 404 : 410 });
  // Trainers come to mark attendance: their sessions are on /tablet.
  return redirect(result.role === "trainer" ? "/tablet" : "/", {
    headers: { "Set-Cookie": await sessionCookieHeader(result.sessionToken) },
  });
}

export default function ConfirmSignIn() {
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const state = actionData?.state ?? loaderData.state;
  const problem = {
    used: "auth.linkUsed",
    expired: "auth.linkExpired",
    invalid: "auth.linkInvalid",
  } as const;
  return (
    <section className="narrow">
      <h1>{t("auth.confirmTitle")}</h1>
      {state === "valid" ? (
        <>
          <p>{t("auth.confirmIntro")}</p>
          <Form method="post">
            <button type="submit" className="button">
              {t("auth.confirmButton")}
            </button>
          </Form>
        </>
      ) : (
        <>
          <p className="notice error" role="alert">
            {t(problem[state])}
          </p>
          <p>
            <Link to="/sign-in">{t("auth.askAgain")}</Link>
          </p>
        </>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
