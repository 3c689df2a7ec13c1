// The event page's agenda: its sessions by day in IST, with their trainers, and edit links while the event
// may change.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatNumber, formatTime } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import { groupSessionsByDay } from "#app/models/events/event.ts";
import type { LoaderData } from "./route.tsx";

export function Agenda({
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
                    const name: string = localized(s, "title", lang);
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
                            {localized(s, "title", lang === "hi" ? "en" : "hi")}
                          </span>
                          {s.capacity !== null ? (
                            <span className="muted small block">
                              {t("events.agenda.seats", {
                                count: s.capacity,
                                seats: formatNumber(s.capacity, lang),
                              })}
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
