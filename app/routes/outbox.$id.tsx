import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import type { Language } from "#app/i18n/setup.ts";
import { getEmail } from "#app/mail/outbox.server.ts";
import { formatDateTime } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { requireOutboxReader } from "#app/web/outbox-access.server.ts";
import { parseId } from "#app/web/params.ts";
import { notFound } from "#app/web/http.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOutboxReader(request);
  const id = parseId(params.id);
  const email = id ? await getEmail(getDb(), id) : null;
  if (!email) throw notFound();
  const attachment = email.attachment as { filename: string } | null;
  return {
    email: {
      id: email.id,
      recipient: email.recipient,
      subject: email.subject,
      status: email.status,
      transport: email.transport,
      createdAt: email.createdAt,
      sentAt: email.sentAt,
      lastError: email.lastError,
      text: email.text,
      rendered: email.html !== null,
      attachmentName: attachment?.filename ?? null,
      events: email.events,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.email.subject ?? "Shivir" }];

export default function OutboxMessage() {
  const { email } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return (
    <>
      <p>
        <Link to="/outbox">{t("outbox.back")}</Link>
      </p>
      <h1>{email.subject}</h1>
      <dl className="meta">
        <dt>{t("outbox.recipient")}</dt>
        <dd>{email.recipient}</dd>
        <dt>{t("outbox.status")}</dt>
        <dd>
          <span className={`badge status-${email.status}`}>{t(`outbox.status_${email.status}`)}</span>
          {email.transport ? ` · ${t(`outbox.transport_${email.transport}`)}` : null}
        </dd>
        <dt>{t("outbox.created")}</dt>
        <dd>{formatDateTime(new Date(email.createdAt), lang)}</dd>
        {email.lastError ? (
          <>
            <dt>{t("outbox.lastError")}</dt>
            <dd>{email.lastError}</dd>
          </>
        ) : null}
      </dl>
      {email.attachmentName ? (
        <p>
          {t("outbox.attachment")}:{" "}
          <a href={`/outbox/${email.id}/attachment`} download>
            {t("outbox.download", { filename: email.attachmentName })}
          </a>
        </p>
      ) : null}
      {email.rendered ? (
        <>
          <h2>{t("outbox.htmlVersion")}</h2>
          <p>
            <a href={`/outbox/${email.id}/html`} target="_blank" rel="noreferrer">
              {t("outbox.viewHtml")}
            </a>
          </p>
          <iframe
            className="email-frame"
            title={t("outbox.htmlVersion")}
            src={`/outbox/${email.id}/html`}
            sandbox=""
          />
          <h2>{t("outbox.textVersion")}</h2>
          <pre className="email-text">{email.text}</pre>
        </>
      ) : (
        <p className="card">{t("outbox.notRendered")}</p>
      )}
      {email.events.length ? (
        <>
          <h2>{t("outbox.events")}</h2>
          <ul>
            {email.events.map((e) => (
              <li key={`${e.type}-${e.receivedAt}`}>
                {formatDateTime(new Date(e.receivedAt), lang)}: {e.type}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
