// /events/:id/registrations: who answered what, seats against capacity, the waitlist in order, and an
// organiser's hand on it (register, move, cancel), for organisers of the event's unit.
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import type { Language } from "#app/i18n/setup.ts";
import { getEventInScope } from "#app/models/events/event-access.server.ts";
import {
  filterQuery,
  OrganiserActionSchema,
  parseRegistrationFilter,
} from "#app/models/registration/registration.ts";
import {
  actOnRegistration,
  getRegistrationsPage,
} from "#app/models/registration/registration-organiser.server.ts";
import { formatNumber } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import { readForm } from "#app/web/form.server.ts";
import styles from "../../styles/registration.css";
import { Filters } from "./filters.tsx";
import { RegistrationRow } from "./registration-row.tsx";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const doneKeys = ["register", "registerOver", "waitlist", "position", "cancel"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const search = new URL(request.url).searchParams;
  const filter = parseRegistrationFilter(search);
  const page = await getRegistrationsPage(getDb(), scope, parseId(params.id), filter);
  const [t, lang] = await Promise.all([i18nServer.getFixedT(request), i18nServer.getLocale(request)]);
  const title = localized(page.event, "title", lang);
  return {
    title: `${t("registration.organiser.title")}: ${title} · ${t("app.name")}`,
    ...page,
    filter,
    done: doneKeys.find((key) => key === search.get("done")) ?? null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const eventId = parseId(params.id);
  const db = getDb();
  // Out of scope is a 404 whatever the form says.
  await getEventInScope(db, scope, eventId);
  const submission = parseWithZod(await readForm(request), { schema: OrganiserActionSchema });
  if (submission.status !== "success") {
    const message =
      Object.values(submission.error ?? {}).flat()[0] ?? "registration.organiser.errors.unknownAction";
    return data({ message }, { status: 400 });
  }
  const outcome = await actOnRegistration(db, { staffId: staff.id, scope }, eventId!, submission.value);
  if (!outcome.ok) return data({ message: outcome.error }, { status: 400 });
  // Back to the same filtered view, with what was done.
  const back = new URL(request.url).searchParams;
  back.set("done", outcome.done);
  return redirect(`/events/${eventId}/registrations?${back}`, 303);
}

export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function RegistrationsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { event, counts, rows, hasMore, matching, waitlist, filter, done } = data;
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  const over = counts.registered - event.capacity;
  const pageHref = (page: number) => filterQuery(filter, { page: String(page) });
  const exportHref = `/events/${event.id}/registrations.csv${filterQuery(filter)}`;

  return (
    <div className="registrations-page">
      <p>
        <Link to={`/events/${event.id}`}>{t("registration.organiser.back")}</Link>
      </p>
      <h1>
        {t("registration.organiser.title")}: {localized(event, "title", lang)}
      </h1>
      {actionData?.message ? (
        <p className="notice error" role="alert">
          {t(actionData.message)}
        </p>
      ) : done ? (
        <p className="notice" role="status">
          {t(`registration.organiser.done.${done}`, {
            registered: num(counts.registered),
            capacity: num(event.capacity),
          })}
        </p>
      ) : null}

      <dl className="stats" aria-label={t("registration.organiser.capacity")}>
        <div>
          <dt>{t("registration.organiser.capacity")}</dt>
          <dd className={over > 0 ? "over" : undefined} data-testid="seats">
            {t("registration.organiser.capacityValue", {
              registered: num(counts.registered),
              capacity: num(event.capacity),
            })}
          </dd>
        </div>
        {(["waitlisted", "invited", "declined", "cancelled", "total"] as const).map((key) => (
          <div key={key}>
            <dt>{t(`registration.organiser.counts.${key}`)}</dt>
            <dd data-testid={`count-${key}`}>{num(counts[key])}</dd>
          </div>
        ))}
      </dl>
      {over > 0 ? (
        <p className="notice error">
          {t("registration.organiser.overCapacity", { count: over, seats: num(over) })}
        </p>
      ) : null}

      <section aria-labelledby="waitlist-title" className="card">
        <h2 id="waitlist-title">{t("registration.organiser.waitlistTitle")}</h2>
        {waitlist.length === 0 ? (
          <p className="muted">{t("registration.organiser.waitlistEmpty")}</p>
        ) : (
          <ol className="waitlist" data-testid="waitlist">
            {waitlist.map((w) => (
              <li key={w.invitationId} value={w.position ?? undefined}>
                {lang === "hi" && w.nameHi ? w.nameHi : w.name}
              </li>
            ))}
          </ol>
        )}
        {counts.waitlisted > waitlist.length ? (
          <p className="muted small">
            {t("registration.organiser.waitlistMore", { people: num(counts.waitlisted - waitlist.length) })}
          </p>
        ) : null}
      </section>

      <Filters data={data} lang={lang} />
      <p>
        <a href={exportHref} download>
          {t("registration.organiser.export")}
        </a>
      </p>

      {rows.length === 0 ? (
        <p className="card">{t("registration.organiser.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>
              {t("registration.organiser.caption", { people: num(matching), page: num(filter.page) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("registration.organiser.name")}</th>
                <th scope="col">{t("registration.organiser.committee")}</th>
                <th scope="col">{t("registration.organiser.answer")}</th>
                <th scope="col">{t("registration.organiser.answers")}</th>
                <th scope="col">{t("registration.organiser.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <RegistrationRow key={row.invitationId} row={row} lang={lang} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav
        className="pager"
        aria-label={t("registration.organiser.caption", { people: num(matching), page: num(filter.page) })}
      >
        {filter.page > 1 ? (
          <Link to={pageHref(filter.page - 1)}>{t("registration.organiser.previous")}</Link>
        ) : null}
        {hasMore ? <Link to={pageHref(filter.page + 1)}>{t("registration.organiser.next")}</Link> : null}
      </nav>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
