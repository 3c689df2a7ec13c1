// The event itself: when and where, the registration deadline, the description, and the agenda by day.
import { formatDate, formatDateTime, formatTime } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import { groupSessionsByDay } from "#app/models/events/event.ts";
import { type LoaderData, usePageT } from "./page.ts";
import { EventWhen } from "./when.tsx";

export function EventDetails({ data }: { data: LoaderData }) {
  const { event, lang } = data;
  const t = usePageT(lang);
  const description: string | null = localized(event, "description", lang);
  return (
    <section className="card details" aria-label={t("registration.about")}>
      <dl>
        <dt>{t("registration.when")}</dt>
        <dd>
          <EventWhen event={event} lang={lang} />
        </dd>
        <dt>{t("registration.where")}</dt>
        <dd>
          {event.venueName}
          {event.venueAddress ? <span className="address">{event.venueAddress}</span> : null}
          {event.venueMapUrl ? (
            <a href={event.venueMapUrl} rel="noreferrer" target="_blank" className="map-link">
              {t("registration.map")}
            </a>
          ) : null}
        </dd>
        <dt>{t("registration.registerBy")}</dt>
        <dd>{formatDateTime(new Date(event.registrationClosesAt), lang)}</dd>
      </dl>
      {description ? (
        <>
          <h2>{t("registration.about")}</h2>
          <p className="description">{description}</p>
        </>
      ) : null}
    </section>
  );
}

export function Agenda({ data }: { data: LoaderData }) {
  const { sessions, lang } = data;
  const t = usePageT(lang);
  const days = groupSessionsByDay(sessions);
  return (
    <section className="card agenda" aria-labelledby="agenda-title">
      <h2 id="agenda-title">{t("registration.agenda")}</h2>
      {days.length === 0 ? <p className="muted">{t("registration.agendaEmpty")}</p> : null}
      {days.map((day) => (
        <div key={day.day}>
          <h3>{formatDate(new Date(day.sessions[0]!.startsAt), lang)}</h3>
          <ol className="sessions">
            {day.sessions.map((session) => (
              <li key={session.id}>
                <span className="session-time">
                  {t("registration.sessionTime", {
                    start: formatTime(new Date(session.startsAt), lang),
                    end: formatTime(new Date(session.endsAt), lang),
                  })}
                </span>
                <span className="session-title">{localized(session, "title", lang)}</span>
                <span className="muted small">
                  {t(`registration.sessionKind.${session.kind}`)}
                  {session.room ? ` · ${t("registration.room", { room: session.room })}` : ""}
                </span>
              </li>
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}
