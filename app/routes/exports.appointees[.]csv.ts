// GET /exports/appointees.csv: the office-bearers the reader may see, one row per active appointment in a
// committee in scope, in the import's columns (UTF-8 with BOM, CRLF, formula-looking cells neutralised).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportFilename, streamAppointeesCsv } from "#app/models/imports/csv-export.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { csvResponse } from "#app/web/http.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";

// A resource route: no ErrorBoundary export (with one, Remix would render the page instead of the file).
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  return csvResponse(
    exportFilename("appointees"),
    streamAppointeesCsv(getDb(), scope, { signal: request.signal }),
  );
}
