// /tablet: the events a trainer (their own sessions flagged) or an organiser can open on a tablet. A
// paired tablet goes straight to its event.
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import type { Language } from "#app/i18n/setup.ts";
import type { StringsHandle } from "#app/i18n/strings.ts";
import { listTabletEvents } from "#app/models/attendance/attendance.server.ts";
import { keepPageOffline } from "#app/tablet/offline.ts";
import { formatDate, formatTime } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireTabletActor } from "#app/web/tablet-auth.server.ts";
import styles from "../styles/tablet.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireTabletActor(request);
  if (actor.kind === "device") throw redirect(`/tablet/events/${actor.device.eventId}`);
  const [t, events] = await Promise.all([i18nServer.getFixedT(request), listTabletEvents(getDb(), actor)]);
  return { title: `${t("tablet.title")} · ${t("app.name")}`, events, trainer: actor.scope === null };
}

// Only the shared strings and the tablet's own (i18n/strings.ts).
export const handle: StringsHandle = { strings: "tablet-home" };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export default function TabletHome() {
  const { events, trainer } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  useEffect(() => {
    keepPageOffline().catch(() => {});
  }, []);
  return (
    <section className="tablet-page">
      <h1>{t("tablet.title")}</h1>
      <p>{t("tablet.intro")}</p>
      {events.length === 0 ? (
        <p className="notice">{trainer ? t("tablet.noEventsTrainer") : t("tablet.noEventsOrganiser")}</p>
      ) : (
        <ul className="tablet-events">
          {events.map((event) => (
            <li key={event.id} className="card">
              <h2>{language === "en" ? event.titleEn : event.titleHi}</h2>
              <p className="muted">
                {formatDate(new Date(event.startsAt), language)} · {event.venueName}
              </p>
              <ul className="tablet-sessions">
                {event.sessions.map((s) => (
                  <li key={s.id}>
                    {formatTime(new Date(s.startsAt), language)} {language === "en" ? s.titleEn : s.titleHi}
                    {s.room ? ` · ${s.room}` : ""}
                    {s.mine ? <strong className="badge formed"> {t("tablet.yourSession")}</strong> : null}
                  </li>
                ))}
              </ul>
              {/* A full page load, so the offline copy of the roster page can answer it too. */}
              <a className="button big-button" href={`/tablet/events/${event.id}`}>
                {t("tablet.openRoster")}
              </a>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/tablet/pair">{t("tablet.pairLink")}</a>
      </p>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
