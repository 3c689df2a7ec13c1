// /events/:id/sessions/new: add an agenda item (time, room, kind, trainers) to a draft or published event.
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { SessionForm, type SessionFormDefaults, SessionPageHead } from "#app/ui/event-forms.tsx";
import { getEventInScope } from "#app/models/events/event-access.server.ts";
import { addSession, getSessionForm } from "#app/models/events/event.server.ts";
import { isEditable, SessionFormSchema } from "#app/models/events/event.ts";
import { toIstLocalInput } from "#app/i18n/ist-input.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../styles/events.css";
import { handleForm } from "#app/web/form-action.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const [t, form] = await Promise.all([
    i18nServer.getFixedT(request),
    getSessionForm(getDb(), scope, parseId(params.id)),
  ]);
  const defaults: SessionFormDefaults = {
    kind: "training",
    titleEn: "",
    titleHi: "",
    room: "",
    startsAt: toIstLocalInput(form.suggested.startsAt),
    endsAt: toIstLocalInput(form.suggested.endsAt),
    capacity: "",
    required: true,
    trainerIds: [],
  };
  return {
    title: `${t("events.sessionForm.newTitle")} · ${t("app.name")}`,
    event: form.event,
    trainers: form.trainers,
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
    schema: SessionFormSchema,
    run: (values) => addSession(db, { staffId: staff.id, scope }, id, values),
    done: () => redirect(`/events/${id}?done=sessionAdded`),
    extra: (refusal) => ({ clash: refusal?.clash ?? null }),
  });
}

export default function NewSession() {
  const { event, trainers, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="events-page">
      <SessionPageHead event={event} title={t("events.sessionForm.newTitle")} />
      {isEditable(event.status) ? (
        <SessionForm
          id="new-session"
          trainers={trainers}
          defaults={defaults}
          lastResult={actionData?.result}
          clash={actionData?.clash}
          submitLabel={t("events.sessionForm.add")}
        />
      ) : (
        <p className="notice">{t("events.errors.readOnly")}</p>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
