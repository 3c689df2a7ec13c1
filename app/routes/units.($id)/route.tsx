// /units: the top of the reader's tree (an admin's state, an organiser's scope unit) or, with ?q=, a search;
// /units/:id: one unit with its breadcrumbs, its committee and a page of the units below it.
// The page's parts live beside this file: unit-page.tsx, search.tsx, common.tsx.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { localized } from "#app/i18n/localized.ts";
import {
  getTopUnitView,
  getUnitView,
  searchUnits,
  type UnitView,
} from "#app/models/organisation/unit.server.ts";
import { UnitListQuerySchema } from "#app/models/organisation/unit.ts";
import { getDb } from "#app/platform/db.server.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../../styles/units.css";
import { SearchForm, SearchResults } from "./search.tsx";
import { UnitPage } from "./unit-page.tsx";

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
  const heading = view ? localized(view.unit, "name", locale) : t("units.title");
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

export const ErrorBoundary = GeneralErrorBoundary;
