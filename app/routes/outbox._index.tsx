import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import type { Language } from "#app/i18n/setup.ts";
import { countEmailsByStatus, listEmails, readOutboxFilter } from "#app/mail/outbox.server.ts";
import { formatDateTime, formatNumber } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { emailStatuses } from "#app/mail/email-statuses.ts";
import { isDeveloperOutbox, requireOutboxReader } from "#app/web/outbox-access.server.ts";

const statuses = emailStatuses;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOutboxReader(request);
  const filter = readOutboxFilter(new URL(request.url).searchParams);
  const [t, list, counts] = await Promise.all([
    i18nServer.getFixedT(request),
    listEmails(getDb(), filter),
    countEmailsByStatus(getDb()),
  ]);
  return {
    title: `${t("outbox.title")} · ${t("app.name")}`,
    ...list,
    counts,
    filter,
    local: isDeveloperOutbox(),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export default function Outbox() {
  const { rows, hasMore, counts, filter, local } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const pageLink = (page: number) =>
    `?${new URLSearchParams({ ...(filter.status ? { status: filter.status } : {}), page: String(page) })}`;
  return (
    <>
      <h1>{t("outbox.title")}</h1>
      <p className="notice">{local ? t("outbox.localNotice") : t("outbox.providerNotice")}</p>
      <Form method="get" className="filters">
        <label htmlFor="status">{t("outbox.filterStatus")}</label>
        <select id="status" name="status" defaultValue={filter.status ?? ""}>
          <option value="">{t("outbox.allStatuses")}</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t(`outbox.status_${s}`)} ({formatNumber(counts[s] ?? 0, lang)})
            </option>
          ))}
        </select>
        <button type="submit" className="button secondary">
          {t("outbox.filter")}
        </button>
      </Form>
      {rows.length === 0 ? (
        <p className="card">{t("outbox.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("outbox.created")}</th>
                <th scope="col">{t("outbox.recipient")}</th>
                <th scope="col">{t("outbox.subject")}</th>
                <th scope="col">{t("outbox.status")}</th>
                <th scope="col" className="num">
                  {t("outbox.attempts")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((email) => (
                <tr key={email.id} data-email-id={email.id}>
                  <td>{formatDateTime(new Date(email.createdAt), lang)}</td>
                  <td>{email.recipient}</td>
                  <td>
                    <Link to={`/outbox/${email.id}`}>{email.subject}</Link>
                  </td>
                  <td>
                    <span className={`badge status-${email.status}`}>
                      {t(`outbox.status_${email.status}`)}
                    </span>
                    {email.lastError ? <div className="muted small">{email.lastError}</div> : null}
                  </td>
                  <td className="num">{formatNumber(email.attempts, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t("outbox.page", { page: filter.page })}>
        {filter.page > 1 ? <Link to={pageLink(filter.page - 1)}>{t("outbox.previous")}</Link> : null}
        <span>{t("outbox.page", { page: filter.page })}</span>
        {hasMore ? <Link to={pageLink(filter.page + 1)}>{t("outbox.next")}</Link> : null}
      </nav>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
