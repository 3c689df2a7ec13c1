// GET /events/:id/calendar.ics: the event as a calendar file for its organisers, in their language.
// A resource route: the file itself, or a 404 outside the organiser's area.
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { Language } from "#app/i18n/setup.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { eventCalendarFile } from "#app/models/calendar/event-calendar.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const locale = (await i18nServer.getLocale(request)) as Language;
  const { ics, filename } = await eventCalendarFile(getDb(), scope, parseId(params.id), locale);
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
