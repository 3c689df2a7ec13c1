import { checkDatabase } from "#app/models/health.server.ts";
import { getDb } from "#app/utils/db.server.ts";

// Load balancers and the CI smoke test poll this; 503 tells them to stop sending traffic here.
export async function loader() {
  const db = await checkDatabase(getDb());
  const ok = db === "ok";
  return Response.json(
    { status: ok ? "ok" : "error", db },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
