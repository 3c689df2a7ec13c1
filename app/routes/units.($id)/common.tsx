// What the units pages share: the reader's language helpers and the pager of a long list.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";

type Named = { nameEn: string; nameHi: string };

export function useUnitText() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return {
    t,
    lang,
    num: (n: number) => formatNumber(n, lang),
    name: (u: Named): string => localized(u, "name", lang),
    other: (u: Named) => (lang === "hi" ? u.nameEn : u.nameHi),
  };
}

export function Pager({
  page,
  pageCount,
  href,
}: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
}) {
  const { t, num } = useUnitText();
  if (pageCount <= 1) return null;
  return (
    <nav className="pager unit-pager" aria-label={t("units.pager")}>
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          {t("units.previous")}
        </Link>
      ) : null}
      <span>{t("units.pageOf", { page: num(page), pages: num(pageCount) })}</span>
      {page < pageCount ? (
        <Link to={href(page + 1)} rel="next">
          {t("units.next")}
        </Link>
      ) : null}
    </nav>
  );
}
