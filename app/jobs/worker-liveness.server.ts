// A job held by a worker process that died (SIGKILL, power cut) stays locked in graphile-worker for four
// hours. Here every worker process says it is alive the cheapest way PostgreSQL allows: it holds a session
// advisory lock per graphile-worker id (its worker pool's, and each worker's) on a connection of its own, which the server drops the moment the
// process (or its connection) is gone. Every few seconds each process looks for jobs locked by ids whose
// lock is free and hands them back (force_unlock_workers), so a live worker runs them within seconds.
import { EventEmitter } from "node:events";
import type { WorkerEvents } from "graphile-worker";
import postgres from "postgres";
import { sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";
import { logger } from "#app/platform/logger.server.ts";

/** The first key of the two-key advisory locks ("SH"); single-key locks elsewhere never collide with it. */
const LOCK_CLASS = 0x5348;
/** A job locked this recently is left alone: its worker may be about to take its liveness lock. */
const GRACE_SECONDS = 5;
export const REAP_INTERVAL_MS = 2000;
const DIED = "its worker process died";

export type WorkerLiveness = { events: WorkerEvents; close: () => Promise<void> };

/** Starts holding liveness locks for the workers `events` announces, and reaping dead workers' jobs. */
export function startWorkerLiveness(databaseUrl: string, db: Database): WorkerLiveness {
  const events: WorkerEvents = new EventEmitter() as WorkerEvents;
  const ids = new Set<string>();
  let closed = false;
  // One connection, never recycled: the locks live as long as it does. If it drops anyway (the server
  // restarted), the locks are taken again on a new one.
  const lockSql = postgres(databaseUrl, {
    max: 1,
    idle_timeout: 0,
    max_lifetime: 0,
    connect_timeout: 5,
    onnotice: () => {},
    connection: { application_name: "shivir-worker-liveness" },
    onclose: () => {
      if (!closed) void lockAll();
    },
  });
  const lock = (id: string) => lockSql`select pg_try_advisory_lock(${LOCK_CLASS}, hashtext(${id}))`;
  async function lockAll() {
    try {
      for (const id of ids) await lock(id);
    } catch (error) {
      logger.warn({ err: error }, "worker liveness locks could not be taken again");
    }
  }
  const hold = (id: string) => {
    ids.add(id);
    lock(id).catch((error) => logger.warn({ err: error, workerId: id }, "worker liveness lock failed"));
  };
  // graphile-worker 0.17 locks jobs with its pool's id (one per process); single workers have ids too.
  events.on("pool:create", ({ workerPool }) => hold(workerPool.id));
  events.on("worker:create", ({ worker }) => hold(worker.workerId));

  const timer = setInterval(() => {
    reapDeadWorkers(db).catch((error) => logger.warn({ err: error }, "reaping dead workers' jobs failed"));
  }, REAP_INTERVAL_MS);
  timer.unref();

  return {
    events,
    close: async () => {
      closed = true;
      clearInterval(timer);
      await lockSql.end({ timeout: 1 }).catch(() => {});
    },
  };
}

/**
 * Unlocks the jobs of workers whose liveness lock nobody holds (their process is gone); returns their ids.
 * A worker of a version without liveness locks would look dead: all workers are upgraded together.
 */
export async function reapDeadWorkers(db: Database): Promise<string[]> {
  const { rows } = await sql<{ workerId: string }>`
    select locked_by as "workerId"
      from (select distinct locked_by from graphile_worker._private_jobs
             where locked_by is not null and locked_at < now() - make_interval(secs => ${GRACE_SECONDS})) w
     where pg_try_advisory_xact_lock(${LOCK_CLASS}, hashtext(locked_by))`.execute(db);
  const dead = [...new Set(rows.map((row) => row.workerId))];
  if (dead.length) {
    // An interrupted run is no failure: a job that was on its last attempt (a cron backstop has one) gets
    // one more, once, so that it runs again instead of staying behind as failed. A job that kills its
    // worker every time still ends.
    await sql`
      update graphile_worker._private_jobs
         set max_attempts = case when attempts >= max_attempts and last_error is distinct from ${DIED}
                                 then attempts + 1 else max_attempts end,
             last_error = ${DIED}
       where locked_by = any(${dead}::text[])`.execute(db);
    await sql`select graphile_worker.force_unlock_workers(${dead}::text[])`.execute(db);
    logger.warn({ workerIds: dead }, "jobs of dead workers unlocked");
  }
  return dead;
}
