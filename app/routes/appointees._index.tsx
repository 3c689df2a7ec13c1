// /appointees: the office-bearers the viewer may see, 50 a page by name, with filters in a plain GET form.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import { listAppointees, listDesignationOptions } from "#app/models/organisation/appointee.server.ts";
import { type AppointeeListQuery, parseAppointeeListQuery } from "#app/models/organisation/appointee.ts";
import { formatNumber } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import styles from "../styles/appointees.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const query = parseAppointeeListQuery(new URL(request.url).searchParams);
  const [t, list, designations] = await Promise.all([
    i18nServer.getFixedT(request),
    listAppointees(getDb(), scope, query),
    listDesignationOptions(getDb()),
  ]);
  return { title: `${t("appointees.title")} · ${t("app.name")}`, query, list, designations };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

/** The query string of the current filters on another page. */
function pageHref(query: AppointeeListQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.unit) params.set("unit", query.unit);
  if (query.committee) params.set("committee", String(query.committee));
  if (query.designation) params.set("designation", query.designation);
  if (query.status) params.set("status", query.status);
  if (query.noEmail) params.set("noEmail", "yes");
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `?${search}` : "?";
}

export default function Appointees() {
  const { query, list, designations } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const named = (x: { nameEn: string; nameHi: string }): string => localized(x, "name", lang);
  const filtered = Boolean(
    query.q || query.unit || query.committee || query.designation || query.status || query.noEmail,
  );

  return (
    <>
      <div className="appointees-head">
        <h1>{t("appointees.title")}</h1>
        <Link to="/appointees/new" className="button">
          {t("appointees.add")}
        </Link>
      </div>

      <Form method="get" className="appointee-filters card" aria-label={t("appointees.filters.legend")}>
        <div className="field wide">
          <label htmlFor="q">{t("appointees.filters.search")}</label>
          <input id="q" name="q" type="search" defaultValue={query.q ?? ""} aria-describedby="q-hint" />
          <p id="q-hint" className="muted small">
            {t("appointees.filters.searchHint")}
          </p>
        </div>
        <div className="field">
          <label htmlFor="unit">{t("appointees.filters.unit")}</label>
          <input
            id="unit"
            name="unit"
            defaultValue={query.unit ?? ""}
            autoCapitalize="characters"
            spellCheck={false}
            aria-describedby="unit-hint"
          />
          <p id="unit-hint" className="muted small">
            {t("appointees.filters.unitHint")}
          </p>
        </div>
        <div className="field">
          <label htmlFor="committee">{t("appointees.filters.committee")}</label>
          <input
            id="committee"
            name="committee"
            inputMode="numeric"
            pattern="[0-9]*"
            defaultValue={query.committee ? String(query.committee) : ""}
          />
        </div>
        <div className="field">
          <label htmlFor="designation">{t("appointees.filters.designation")}</label>
          <select id="designation" name="designation" defaultValue={query.designation ?? ""}>
            <option value="">{t("appointees.filters.anyDesignation")}</option>
            {designations.map((d) => (
              <option key={d.code} value={d.code}>
                {named(d)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="status">{t("appointees.filters.status")}</label>
          <select id="status" name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("appointees.filters.anyStatus")}</option>
            <option value="forming">{t("appointees.status.forming")}</option>
            <option value="formed">{t("appointees.status.formed")}</option>
          </select>
        </div>
        <div className="field checkbox">
          <input id="noEmail" name="noEmail" type="checkbox" value="yes" defaultChecked={query.noEmail} />
          <label htmlFor="noEmail">{t("appointees.filters.noEmail")}</label>
        </div>
        <div className="filter-actions">
          <button type="submit" className="button">
            {t("appointees.filters.apply")}
          </button>
          {filtered ? (
            <Link to="/appointees" className="button secondary">
              {t("appointees.filters.clear")}
            </Link>
          ) : null}
        </div>
      </Form>

      {list.unit ? (
        <p className="muted">
          <Link to={`/units/${list.unit.id}`}>
            {t("appointees.list.inUnit", { name: named(list.unit), code: list.unit.code })}
          </Link>
        </p>
      ) : null}
      {list.committee ? (
        <p className="muted">
          <Link to={`/committees/${list.committee.id}`}>
            {t("appointees.list.inCommittee", { name: named(list.committee), code: list.committee.unitCode })}
          </Link>
        </p>
      ) : null}

      {list.notFound === "unit" ? (
        <p className="notice error" role="alert">
          {t("appointees.list.unitNotFound", { code: query.unit })}
        </p>
      ) : list.notFound === "committee" ? (
        <p className="notice error" role="alert">
          {t("appointees.list.committeeNotFound")}
        </p>
      ) : list.rows.length === 0 ? (
        <p className="card">{t("appointees.list.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="appointee-table">
            <caption>
              {t("appointees.list.caption")} ·{" "}
              {t("appointees.list.page", { page: formatNumber(list.page, lang) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("appointees.list.name")}</th>
                <th scope="col">{t("appointees.list.phone")}</th>
                <th scope="col">{t("appointees.list.email")}</th>
                <th scope="col">{t("appointees.list.committees")}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((person) => (
                <tr key={person.id} data-appointee-id={person.id}>
                  <th scope="row">
                    <Link to={`/appointees/${person.id}`} className="person-link">
                      {person.name}
                    </Link>
                    {person.nameHi && person.nameHi !== person.name ? (
                      <span className="name-hi" lang="hi">
                        {person.nameHi}
                      </span>
                    ) : null}
                  </th>
                  <td className="phone">
                    {person.phone ?? <span className="muted">{t("appointees.list.noPhone")}</span>}
                  </td>
                  <td className="email">
                    {person.email ?? <span className="badge no-email">{t("appointees.list.noEmail")}</span>}
                  </td>
                  <td>
                    {person.appointments.length === 0 ? (
                      <span className="muted">{t("appointees.list.noAppointment")}</span>
                    ) : (
                      <ul className="appointment-list">
                        {person.appointments.map((a) => (
                          <li key={a.id}>
                            <Link to={`/committees/${a.committeeId}`}>
                              {localized(a, "committeeName", lang)}
                            </Link>{" "}
                            <span className="muted">({a.unitCode})</span>: {localized(a, "designation", lang)}{" "}
                            <span className={`badge ${a.committeeStatus}`}>
                              {t(`appointees.status.${a.committeeStatus}`)}
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {list.page > 1 || list.hasMore ? (
        <nav className="pager" aria-label={t("appointees.list.pages")}>
          {list.page > 1 ? (
            <Link to={pageHref(query, list.page - 1)} rel="prev">
              {t("appointees.list.previous")}
            </Link>
          ) : null}
          <span>{t("appointees.list.page", { page: formatNumber(list.page, lang) })}</span>
          {list.hasMore ? (
            <Link to={pageHref(query, list.page + 1)} rel="next">
              {t("appointees.list.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
