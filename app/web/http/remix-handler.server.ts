// Our own Remix adapter for express (in place of @remix-run/express's): it builds the Web Request with a
// body that is counted while it streams (capped-body.server.ts), refuses a body past its limit with a 413
// whatever the route made of it, and lets the route's headers replace the server's defaults rather than be
// added beside them (two CSP headers would both apply).
import type { IncomingMessage } from "node:http";
import { type AppLoadContext, createRequestHandler, type ServerBuild } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import type { BodyLimit } from "./body-limits.server.ts";
import { cappedBody } from "./capped-body.server.ts";
import { sendRefusal } from "./refusal.server.ts";
import { writeBody } from "./response-body.server.ts";
import { enforceAddressHeaders } from "./security-headers.server.ts";

type Options = {
  build: ServerBuild;
  mode: string;
  bodyLimit: (req: ExpressRequest) => BodyLimit;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
};

export function remixHandler({ build, mode, bodyLimit, getLoadContext }: Options) {
  const handle = createRequestHandler(build, mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      // Loaders and actions stop when nobody is left to answer (the client went, or the body was refused).
      const abort = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) abort.abort();
      });
      const limit = bodyLimit(req);
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      // Refuse early what says it is too large.
      if (hasBody && Number(req.headers["content-length"] ?? 0) > limit.maxBytes)
        return sendRefusal(req, res, "too-large", limit);
      const body = hasBody
        ? cappedBody(req, limit, (why) => {
            abort.abort();
            sendRefusal(req, res, why, limit);
          })
        : undefined;
      const request = new Request(requestUrl(req), {
        method: req.method,
        headers: requestHeaders(req),
        signal: abort.signal,
        ...(body ? { body: body.stream, duplex: "half" } : {}),
      } as RequestInit);
      const response = await handle(request, getLoadContext(req, res));
      // A route may answer without reading: the body must still be within its limit to get that answer.
      await body?.finish();
      if (body?.refusal() || res.headersSent) {
        await response.body?.cancel().catch(() => {});
        return;
      }
      await sendResponse(req, res, response);
    } catch (error) {
      next(error);
    }
  };
}

function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, values] of Object.entries(req.headers)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(name, value);
  }
  return headers;
}

// As @remix-run/express builds it: req.hostname respects "trust proxy"; the port from X-Forwarded-Host or Host.
function requestUrl(req: ExpressRequest): string {
  const portOf = (host: string | undefined) => Number.parseInt(host?.split(":")[1] ?? "", 10);
  const forwardedPort = portOf(req.get("X-Forwarded-Host"));
  const hostPort = portOf(req.get("host"));
  const port = Number.isSafeInteger(forwardedPort)
    ? forwardedPort
    : Number.isSafeInteger(hostPort)
      ? hostPort
      : "";
  return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`).href;
}

async function sendResponse(req: ExpressRequest, res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  enforceAddressHeaders(req.path, res, true);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeBody(response.body, res);
  else res.end();
}
