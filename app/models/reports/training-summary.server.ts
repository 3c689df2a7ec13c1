// Brings the report summaries up to date with attendance. A mark leaves its person in training_pending
// (db/migrations/2026-11-26T16-00_reports.ts) so the tablet's sync stays fast; this recounts those people,
// FLUSH_BATCH pending rows per transaction (short, so the locks it holds on people are short too). The worker
// calls it every minute, so the backlog stays small; the roll-up and the dashboard call it before they read,
// with a limit, so a reader never waits for a day's backlog (after the worker was down) to be recounted.
import { sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";

export const FLUSH_BATCH = 2_000;
/** What a page may recount before it reads: a few seconds at most. */
export const READER_FLUSH_BATCHES = 25;
const DEADLOCK = "40P01";

/**
 * Recounts the people waiting in training_pending, batch after batch, until none wait (or `maxBatches` were
 * done); returns how many pending rows it took.
 */
export async function flushTraining(db: Database, maxBatches = Number.POSITIVE_INFINITY): Promise<number> {
  let total = 0;
  for (let batches = 0, deadlocks = 0; batches < maxBatches; ) {
    try {
      const { rows } = await sql<{ taken: number }>`select training_flush(${FLUSH_BATCH}) as taken`.execute(
        db,
      );
      const taken = rows[0]!.taken;
      total += taken;
      batches++;
      if (taken < FLUSH_BATCH) break;
    } catch (error) {
      // Writers lock people and committees in id order as the flush does; a deadlock is retried all the same.
      if ((error as { code?: string }).code === DEADLOCK && ++deadlocks < 3) continue;
      throw error;
    }
  }
  return total;
}
