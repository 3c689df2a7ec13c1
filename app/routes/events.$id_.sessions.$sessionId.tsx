// /events/:id/sessions/:sessionId: change or delete an agenda item of a draft or published event.
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { SessionForm, type SessionFormDefaults, SessionPageHead } from "#app/ui/event-forms.tsx";
import { getEventInScope } from "#app/models/events/event-access.server.ts";
import { deleteSession, getSessionForm, updateSession } from "#app/models/events/event.server.ts";
import { isEditable, SessionFormSchema } from "#app/models/events/event.ts";
import { toIstLocalInput } from "#app/i18n/ist-input.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../styles/events.css";
import { readForm } from "#app/web/form.server.ts";
import { replyWithRefusal } from "#app/web/form-action.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const sessionId = parseId(params.sessionId);
  if (!sessionId) throw new Response("Not found", { status: 404 });
  const [t, form] = await Promise.all([
    i18nServer.getFixedT(request),
    getSessionForm(getDb(), scope, parseId(params.id), sessionId),
  ]);
  const session = form.session!;
  const defaults: SessionFormDefaults = {
    kind: session.kind,
    titleEn: session.titleEn,
    titleHi: session.titleHi,
    room: session.room,
    startsAt: toIstLocalInput(session.startsAt),
    endsAt: toIstLocalInput(session.endsAt),
    capacity: session.capacity === null ? "" : String(session.capacity),
    required: session.required,
    trainerIds: session.trainers.map((trainer) => String(trainer.id)),
  };
  return {
    title: `${t("events.sessionForm.editTitle")} · ${t("app.name")}`,
    event: form.event,
    sessionId,
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
  const sessionId = parseId(params.sessionId);
  if (!sessionId) throw new Response("Not found", { status: 404 });
  const actor = { staffId: staff.id, scope };
  const formData = await readForm(request);
  const intent = formData.get("intent");

  if (intent === "delete") {
    const outcome = await deleteSession(db, actor, id, sessionId);
    if (!outcome.ok) return data({ result: null, clash: null, error: outcome.error }, { status: 400 });
    return redirect(`/events/${id}?done=sessionDeleted`);
  }
  if (intent !== "save") {
    return data({ result: null, clash: null, error: "events.errors.unknownAction" }, { status: 400 });
  }
  const submission = parseWithZod(formData, { schema: SessionFormSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), clash: null, error: null }, { status: 400 });
  }
  const outcome = await updateSession(db, actor, id, sessionId, submission.value);
  if (!outcome.ok) {
    const reply = replyWithRefusal(submission, outcome);
    return data({ result: reply, clash: outcome.clash ?? null, error: null }, { status: 400 });
  }
  return redirect(`/events/${id}?done=sessionSaved`);
}

export default function EditSession() {
  const { event, sessionId, trainers, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const editable = isEditable(event.status);
  return (
    <section className="events-page">
      <SessionPageHead event={event} title={t("events.sessionForm.editTitle")} />
      {actionData?.error ? (
        <p className="notice error" role="alert">
          {t(actionData.error)}
        </p>
      ) : null}
      {editable ? (
        <>
          <SessionForm
            key={sessionId}
            id="edit-session"
            trainers={trainers}
            defaults={defaults}
            lastResult={actionData?.result}
            clash={actionData?.clash}
            submitLabel={t("events.sessionForm.save")}
          />
          <Form method="post" className="card danger-zone" aria-labelledby="delete-session-title">
            <h2 id="delete-session-title">{t("events.sessionForm.deleteTitle")}</h2>
            <button type="submit" name="intent" value="delete" className="button danger">
              {t("events.sessionForm.delete")}
            </button>
          </Form>
        </>
      ) : (
        <p className="notice">{t("events.errors.readOnly")}</p>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
