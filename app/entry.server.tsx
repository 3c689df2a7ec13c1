import { type AppLoadContext, createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createInstance, type i18n } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { fallbackLanguage, i18nConfig, isLanguage } from "#app/i18n/setup.ts";
import { bundles, resources } from "#app/i18n/resources.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { withoutNulBytes } from "#app/web/html-stream.server.ts";
import { logger } from "#app/platform/logger.server.ts";
import { pageLanguage } from "#app/i18n/page-language.ts";
import { stringsBundle } from "#app/i18n/strings.ts";
import { createLiteI18n } from "#app/i18n/lite.ts";
import { NonceProvider, nonceOf } from "#app/web/nonce.ts";

const ABORT_DELAY = 5_000;

// The security headers (CSP with this response's nonce, Referrer-Policy, …) are the server's, set for every
// response in app/web/http/security-headers.server.ts.
export const streamTimeout = ABORT_DELAY;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // Remix's inline scripts (and React's) carry the nonce the server put in this response's CSP.
  const nonce = nonceOf(loadContext);
  // One i18next instance per request: in the page's own language if it has one, else the one the request
  // asked for (the root layout makes the same choice from the same loader data).
  // A page that asks for a smaller strings bundle (the tablet pages) is rendered with the same small instance
  // and strings the browser will hydrate it with (app/i18n/strings.ts).
  const { matches, loaderData } = remixContext.staticHandlerContext;
  const routes = matches.map(({ route }) => ({
    handle: remixContext.routeModules[route.id]?.handle,
    data: loaderData[route.id],
  }));
  const lng = pageLanguage(routes) ?? (await i18nServer.getLocale(request));
  const bundle = stringsBundle(routes);
  let i18n: i18n;
  if (bundle === "all") {
    i18n = createInstance();
    await i18n.use(initReactI18next).init({ ...i18nConfig, lng, resources });
  } else {
    const language = isLanguage(lng) ? lng : fallbackLanguage;
    i18n = createLiteI18n(language, bundles[bundle][language], bundle);
  }

  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = withoutNulBytes();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          responseHeaders.set("Content-Language", lng);
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error({ err: error }, "render error");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY + 1000);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  logger.error({ err: error }, "unhandled error in a loader or action");
}
