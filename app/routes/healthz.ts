import { getMailHealth } from "#app/mail/health.server.ts";
import { checkDatabase } from "#app/platform/health.server.ts";
import { getDb } from "#app/platform/db.server.ts";

// Load balancers and the CI smoke test poll this: 503 only when the database is unreachable (stop sending
// traffic here); stuck or failing mail is reported, with status "degraded", but keeps serving.
export async function loader() {
  const db = await checkDatabase(getDb());
  if (db !== "ok") {
    return Response.json({ status: "error", db }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
  const mail = await getMailHealth(getDb()).catch(() => null);
  const mailStatus = mail?.status ?? "unknown";
  return Response.json(
    {
      status: mailStatus === "ok" ? "ok" : "degraded",
      db,
      mail: mailStatus,
      ...(mail && mail.status !== "ok" ? { mailDetail: mail } : {}),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
