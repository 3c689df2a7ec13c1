// /reports: training coverage rolled up the tree, from the reader's scope root down (?unit= drills down):
// totals, the units below with a chart, the formed committees where no one is trained, those still forming.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { barChartSvg } from "#app/ui/bar-chart.server.tsx";
import { ChartBox } from "#app/ui/chart-box.tsx";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import type { Language } from "#app/i18n/setup.ts";
import { getRollup } from "#app/models/reports/report.server.ts";
import { CHART_MAX_BARS, coverage, formatPercent, percentValue } from "#app/models/reports/report.ts";
import { formatDateTime, formatNumber } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import { notFound } from "#app/web/http.server.ts";
import { localized } from "#app/i18n/localized.ts";
import { Stat } from "#app/ui/stat.tsx";
import styles from "../../styles/reports.css";
import { CommitteeList } from "./committee-list.tsx";
import { FiguresCells, FiguresHead } from "./figures.tsx";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const unitParam = new URL(request.url).searchParams.get("unit");
  const unitId = unitParam === null ? null : parseId(unitParam);
  if (unitParam !== null && unitId === null) throw notFound();
  const [t, locale, rollup] = await Promise.all([
    i18nServer.getFixedT(request),
    i18nServer.getLocale(request) as Promise<Language>,
    getRollup(getDb(), scope, unitId),
  ]);
  const name = (u: { nameEn: string; nameHi: string }): string => localized(u, "name", locale);
  const unitName = rollup.unit ? name(rollup.unit) : t("reports.rollup.allUnits");
  const chart =
    rollup.children.length > 0 && rollup.children.length <= CHART_MAX_BARS
      ? barChartSvg({
          id: "coverage-chart",
          title: t("reports.rollup.chartTitle", { unit: unitName }),
          desc: t("reports.rollup.chartDesc"),
          rows: rollup.children.map((child) => {
            const share = coverage(child.trained, child.members);
            return {
              label: name(child),
              value: percentValue(share),
              valueText: formatPercent(share, locale),
            };
          }),
          max: 100,
          formatTick: (value) => formatPercent(value / 100, locale),
        })
      : null;
  return {
    title: `${t("reports.rollup.title")}: ${unitName} · ${t("app.name")}`,
    rollup,
    chart,
    asOf: new Date().toISOString(),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export default function RollupPage() {
  const { rollup, chart, asOf } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  const name = (u: { nameEn: string; nameHi: string }): string => localized(u, "name", lang);
  const unitName = rollup.unit ? name(rollup.unit) : t("reports.rollup.allUnits");
  const { totals } = rollup;

  return (
    <div className="report-page">
      {rollup.trail.length > 0 ? (
        <nav className="report-trail" aria-label={t("reports.rollup.trail")}>
          <ol>
            {rollup.trail.map((u) => (
              <li key={u.id}>
                <Link to={`/reports?unit=${u.id}`}>{name(u)}</Link>
              </li>
            ))}
            <li aria-current="page">{unitName}</li>
          </ol>
        </nav>
      ) : null}
      <h1>
        {t("reports.rollup.title")}: {unitName}
      </h1>
      {rollup.unit ? (
        <p className="muted">
          {t(`level.${rollup.unit.level}`)} · <span className="code">{rollup.unit.code}</span>
        </p>
      ) : null}
      <p>{t("reports.rollup.intro")}</p>
      <p className="muted small">{t("reports.asOf", { time: formatDateTime(new Date(asOf), lang) })}</p>

      <section aria-labelledby="totals-title">
        <h2 id="totals-title">{t("reports.rollup.totals", { unit: unitName })}</h2>
        <dl className="stats" data-testid="rollup-totals">
          <Stat label={t("reports.members")} value={num(totals.members)} id="members" />
          <Stat label={t("reports.trained")} value={num(totals.trained)} id="trained" />
          <Stat
            label={t("reports.coverage")}
            value={formatPercent(coverage(totals.trained, totals.members), lang)}
            id="coverage"
          />
          <Stat label={t("reports.committees")} value={num(totals.committees)} id="committees" />
          <Stat label={t("reports.rollup.formed")} value={num(totals.formed)} id="formed" />
          <Stat label={t("reports.rollup.forming")} value={num(totals.forming)} id="forming" />
          <Stat label={t("reports.rollup.untrained")} value={num(totals.untrained)} id="untrained" />
        </dl>
        {rollup.own && rollup.unit ? (
          <p className="card" data-testid="rollup-own">
            <strong>{t("reports.rollup.own", { unit: unitName })}</strong>: {t("reports.members")}{" "}
            {num(rollup.own.members)}, {t("reports.trained")} {num(rollup.own.trained)} (
            {formatPercent(coverage(rollup.own.trained, rollup.own.members), lang)})
          </p>
        ) : null}
      </section>

      <section aria-labelledby="below-title">
        <h2 id="below-title">{t("reports.rollup.below", { unit: unitName })}</h2>
        {rollup.children.length === 0 ? (
          <p className="card">{t(rollup.unit ? "reports.rollup.noChildren" : "reports.rollup.empty")}</p>
        ) : (
          <figure className="report-figure">
            <figcaption>{t("reports.rollup.chartTitle", { unit: unitName })}</figcaption>
            {chart ? (
              <>
                <ChartBox svg={chart} />
                <p className="muted small">{t("reports.chartHidden")}</p>
              </>
            ) : (
              <p className="muted">
                {t("reports.rollup.chartTooMany", { units: num(rollup.children.length) })}
              </p>
            )}
            <div className="table-wrap">
              <table className="report-table" data-testid="rollup-children">
                <caption>{t("reports.rollup.belowCaption", { unit: unitName })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("reports.rollup.unit")}</th>
                    <FiguresHead />
                  </tr>
                </thead>
                <tbody>
                  {rollup.children.map((child) => (
                    <tr key={child.id} data-unit-code={child.code}>
                      <th scope="row">
                        <Link to={`/reports?unit=${child.id}`}>{name(child)}</Link>{" "}
                        <span className="muted code">{child.code}</span>
                      </th>
                      <FiguresCells figures={child} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </figure>
        )}
      </section>

      <CommitteeList
        id="untrained"
        title={t("reports.rollup.untrainedTitle")}
        empty={t("reports.rollup.untrainedNone")}
        list={rollup.untrained}
        forming={false}
      />
      <CommitteeList
        id="forming"
        title={t("reports.rollup.formingTitle")}
        empty={t("reports.rollup.formingNone")}
        list={rollup.forming}
        forming
      />
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
