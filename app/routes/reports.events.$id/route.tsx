// /reports/events/:id: one event's attendance per committee (sortable with ?sort=&dir=, paged with ?page=,
// all without JavaScript), from invitation to attendance in a chart, per session, and the walk-ins.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { barChartSvg } from "#app/ui/bar-chart.server.tsx";
import { ChartBox } from "#app/ui/chart-box.tsx";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { TableWrap } from "#app/ui/table-wrap.tsx";
import type { Language } from "#app/i18n/setup.ts";
import { getEventReport } from "#app/models/reports/report.server.ts";
import { parseEventReportQuery } from "#app/models/reports/report-query.server.ts";
import { formatDateTime, formatNumber } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import { localized } from "#app/i18n/localized.ts";
import styles from "../../styles/reports.css";
import { CommitteesSection } from "./committees.tsx";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const query = parseEventReportQuery(new URL(request.url).searchParams);
  const [t, locale, report] = await Promise.all([
    i18nServer.getFixedT(request),
    i18nServer.getLocale(request) as Promise<Language>,
    getEventReport(getDb(), scope, parseId(params.id), query),
  ]);
  const title: string = localized(report.event, "title", locale);
  const { totals } = report;
  const stages = [
    [t("reports.invited"), totals.invited],
    [t("reports.registered"), totals.registered],
    [t("reports.attendedAny"), totals.attended],
    [t("reports.attendedAll"), totals.attendedAll],
  ] as const;
  const chart = barChartSvg({
    id: "funnel-chart",
    title: t("reports.event.chartTitle"),
    desc: t("reports.event.chartDesc"),
    rows: stages.map(([label, value]) => ({ label, value, valueText: formatNumber(value, locale) })),
    formatTick: (value) => formatNumber(value, locale),
  });
  return {
    title: `${t("reports.event.title", { event: title })} · ${t("app.name")}`,
    report,
    query: { ...query, page: report.page },
    chart,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export default function EventReportPage() {
  const { report, query, chart } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  const { event, totals } = report;
  const title: string = localized(event, "title", lang);
  const stages = [
    ["invited", t("reports.invited"), totals.invited],
    ["registered", t("reports.registered"), totals.registered],
    ["attended", t("reports.attendedAny"), totals.attended],
    ["attendedAll", t("reports.attendedAll"), totals.attendedAll],
  ] as const;

  return (
    <div className="report-page">
      <p className="muted">{t("reports.event.heading")}</p>
      <h1>{title}</h1>
      <dl className="meta">
        <dt>{t("reports.event.unit")}</dt>
        <dd>{localized(event, "unitName", lang)}</dd>
        <dt>{t("reports.event.when")}</dt>
        <dd>{formatDateTime(new Date(event.startsAt), lang)}</dd>
        <dt>{t("reports.event.status")}</dt>
        <dd>{t(`reports.eventStatus.${event.status}`)}</dd>
        <dt>{t("reports.event.capacity")}</dt>
        <dd>{num(event.capacity)}</dd>
      </dl>
      <p className="report-links">
        <Link to={`/events/${event.id}`}>{t("reports.event.openEvent")}</Link>
        <a href={`/reports/events/${event.id}.csv`} download>
          {t("reports.event.csv")}
        </a>
      </p>

      <section aria-labelledby="totals-title">
        <h2 id="totals-title">{t("reports.event.totalsTitle")}</h2>
        <figure className="report-figure">
          <figcaption>{t("reports.event.chartTitle")}</figcaption>
          <ChartBox svg={chart} />
          <p className="muted small">{t("reports.chartHidden")}</p>
          <div className="table-wrap">
            <table className="report-table" data-testid="event-funnel">
              <caption>{t("reports.event.funnelCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("reports.event.stage")}</th>
                  <th scope="col" className="num">
                    {t("reports.event.people")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {stages.map(([key, label, value]) => (
                  <tr key={key} data-stage={key}>
                    <th scope="row">{label}</th>
                    <td className="num">{num(value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </figure>
        <p>
          {report.requiredSessions === 0
            ? t("reports.event.requiredNone")
            : t("reports.event.requiredCount", { count: report.requiredSessions })}
        </p>
        <p className="card" data-testid="event-walk-ins">
          <strong>{t("reports.event.walkIns")}</strong>:{" "}
          {t("reports.event.walkInsValue", {
            present: num(report.walkIns.present),
            verified: num(report.walkIns.verified),
          })}
          <br />
          <span className="small muted">{t("reports.event.walkInsNote")}</span>
        </p>
      </section>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t("reports.event.sessionsTitle")}</h2>
        {report.sessions.length === 0 ? (
          <p className="card">{t("reports.event.noSessions")}</p>
        ) : (
          <TableWrap label={t("reports.event.sessionsCaption")}>
            <table className="report-table" data-testid="event-sessions">
              <caption>{t("reports.event.sessionsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("reports.event.session")}</th>
                  <th scope="col">{t("reports.event.startsAt")}</th>
                  <th scope="col">{t("reports.event.required")}</th>
                  <th scope="col" className="num">
                    {t("reports.event.present")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.event.presentWalkIns")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.sessions.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{localized(s, "title", lang)}</th>
                    <td>{formatDateTime(new Date(s.startsAt), lang)}</td>
                    <td>{s.required ? t("reports.event.requiredYes") : t("reports.event.requiredNo")}</td>
                    <td className="num">{num(s.present)}</td>
                    <td className="num">{num(s.walkIns)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      <CommitteesSection report={report} query={query} />
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
