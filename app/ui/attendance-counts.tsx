// Live attendance of an event for organisers: present / registered / invited per session and committee,
// refreshed from /events/:id/attendance.json every few seconds while the page is visible. Works without
// JavaScript too (then it shows the counts of the page load).
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "#app/i18n/setup.ts";
import type { SessionCounts } from "#app/models/attendance/attendance.server.ts";
import { formatNumber } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";

export type AttendanceCountsData = Omit<SessionCounts, "startsAt">[];

const REFRESH_MS = 5000;

export function AttendanceCounts({ eventId, initial }: { eventId: number; initial: AttendanceCountsData }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [sessions, setSessions] = useState(initial);
  useEffect(() => setSessions(initial), [initial]);
  useEffect(() => {
    const timer = setInterval(async () => {
      if (document.visibilityState !== "visible") return;
      const response = await fetch(`/events/${eventId}/attendance.json`, {
        credentials: "same-origin",
      }).catch(() => null);
      if (response?.ok) setSessions(((await response.json()) as { sessions: AttendanceCountsData }).sessions);
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [eventId]);

  if (sessions.length === 0) return <p className="muted">{t("tablet.noSessions")}</p>;
  const n = (value: number) => formatNumber(value, language);
  return (
    <div className="attendance-counts" aria-live="polite">
      {sessions.map((session) => (
        <div className="table-wrap" key={session.sessionId}>
          <table data-session={session.sessionId}>
            <caption>{localized(session, "title", language)}</caption>
            <thead>
              <tr>
                <th scope="col">{t("tablet.committee")}</th>
                <th scope="col" className="num">
                  {t("tablet.present")}
                </th>
                <th scope="col" className="num">
                  {t("tablet.registered")}
                </th>
                <th scope="col" className="num">
                  {t("tablet.invited")}
                </th>
              </tr>
            </thead>
            <tbody>
              {session.committees.map((c) => (
                <tr key={c.committeeId}>
                  <th scope="row">{localized(c, "name", language)}</th>
                  <td className="num">{n(c.present)}</td>
                  <td className="num">{n(c.registered)}</td>
                  <td className="num">{n(c.invited)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("tablet.total")}</th>
                <td className="num" data-count="present">
                  {n(session.present)}
                </td>
                <td className="num">{n(session.registered)}</td>
                <td className="num">{n(session.invited)}</td>
              </tr>
              {session.walkIns > 0 ? (
                <tr>
                  <th scope="row">{t("tablet.walkIns")}</th>
                  <td className="num">{n(session.walkIns)}</td>
                  <td />
                  <td />
                </tr>
              ) : null}
            </tfoot>
          </table>
        </div>
      ))}
    </div>
  );
}
