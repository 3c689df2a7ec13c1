// /events/:id/edit: change a draft or published event. In a published event a new time or venue sends every
// registrant an updated calendar invite (the model decides; the page says so beforehand).
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { EventForm, type EventFormDefaults } from "#app/ui/event-forms.tsx";
import { getEventInScope } from "#app/models/events/event-access.server.ts";
import { getEventForm, updateEvent } from "#app/models/events/event.server.ts";
import { EventFormSchema, isEditable } from "#app/models/events/event.ts";
import { toIstLocalInput } from "#app/i18n/ist-input.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../styles/events.css";
import { handleForm } from "#app/web/form-action.server.ts";
import { localized } from "#app/i18n/localized.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const [t, { event, units }] = await Promise.all([
    i18nServer.getFixedT(request),
    getEventForm(getDb(), scope, parseId(params.id)),
  ]);
  const defaults: EventFormDefaults = {
    kind: event.kind,
    unitId: String(event.unitId),
    titleEn: event.titleEn,
    titleHi: event.titleHi,
    descriptionEn: event.descriptionEn,
    descriptionHi: event.descriptionHi,
    venueName: event.venueName,
    venueAddress: event.venueAddress,
    venueMapUrl: event.venueMapUrl ?? "",
    startsAt: toIstLocalInput(event.startsAt),
    endsAt: toIstLocalInput(event.endsAt),
    registrationOpensAt: toIstLocalInput(event.registrationOpensAt),
    registrationClosesAt: toIstLocalInput(event.registrationClosesAt),
    capacity: String(event.capacity),
    reminderHours: event.reminderHours === null ? "" : String(event.reminderHours),
    questions: event.questions,
  };
  return {
    title: `${t("events.form.editTitle")} · ${t("app.name")}`,
    event: { id: event.id, status: event.status, titleEn: event.titleEn, titleHi: event.titleHi },
    units,
    defaults,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const db = getDb();
  // Out of scope is a 404 whatever the form says.
  const { id } = await getEventInScope(db, scope, parseId(params.id));
  return handleForm(request, {
    schema: EventFormSchema,
    run: (values) => updateEvent(db, { staffId: staff.id, scope }, id, values),
    done: () => redirect(`/events/${id}?done=saved`),
  });
}

export default function EditEvent() {
  const { event, units, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  return (
    <section className="events-page">
      <p>
        <Link to={`/events/${event.id}`}>{t("events.form.backToEvent")}</Link>
      </p>
      <h1>{t("events.form.editTitle")}</h1>
      <p className="muted">{localized(event, "title", i18n.language)}</p>
      {isEditable(event.status) ? (
        <>
          {event.status === "published" ? <p className="notice">{t("events.form.publishedNotice")}</p> : null}
          <EventForm
            id="edit-event"
            units={units}
            defaults={defaults}
            lastResult={actionData?.result}
            submitLabel={t("events.form.save")}
          />
        </>
      ) : (
        <p className="notice">{t("events.errors.readOnly")}</p>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
