// GET /programmes/:id/certificates.zip?unit=&event=: every current certificate of a programme for a unit's
// subtree (default: the organiser's scope, or the programme's unit for an admin), or for one event's
// invitees, as a zip streamed while it is drawn.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEventInScope } from "#app/models/events/event-access.server.ts";
import { getUnitInScope } from "#app/models/organisation/scope.server.ts";
import { certificatesZip } from "#app/models/programmes/certificate-file.server.ts";
import { getProgramme } from "#app/models/programmes/programme.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { getEnv } from "#app/platform/env.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";

// A resource route: no ErrorBoundary export (with one, Remix would render a page instead of the file).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const db = getDb();
  const search = new URL(request.url).searchParams;
  const { programme } = await getProgramme(db, parseId(params.id), scope);
  const unitId = parseId(search.get("unit") ?? undefined);
  const unit = await getUnitInScope(
    db,
    scope,
    unitId ?? (scope.kind === "subtree" ? scope.unitId : programme.unitId),
  );
  const eventParam = search.get("event");
  const event = eventParam === null ? null : await getEventInScope(db, scope, parseId(eventParam));
  const body = certificatesZip(db, getEnv().PUBLIC_URL, {
    programmeId: programme.id,
    unitPath: unit.path,
    eventId: event?.id,
  });
  const name = `certificates-${programme.id}-${event ? `event-${event.id}` : unit.code}.zip`;
  return new Response(body, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
