// Fixed-window rate limits kept in PostgreSQL, so every web process counts together.
import { sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";

export type RateLimit = { limit: number; windowSeconds: number };

/** Counts one hit against `key`; `allowed` is false once the window's limit is passed. */
export async function hitRateLimit(db: Database, key: string, { limit, windowSeconds }: RateLimit) {
  const row = await sql<{ count: number; retryAfter: number }>`
    insert into rate_limits (key, window_start, count)
    values (${key}, to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds}), 1)
    on conflict (key, window_start) do update set count = rate_limits.count + 1
    returning count,
      ceil(extract(epoch from window_start + make_interval(secs => ${windowSeconds}) - now()))::int as "retryAfter"`.execute(
    db,
  );
  // Old windows are useless: clear them now and then rather than on every hit.
  if (Math.random() < 0.02) {
    await sql`delete from rate_limits where window_start < now() - interval '1 day'`.execute(db);
  }
  const { count, retryAfter } = row.rows[0]!;
  return { allowed: count <= limit, retryAfterSeconds: Math.max(1, retryAfter) };
}

/** Takes back a hit that turned out to be no guess (a right answer), so only failures count. */
export async function forgiveRateLimitHit(db: Database, key: string, { windowSeconds }: RateLimit) {
  await sql`
    update rate_limits set count = count - 1
    where key = ${key} and count > 0
      and window_start = to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds})`.execute(
    db,
  );
}
