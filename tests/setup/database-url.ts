import postgres from "postgres";

/** The same server as `url`, another database. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs one statement (CREATE/DROP DATABASE cannot run in a transaction) on the server's maintenance database. */
export async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const sql = postgres(databaseUrl(adminUrl, "postgres"), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(statement);
  } finally {
    await sql.end();
  }
}
