// Starts graphile-worker with Shivir's tasks: inside the web process by default, or alone (npm run worker).
import { Logger, type Runner, run, runMigrations } from "graphile-worker";
import { addDrainHelperIfBacklog, drainOutbox } from "#app/mail/sender.server.ts";
import { createTransport } from "#app/mail/transport.server.ts";
import { InviteCommitteePayloadSchema } from "#app/models/events/invitation.ts";
import { inviteNewlyFormedCommittee } from "#app/models/events/invitation.server.ts";
import { sendEventReminders } from "#app/models/events/event-notices.server.ts";
import { flushTraining } from "#app/models/reports/training-summary.server.ts";
import { reconcileCertificates } from "#app/models/programmes/certificate.server.ts";
import { inviteMakeUpAudiences } from "#app/models/programmes/make-up.server.ts";
import { getDb, withDatabaseTimeouts } from "#app/platform/db.server.ts";
import { getEnv } from "#app/platform/env.server.ts";
import { logger } from "#app/platform/logger.server.ts";
import { startWorkerLiveness } from "./worker-liveness.server.ts";

const workerLogger = new Logger((scope) => (level, message, meta) => {
  const method = level === "error" ? "error" : level === "warning" ? "warn" : "debug";
  logger[method]({ scope: { label: scope.label, taskIdentifier: scope.taskIdentifier }, meta }, message);
});

/** Creates or upgrades graphile-worker's own schema (graphile_worker.*). */
export async function installJobQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString: withDatabaseTimeouts(connectionString), logger: workerLogger });
}

export async function startWorker(options: { concurrency?: number } = {}): Promise<Runner> {
  const env = getEnv();
  const transport = createTransport(env);
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL must be set to run the job worker");
  // Jobs of a worker process that died are handed back within seconds (graphile-worker waits 4 hours).
  const liveness = startWorkerLiveness(env.DATABASE_URL, getDb());
  const runner = await run({
    events: liveness.events,
    // graphile-worker's own pg pool gets the same statement and idle-in-transaction timeouts as getDb()'s.
    connectionString: withDatabaseTimeouts(env.DATABASE_URL),
    concurrency: options.concurrency ?? 2,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: workerLogger,
    taskList: {
      "mail:drain": async (payload) => {
        if ((payload as { helper?: boolean } | null)?.helper !== true)
          await addDrainHelperIfBacklog(getDb(), env.MAIL_BATCH_SIZE);
        await drainOutbox(getDb(), transport, {
          leaseSeconds: env.MAIL_LEASE_SECONDS,
          ratePerSecond: env.MAIL_RATE_PER_SECOND,
          batchSize: env.MAIL_BATCH_SIZE,
        });
      },
      "event:send-reminders": async (payload) => {
        await sendEventReminders(getDb(), payload);
      },
      "training:flush": async () => {
        await flushTraining(getDb());
      },
      "programmes:maintain": async () => {
        await reconcileCertificates(getDb());
        await inviteMakeUpAudiences(getDb());
      },
      "audience:invite-committee": async (payload) => {
        const { committeeId } = InviteCommitteePayloadSchema.parse(payload);
        await inviteNewlyFormedCommittee(getDb(), committeeId);
      },
    },
    // A backstop: mail left by a crashed worker is picked up within a minute even if nothing else happens.
    // And the report summaries catch up with the tablets' marks (the reports also do so before reading).
    crontab: [
      "* * * * * mail:drain ?max=1&jobKey=mail:drain-cron",
      "* * * * * training:flush ?max=1&jobKey=training:flush-cron",
      // Certificates follow completion, and make-up camps invite whoever newly needs their module.
      "* * * * * programmes:maintain ?max=1&jobKey=programmes:maintain-cron",
    ].join("\n"),
  }).catch(async (error: unknown) => {
    await liveness.close();
    throw error;
  });
  runner.promise.finally(() => liveness.close()).catch(() => {});
  // Whatever was queued while no worker ran is sent now.
  await runner.addJob("mail:drain", {}, { jobKey: "mail:drain" });
  return runner;
}
