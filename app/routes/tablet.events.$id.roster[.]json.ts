// GET /tablet/events/:id/roster.json: everything the tablet keeps offline for the event, or with
// ?since=<ISO time> only what changed since then (tablets ask every few seconds for live counts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseSince } from "#app/models/attendance/attendance.ts";
import { getRosterChanges, getTabletRoster } from "#app/models/attendance/attendance.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { parseId } from "#app/web/params.ts";
import { requireTabletApiActor } from "#app/web/tablet-auth.server.ts";

const noStore = { "Cache-Control": "no-store" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireTabletApiActor(request);
  const since = new URL(request.url).searchParams.get("since");
  const eventId = parseId(params.id);
  if (since === null)
    return Response.json(await getTabletRoster(getDb(), actor, eventId), { headers: noStore });
  const time = parseSince(since);
  if (!time) return Response.json({ error: "since must be an ISO time" }, { status: 400, headers: noStore });
  return Response.json(await getRosterChanges(getDb(), actor, eventId, time), { headers: noStore });
}
