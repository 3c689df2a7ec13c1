// /events/:id/cancel: what cancelling will tell whom (GET), and the cancellation itself (POST), for
// organisers of the event's unit.
import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { describedBy, FieldError, FormErrors } from "#app/ui/forms.tsx";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import { getEventInScope } from "#app/models/events/event-access.server.ts";
import { CANCEL_REASON_MAX, CancelEventSchema } from "#app/models/events/event-notices.ts";
import { cancelEvent, getCancellationPreview } from "#app/models/events/event-notices.server.ts";
import { formatDateTime } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../styles/calendar.css";
import { handleForm } from "#app/web/form-action.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const preview = await getCancellationPreview(getDb(), scope, parseId(params.id));
  const t = await i18nServer.getFixedT(request);
  const lang = (await i18nServer.getLocale(request)) as Language;
  const title = localized(preview.event, "title", lang);
  return { title: `${t("calendar.cancel.title", { title })} · ${t("app.name")}`, ...preview };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const eventId = parseId(params.id);
  const db = getDb();
  // Out of scope is a 404 whatever the form says.
  await getEventInScope(db, scope, eventId);
  return handleForm(request, {
    schema: CancelEventSchema,
    run: (values) => cancelEvent(db, { staffId: staff.id, scope }, eventId!, values),
    done: () => redirect(`/events/${eventId}?done=cancelled`),
  });
}

export default function CancelEvent() {
  const { event, registrants, invitees, withoutEmail } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [form, fields] = useForm({
    id: "cancel-event",
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CancelEventSchema }),
  });
  const title = localized(event, "title", lang);
  const count = (n: number) => ({ count: n });
  const closed =
    event.status === "cancelled"
      ? "calendar.cancel.errors.alreadyCancelled"
      : event.status === "completed"
        ? "calendar.cancel.errors.completed"
        : null;

  return (
    <section className="narrow cancel-event">
      <p>
        <Link to={`/events/${event.id}`}>{t("calendar.cancel.back")}</Link>
      </p>
      <h1>{t("calendar.cancel.title", { title })}</h1>
      <p>
        <strong>{t("calendar.cancel.when")}</strong> {formatDateTime(new Date(event.startsAt), lang)} –{" "}
        {formatDateTime(new Date(event.endsAt), lang)}
        <br />
        <strong>{t("calendar.cancel.where")}</strong> {event.venueName}
      </p>
      {closed ? (
        <p className="notice error" role="alert">
          {t(closed)}
        </p>
      ) : (
        <>
          <h2>{t("calendar.cancel.heading")}</h2>
          {event.status === "draft" ? (
            <p className="notice">{t("calendar.cancel.draft")}</p>
          ) : (
            <ul className="recipients">
              <li>{t("calendar.cancel.registrants", count(registrants))}</li>
              <li>{t("calendar.cancel.invitees", count(invitees))}</li>
              {withoutEmail > 0 ? <li>{t("calendar.cancel.withoutEmail", count(withoutEmail))}</li> : null}
              <li>{t("calendar.cancel.notTold")}</li>
            </ul>
          )}
          <Form method="post" {...getFormProps(form)}>
            <FormErrors form={form} />
            <div className="field">
              <label htmlFor={fields.reason.id}>{t("calendar.cancel.reasonLabel")}</label>
              <textarea
                {...getTextareaProps(fields.reason)}
                rows={3}
                maxLength={CANCEL_REASON_MAX}
                aria-describedby={describedBy(fields.reason, "reason-hint")}
              />
              <p id="reason-hint" className="muted small">
                {t("calendar.cancel.reasonHint")}
              </p>
              <FieldError field={fields.reason} />
            </div>
            <button type="submit" className="button">
              {t("calendar.cancel.confirm")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
