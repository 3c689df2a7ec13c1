// POST /tablet/sync: a batch of marks from a tablet ({deviceId, marks, walkIns}, JSON). Idempotent: a
// batch sent twice counts once. Bad input is a 400 with no change; a mark the actor may not make is
// refused on its own in the answer. Cross-site posts never get here (server.ts checks Sec-Fetch-Site).
import type { ActionFunctionArgs } from "@remix-run/node";
import { MAX_SYNC_BYTES, SyncBatchSchema } from "#app/models/attendance/attendance.ts";
import { syncMarks } from "#app/models/attendance/attendance.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { countTabletSync } from "#app/platform/metrics.server.ts";
import { requireTabletApiActor } from "#app/web/tablet-auth.server.ts";

const noStore = { "Cache-Control": "no-store" };

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST")
    return Response.json({ error: "POST only" }, { status: 405, headers: noStore });
  const actor = await requireTabletApiActor(request);
  const mediaType = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType !== "application/json") {
    return Response.json({ error: "send JSON" }, { status: 415, headers: noStore });
  }
  const text = await readCapped(request, MAX_SYNC_BYTES);
  if (text === null) return Response.json({ error: "too large" }, { status: 413, headers: noStore });
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
  countTabletSync(batch.data.marks.length);
  return Response.json(await syncMarks(getDb(), actor, batch.data), { headers: noStore });
}

// The server stops reading a body past MAX_SYNC_BYTES and answers 413 itself (app/web/http/body-limits);
// this check stays for a body that reaches the route some other way.
/** The body as text, or null if it is larger than `max` bytes (then none of it is kept). */
async function readCapped(request: Request, max: number): Promise<string | null> {
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > max) return null;
    chunks.push(chunk);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export function loader() {
  return Response.json({ error: "POST only" }, { status: 405, headers: noStore });
}
