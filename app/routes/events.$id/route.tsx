// /events/:id: one event in the reader's language (the other one a click away), its agenda by day in IST,
// invitation and registration counts against capacity, links to everything about it, and what can be done
// next. Whatever emails many people or cannot be undone goes through a confirmation page of its own.
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
import { z } from "zod";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import type { Language } from "#app/i18n/setup.ts";
import { getEventInScope } from "#app/models/events/event-access.server.ts";
import { getEventPage, markEventCompleted } from "#app/models/events/event.server.ts";
import { askedQuestions, formatSpan, isEditable } from "#app/models/events/event.ts";
import { formatDateTime, formatNumber } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import { readForm } from "#app/web/form.server.ts";
import styles from "../../styles/events.css";
import { Agenda } from "./agenda.tsx";
import { EventActions, EventHub } from "./hub.tsx";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

// Also the answers of the publish and cancel pages, which come back here.
const doneKeys = [
  "created",
  "saved",
  "sessionAdded",
  "sessionSaved",
  "sessionDeleted",
  "completed",
  "published",
  "cancelled",
] as const;
const DoneSchema = z.enum(doneKeys).optional().catch(undefined);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const [t, locale, page] = await Promise.all([
    i18nServer.getFixedT(request),
    i18nServer.getLocale(request),
    getEventPage(getDb(), scope, parseId(params.id)),
  ]);
  const title = localized(page.event, "title", locale);
  const done = DoneSchema.parse(new URL(request.url).searchParams.get("done") ?? undefined);
  return { title: `${title} · ${t("app.name")}`, ...page, done: done ?? null };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const db = getDb();
  // Out of scope is a 404 whatever the form says.
  const { id } = await getEventInScope(db, scope, parseId(params.id));
  const intent = (await readForm(request)).get("intent");
  const actor = { staffId: staff.id, scope };
  if (intent === "complete") {
    const outcome = await markEventCompleted(db, actor, id);
    return outcome.ok
      ? redirect(`/events/${id}?done=completed`)
      : data({ error: outcome.error }, { status: 400 });
  }
  return data({ error: "events.errors.unknownAction" }, { status: 400 });
}

export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function EventPage() {
  const { event, unit, sessions, counts, canComplete, canDelete, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const other: Language = lang === "hi" ? "en" : "hi";
  const num = (n: number) => formatNumber(n, lang);
  const title: string = localized(event, "title", lang);
  const otherTitle: string = localized(event, "title", other);
  const description: string = localized(event, "description", lang);
  const otherDescription: string = localized(event, "description", other);
  const editable = isEditable(event.status);
  const asked = askedQuestions(event.questions);

  return (
    <div className="events-page event-page">
      <p>
        <Link to="/events">{t("events.page.backToList")}</Link>
      </p>
      <div className="event-title">
        <h1>{title}</h1>
        <span className={`badge event-${event.status}`} data-testid="event-status">
          {t(`events.status.${event.status}`)}
        </span>
      </div>
      <p className="muted other-title" lang={other}>
        {otherTitle}
      </p>
      {done && !actionData ? (
        <p className="notice" role="status">
          {t(`events.done.${done}`)}
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="notice error" role="alert">
          {t(actionData.error)}
        </p>
      ) : null}
      {editable ? null : (
        <p className="notice">{t("events.page.readOnly", { status: t(`events.status.${event.status}`) })}</p>
      )}

      <section className="card event-details" aria-label={t("events.page.when")}>
        <dl className="meta">
          <dt>{t("events.page.kind")}</dt>
          <dd>{t(`events.kind.${event.kind}`)}</dd>
          <dt>{t("events.page.when")}</dt>
          <dd data-testid="event-when">{formatSpan(event.startsAt, event.endsAt, lang)}</dd>
          <dt>{t("events.page.venue")}</dt>
          <dd>
            {event.venueName}
            {event.venueAddress ? <span className="block">{event.venueAddress}</span> : null}
            {event.venueMapUrl ? (
              <a className="block" href={event.venueMapUrl} rel="noopener noreferrer" target="_blank">
                {t("events.page.openMap")}
              </a>
            ) : null}
          </dd>
          <dt>{t("events.page.unit")}</dt>
          <dd>
            {localized(unit, "name", lang)} ({t(`level.${unit.level}`)})
          </dd>
          <dt>{t("events.page.registration")}</dt>
          <dd>
            {t("events.page.registrationWindow", {
              from: formatDateTime(new Date(event.registrationOpensAt), lang),
              to: formatDateTime(new Date(event.registrationClosesAt), lang),
            })}
          </dd>
          <dt>{t("events.page.reminder")}</dt>
          <dd>
            {event.reminderHours === null
              ? t("events.page.noReminder")
              : t("events.page.reminderHours", {
                  count: event.reminderHours,
                  hours: num(event.reminderHours),
                })}
          </dd>
          <dt>{t("events.page.questions")}</dt>
          <dd>
            {asked.length === 0
              ? t("events.page.noQuestions")
              : asked
                  .map(
                    (q) =>
                      `${t(`events.questions.${q.question}`)} (${t(`events.questionMode.${q.required ? "required" : "optional"}`)})`,
                  )
                  .join("; ")}
          </dd>
        </dl>
        {description ? <p className="description">{description}</p> : null}
        <details className="other-language">
          <summary>{t("events.page.otherLanguage")}</summary>
          <div lang={other}>
            <p className="strong">{otherTitle}</p>
            {otherDescription ? <p className="description">{otherDescription}</p> : null}
          </div>
        </details>
      </section>

      <section aria-labelledby="counts-title">
        <h2 id="counts-title">{t("events.page.counts")}</h2>
        <dl className="stats" data-testid="event-counts">
          <div>
            <dt>{t("events.page.invited")}</dt>
            <dd>{num(counts.invited)}</dd>
          </div>
          <div>
            <dt>{t("events.page.registered")}</dt>
            <dd>{num(counts.registered)}</dd>
          </div>
          <div>
            <dt>{t("events.page.waitlisted")}</dt>
            <dd>{num(counts.waitlisted)}</dd>
          </div>
          <div>
            <dt>{t("events.page.capacity")}</dt>
            <dd>{num(event.capacity)}</dd>
          </div>
        </dl>
        <p className="muted">
          {t("events.page.seatsTaken", { registered: num(counts.registered), capacity: num(event.capacity) })}
        </p>
      </section>

      <EventHub eventId={event.id} status={event.status} />

      <EventActions event={event} canComplete={canComplete} canDelete={canDelete} />

      <Agenda sessions={sessions} eventId={event.id} editable={editable} />
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
