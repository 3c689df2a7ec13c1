// METRICS_PORT: a second, tiny listener that answers GET /metrics (Prometheus text) and nothing else. The
// public port never serves metrics. Started by server.ts after the portal listens, and by worker.ts.
import { createServer, type Server } from "node:http";
import type { Runner } from "graphile-worker";
import { logger } from "#app/platform/logger.server.ts";
import { metrics, observeJobs } from "#app/platform/metrics.server.ts";

export function startMetricsServer(options: { host: string; port: number; worker?: Runner }): Server {
  if (options.worker) observeJobs(options.worker);
  const server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== "/metrics") {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found\n");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain" }).end("GET only\n");
      return;
    }
    metrics.registry.metrics().then(
      (text) => {
        res.writeHead(200, { "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" });
        res.end(req.method === "HEAD" ? undefined : text);
      },
      (error: Error) => {
        logger.error({ err: error }, "metrics could not be collected");
        res.writeHead(500, { "Content-Type": "text/plain" }).end("metrics unavailable\n");
      },
    );
  });
  server.on("error", (error: Error) =>
    logger.error({ err: error, port: options.port }, "the metrics listener failed"),
  );
  server.listen(options.port, options.host, () =>
    logger.info({ host: options.host, port: options.port }, "metrics listening"),
  );
  // The metrics listener must not keep a stopping process alive.
  server.unref();
  return server;
}
