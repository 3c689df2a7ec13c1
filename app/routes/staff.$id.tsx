import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
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
import { StaffForm } from "#app/ui/staff-form.tsx";
import type { Language } from "#app/i18n/setup.ts";
import { getStaffUser, resendInvitation, updateStaff } from "#app/models/staff/staff.server.ts";
import { StaffUpdateSchema } from "#app/models/staff/staff.ts";
import { formatDateTime } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { getEnv } from "#app/platform/env.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireAdmin } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../styles/staff.css";
import { replyWithRefusal } from "#app/web/form-action.server.ts";
import { readForm } from "#app/web/form.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const notFound = () => new Response("Not found", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireAdmin(request);
  const id = parseId(params.id);
  const staff = id ? await getStaffUser(getDb(), id) : null;
  if (!staff) throw notFound();
  const t = await i18nServer.getFixedT(request);
  const url = new URL(request.url);
  return {
    title: `${staff.name} · ${t("staff.title")} · ${t("app.name")}`,
    staff,
    isSelf: staff.id === actor.id,
    saved: url.searchParams.has("saved"),
    resent: url.searchParams.has("resent"),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

type ActionData = { result: SubmissionResult<string[]> | null; resendError: string | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const id = parseId(params.id);
  if (!id) throw notFound();
  const formData = await readForm(request);

  if (formData.get("intent") === "resend") {
    const result = await resendInvitation(getDb(), actor, id, { publicUrl: getEnv().PUBLIC_URL });
    if (!result) throw notFound();
    if (!result.ok) return data<ActionData>({ result: null, resendError: result.error }, { status: 400 });
    return redirect(`/staff/${id}?resent=1`);
  }

  const submission = parseWithZod(formData, { schema: StaffUpdateSchema });
  if (submission.status !== "success") {
    return data<ActionData>({ result: submission.reply(), resendError: null }, { status: 400 });
  }
  const result = await updateStaff(getDb(), actor, id, submission.value);
  if (!result) throw notFound();
  if (!result.ok) {
    return data<ActionData>(
      { result: replyWithRefusal(submission, result), resendError: null },
      { status: 400 },
    );
  }
  return redirect(`/staff/${id}?saved=1`);
}

const historyKeys = ["invited", "updated", "deactivated", "invitation_resent", "signed_in"] as const;
const fieldKeys = ["name", "role", "scopeUnitCode", "preferredLanguage", "active"] as const;

export default function EditStaff() {
  const { staff, isSelf, saved, resent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const when = (value: Date | string | null) =>
    value ? formatDateTime(new Date(value), lang) : t("staff.never");

  return (
    <section className="staff-form">
      <p>
        <Link to="/staff">{t("staff.edit.back")}</Link>
      </p>
      <h1>{staff.name}</h1>
      {saved ? (
        <p className="notice" role="status">
          {t("staff.edit.saved")}
        </p>
      ) : null}
      {resent ? (
        <p className="notice" role="status">
          {t("staff.edit.resent", { email: staff.email })}
        </p>
      ) : null}
      <dl className="meta">
        <dt>{t("staff.fields.email")}</dt>
        <dd className="staff-email">{staff.email}</dd>
        <dt>{t("staff.columns.status")}</dt>
        <dd>
          <span className={`badge ${staff.active ? "staff-active" : "staff-inactive"}`}>
            {t(staff.active ? "staff.status_active" : "staff.status_inactive")}
          </span>
        </dd>
        <dt>{t("staff.edit.created")}</dt>
        <dd>{when(staff.createdAt)}</dd>
        <dt>{t("staff.edit.lastSignIn")}</dt>
        <dd>{when(staff.lastSignInAt)}</dd>
        <dt>{t("staff.edit.lastLink")}</dt>
        <dd>{when(staff.lastLinkAt)}</dd>
      </dl>

      <div className="staff-columns">
        <section className="card" aria-labelledby="details-title">
          <h2 id="details-title">{t("staff.edit.details")}</h2>
          <StaffForm
            staff={staff}
            isSelf={isSelf}
            lastResult={actionData?.result}
            submitLabel={t("staff.edit.submit")}
          />
        </section>

        <section className="card" aria-labelledby="resend-title">
          <h2 id="resend-title">{t("staff.edit.resendTitle")}</h2>
          <p>{t("staff.edit.resendIntro")}</p>
          {actionData?.resendError ? (
            <p className="notice error" role="alert">
              {t(actionData.resendError)}
            </p>
          ) : null}
          {staff.active ? (
            <Form method="post">
              <button type="submit" name="intent" value="resend" className="button secondary">
                {t("staff.edit.resendButton")}
              </button>
            </Form>
          ) : (
            <p className="muted">{t("staff.errors.resendInactive")}</p>
          )}
        </section>
      </div>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("staff.edit.history")}</h2>
        {staff.history.length === 0 ? (
          <p className="muted">{t("staff.edit.noHistory")}</p>
        ) : (
          <ul className="staff-history">
            {staff.history.map((entry) => {
              const key = entry.action.replace(/^staff\./, "");
              const changes = (entry.details as { changes?: Record<string, unknown> } | null)?.changes;
              const changed = changes
                ? fieldKeys.filter((f) => f in changes).map((f) => t(`staff.fields.${f}`))
                : [];
              return (
                <li key={entry.id}>
                  <span className="muted">{formatDateTime(new Date(entry.at), lang)}</span>{" "}
                  <strong>
                    {(historyKeys as readonly string[]).includes(key)
                      ? t(`staff.history.${key as (typeof historyKeys)[number]}`)
                      : entry.action}
                  </strong>
                  {entry.actorName ? ` ${t("staff.edit.by", { name: entry.actorName })}` : null}
                  {changed.length ? (
                    <span className="muted">
                      {" "}
                      · {t("staff.edit.changed", { fields: changed.join(", ") })}
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
