// GET /events/:id/attendance.json: present / registered / invited per session and committee, for the
// organiser's pages to show live (they ask every few seconds).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { eventAttendanceCounts } from "#app/models/attendance/attendance.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const sessions = await eventAttendanceCounts(getDb(), scope, parseId(params.id));
  return Response.json({ sessions }, { headers: { "Cache-Control": "no-store" } });
}
