import fontDevanagari400 from "@fontsource/noto-sans-devanagari/400.css";
import fontDevanagari700 from "@fontsource/noto-sans-devanagari/700.css";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { LanguageSwitch } from "#app/components/language-switch.tsx";
import { fallbackLanguage, type Language } from "#app/i18n.ts";
import appStyles from "./styles/app.css";
import { i18nServer } from "#app/utils/i18n.server.ts";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: fontDevanagari400 },
  { rel: "stylesheet", href: fontDevanagari700 },
  { rel: "stylesheet", href: appStyles },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = (await i18nServer.getLocale(request)) as Language;
  return { locale };
}

export const handle = { i18n: "translation" };

// Pages set their own translated title; this one stands for error pages.
export const meta: MetaFunction = () => [{ title: "शिविर · Shivir" }];

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const { t, i18n } = useTranslation();
  const locale = data?.locale ?? (i18n.language as Language) ?? fallbackLanguage;
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
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
          <LanguageSwitch current={locale} />
        </header>
        <main id="main">{children}</main>
        <footer className="site-footer">{t("app.footer")}</footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  const { locale } = useLoaderData<typeof loader>();
  useChangeLanguage(locale);
  return <Outlet />;
}

export const ErrorBoundary = GeneralErrorBoundary;
