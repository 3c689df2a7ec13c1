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
import {
  coverage,
  type EventReportQuery,
  type EventSortKey,
  formatPercent,
  pageSearch,
  parseEventReportQuery,
  sortSearch,
} from "#app/models/reports/report.ts";
import { formatDateTime, formatNumber } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../styles/reports.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const query = parseEventReportQuery(new URL(request.url).searchParams);
  const [t, locale, report] = await Promise.all([
    i18nServer.getFixedT(request),
    i18nServer.getLocale(request) as Promise<Language>,
    getEventReport(getDb(), scope, parseId(params.id), query),
  ]);
  const title = locale === "hi" ? report.event.titleHi : report.event.titleEn;
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

const numericColumns: { key: Exclude<EventSortKey, "committee">; label: string }[] = [
  { key: "seats", label: "reports.seats" },
  { key: "members", label: "reports.members" },
  { key: "invited", label: "reports.invited" },
  { key: "registered", label: "reports.registered" },
  { key: "attended", label: "reports.attendedAny" },
  { key: "attendedAll", label: "reports.attendedAll" },
  { key: "rate", label: "reports.rate" },
];

export default function EventReportPage() {
  const { report, query, chart } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  const { event, totals } = report;
  const title = lang === "hi" ? event.titleHi : event.titleEn;
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
        <dd>{lang === "hi" ? event.unitNameHi : event.unitNameEn}</dd>
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
                    <th scope="row">{lang === "hi" ? s.titleHi : s.titleEn}</th>
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

      <section aria-labelledby="committees-title">
        <h2 id="committees-title">{t("reports.event.committeesTitle")}</h2>
        {totals.committees === 0 ? (
          <p className="card">{t("reports.event.noCommittees")}</p>
        ) : (
          <>
            <div className="table-wrap">
              <table className="report-table" data-testid="event-committees">
                <caption>{t("reports.event.committeesCaption")}</caption>
                <thead>
                  <tr>
                    <SortHeading query={query} column="committee" label={t("reports.committee")} />
                    {numericColumns.map((c) => (
                      <SortHeading key={c.key} query={query} column={c.key} label={t(c.label)} numeric />
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {report.rows.map((row) => (
                    <tr key={row.committeeId} data-unit-code={row.unitCode}>
                      <th scope="row">
                        <Link to={`/reports/committees/${row.committeeId}`}>
                          {lang === "hi" ? row.nameHi : row.nameEn}
                        </Link>{" "}
                        <span className="muted code">{row.unitCode}</span>
                      </th>
                      <td className="num" data-figure="seats">
                        {num(row.seatQuota)}
                      </td>
                      <td className="num" data-figure="members">
                        {num(row.members)}
                      </td>
                      <td className="num" data-figure="invited">
                        {num(row.invited)}
                      </td>
                      <td className="num" data-figure="registered">
                        {num(row.registered)}
                      </td>
                      <td className="num" data-figure="attended">
                        {num(row.attended)}
                      </td>
                      <td className="num" data-figure="attendedAll">
                        {num(row.attendedAll)}
                      </td>
                      <td className="num" data-figure="rate">
                        {formatPercent(coverage(row.attended, row.invited), lang)}
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr data-testid="event-totals">
                    <th scope="row">
                      {t("reports.event.totalsTitle")} ({num(totals.committees)})
                    </th>
                    <td className="num">{num(totals.seats)}</td>
                    <td className="num">{num(totals.members)}</td>
                    <td className="num">{num(totals.invited)}</td>
                    <td className="num">{num(totals.registered)}</td>
                    <td className="num">{num(totals.attended)}</td>
                    <td className="num">{num(totals.attendedAll)}</td>
                    <td className="num">{formatPercent(coverage(totals.attended, totals.invited), lang)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
            {report.pageCount > 1 ? (
              <nav className="report-pager" aria-label={t("reports.pages.label")}>
                {report.page > 1 ? (
                  <Link to={pageSearch(query, report.page - 1)}>{t("reports.pages.previous")}</Link>
                ) : null}
                <span>{t("reports.pages.of", { page: num(report.page), pages: num(report.pageCount) })}</span>
                {report.page < report.pageCount ? (
                  <Link to={pageSearch(query, report.page + 1)}>{t("reports.pages.next")}</Link>
                ) : null}
              </nav>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}

/** A column heading that sorts by its column: a plain link, so it works without JavaScript. */
function SortHeading({
  query,
  column,
  label,
  numeric = false,
}: {
  query: EventReportQuery;
  column: EventSortKey;
  label: string;
  numeric?: boolean;
}) {
  const { t } = useTranslation();
  const active = query.sort === column;
  const sort = active ? (query.dir === "asc" ? "ascending" : "descending") : undefined;
  return (
    <th scope="col" className={numeric ? "num" : undefined} aria-sort={sort}>
      <Link to={sortSearch(query, column)}>
        {label}
        {active ? (
          <>
            <span className="sort-mark" aria-hidden="true">
              {query.dir === "asc" ? "↑" : "↓"}
            </span>
            <span className="visually-hidden">
              {query.dir === "asc" ? t("reports.event.sortAscending") : t("reports.event.sortDescending")}
            </span>
          </>
        ) : null}
      </Link>
    </th>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
