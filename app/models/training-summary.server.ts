// Brings the report summaries up to date with attendance. A mark leaves its person in training_pending
// (db/migrations/2026-11-26T16-00_reports.ts) so the tablet's sync stays fast; this recounts those people,
// FLUSH_BATCH pending rows per transaction. The roll-up and the dashboard call it before they read, so they
// are exact; the worker calls it every minute, so the backlog stays small.
import { sql } from "kysely";
import type { Database } from "#app/utils/db.server.ts";

export const FLUSH_BATCH = 10_000;
const DEADLOCK = "40P01";

/** Recounts every person waiting in training_pending; returns how many pending rows it took. */
export async function flushTraining(db: Database): Promise<number> {
  let total = 0;
  for (let deadlocks = 0; ; ) {
    try {
      const { rows } = await sql<{ taken: number }>`select training_flush(${FLUSH_BATCH}) as taken`.execute(
        db,
      );
      const taken = rows[0]!.taken;
      total += taken;
      if (taken < FLUSH_BATCH) return total;
    } catch (error) {
      // A flush and an appointment change lock people and committees in the same order, but be safe.
      if ((error as { code?: string }).code === DEADLOCK && ++deadlocks < 3) continue;
      throw error;
    }
  }
}
