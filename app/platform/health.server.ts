import { sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";

/** "ok" when the database answers within the timeout, else "unreachable". */
export async function checkDatabase(db: Database, timeoutMs = 2000): Promise<"ok" | "unreachable"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"unreachable">((resolve) => {
    timer = setTimeout(() => resolve("unreachable"), timeoutMs);
  });
  const probe = sql`select 1`
    .execute(db)
    .then(() => "ok" as const)
    .catch(() => "unreachable" as const);
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
