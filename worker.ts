// `npm run worker`: a job worker on its own (any number of them) against the DATABASE_URL the web uses.
import type { Runner } from "graphile-worker";
import { installJobQueue, startWorker } from "#app/jobs/worker.server.ts";
import { handleCrashes } from "#app/platform/crash.server.ts";
import { closeDb } from "#app/platform/db.server.ts";
import { ensureDevelopmentSecret } from "#app/platform/development-secret.server.ts";
import { ConfigError, getEnv, parseEnv } from "#app/platform/env.server.ts";
import { startMetricsServer } from "#app/web/http/metrics-server.server.ts";
import { DATA_DIR } from "#db/cli.ts";
import { logger } from "#app/platform/logger.server.ts";

let runner: Runner | undefined;

async function main() {
  let url: string | undefined;
  try {
    // The same secret as the web process (the development portal's file, if neither is configured).
    ensureDevelopmentSecret(process.env, DATA_DIR);
    url = parseEnv(process.env).DATABASE_URL;
  } catch (error) {
    if (error instanceof ConfigError) return exit(`invalid configuration: ${error.message}`);
    throw error;
  }
  // The embedded database belongs to one `npm start`; a separate worker needs a shared server.
  if (!url)
    return exit(
      "DATABASE_URL must be set for a separate worker (the web process runs its own worker by default)",
    );
  await installJobQueue(url);
  runner = await startWorker({ concurrency: Number(process.env.WORKER_CONCURRENCY) || 2 });
  // A worker beside a web process on one machine needs its own METRICS_PORT.
  const env = getEnv();
  if (env.METRICS_PORT) startMetricsServer({ host: env.HOST, port: env.METRICS_PORT, worker: runner });
  logger.info("worker started");
  console.log("shivir: worker running; stop with Ctrl-C");
}

async function stop(signal: string) {
  logger.info({ signal }, "worker stopping");
  await runner?.stop().catch(() => {});
  await closeDb();
  process.exit(0);
}

function exit(message: string): never {
  console.error(`shivir: ${message}`);
  process.exit(1);
}

handleCrashes();
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
main().catch((error) => exit(error instanceof Error ? error.message : String(error)));
