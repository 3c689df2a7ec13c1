import { type AppLoadContext, createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { finished } from "node:stream";
import { RemixServer } from "@remix-run/react";
import type { i18n } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { fallbackLanguage, isLanguage } from "#app/i18n/setup.ts";
import { bundles } from "#app/i18n/resources.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { withoutNulBytes } from "#app/web/html-stream.server.ts";
import { logger } from "#app/platform/logger.server.ts";
import { pageLanguage } from "#app/i18n/page-language.ts";
import { stringsBundle } from "#app/i18n/strings.ts";
import { createLiteI18n } from "#app/i18n/lite.ts";
import { NonceProvider, nonceOf } from "#app/web/nonce.ts";
import { serverI18n } from "#app/web/translations.server.ts";

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
  // The i18next instance of the page's own language if it has one, else of the one the request asked for
  // (the root layout makes the same choice from the same loader data); one per language, shared by requests.
  // A page that asks for a smaller strings bundle (the tablet pages) is rendered with the same small instance
  // and strings the browser will hydrate it with (app/i18n/strings.ts).
  const { matches, loaderData } = remixContext.staticHandlerContext;
  const routes = matches.map(({ route }) => ({
    handle: remixContext.routeModules[route.id]?.handle,
    data: loaderData[route.id],
  }));
  const lng = pageLanguage(routes) ?? (await i18nServer.getLocale(request));
  const bundle = stringsBundle(routes);
  const language = isLanguage(lng) ? lng : fallbackLanguage;
  const i18n: i18n =
    bundle === "all"
      ? await serverI18n(language)
      : createLiteI18n(language, bundles[bundle][language], bundle);

  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    let rendered = () => {};
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
          finished(body, () => rendered());
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
    // Stopped once the page is out: aborting a finished render only makes an error nobody reads.
    const timer = setTimeout(abort, ABORT_DELAY + 1000);
    rendered = () => clearTimeout(timer);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  logger.error({ err: error }, "unhandled error in a loader or action");
}
