// GET /events/:id/registrations.csv: the registrations list as the page filters it (UTF-8 with BOM, CRLF,
// formula-looking cells neutralised), for organisers of the event's unit.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseRegistrationFilter } from "#app/models/registration/registration.ts";
import {
  registrationsCsvFilename,
  streamRegistrationsCsv,
} from "#app/models/registration/registration-organiser.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { csvResponse } from "#app/web/http.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";

// A resource route: no ErrorBoundary export (with one, Remix would render the page instead of the file).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const eventId = parseId(params.id);
  const filter = parseRegistrationFilter(new URL(request.url).searchParams);
  const stream = await streamRegistrationsCsv(getDb(), scope, eventId, filter, request.signal);
  return csvResponse(registrationsCsvFilename(eventId!), stream);
}
