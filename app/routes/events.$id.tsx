// /events/:id: one event in the reader's language (the other one a click away), its agenda by day in IST,
// invitation and registration counts against capacity, and what can be done next.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import type { Language } from "#app/i18n/setup.ts";
import { getEventInScope } from "#app/models/events/event-access.server.ts";
import { deleteDraftEvent, getEventPage, markEventCompleted } from "#app/models/events/event.server.ts";
import { askedQuestions, formatSpan, groupSessionsByDay, isEditable } from "#app/models/events/event.ts";
import { formatDate, formatDateTime, formatNumber, formatTime } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../styles/events.css";
import { readForm } from "#app/web/form.server.ts";

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
  const title = locale === "en" ? page.event.titleEn : page.event.titleHi;
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
  if (intent === "delete") {
    const outcome = await deleteDraftEvent(db, actor, id);
    return outcome.ok ? redirect("/events?done=deleted") : data({ error: outcome.error }, { status: 400 });
  }
  return data({ error: "events.errors.unknownAction" }, { status: 400 });
}

export default function EventPage() {
  const { event, unit, sessions, counts, canComplete, canDelete, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const other: Language = lang === "hi" ? "en" : "hi";
  const num = (n: number) => formatNumber(n, lang);
  const pick = (x: { en: string; hi: string }, l: Language = lang) => (l === "hi" ? x.hi : x.en);
  const title = { en: event.titleEn, hi: event.titleHi };
  const description = { en: event.descriptionEn, hi: event.descriptionHi };
  const editable = isEditable(event.status);
  const asked = askedQuestions(event.questions);

  return (
    <div className="events-page event-page">
      <p>
        <Link to="/events">{t("events.page.backToList")}</Link>
      </p>
      <div className="event-title">
        <h1>{pick(title)}</h1>
        <span className={`badge event-${event.status}`} data-testid="event-status">
          {t(`events.status.${event.status}`)}
        </span>
      </div>
      <p className="muted other-title" lang={other}>
        {pick(title, other)}
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
            {lang === "hi" ? unit.nameHi : unit.nameEn} ({t(`level.${unit.level}`)})
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
              : t("events.page.reminderHours", { hours: num(event.reminderHours) })}
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
        {pick(description) ? <p className="description">{pick(description)}</p> : null}
        <details className="other-language">
          <summary>{t("events.page.otherLanguage")}</summary>
          <div lang={other}>
            <p className="strong">{pick(title, other)}</p>
            {pick(description, other) ? <p className="description">{pick(description, other)}</p> : null}
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

      <section aria-labelledby="actions-title" className="card">
        <h2 id="actions-title">{t("events.page.actions")}</h2>
        <div className="event-actions">
          <Link to={`/events/${event.id}/audience`} className="button secondary">
            {t("events.page.audience")}
          </Link>
          <Link to={`/events/${event.id}/invitations`} className="button secondary">
            {t("events.page.invitations")}
          </Link>
          <Link to={`/events/${event.id}/registrations`} className="button secondary">
            {t("events.page.registrations")}
          </Link>
          {event.status === "published" || event.status === "completed" ? (
            <Link to={`/events/${event.id}/tablets`} className="button secondary">
              {t("tablet.tabletsTitle")}
            </Link>
          ) : null}
          {editable ? (
            <Link to={`/events/${event.id}/edit`} className="button secondary">
              {t("events.page.edit")}
            </Link>
          ) : null}
        </div>
        {event.status === "draft" ? (
          <Form method="post" action={`/events/${event.id}/publish`} className="event-action">
            <p className="muted small" id="publish-hint">
              {t("events.page.publishHint")}
            </p>
            <button type="submit" className="button" aria-describedby="publish-hint">
              {t("events.page.publish")}
            </button>
          </Form>
        ) : null}
        <div className="event-actions">
          {canComplete ? (
            <Form method="post" className="event-action">
              <button type="submit" name="intent" value="complete" className="button">
                {t("events.page.complete")}
              </button>
            </Form>
          ) : null}
          {editable ? (
            <Link to={`/events/${event.id}/cancel`} className="button danger">
              {t("events.page.cancel")}
            </Link>
          ) : null}
        </div>
        {canDelete ? (
          <Form method="post" className="event-action">
            <p className="muted small" id="delete-hint">
              {t("events.page.deleteHint")}
            </p>
            <button
              type="submit"
              name="intent"
              value="delete"
              className="button danger"
              aria-describedby="delete-hint"
            >
              {t("events.page.delete")}
            </button>
          </Form>
        ) : null}
      </section>

      <Agenda sessions={sessions} eventId={event.id} editable={editable} />
    </div>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function Agenda({
  sessions,
  eventId,
  editable,
}: {
  sessions: LoaderData["sessions"];
  eventId: number;
  editable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const days = groupSessionsByDay(sessions);
  return (
    <section aria-labelledby="agenda-title" className="agenda">
      <div className="events-head">
        <h2 id="agenda-title">{t("events.agenda.title")}</h2>
        {editable ? (
          <Link to={`/events/${eventId}/sessions/new`} className="button">
            {t("events.agenda.add")}
          </Link>
        ) : null}
      </div>
      {days.length === 0 ? <p className="card">{t("events.agenda.empty")}</p> : null}
      {days.map(({ day, sessions: daySessions }) => {
        const dayName = formatDate(new Date(daySessions[0]!.startsAt), lang);
        return (
          <div key={day} className="agenda-day" data-day={day}>
            <h3>{dayName}</h3>
            <div className="table-wrap">
              <table className="agenda-table">
                <caption className="visually-hidden">{t("events.agenda.caption", { day: dayName })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("events.agenda.time")}</th>
                    <th scope="col">{t("events.agenda.session")}</th>
                    <th scope="col">{t("events.agenda.room")}</th>
                    <th scope="col">{t("events.agenda.trainers")}</th>
                    {editable ? (
                      <th scope="col">
                        <span className="visually-hidden">{t("events.agenda.edit")}</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {daySessions.map((s) => {
                    const name = lang === "hi" ? s.titleHi : s.titleEn;
                    return (
                      <tr key={s.id} data-session-id={s.id}>
                        <td className="time">
                          {formatTime(new Date(s.startsAt), lang)} – {formatTime(new Date(s.endsAt), lang)}
                        </td>
                        <th scope="row">
                          <span className={`badge session-${s.kind}`}>
                            {t(`events.sessionKind.${s.kind}`)}
                          </span>{" "}
                          {name}
                          <span className="muted small block" lang={lang === "hi" ? "en" : "hi"}>
                            {lang === "hi" ? s.titleEn : s.titleHi}
                          </span>
                          {s.capacity !== null ? (
                            <span className="muted small block">
                              {t("events.agenda.seats", { seats: formatNumber(s.capacity, lang) })}
                            </span>
                          ) : null}
                          {s.required ? null : (
                            <span className="muted small block">{t("events.agenda.optional")}</span>
                          )}
                        </th>
                        <td>{s.room}</td>
                        <td>
                          {s.trainers.length === 0 ? (
                            <span className="muted">{t("events.agenda.noTrainers")}</span>
                          ) : (
                            s.trainers.map((trainer) => trainer.name).join(", ")
                          )}
                        </td>
                        {editable ? (
                          <td>
                            <Link
                              to={`/events/${eventId}/sessions/${s.id}`}
                              aria-label={t("events.agenda.editLabel", { session: name })}
                              className="edit-link"
                            >
                              {t("events.agenda.edit")}
                            </Link>
                          </td>
                        ) : null}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </div>
        );
      })}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
