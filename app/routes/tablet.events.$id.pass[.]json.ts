// GET /tablet/events/:id/pass.json?code=<scanned text>: for a pass the tablet's roster does not know, says
// whether it is a real pass of this event (registered after the roster was loaded), of another event,
// or no pass of ours at all. Only a real signature is looked up.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { resolvePass } from "#app/models/attendance/attendance.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { parseId } from "#app/web/params.ts";
import { requireTabletApiActor } from "#app/web/tablet-auth.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireTabletApiActor(request);
  const code = (new URL(request.url).searchParams.get("code") ?? "").slice(0, 200);
  return Response.json(await resolvePass(getDb(), actor, parseId(params.id), code), {
    headers: { "Cache-Control": "no-store" },
  });
}
