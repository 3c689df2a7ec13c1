// The portal's express app: request log, security headers, the cross-site filter, static files, then Remix
// through our own adapter (remix-handler.server.ts). server.ts starts it; tests start server.ts.
import { readdirSync } from "node:fs";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import type { Env } from "#app/platform/env.server.ts";
import { logger, redactPath } from "#app/platform/logger.server.ts";
import { observeRequest } from "#app/platform/metrics.server.ts";
import { bodyLimitFor } from "./body-limits.server.ts";
import { refuseCrossSitePosts } from "./cross-site.server.ts";
import { remixHandler } from "./remix-handler.server.ts";
import { cspNonce, securityHeaders } from "./security-headers.server.ts";

export function createPortalApp({ build, env }: { build: ServerBuild; env: Env }): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // X-Forwarded-For is believed only from the proxies TRUST_PROXY names; without it the peer is the client.
  app.set("trust proxy", env.TRUST_PROXY ?? false);
  app.use(compression());
  app.use(logRequests);
  app.use(securityHeaders({ production: env.NODE_ENV === "production" }));
  app.use(refuseCrossSitePosts);
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(publicFiles("public", { maxAge: "1h" }));
  app.all(
    "*",
    remixHandler({
      build,
      mode: env.NODE_ENV,
      bodyLimit: (req) => bodyLimitFor(req.path, env.UPLOAD_MAX_MB),
      getLoadContext: (req, res) => ({ clientIp: req.ip, cspNonce: cspNonce(res) }),
    }),
  );
  return app;
}

/**
 * express.static for the names public/ holds at start-up. express.static alone looks for a file on every
 * request it is given (a page's address too), and each miss costs a stat and an error object: about 7% of a
 * page's CPU under load (issue 18).
 */
function publicFiles(root: string, options: Parameters<typeof express.static>[1]): express.RequestHandler {
  let names: Set<string>;
  try {
    names = new Set(readdirSync(root));
  } catch {
    names = new Set();
  }
  const serve = express.static(root, options);
  return (req, res, next) => {
    const first = req.path.split("/", 2)[1] ?? "";
    return names.has(first) ? serve(req, res, next) : next();
  };
}

function logRequests(req: express.Request, res: express.Response, next: express.NextFunction) {
  const started = performance.now();
  res.on("finish", () => {
    observeRequest(req.originalUrl, req.method, res.statusCode, (performance.now() - started) / 1000);
    const isAsset = req.path.startsWith("/build/") || req.path.startsWith("/fonts/");
    logger[isAsset ? "debug" : "info"](
      {
        method: req.method,
        path: redactPath(req.originalUrl),
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  });
  next();
}
