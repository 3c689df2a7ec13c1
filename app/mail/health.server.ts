// "Is mail stuck?" for the organisers' banner and /healthz.
import { sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";

export const STUCK_AFTER_MINUTES = 5;
const FAILURE_WINDOW_MINUTES = 30;
const FAILURES_TO_ALARM = 5;

export type MailHealth = {
  status: "ok" | "stuck" | "failing";
  oldestPendingMinutes: number | null;
  recentFailures: number;
  recentSent: number;
};

export async function getMailHealth(db: Database): Promise<MailHealth> {
  const row = await db
    .selectFrom("emails")
    .select([
      sql<
        number | null
      >`extract(epoch from now() - min(created_at) filter (where status in ('queued', 'sending'))) / 60`.as(
        "oldestPendingMinutes",
      ),
      sql<number>`count(*) filter (where status in ('failed', 'bounced') and status_at > now() - make_interval(mins => ${FAILURE_WINDOW_MINUTES}))`.as(
        "recentFailures",
      ),
      sql<number>`count(*) filter (where status in ('sent', 'delayed', 'delivered') and sent_at > now() - make_interval(mins => ${FAILURE_WINDOW_MINUTES}))`.as(
        "recentSent",
      ),
    ])
    // Only rows that can matter: still pending, or settled within the window.
    .where((eb) =>
      eb.or([
        eb("status", "in", ["queued", "sending"]),
        eb("statusAt", ">", sql<Date>`now() - make_interval(mins => ${FAILURE_WINDOW_MINUTES})`),
        eb("sentAt", ">", sql<Date>`now() - make_interval(mins => ${FAILURE_WINDOW_MINUTES})`),
      ]),
    )
    .executeTakeFirstOrThrow();
  const oldest = row.oldestPendingMinutes === null ? null : Number(row.oldestPendingMinutes);
  const failing = row.recentFailures >= FAILURES_TO_ALARM && row.recentFailures > row.recentSent;
  return {
    status: oldest !== null && oldest >= STUCK_AFTER_MINUTES ? "stuck" : failing ? "failing" : "ok",
    oldestPendingMinutes: oldest === null ? null : Math.floor(oldest),
    recentFailures: row.recentFailures,
    recentSent: row.recentSent,
  };
}
