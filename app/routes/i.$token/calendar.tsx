// A registered person's calendar: add the event to Google Calendar, or subscribe to their private feed.
import { Form } from "@remix-run/react";
import { type LoaderData, usePageT } from "./page.ts";

export function CalendarLinks({
  calendar,
  lang,
  renewed,
}: {
  calendar: NonNullable<LoaderData["calendar"]>;
  lang: LoaderData["lang"];
  renewed: boolean;
}) {
  const t = usePageT(lang);
  return (
    <section className="card no-print" aria-labelledby="calendar-title">
      <h2 id="calendar-title">{t("registration.calendar.title")}</h2>
      <ul className="calendar-links">
        <li>
          <a href={calendar.google[lang]} rel="noreferrer" target="_blank">
            {t("registration.calendar.google")}
          </a>
        </li>
        <li>
          <a href={calendar.webcal}>{t("registration.calendar.feed")}</a>
        </li>
      </ul>
      <p className="muted small">{t("registration.calendar.feedHint")}</p>
      <p className="muted small">
        {t("registration.calendar.feedAddress")}{" "}
        <a href={calendar.feed} className="feed-address">
          {calendar.feed}
        </a>
      </p>
      {renewed ? (
        <p className="notice" role="status">
          {t("registration.calendar.renewed")}
        </p>
      ) : null}
      {/* A confirm step without JavaScript: the button opens under the summary. */}
      <details>
        <summary className="small">{t("registration.calendar.renewSummary")}</summary>
        <Form method="post" className="fix-form">
          <p className="small">{t("registration.calendar.renewConfirm")}</p>
          <button type="submit" name="intent" value="renew-feed" className="button secondary">
            {t("registration.calendar.renew")}
          </button>
        </Form>
      </details>
    </section>
  );
}
