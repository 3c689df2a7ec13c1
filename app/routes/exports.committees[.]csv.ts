// GET /exports/committees.csv: the committees of the units the reader may see, with their members and status.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportFilename, streamCommitteesCsv } from "#app/models/imports/csv-export.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { csvResponse } from "#app/web/http.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";

// A resource route: no ErrorBoundary export (with one, Remix would render the page instead of the file).
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  return csvResponse(
    exportFilename("committees"),
    streamCommitteesCsv(getDb(), scope, { signal: request.signal }),
  );
}
