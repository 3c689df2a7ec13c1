// The event's committees: their figures in a table that sorts by any column and pages, all with plain links
// (no JavaScript needed), with the totals underneath.
import { Link, type useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import {
  coverage,
  type EventReportQuery,
  type EventSortKey,
  formatPercent,
  pageSearch,
  sortSearch,
} from "#app/models/reports/report.ts";
import type { loader } from "./route.tsx";

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

const numericColumns: { key: Exclude<EventSortKey, "committee">; label: string }[] = [
  { key: "seats", label: "reports.seats" },
  { key: "members", label: "reports.members" },
  { key: "invited", label: "reports.invited" },
  { key: "registered", label: "reports.registered" },
  { key: "attended", label: "reports.attendedAny" },
  { key: "attendedAll", label: "reports.attendedAll" },
  { key: "rate", label: "reports.rate" },
];

export function CommitteesSection({ report, query }: Pick<LoaderData, "report" | "query">) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  const { totals } = report;
  return (
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
                        {localized(row, "name", lang)}
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
