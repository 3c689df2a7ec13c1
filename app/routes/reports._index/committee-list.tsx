// A list of committees under the unit: the formed ones where no one is trained, or those still forming.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import type { ListedCommittee } from "#app/models/reports/report.server.ts";

export function CommitteeList({
  id,
  title,
  empty,
  list,
  forming,
}: {
  id: string;
  title: string;
  empty: string;
  list: { rows: ListedCommittee[]; total: number };
  forming: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {title} ({num(list.total)})
      </h2>
      {list.total === 0 ? (
        <p className="card">{empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="report-table" data-testid={`rollup-${id}`}>
            <caption>
              {list.rows.length < list.total
                ? t("reports.rollup.showing", { shown: num(list.rows.length), total: num(list.total) })
                : title}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("reports.committee")}</th>
                <th scope="col">{t("reports.code")}</th>
                <th scope="col">{t("reports.level")}</th>
                <th scope="col" className="num">
                  {forming ? t("reports.rollup.fill") : t("reports.members")}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((c) => (
                <tr key={c.committeeId} data-unit-code={c.unitCode}>
                  <th scope="row">
                    <Link to={`/reports/committees/${c.committeeId}`}>{localized(c, "name", lang)}</Link>
                  </th>
                  <td className="code">{c.unitCode}</td>
                  <td>{t(`level.${c.unitLevel}`)}</td>
                  <td className="num">
                    {forming
                      ? t("reports.rollup.fillValue", { filled: num(c.members), quota: num(c.seatQuota) })
                      : num(c.members)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
