// The event page's links to everything about the event, and the actions its state allows: the everyday ones
// first, the ones that email many people or cannot be undone set apart, each leading to a confirmation page.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { EventStatus } from "#app/models/events/event.ts";

/** Agenda, audience, invitations, registrations, tablets, attendance now, the report, the calendar file. */
export function EventHub({ eventId, status }: { eventId: number; status: EventStatus }) {
  const { t } = useTranslation();
  const base = `/events/${eventId}`;
  // Tablets and attendance begin once the event is published; a draft has nobody to count yet.
  const running = status === "published" || status === "completed";
  const links: { href: string; label: string; download?: boolean }[] = [
    { href: "#agenda-title", label: t("events.hub.agenda") },
    { href: `${base}/audience`, label: t("events.hub.audience") },
    { href: `${base}/invitations`, label: t("events.hub.invitations") },
    { href: `${base}/registrations`, label: t("events.hub.registrations") },
    ...(running
      ? [
          { href: `${base}/tablets`, label: t("events.hub.tablets") },
          { href: `${base}/tablets#attendance-now`, label: t("events.hub.attendanceNow") },
        ]
      : []),
    ...(status === "draft" ? [] : [{ href: `/reports/events/${eventId}`, label: t("events.hub.report") }]),
    { href: `${base}/calendar.ics`, label: t("events.hub.calendarFile"), download: true },
  ];
  return (
    <nav aria-labelledby="hub-title" className="card event-hub">
      <h2 id="hub-title">{t("events.hub.title")}</h2>
      <ul>
        {links.map((link) => (
          <li key={link.href}>
            {link.href.startsWith("#") || link.download ? (
              <a href={link.href} download={link.download ? "" : undefined}>
                {link.label}
              </a>
            ) : (
              <Link to={link.href}>{link.label}</Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

type ActionEvent = { id: number; status: EventStatus };

/**
 * What can be done next, by state: a draft is edited, published or deleted; a published event is edited,
 * marked completed or cancelled; a completed or cancelled one is only read.
 */
export function EventActions({
  event,
  canComplete,
  canDelete,
}: {
  event: ActionEvent;
  canComplete: boolean;
  canDelete: boolean;
}) {
  const { t } = useTranslation();
  const base = `/events/${event.id}`;
  const draft = event.status === "draft";
  const published = event.status === "published";
  if (!draft && !published) return null;
  return (
    <>
      <section aria-labelledby="actions-title" className="card">
        <h2 id="actions-title">{t("events.page.actions")}</h2>
        <div className="event-actions">
          <Link to={`${base}/edit`} className="button secondary">
            {t("events.page.edit")}
          </Link>
          {draft ? (
            <Link to={`${base}/publish`} className="button" aria-describedby="publish-hint">
              {t("events.page.publish")}
            </Link>
          ) : null}
          {canComplete ? (
            <Form method="post" className="event-action">
              <button type="submit" name="intent" value="complete" className="button">
                {t("events.page.complete")}
              </button>
            </Form>
          ) : null}
        </div>
        {draft ? (
          <p className="muted small" id="publish-hint">
            {t("events.page.publishHint")}
          </p>
        ) : null}
      </section>
      {(draft && canDelete) || published ? (
        <section aria-labelledby="danger-title" className="card danger-zone">
          <h2 id="danger-title">{t("events.page.dangerTitle")}</h2>
          {published ? (
            <>
              <p className="muted small" id="cancel-hint">
                {t("events.page.cancelHint")}
              </p>
              <Link to={`${base}/cancel`} className="button danger" aria-describedby="cancel-hint">
                {t("events.page.cancel")}
              </Link>
            </>
          ) : (
            <>
              <p className="muted small" id="delete-hint">
                {t("events.page.deleteHint")}
              </p>
              <Link to={`${base}/delete`} className="button danger" aria-describedby="delete-hint">
                {t("events.page.delete")}
              </Link>
            </>
          )}
        </section>
      ) : null}
    </>
  );
}
