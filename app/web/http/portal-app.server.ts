// The portal's express app: request log, security headers, the cross-site filter, static files, then Remix
// through our own adapter (remix-handler.server.ts). server.ts starts it; tests start server.ts.
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
  app.use(express.static("public", { maxAge: "1h" }));
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
