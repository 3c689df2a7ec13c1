// /events: the events of the viewer's area, the next ones first, with a status filter in a plain GET form.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { Pager } from "#app/ui/pager.tsx";
import type { Language } from "#app/i18n/setup.ts";
import { listEventsForOrganiser } from "#app/models/events/event.server.ts";
import {
  type EventListQuery,
  eventStatuses,
  formatSpan,
  parseEventListQuery,
} from "#app/models/events/event.ts";
import { formatNumber } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import styles from "../styles/events.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const url = new URL(request.url);
  const query = parseEventListQuery(url.searchParams);
  const [t, list] = await Promise.all([
    i18nServer.getFixedT(request),
    listEventsForOrganiser(getDb(), scope, query),
  ]);
  return {
    title: `${t("events.title")} · ${t("app.name")}`,
    query,
    list,
    deleted: url.searchParams.get("done") === "deleted",
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

function pageHref(query: EventListQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.status) params.set("status", query.status);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `?${search}` : "?";
}

export default function Events() {
  const { query, list, deleted } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);

  return (
    <div className="events-page">
      <div className="events-head">
        <h1>{t("events.title")}</h1>
        <Link to="/events/new" className="button">
          {t("events.newEvent")}
        </Link>
      </div>
      <p className="muted">{t("events.intro")}</p>
      {deleted ? (
        <p className="notice" role="status">
          {t("events.list.deleted")}
        </p>
      ) : null}

      <Form method="get" className="filters">
        <label htmlFor="status">{t("events.list.filterStatus")}</label>
        <select id="status" name="status" defaultValue={query.status ?? ""}>
          <option value="">{t("events.list.allStatuses")}</option>
          {eventStatuses.map((status) => (
            <option key={status} value={status}>
              {t(`events.status.${status}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="button secondary">
          {t("events.list.show")}
        </button>
      </Form>

      {list.rows.length === 0 ? (
        <p className="card">{query.status ? t("events.list.emptyFiltered") : t("events.list.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="event-list">
            <caption>{t("events.list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("events.list.event")}</th>
                <th scope="col">{t("events.list.when")}</th>
                <th scope="col">{t("events.list.unit")}</th>
                <th scope="col">{t("events.list.status")}</th>
                <th scope="col" className="num">
                  {t("events.list.invited")}
                </th>
                <th scope="col" className="num">
                  {t("events.list.registered")}
                </th>
                <th scope="col" className="num">
                  {t("events.list.capacity")}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((event) => (
                <tr key={event.id} data-event-id={event.id}>
                  <th scope="row">
                    <Link to={`/events/${event.id}`}>{localized(event, "title", lang)}</Link>
                    <span className="muted small block">{t(`events.kind.${event.kind}`)}</span>
                  </th>
                  <td>{formatSpan(event.startsAt, event.endsAt, lang)}</td>
                  <td>
                    {localized(event, "unitName", lang)}
                    <span className="muted small block">{t(`level.${event.unitLevel}`)}</span>
                  </td>
                  <td>
                    <span className={`badge event-${event.status}`}>
                      {t(`events.status.${event.status}`)}
                    </span>
                  </td>
                  <td className="num">{num(event.invited)}</td>
                  <td className="num">
                    {num(event.registered)}
                    {event.waitlisted > 0 ? (
                      <span className="muted small block">
                        +{num(event.waitlisted)} {t("events.page.waitlisted")}
                      </span>
                    ) : null}
                  </td>
                  <td className="num">{num(event.capacity)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        page={query.page}
        hasMore={list.hasMore}
        href={(page) => pageHref(query, page)}
        label={t("events.list.page", { page: num(query.page) })}
        current={t("events.list.page", { page: num(query.page) })}
        previous={t("events.list.previous")}
        next={t("events.list.next")}
      />
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
