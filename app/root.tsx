import fontDevanagari400 from "@fontsource/noto-sans-devanagari/400.css";
import fontDevanagari700 from "@fontsource/noto-sans-devanagari/700.css";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { LanguageSwitch } from "#app/ui/language-switch.tsx";
import { fallbackLanguage, type Language } from "#app/i18n/setup.ts";
import appStyles from "./styles/app.css";
import { rootData } from "#app/web/root-data.server.ts";
import { pageLanguage } from "#app/i18n/page-language.ts";
import { isPublicPage } from "#app/web/public-page.ts";
import { pageScripts } from "#app/web/page-scripts.ts";
import { useNonce } from "#app/web/nonce.ts";
import { loadedBundle, stringsBundle } from "#app/i18n/strings.ts";

// Zod probes for eval (`new Function`) when its first schema is made; the CSP forbids eval and the browser
// reports the probe as a violation, although Zod copes. Told it is jitless before any module runs, it does
// not probe. A classic inline script in <head> runs before every module script.
const zodWithoutEval = "globalThis.__zod_globalConfig={jitless:true}";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: fontDevanagari400 },
  { rel: "stylesheet", href: fontDevanagari700 },
  { rel: "stylesheet", href: appStyles },
  // The .ico for browsers that ask for /favicon.ico on their own; the SVG for those that take it.
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// What the frame needs from the server, in one server module (web/root-data.server.ts): the browser build
// replaces each .server import with an empty module of its own, which every page would download.
export async function loader({ request }: LoaderFunctionArgs) {
  return rootData(request);
}

export const handle = { i18n: "translation" };

// Pages set their own translated title; this one stands for error pages.
export const meta: MetaFunction = () => [{ title: "शिविर · Shivir" }];

/** The document's language: the page's own if it has one (a personal link), else the site's. */
function useLocale(): Language | undefined {
  const data = useRouteLoaderData<typeof loader>("root");
  return pageLanguage(useMatches()) ?? data?.locale;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const { t, i18n } = useTranslation();
  const locale = useLocale() ?? (i18n.language as Language) ?? fallbackLanguage;
  // An appointee's page or a paired tablet: staff links would only lead away (utils/public-page.ts).
  const matches = useMatches();
  const publicPage = isPublicPage(matches) && !data?.staff;
  // The strings the page is rendered with, for the browser to load the same (i18n/strings.ts).
  const strings = stringsBundle(matches);
  // A page that works without JavaScript and says so ships none (web/page-scripts.ts).
  const scripts = pageScripts(matches);
  // The CSP lets only scripts with this response's nonce run (app/web/nonce.ts).
  const nonce = useNonce();
  return (
    <html lang={locale} dir="ltr" data-strings={strings}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {scripts ? (
          <script
            nonce={nonce}
            suppressHydrationWarning
            // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant of our own
            dangerouslySetInnerHTML={{ __html: zodWithoutEval }}
          />
        ) : null}
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("app.skipToContent")}
        </a>
        <header className="site-header">
          <a href="/" className="brand">
            {t("app.name")}
            <small>{t("app.tagline")}</small>
          </a>
          {publicPage || !data ? null : <SiteMenu />}
          <LanguageSwitch current={locale} />
        </header>
        {data?.mailAlarm ? (
          <div className="alarm" role="alert">
            {data.mailAlarm.status === "stuck"
              ? t("mailAlarm.stuck", { minutes: data.mailAlarm.oldestPendingMinutes })
              : t("mailAlarm.failing", { count: data.mailAlarm.recentFailures })}{" "}
            {data.outboxLink ? <a href="/outbox">{t("mailAlarm.openOutbox")}</a> : null}
          </div>
        ) : null}
        <main id="main">{children}</main>
        <footer className="site-footer">{t("app.footer")}</footer>
        {scripts ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

/**
 * The site's links. On a phone they fold into a menu button (a <details>, so it opens without JavaScript);
 * on a wider screen app.css shows them in the header's row and hides the button.
 */
function SiteMenu() {
  const data = useRouteLoaderData<typeof loader>("root");
  const { t } = useTranslation();
  const menu = useRef<HTMLDetailsElement>(null);
  const { pathname, search } = useLocation();
  const page = pathname + search;
  const shown = useRef(page);
  // A page changed in place (a form, a link inside the app) closes the menu, as a full page load would;
  // hydration does not (the menu may have been opened before the script ran).
  useEffect(() => {
    if (shown.current === page) return;
    shown.current = page;
    if (menu.current) menu.current.open = false;
  }, [page]);
  return (
    <details
      ref={menu}
      className="site-menu"
      onKeyDown={(event) => {
        if (event.key !== "Escape" || !menu.current?.open) return;
        menu.current.open = false;
        menu.current.querySelector("summary")?.focus();
      }}
    >
      <summary>
        <span aria-hidden="true" className="menu-icon">
          ☰
        </span>
        {t("app.menu")}
      </summary>
      <nav className="site-nav" aria-label={t("app.mainNav")}>
        {data?.staff && data.staff.role !== "trainer" ? (
          <>
            <a href="/units">{t("nav.units")}</a>
            <a href="/appointees">{t("nav.appointees")}</a>
            <a href="/imports">{t("nav.imports")}</a>
            <a href="/events">{t("nav.events")}</a>
            <a href="/dashboard">{t("nav.dashboard")}</a>
            <a href="/reports">{t("nav.reports")}</a>
            <a href="/programmes">{t("nav.programmes")}</a>
          </>
        ) : null}
        {data?.staff ? <a href="/tablet">{t("nav.tablet")}</a> : null}
        {data?.staff?.role === "admin" ? <a href="/staff">{t("nav.staff")}</a> : null}
        {data?.outboxLink ? <a href="/outbox">{t("outbox.title")}</a> : null}
        {data?.staff ? (
          <>
            <span className="signed-in-as">{t("auth.signedInAs", { name: data.staff.name })}</span>
            <Form method="post" action="/sign-out" reloadDocument>
              <button type="submit" className="link-button">
                {t("auth.signOut")}
              </button>
            </Form>
          </>
        ) : data ? (
          <a href="/sign-in">{t("auth.signIn")}</a>
        ) : null}
      </nav>
    </details>
  );
}

export default function App() {
  useChangeLanguage(useLocale() ?? fallbackLanguage);
  useStringsBundle();
  return <Outlet />;
}

/**
 * A page that loaded a small strings bundle (a tablet page) has only those strings. Its links are plain
 * links (a page load each), but should a navigation inside the app ever lead to a page that needs others,
 * load that page afresh rather than show it with missing strings.
 */
function useStringsBundle() {
  const { i18n } = useTranslation();
  const needed = stringsBundle(useMatches());
  useEffect(() => {
    const loaded = loadedBundle(i18n);
    if (loaded !== "all" && loaded !== needed) window.location.reload();
  }, [i18n, needed]);
}

export const ErrorBoundary = GeneralErrorBoundary;
