// /events/new: create a draft event for a state, district or assembly unit of the organiser's scope.
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
import { createEvent, listEventUnitOptions } from "#app/models/events/event.server.ts";
import { defaultEventQuestions, EventFormSchema, type EventKind } from "#app/models/events/event.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import styles from "../styles/events.css";
import { handleForm } from "#app/web/form-action.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const kindOfLevel: Record<string, EventKind> = { state: "state_convention", district: "district_camp" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const [t, units] = await Promise.all([i18nServer.getFixedT(request), listEventUnitOptions(getDb(), scope)]);
  // The organiser's own unit first; an admin starts at the top of the tree.
  const unit = units.find((u) => scope.kind === "subtree" && u.id === scope.unitId) ?? units[0];
  const defaults: EventFormDefaults = {
    kind: (unit && kindOfLevel[unit.level]) ?? "other",
    unitId: unit ? String(unit.id) : "",
    titleEn: "",
    titleHi: "",
    descriptionEn: "",
    descriptionHi: "",
    venueName: "",
    venueAddress: "",
    venueMapUrl: "",
    startsAt: "",
    endsAt: "",
    registrationOpensAt: "",
    registrationClosesAt: "",
    capacity: "",
    reminderHours: "24",
    questions: defaultEventQuestions,
  };
  return { title: `${t("events.form.newTitle")} · ${t("app.name")}`, units, defaults };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request }: ActionFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  return handleForm(request, {
    schema: EventFormSchema,
    run: (values) => createEvent(getDb(), { staffId: staff.id, scope }, values),
    done: (created) => redirect(`/events/${created.eventId}?done=created`),
  });
}

export default function NewEvent() {
  const { units, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="events-page narrow-wide">
      <p>
        <Link to="/events">{t("events.form.backToList")}</Link>
      </p>
      <h1>{t("events.form.newTitle")}</h1>
      {units.length === 0 ? (
        <p className="notice">{t("events.form.noUnits")}</p>
      ) : (
        <>
          <p>{t("events.form.newIntro")}</p>
          <EventForm
            id="new-event"
            units={units}
            defaults={defaults}
            lastResult={actionData?.result}
            submitLabel={t("events.form.create")}
          />
        </>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
