// GET /reports/programmes/:id/committees.csv?unit=: programme completion per committee, with how many
// people of each committee still need each module, for Excel (byte-order mark, CRLF, formulas neutralised).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { formatCsvRows, UTF8_BOM } from "#app/models/imports/csv.ts";
import { listProgrammeCommittees } from "#app/models/programmes/programme-report.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { csvResponse } from "#app/web/http.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";

// A resource route: no ErrorBoundary export (with one, Remix would render the page instead of the file).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const unitId = parseId(new URL(request.url).searchParams.get("unit") ?? undefined);
  const { programme, unit, modules, rows } = await listProgrammeCommittees(
    getDb(),
    scope,
    parseId(params.id),
    unitId,
  );
  // Column names in both languages: one file serves readers of either.
  const header = [
    "committee_en",
    "committee_hi",
    "unit_code",
    "level",
    "people",
    "completed",
    ...modules.map((m) => `needs: ${m.nameEn} / ${m.nameHi}`),
  ];
  const body = rows.map((r) => [
    r.nameEn,
    r.nameHi,
    r.unitCode,
    r.level,
    r.people,
    r.complete,
    ...modules.map((m) => r.needs[String(m.id)] ?? 0),
  ]);
  return csvResponse(
    `programme-${programme.id}-${unit.code}.csv`,
    UTF8_BOM + formatCsvRows([header, ...body]),
  );
}
