// /dashboard: the organiser's overview: mail health, upcoming events with registrations against places,
// the latest events with their attendance, and committee formation and training by level.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { TableWrap } from "#app/ui/table-wrap.tsx";
import type { Language } from "#app/i18n/setup.ts";
import { getDashboard } from "#app/models/reports/report.server.ts";
import { coverage, formatPercent } from "#app/models/reports/report.ts";
import { formatDateTime, formatNumber } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import styles from "../styles/reports.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const [t, dashboard] = await Promise.all([i18nServer.getFixedT(request), getDashboard(getDb(), scope)]);
  return {
    title: `${t("reports.dashboard.title")} · ${t("app.name")}`,
    dashboard,
    asOf: new Date().toISOString(),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export default function DashboardPage() {
  const { dashboard, asOf } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  const title = (e: { titleEn: string; titleHi: string }): string => localized(e, "title", lang);
  const { mail } = dashboard;

  return (
    <div className="report-page">
      <h1>{t("reports.dashboard.title")}</h1>
      <p>{t("reports.dashboard.intro")}</p>
      <p className="muted small">{t("reports.asOf", { time: formatDateTime(new Date(asOf), lang) })}</p>

      <section
        aria-labelledby="mail-title"
        className={`card mail-health ${mail.status}`}
        data-testid="mail-health"
      >
        <h2 id="mail-title">{t("reports.dashboard.mailTitle")}</h2>
        <p>
          {mail.status === "stuck"
            ? t("reports.dashboard.mailStuck", { minutes: num(mail.oldestPendingMinutes ?? 0) })
            : mail.status === "failing"
              ? t("reports.dashboard.mailFailing", { failures: num(mail.recentFailures) })
              : t("reports.dashboard.mailOk", { sent: num(mail.recentSent) })}
        </p>
      </section>

      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t("reports.dashboard.upcomingTitle")}</h2>
        {dashboard.upcoming.length === 0 ? (
          <p className="card">{t("reports.dashboard.noUpcoming")}</p>
        ) : (
          <div className="table-wrap">
            <table className="report-table" data-testid="dashboard-upcoming">
              <caption>{t("reports.dashboard.upcomingCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("reports.dashboard.event")}</th>
                  <th scope="col">{t("reports.dashboard.startsAt")}</th>
                  <th scope="col" className="num">
                    {t("reports.invited")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.registered")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.waitlisted")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.dashboard.capacity")}
                  </th>
                  <th scope="col">{t("reports.dashboard.fill")}</th>
                </tr>
              </thead>
              <tbody>
                {dashboard.upcoming.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">
                      <Link to={`/events/${e.id}`}>{title(e)}</Link>
                    </th>
                    <td>{formatDateTime(new Date(e.startsAt), lang)}</td>
                    <td className="num">{num(e.invited)}</td>
                    <td className="num">{num(e.registered)}</td>
                    <td className="num">{num(e.waitlisted)}</td>
                    <td className="num">{num(e.capacity)}</td>
                    <td>
                      <progress
                        className="fill-bar"
                        max={e.capacity}
                        value={Math.min(e.registered, e.capacity)}
                        aria-label={t("reports.dashboard.fillLabel", {
                          registered: num(e.registered),
                          capacity: num(e.capacity),
                        })}
                      />{" "}
                      {formatPercent(coverage(e.registered, e.capacity), lang)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {dashboard.recent.length > 0 ? (
        <section aria-labelledby="recent-title">
          <h2 id="recent-title">{t("reports.dashboard.recentTitle")}</h2>
          <div className="table-wrap">
            <table className="report-table" data-testid="dashboard-recent">
              <caption>{t("reports.dashboard.recentCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("reports.dashboard.event")}</th>
                  <th scope="col">{t("reports.dashboard.startsAt")}</th>
                  <th scope="col" className="num">
                    {t("reports.invited")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.attendedAny")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.rate")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {dashboard.recent.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">
                      <Link to={`/reports/events/${e.id}`}>{title(e)}</Link>
                    </th>
                    <td>{formatDateTime(new Date(e.startsAt), lang)}</td>
                    <td className="num">{num(e.invited)}</td>
                    <td className="num">{num(e.attended)}</td>
                    <td className="num">{formatPercent(coverage(e.attended, e.invited), lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="formation-title">
        <h2 id="formation-title">{t("reports.dashboard.formationTitle")}</h2>
        {dashboard.formation.length === 0 ? (
          <p className="card">{t("reports.dashboard.noCommittees")}</p>
        ) : (
          <TableWrap label={t("reports.dashboard.formationCaption")}>
            <table className="report-table" data-testid="dashboard-formation">
              <caption>{t("reports.dashboard.formationCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("reports.level")}</th>
                  <th scope="col" className="num">
                    {t("reports.committees")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.rollup.formed")}
                  </th>
                  <th scope="col">{t("reports.dashboard.seatsFilled")}</th>
                  <th scope="col" className="num">
                    {t("reports.trained")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.coverage")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {dashboard.formation.map((row) => (
                  <tr key={row.level} data-level={row.level}>
                    <th scope="row">{t(`levelPlural.${row.level}`)}</th>
                    <td className="num">{num(row.committees)}</td>
                    <td className="num">{num(row.formed)}</td>
                    <td>
                      {t("reports.dashboard.seatsValue", {
                        members: num(row.members),
                        seats: num(row.seats),
                      })}{" "}
                      ({formatPercent(coverage(row.members, row.seats), lang)})
                    </td>
                    <td className="num">{num(row.trained)}</td>
                    <td className="num">{formatPercent(coverage(row.trained, row.members), lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <p className="report-links">
          <Link to="/reports">{t("reports.dashboard.coverageLink")}</Link>
        </p>
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
