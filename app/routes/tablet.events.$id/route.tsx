// /tablet/events/:id: the roster app for one event's sessions. The page itself carries little: the roster
// comes from /tablet/events/:id/roster.json into the tablet's IndexedDB, so it also opens offline.
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { RosterApp } from "#app/tablet/roster-app.tsx";
import type { PublicPageHandle } from "#app/web/public-page.ts";
import type { StringsHandle } from "#app/i18n/strings.ts";
import styles from "../../styles/tablet.css";
import type { loader } from "./loader.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

// The loader lives in one server module beside the page: the browser build then carries a single empty
// stand-in for it, inside this route's chunk, instead of one shared chunk per server module imported here.
export { loader } from "./loader.server.ts";

// Without a staff session this is a paired tablet: its header offers no staff links (web/public-page.ts).
// It loads only the shared strings and the tablet's own (i18n/strings.ts).
export const handle: PublicPageHandle & StringsHandle = { publicPage: true, strings: "tablet-roster" };

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
