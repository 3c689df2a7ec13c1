// GET /reports/events/:id.csv: the per-committee table of an event's report, every row, for Excel (a
// byte-order mark, CRLF, formula-looking cells neutralised).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { listEventFigures } from "#app/models/reports/report.server.ts";
import { eventCsvColumns, eventCsvFilename, eventCsvRows } from "#app/models/reports/report.ts";
import { formatCsvRows, UTF8_BOM } from "#app/models/imports/csv.ts";
import { getDb } from "#app/platform/db.server.ts";
import { csvResponse } from "#app/web/http.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";

// A resource route: no ErrorBoundary export (with one, Remix would render the page instead of the file).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const eventId = parseId(params.id);
  if (!eventId) throw new Response("Not found", { status: 404 });
  const rows = await listEventFigures(getDb(), scope, eventId);
  const body = UTF8_BOM + formatCsvRows([[...eventCsvColumns], ...eventCsvRows(rows)]);
  return csvResponse(eventCsvFilename(eventId), body);
}
