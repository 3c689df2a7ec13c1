// POST /tablet/sync: a batch of marks from a tablet ({deviceId, marks, walkIns}, JSON). Idempotent: a
// batch sent twice counts once. Bad input is a 400 with no change; a mark the actor may not make is
// refused on its own in the answer. Cross-site posts never get here (server.ts checks Sec-Fetch-Site).
import type { ActionFunctionArgs } from "@remix-run/node";
import { MAX_SYNC_BYTES, SyncBatchSchema } from "#app/models/attendance.ts";
import { syncMarks } from "#app/models/attendance.server.ts";
import { getDb } from "#app/utils/db.server.ts";
import { requireTabletApiActor } from "#app/utils/tablet-auth.server.ts";

const noStore = { "Cache-Control": "no-store" };

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST")
    return Response.json({ error: "POST only" }, { status: 405, headers: noStore });
  const actor = await requireTabletApiActor(request);
  if (!(request.headers.get("Content-Type") ?? "").startsWith("application/json")) {
    return Response.json({ error: "send JSON" }, { status: 415, headers: noStore });
  }
  const text = await request.text();
  if (text.length > MAX_SYNC_BYTES) {
    return Response.json({ error: "too large" }, { status: 413, headers: noStore });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return Response.json({ error: "not JSON" }, { status: 400, headers: noStore });
  }
  const batch = SyncBatchSchema.safeParse(body);
  if (!batch.success) {
    return Response.json(
      { error: "invalid batch", issues: batch.error.issues.slice(0, 5) },
      { status: 400, headers: noStore },
    );
  }
  return Response.json(await syncMarks(getDb(), actor, batch.data), { headers: noStore });
}

export function loader() {
  return Response.json({ error: "POST only" }, { status: 405, headers: noStore });
}
