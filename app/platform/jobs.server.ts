// The job queue is graphile-worker on the same PostgreSQL. Jobs are added with SQL inside the caller's
// transaction, so a job exists exactly when the data it acts on was committed.
import { sql } from "kysely";
import type { Tx } from "#app/platform/db.server.ts";

export type JobName =
  | "mail:drain"
  // A committee was marked formed: invite its members to every open event whose audience holds it.
  | "audience:invite-committee"
  // Reminder emails to an event's registrants, scheduled before the start (job key per event).
  | "event:send-reminders";

export async function addJob(
  db: Tx,
  name: JobName,
  options: { payload?: object; jobKey?: string; runAt?: Date; maxAttempts?: number } = {},
): Promise<void> {
  await sql`
    select graphile_worker.add_job(
      ${name},
      payload := ${options.payload ?? {}}::json,
      run_at := ${options.runAt ?? null}::timestamptz,
      max_attempts := ${options.maxAttempts ?? 25}::int,
      job_key := ${options.jobKey ?? null}::text
    )`.execute(db);
}
