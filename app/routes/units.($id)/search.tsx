// The units search: its form (also on every unit's page) and a page of hits with each one's trail.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { searchUnits } from "#app/models/organisation/unit.server.ts";
import { Pager, useUnitText } from "./common.tsx";

export function SearchForm({ q }: { q: string }) {
  const { t } = useTranslation();
  return (
    <Form method="get" action="/units" className="unit-search" role="search">
      <label htmlFor="unit-q">{t("units.search.label")}</label>
      <div className="unit-search-row">
        <input
          id="unit-q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={100}
          aria-describedby="unit-q-hint"
          autoComplete="off"
        />
        <button type="submit" className="button">
          {t("units.search.button")}
        </button>
      </div>
      <p id="unit-q-hint" className="muted small">
        {t("units.search.hint")}
      </p>
    </Form>
  );
}

export function SearchResults({ search, q }: { search: Awaited<ReturnType<typeof searchUnits>>; q: string }) {
  const { t, num, name } = useUnitText();
  return (
    <section aria-labelledby="unit-search-title">
      <h2 id="unit-search-title">{t("units.search.title")}</h2>
      <p>
        <Link to="/units">{t("units.search.clear")}</Link>
      </p>
      {search.total === 0 ? (
        <p className="card" role="status">
          {t("units.search.none", { q })}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="unit-table">
            <caption>{t("units.search.caption", { total: num(search.total), q })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("units.name")}</th>
                <th scope="col">{t("units.level")}</th>
                <th scope="col">{t("units.path")}</th>
              </tr>
            </thead>
            <tbody>
              {search.rows.map((hit) => (
                <tr key={hit.id} data-unit-code={hit.code}>
                  <th scope="row">
                    <Link to={`/units/${hit.id}`}>{name(hit)}</Link>{" "}
                    <span className="muted small unit-code">{hit.code}</span>
                  </th>
                  <td>{t(`level.${hit.level}`)}</td>
                  <td className="unit-trail">{hit.trail.map((u) => name(u)).join(" › ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        page={search.page}
        pageCount={search.pageCount}
        href={(page) => `/units?${new URLSearchParams({ q, page: String(page) })}`}
      />
    </section>
  );
}
