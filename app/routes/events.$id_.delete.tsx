// /events/:id/delete: what deleting a draft takes with it (GET), and the deletion itself (POST), for organisers
// of the event's unit. Only a draft that has invited no one may go; anything else is refused with a message.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import type { Language } from "#app/i18n/setup.ts";
import { localized } from "#app/i18n/localized.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { deleteDraftEvent, getEventPage } from "#app/models/events/event.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../styles/events.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const [t, locale, page] = await Promise.all([
    i18nServer.getFixedT(request),
    i18nServer.getLocale(request),
    getEventPage(getDb(), scope, parseId(params.id)),
  ]);
  const title = localized(page.event, "title", locale);
  return {
    title: `${t("events.deletePage.title", { title })} · ${t("app.name")}`,
    event: { id: page.event.id, titleEn: page.event.titleEn, titleHi: page.event.titleHi },
    sessions: page.sessions.length,
    canDelete: page.canDelete,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const eventId = parseId(params.id);
  // No form to read: deleteDraftEvent checks the scope (404) and the event itself.
  const outcome = await deleteDraftEvent(getDb(), { staffId: staff.id, scope }, eventId ?? 0);
  return outcome.ok ? redirect("/events?done=deleted") : data({ error: outcome.error }, { status: 400 });
}

export default function DeleteDraft() {
  const { event, sessions, canDelete } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const title = localized(event, "title", lang);
  const refusal = actionData?.error ?? (canDelete ? null : "events.errors.cannotDelete");
  return (
    <section className="events-page narrow delete-draft">
      <p>
        <Link to={`/events/${event.id}`}>{t("events.deletePage.back")}</Link>
      </p>
      <h1>{t("events.deletePage.title", { title })}</h1>
      {refusal ? (
        <p className="notice error" role="alert">
          {t(refusal)}
        </p>
      ) : (
        <>
          <p>{t("events.deletePage.intro")}</p>
          <p data-testid="delete-sessions">{t("events.deletePage.sessions", { count: sessions })}</p>
          <p className="strong">{t("events.deletePage.undone")}</p>
          <Form method="post">
            <button type="submit" className="button danger">
              {t("events.deletePage.button")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
