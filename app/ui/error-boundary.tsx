import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The error page of every route, in the reader's language; never shows a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const notFound = status === 404;
  const forbidden = status === 403;
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="muted">{t("error.status", { status })}</p>
      <h1 id="error-title">
        {notFound ? t("error.notFoundTitle") : forbidden ? t("error.forbiddenTitle") : t("error.title")}
      </h1>
      <p>{notFound ? t("error.notFound") : forbidden ? t("auth.forbidden") : t("error.generic")}</p>
      <p>
        <a href="/">{t("error.backHome")}</a>
      </p>
    </section>
  );
}
