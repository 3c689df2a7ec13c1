// A unit's figures as table columns: committees (formed, forming, none trained), members, trained, coverage.
import { useTranslation } from "react-i18next";
import { formatNumber } from "#app/i18n/datetime.ts";
import type { Language } from "#app/i18n/setup.ts";
import type { Figures } from "#app/models/reports/report.server.ts";
import { coverage, formatPercent } from "#app/models/reports/report.ts";

export function FiguresHead() {
  const { t } = useTranslation();
  return (
    <>
      <th scope="col" className="num">
        {t("reports.committees")}
      </th>
      <th scope="col" className="num">
        {t("reports.rollup.formed")}
      </th>
      <th scope="col" className="num">
        {t("reports.rollup.forming")}
      </th>
      <th scope="col" className="num">
        {t("reports.rollup.untrained")}
      </th>
      <th scope="col" className="num">
        {t("reports.members")}
      </th>
      <th scope="col" className="num">
        {t("reports.trained")}
      </th>
      <th scope="col" className="num">
        {t("reports.coverage")}
      </th>
    </>
  );
}

export function FiguresCells({ figures }: { figures: Figures }) {
  const { i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  return (
    <>
      <td className="num" data-figure="committees">
        {num(figures.committees)}
      </td>
      <td className="num" data-figure="formed">
        {num(figures.formed)}
      </td>
      <td className="num" data-figure="forming">
        {num(figures.forming)}
      </td>
      <td className="num" data-figure="untrained">
        {num(figures.untrained)}
      </td>
      <td className="num" data-figure="members">
        {num(figures.members)}
      </td>
      <td className="num" data-figure="trained">
        {num(figures.trained)}
      </td>
      <td className="num" data-figure="coverage">
        {formatPercent(coverage(figures.trained, figures.members), lang)}
      </td>
    </>
  );
}
