// One provider rate limit shared by every worker process: a single row holds the next free moment.
import { sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";

// 6% under the limit, so that timing jitter never lands three requests in one second at 2/s (1.03 still
// drew a few 429s per 40 requests here, each costing a retry-after wait).
const SAFETY = 1.06;

/** Reserves the next request slot and waits for it. */
export async function acquireSendSlot(db: Database, perSecond: number): Promise<void> {
  const interval = SAFETY / perSecond;
  const row = await sql<{ waitMs: number }>`
    update mail_rate
       set next_slot_at = greatest(next_slot_at, clock_timestamp()) + make_interval(secs => ${interval})
     where id = 1
    returning greatest(0, extract(epoch from (next_slot_at - make_interval(secs => ${interval}) - clock_timestamp())) * 1000)::float8 as "waitMs"`.execute(
    db,
  );
  const waitMs = row.rows[0]?.waitMs ?? 0;
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
}

/** After a 429: nobody calls the provider again before retry-after has passed. */
export async function deferSendSlots(db: Database, ms: number): Promise<void> {
  await sql`
    update mail_rate
       set next_slot_at = greatest(next_slot_at, clock_timestamp() + make_interval(secs => ${ms / 1000}))
     where id = 1`.execute(db);
}
