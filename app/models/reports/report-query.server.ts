// Reading an event report's query string is the loader's job: kept in a server module, so the report pages'
// browser code (which imports report.ts for its formatting helpers) carries no Zod.
import { z } from "zod";
import { defaultDirection, type EventReportQuery, eventSortKeys } from "./report.ts";

const EventReportQuerySchema = z.object({
  sort: z.enum(eventSortKeys).catch("committee"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** The per-event table's query string (?sort=&dir=&page=); anything unknown falls back to the default. */
export function parseEventReportQuery(params: URLSearchParams): EventReportQuery {
  const parsed = EventReportQuerySchema.parse({
    sort: params.get("sort") ?? undefined,
    dir: params.get("dir") ?? undefined,
    page: params.get("page") ?? undefined,
  });
  return { sort: parsed.sort, dir: parsed.dir ?? defaultDirection(parsed.sort), page: parsed.page };
}
