// /units: the top of the reader's tree (an admin's state, an organiser's scope unit) or, with ?q=, a search;
// /units/:id: one unit with its breadcrumbs, its committee and a page of the units below it.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import type { Language } from "#app/i18n/setup.ts";
import {
  type CommitteeFill,
  getTopUnitView,
  getUnitView,
  searchUnits,
  type UnitSummary,
  type UnitView,
} from "#app/models/organisation/unit.server.ts";
import { UnitListQuerySchema } from "#app/models/organisation/unit.ts";
import { formatNumber } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../styles/units.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const savedNotices = ["created", "updated", "moved"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const url = new URL(request.url);
  const query = UnitListQuerySchema.parse({
    q: url.searchParams.get("q") ?? undefined,
    page: url.searchParams.get("page") ?? 1,
  });
  const db = getDb();
  let view: UnitView | null = null;
  let search: Awaited<ReturnType<typeof searchUnits>> | null = null;
  if (params.id !== undefined) {
    const id = parseId(params.id);
    if (!id) throw new Response("Not found", { status: 404 });
    view = await getUnitView(db, scope, id, query.page);
  } else if (query.q) {
    search = await searchUnits(db, scope, query);
  } else {
    view = await getTopUnitView(db, scope, query.page);
  }
  const [t, locale] = await Promise.all([i18nServer.getFixedT(request), i18nServer.getLocale(request)]);
  const heading = view ? (locale === "hi" ? view.unit.nameHi : view.unit.nameEn) : t("units.title");
  const saved = savedNotices.find((s) => s === url.searchParams.get("saved")) ?? null;
  return {
    title: `${heading} · ${t("app.name")}`,
    view,
    search,
    q: query.q,
    saved,
    canChange: staff.role === "admin",
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

type Named = { nameEn: string; nameHi: string };

function useUnitText() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return {
    t,
    lang,
    num: (n: number) => formatNumber(n, lang),
    name: (u: Named) => (lang === "hi" ? u.nameHi : u.nameEn),
    other: (u: Named) => (lang === "hi" ? u.nameEn : u.nameHi),
  };
}

export default function Units() {
  const { view, search, q, saved, canChange } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      {saved ? (
        <p className="notice" role="status">
          {t(`units.form.${saved}`)}
        </p>
      ) : null}
      {view ? (
        <UnitPage view={view} canChange={canChange} />
      ) : search ? (
        <>
          <h1>{t("units.title")}</h1>
          <SearchForm q={q} />
          <SearchResults search={search} q={q} />
        </>
      ) : (
        <>
          <h1>{t("units.title")}</h1>
          <p className="card">{t("units.empty")}</p>
          {canChange ? (
            <p>
              <Link className="button" to="/units/new">
                {t("units.createState")}
              </Link>
            </p>
          ) : null}
        </>
      )}
    </>
  );
}

function SearchForm({ q }: { q: string }) {
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

function Pager({
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

function CommitteeCell({ committee }: { committee: CommitteeFill | null }) {
  const { t } = useTranslation();
  if (!committee) return <span className="muted">{t("units.noCommitteeShort")}</span>;
  return <span className={`badge ${committee.status}`}>{t(`units.status_${committee.status}`)}</span>;
}

function Fill({ committee }: { committee: CommitteeFill }) {
  const { t, num } = useUnitText();
  const label = t("units.fillLong", { filled: num(committee.filled), quota: num(committee.seatQuota) });
  return (
    <span title={label}>
      {num(committee.filled)}/{num(committee.seatQuota)}
    </span>
  );
}

function Breadcrumbs({ trail, current }: { trail: UnitSummary[]; current: UnitSummary }) {
  const { t, name } = useUnitText();
  return (
    <nav aria-label={t("units.breadcrumbs")} className="unit-breadcrumbs">
      <ol>
        {trail.map((u) => (
          <li key={u.id}>
            <Link to={`/units/${u.id}`}>{name(u)}</Link>
          </li>
        ))}
        <li aria-current="page">{name(current)}</li>
      </ol>
    </nav>
  );
}

function UnitPage({ view, canChange }: { view: UnitView; canChange: boolean }) {
  const { t, num, name, other } = useUnitText();
  const { unit, breadcrumbs, children } = view;
  const committee = unit.committee;
  return (
    <>
      <Breadcrumbs trail={breadcrumbs} current={unit} />
      <h1>
        {name(unit)} <span className="muted unit-other-name">{other(unit)}</span>
      </h1>
      <p className="muted">
        {t(`level.${unit.level}`)} · {t("units.code")} <span className="unit-code">{unit.code}</span>
      </p>

      <section className="card unit-committee" aria-labelledby="unit-committee-title">
        <h2 id="unit-committee-title">{t("units.committeeTitle")}</h2>
        {committee ? (
          <p>
            <span className={`badge ${committee.status}`}>{t(`units.status_${committee.status}`)}</span>{" "}
            <span className="unit-fill">
              {t("units.seatsFilled")}: <Fill committee={committee} />
            </span>{" "}
            <Link to={`/committees/${committee.id}`}>{t("units.openCommittee")}</Link>
          </p>
        ) : (
          <p>
            {t("units.noCommittee")}{" "}
            <Link to={`/committees/new?unit=${unit.id}`}>{t("units.createCommittee")}</Link>
          </p>
        )}
      </section>

      {canChange ? (
        <nav className="unit-actions" aria-label={t("units.admin.actions")}>
          {unit.level !== "booth" ? (
            <Link className="button secondary" to={`/units/new?parent=${unit.id}`}>
              {t("units.admin.addChild")}
            </Link>
          ) : null}
          <Link className="button secondary" to={`/units/${unit.id}/edit`}>
            {t("units.admin.edit")}
          </Link>
          {unit.parentId !== null ? (
            <Link className="button secondary" to={`/units/${unit.id}/move`}>
              {t("units.admin.move")}
            </Link>
          ) : null}
        </nav>
      ) : null}

      <SearchForm q="" />

      <section aria-labelledby="unit-children-title">
        <h2 id="unit-children-title">{t("units.childrenTitle", { name: name(unit) })}</h2>
        {children.total === 0 ? (
          <p className="card">{t("units.noChildren")}</p>
        ) : (
          <div className="table-wrap">
            <table className="unit-table">
              <caption>
                {t("units.childrenCaption", { total: num(children.total), name: name(unit) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("units.name")}</th>
                  <th scope="col">{t("units.level")}</th>
                  <th scope="col">{t("units.committee")}</th>
                  <th scope="col" className="num">
                    {t("units.seatsFilled")}
                  </th>
                  <th scope="col" className="num">
                    {t("units.unitsBelow")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {children.rows.map((child) => (
                  <tr key={child.id} data-unit-code={child.code}>
                    <th scope="row">
                      <Link to={`/units/${child.id}`}>{name(child)}</Link>{" "}
                      <span className="muted small unit-code">{child.code}</span>
                    </th>
                    <td>{t(`level.${child.level}`)}</td>
                    <td>
                      <CommitteeCell committee={child.committee} />
                    </td>
                    <td className="num">{child.committee ? <Fill committee={child.committee} /> : "–"}</td>
                    <td className="num">{num(child.unitsBelow)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager
          page={children.page}
          pageCount={children.pageCount}
          href={(page) => `/units/${unit.id}?page=${page}`}
        />
      </section>
    </>
  );
}

function SearchResults({ search, q }: { search: Awaited<ReturnType<typeof searchUnits>>; q: string }) {
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

export const ErrorBoundary = GeneralErrorBoundary;
