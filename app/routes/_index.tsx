import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { TableWrap } from "#app/ui/table-wrap.tsx";
import type { Language } from "#app/i18n/setup.ts";
import { unitLevels } from "#app/models/organisation/unit-levels.ts";
import { formatDateTime, formatNumber } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { readHomeOverview } from "#app/web/home-overview.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const [t, overview] = await Promise.all([i18nServer.getFixedT(request), readHomeOverview()]);
  return {
    title: `${t("home.title")} · ${t("app.name")}`,
    overview: overview.value,
    asOf: overview.computedAt.toISOString(),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export default function Home() {
  const { overview, asOf } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  const name = (u: { nameEn: string; nameHi: string }): string => localized(u, "name", lang);

  if (!overview) {
    return (
      <>
        <h1>{t("home.title")}</h1>
        <p className="card">{t("home.empty")}</p>
      </>
    );
  }
  const { root } = overview;
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p className="muted">{t("home.updatedAt", { time: formatDateTime(new Date(asOf), lang) })}</p>

      <section aria-labelledby="totals-title">
        <h2 id="totals-title">
          {t(`level.${root.level}`)}: {name(root)}
        </h2>
        <dl className="stats">
          {unitLevels
            .filter((level) => level !== "state" && overview.unitsByLevel[level])
            .map((level) => (
              <div key={level}>
                <dt>{t(`levelPlural.${level}`)}</dt>
                <dd>{num(overview.unitsByLevel[level] ?? 0)}</dd>
              </div>
            ))}
          <div>
            <dt>{t("home.committeesFormed")}</dt>
            <dd>{num(overview.committeesFormed)}</dd>
          </div>
          <div>
            <dt>{t("home.committeesForming")}</dt>
            <dd>{num(overview.committeesForming)}</dd>
          </div>
          <div>
            <dt>{t("home.appointees")}</dt>
            <dd>{num(overview.appointees)}</dd>
          </div>
        </dl>
        {root.committee ? (
          <p className="card">
            <strong>{t("home.stateCommittee")}</strong>:{" "}
            <span className={`badge ${root.committee.status}`}>
              {t(`home.status_${root.committee.status}`)}
            </span>{" "}
            {t("home.seatsFilled", {
              filled: num(root.committee.filled),
              quota: num(root.committee.seatQuota),
            })}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="top-title">
        <h2 id="top-title">{t(`levelPlural.${overview.topUnits[0]?.level ?? "district"}`)}</h2>
        <TableWrap label={t("home.topLevelCaption", { state: name(root) })}>
          <table>
            <caption>{t("home.topLevelCaption", { state: name(root) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("home.unit")}</th>
                <th scope="col" className="num">
                  {t("home.subUnits")}
                </th>
                <th scope="col" className="num">
                  {t("home.committeesFormed")}
                </th>
                <th scope="col" className="num">
                  {t("home.committeesForming")}
                </th>
                <th scope="col" className="num">
                  {t("home.appointees")}
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.topUnits.map((unit) => (
                <tr key={unit.id} data-unit-code={unit.code}>
                  <th scope="row">
                    {name(unit)} <span className="muted">({unit.code})</span>
                  </th>
                  <td className="num">{num(unit.unitsBelow)}</td>
                  <td className="num">{num(unit.committeesFormed)}</td>
                  <td className="num">{num(unit.committeesForming)}</td>
                  <td className="num">{num(unit.appointees)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
