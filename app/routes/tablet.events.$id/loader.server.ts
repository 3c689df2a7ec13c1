// The roster page's loader (route.tsx): who may open the roster of this event, and the page's title.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { getTabletEvent } from "#app/models/attendance/attendance.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { parseId } from "#app/web/params.ts";
import { requireTabletActor } from "#app/web/tablet-auth.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireTabletActor(request);
  const [event, t, locale] = await Promise.all([
    getTabletEvent(getDb(), actor, parseId(params.id)),
    i18nServer.getFixedT(request),
    i18nServer.getLocale(request),
  ]);
  return {
    title: `${locale === "en" ? event.titleEn : event.titleHi} · ${t("tablet.title")}`,
    eventId: event.id,
    deviceName: actor.kind === "device" ? actor.device.name : null,
  };
}
