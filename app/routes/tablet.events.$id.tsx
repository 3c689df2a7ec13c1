// /tablet/events/:id: the roster app for one event's sessions. The page itself carries little: the roster
// comes from /tablet/events/:id/roster.json into the tablet's IndexedDB, so it also opens offline.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { getTabletEvent } from "#app/models/attendance/attendance.server.ts";
import { RosterApp } from "#app/tablet/roster-app.tsx";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { parseId } from "#app/web/params.ts";
import type { PublicPageHandle } from "#app/web/public-page.ts";
import type { StringsHandle } from "#app/i18n/strings.ts";
import { requireTabletActor } from "#app/web/tablet-auth.server.ts";
import styles from "../styles/tablet.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireTabletActor(request);
  const [event, t, locale] = await Promise.all([
    getTabletEvent(getDb(), actor, parseId(params.id)),
    i18nServer.getFixedT(request),
    i18nServer.getLocale(request),
  ]);
  return {
    title: `${locale === "en" ? event.titleEn : event.titleHi} · ${t("tablet.title")}`,
    eventId: event.id,
    deviceName: actor.kind === "device" ? actor.device.name : null,
  };
}

// Without a staff session this is a paired tablet: its header offers no staff links (web/public-page.ts).
// It loads only the shared strings and the tablet's own (i18n/strings.ts).
export const handle: PublicPageHandle & StringsHandle = { publicPage: true, strings: "tablet" };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "Shivir" },
  // The roster is personal data on a shared device: keep it out of search engines and translation proxies.
  { name: "robots", content: "noindex" },
];

export default function TabletRosterPage() {
  const { eventId, deviceName } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="tablet-page">
      {deviceName ? <p className="muted small">{t("tablet.pairedAs", { name: deviceName })}</p> : null}
      <noscript>
        <p className="notice error">{t("tablet.needsScript")}</p>
      </noscript>
      <RosterApp eventId={eventId} />
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
