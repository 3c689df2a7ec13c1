// Saying no: declining before registering, cancelling a seat or a waitlist place (a link to a confirm step,
// so it works without JavaScript), and that confirm step.
import { Form, Link } from "@remix-run/react";
import type { Language } from "#app/i18n/setup.ts";
import { usePageT } from "./page.ts";

export function DeclineCard({ lang }: { lang: Language }) {
  const t = usePageT(lang);
  return (
    <section className="card no-print" aria-labelledby="decline-title">
      <p id="decline-title">{t("registration.declineIntro")}</p>
      <Form method="post">
        <button type="submit" name="intent" value="decline" className="button big secondary">
          {t("registration.decline")}
        </button>
      </Form>
    </section>
  );
}

export function CancelCard({ waitlisted, lang }: { waitlisted: boolean; lang: Language }) {
  const t = usePageT(lang);
  return (
    <section className="card no-print" aria-labelledby="cancel-title">
      <h2 id="cancel-title">{t("registration.cancel.title")}</h2>
      <p>{t(waitlisted ? "registration.cancel.introWaitlist" : "registration.cancel.intro")}</p>
      <Link to="?cancel=1" className="button big secondary" preventScrollReset>
        {t(waitlisted ? "registration.cancel.linkWaitlist" : "registration.cancel.link")}
      </Link>
    </section>
  );
}

export function CancelConfirm({ waitlisted, lang }: { waitlisted: boolean; lang: Language }) {
  const t = usePageT(lang);
  return (
    <section className="card confirm no-print" aria-labelledby="confirm-title">
      <h2 id="confirm-title">{t("registration.cancel.confirmTitle")}</h2>
      <p>{t(waitlisted ? "registration.cancel.confirmIntroWaitlist" : "registration.cancel.confirmIntro")}</p>
      <Form method="post" className="confirm-actions">
        <button type="submit" name="intent" value="cancel" className="button big danger">
          {t("registration.cancel.confirm")}
        </button>
        <Link to="." className="button big secondary" preventScrollReset>
          {t("registration.cancel.keep")}
        </Link>
      </Form>
    </section>
  );
}
