// The portal's own HTTP server: starts (or connects to) PostgreSQL, migrates, seeds an empty development
// database, serves the Remix build, and on SIGINT/SIGTERM closes the server, the pool and the database.
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import type { Runner } from "graphile-worker";
import { installJobQueue, startWorker } from "#app/jobs/worker.server.ts";
import { handleCrashes } from "#app/platform/crash.server.ts";
import { checkDatabase } from "#app/platform/health.server.ts";
import { closeDb, getDb } from "#app/platform/db.server.ts";
import { ensureDevelopmentSecret } from "#app/platform/development-secret.server.ts";
import { ConfigError, getEnv, parseEnv, resetEnvCache } from "#app/platform/env.server.ts";
import { firstAdminSignInLink } from "#app/models/staff/first-admin.server.ts";
import { maintainLinkSeals } from "#app/models/registration/personal-link.server.ts";
import { logger } from "#app/platform/logger.server.ts";
import { createPortalApp } from "#app/web/http/portal-app.server.ts";
import { startMetricsServer } from "#app/web/http/metrics-server.server.ts";
import { DATA_DIR } from "#db/cli.ts";
import { type EmbeddedDatabase, startEmbeddedDatabase } from "#db/embedded.ts";
import { migrateToLatest } from "#db/migrator.ts";
import { seedDemoIfEmpty } from "#db/seed/demo.ts";

const BUILD_PATH = path.resolve("build/index.js");
let embedded: EmbeddedDatabase | undefined;
let server: Server | undefined;
let worker: Runner | undefined;
let stopping = false;

/** One clear line, no stack trace, and a non-zero exit. */
async function fatal(message: string): Promise<never> {
  // Set first: if closing the pool leaves nothing for the event loop to do, Node exits with this code.
  process.exitCode = 1;
  console.error(`shivir: ${message}`);
  await worker?.stop().catch(() => {});
  await closeDb().catch(() => {});
  await embedded?.stop().catch(() => {});
  process.exit(1);
}

function describeUrl(url: string) {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

async function main() {
  try {
    // A development portal without a configured secret makes its own, kept beside its data.
    const secretFile = ensureDevelopmentSecret(process.env, DATA_DIR);
    if (secretFile) logger.info({ file: secretFile }, "using the development session secret");
    parseEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigError) return fatal(`invalid configuration: ${error.message}`);
    throw error;
  }

  if (!process.env.DATABASE_URL) {
    try {
      embedded = await startEmbeddedDatabase({ dataDir: DATA_DIR, log: (msg) => logger.warn(msg) });
    } catch (error) {
      return fatal((error as Error).message);
    }
    process.env.DATABASE_URL = embedded.url;
    resetEnvCache();
    logger.info(
      { database: describeUrl(embedded.url), dataDir: embedded.dataDir },
      "using the embedded PostgreSQL",
    );
  } else {
    logger.info({ database: describeUrl(process.env.DATABASE_URL) }, "using the PostgreSQL at DATABASE_URL");
  }
  const env = getEnv();
  const db = getDb();

  if ((await checkDatabase(db, 8000)) !== "ok") {
    const cause = await db
      .selectNoFrom((eb) => eb.lit(1).as("one"))
      .execute()
      .then(() => "no answer in time")
      .catch((e: Error) => e.message);
    return fatal(`cannot reach the database at ${describeUrl(env.DATABASE_URL!)}: ${cause}`);
  }
  try {
    const applied = await migrateToLatest(db);
    if (applied.length) logger.info({ applied }, "migrations applied");
    await installJobQueue(env.DATABASE_URL!);
  } catch (error) {
    return fatal(`database migration failed: ${(error as Error).message}`);
  }
  const seedDemo = env.SEED_DEMO === "always" || (env.SEED_DEMO === "auto" && env.NODE_ENV !== "production");
  if (seedDemo) {
    const seeded = await seedDemoIfEmpty(db);
    if (seeded) {
      logger.info(
        { units: seeded.units, appointees: seeded.appointees },
        "seeded the demo state into an empty database",
      );
      console.log(`shivir: demo data ready (${seeded.units} units, ${seeded.appointees} people)`);
    }
  }
  const seals = await maintainLinkSeals(db);
  if (seals.renewed) {
    console.log(
      `shivir: ${seals.renewed} personal links made before sealed tokens have new links; send them again from each event's invitations page`,
    );
  }
  if (seals.unreadable) {
    console.log(
      `shivir: ${seals.unreadable} personal links were sealed with a secret missing from SESSION_SECRETS: they still open, but cannot be sent again until the secret is back or they are re-issued`,
    );
  }
  const firstAdmin = await firstAdminSignInLink(db, env.PUBLIC_URL, env.ADMIN_EMAIL);
  if (firstAdmin) {
    console.log(
      `shivir: nobody has signed in yet. Sign in as the first admin (${firstAdmin.email}) within 24 hours, once:\n` +
        `    ${firstAdmin.url}`,
    );
  }

  if (env.WORKER === "inline") worker = await startWorker();

  if (!existsSync(BUILD_PATH)) return fatal("no build found at build/index.js: run `npm run build` first");
  const build = (await import(BUILD_PATH)) as ServerBuild;

  // Security headers, body limits, the cross-site filter and Remix: app/web/http/portal-app.server.ts.
  const app = createPortalApp({ build, env });

  server = app.listen(env.PORT, env.HOST);
  server.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EADDRINUSE")
      return void fatal(`port ${env.PORT} is already in use: stop the other program or set PORT`);
    if (error.code === "EACCES")
      return void fatal(`no permission to listen on port ${env.PORT}: choose a port above 1024`);
    return void fatal(`cannot listen on ${env.HOST}:${env.PORT}: ${error.message}`);
  });
  server.on("listening", () => {
    const address = server?.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    logger.info({ port, host: env.HOST }, "listening");
    console.log(`shivir: serving http://localhost:${port}`);
  });
  // Prometheus metrics on their own port, never on the public one (docs/operations.md).
  if (env.METRICS_PORT) startMetricsServer({ host: env.HOST, port: env.METRICS_PORT, worker });
}

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  const forceExit = setTimeout(() => {
    console.error("shivir: shutdown took longer than 15 s; exiting");
    process.exit(1);
  }, 15_000);
  forceExit.unref();
  if (server) {
    await new Promise<void>((resolve) => {
      server!.close(() => resolve());
      server!.closeIdleConnections();
      setTimeout(() => server!.closeAllConnections(), 5_000).unref();
    });
  }
  await worker?.stop().catch((error: Error) => logger.error({ err: error }, "worker did not stop cleanly"));
  await closeDb();
  await embedded?.stop();
  logger.info("stopped");
  process.exit(0);
}

handleCrashes();
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

main().catch((error) => fatal(error instanceof Error ? error.message : String(error)));
