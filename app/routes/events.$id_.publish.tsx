// /events/:id/publish: a POST publishes the event and invites its audience, then goes back to the event.
// A GET shows what publishing would do (whom it invites, how many by email) with the button; a refusal is
// shown on the same page.
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
import { getAudiencePage } from "#app/models/events/audience.server.ts";
import { publishEvent } from "#app/models/events/invitation.server.ts";
import { formatNumber } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../styles/audience.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const [t, locale, page] = await Promise.all([
    i18nServer.getFixedT(request),
    i18nServer.getLocale(request),
    getAudiencePage(getDb(), scope, parseId(params.id), null),
  ]);
  const eventTitle = localized(page.event, "title", locale);
  return {
    title: `${t("audience.publish.title")} · ${eventTitle} · ${t("app.name")}`,
    event: {
      id: page.event.id,
      titleEn: page.event.titleEn,
      titleHi: page.event.titleHi,
      status: page.event.status,
    },
    rules: page.rules.length,
    counts: page.preview.total,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const eventId = parseId(params.id);
  // No form to read: publishEvent checks the scope (404) and the event itself.
  const outcome = await publishEvent(getDb(), { staffId: staff.id, scope }, eventId ?? 0);
  if (!outcome.ok) return data({ error: outcome.error }, { status: 400 });
  return redirect(`/events/${eventId}?done=published`);
}

export default function PublishEvent() {
  const { event, rules, counts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  const title = localized(event, "title", lang);
  return (
    <section className="audience-page narrow publish-page">
      <p className="audience-links">
        <Link to={`/events/${event.id}`}>{t("audience.backToEvent")}</Link>
        <Link to={`/events/${event.id}/audience`}>{t("audience.title")}</Link>
      </p>
      <h1>{t("audience.publish.confirmTitle", { title })}</h1>
      {actionData?.error ? (
        <p className="notice error" role="alert">
          {t(actionData.error)}
        </p>
      ) : null}
      {event.status !== "draft" ? (
        <>
          <p className="notice">{t("audience.publish.alreadyPublished")}</p>
          <Link to={`/events/${event.id}/invitations`} className="button">
            {t("audience.publish.openInvitations")}
          </Link>
        </>
      ) : rules === 0 ? (
        <>
          <p className="notice">{t("audience.publish.needsRules")}</p>
          <Link to={`/events/${event.id}/audience`} className="button">
            {t("audience.title")}
          </Link>
        </>
      ) : (
        <>
          <p>{t("audience.publish.intro")}</p>
          <p>{t("audience.publish.confirmIntro")}</p>
          <dl className="stats audience-stats">
            <div>
              <dt>{t("audience.counts.people")}</dt>
              <dd data-count="people">{num(counts.people)}</dd>
            </div>
            <div>
              <dt>{t("audience.counts.withoutEmail")}</dt>
              <dd data-count="without-email">{num(counts.withoutEmail)}</dd>
            </div>
            <div>
              <dt>{t("audience.counts.committeesForming")}</dt>
              <dd data-count="forming">{num(counts.committeesForming)}</dd>
            </div>
          </dl>
          <p>
            {t("audience.publish.ready", {
              count: counts.people,
              people: num(counts.people),
              emails: num(counts.people - counts.withoutEmail),
            })}
          </p>
          <Form method="post">
            <button type="submit" className="button">
              {t("audience.publish.button")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
