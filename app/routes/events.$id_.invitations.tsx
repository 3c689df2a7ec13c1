// /events/:id/invitations: every invitee of an event with their state (answer, opened link, email status),
// who no channel has reached, and what an organiser can do per person: resend, correct the address, copy the
// personal link, share it on WhatsApp, or revoke the invitation.
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
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { Pager } from "#app/ui/pager.tsx";
import type { Language } from "#app/i18n/setup.ts";
import { displayPhone } from "#app/models/organisation/committee.ts";
import { getEventInScope } from "#app/models/events/event-access.server.ts";
import {
  fixAddressAndResend,
  listInvitations,
  recordLinkShared,
  resendInvitation,
  revokeInvitation,
} from "#app/models/events/invitation.server.ts";
import {
  addressProblemStates,
  FixAddressSchema,
  InvitationActionSchema,
  invitationListHref,
  invitationStates,
  parseInvitationListQuery,
  REVOKE_REASON_MAX,
  RevokeSchema,
  whatsappUrl,
} from "#app/models/events/invitation.ts";
import { formatDate, formatDateTime, formatNumber } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../styles/audience.css";
import { readForm } from "#app/web/form.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const DoneSchema = z
  .enum(["resent", "alreadyResent", "fixed", "revoked", "revokedSeat", "alreadyRevoked"])
  .optional()
  .catch(undefined);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const url = new URL(request.url);
  const query = parseInvitationListQuery(url.searchParams);
  const [t, locale, list] = await Promise.all([
    i18nServer.getFixedT(request),
    i18nServer.getLocale(request),
    listInvitations(getDb(), scope, parseId(params.id), query),
  ]);
  const eventTitle = locale === "en" ? list.event.titleEn : list.event.titleHi;
  return {
    title: `${t("audience.invitations.title")} · ${eventTitle} · ${t("app.name")}`,
    ...list,
    query,
    done: DoneSchema.parse(url.searchParams.get("done") ?? undefined) ?? null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const db = getDb();
  // Out of scope is a 404 whatever the form says.
  const { id } = await getEventInScope(db, scope, parseId(params.id));
  const actor = { staffId: staff.id, scope };
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const url = new URL(request.url);
  // Back to the same view of the list (filters and page kept), with a notice.
  const back = (done: string) => {
    const href = invitationListHref(parseInvitationListQuery(url.searchParams));
    return redirect(`/events/${id}/invitations${href}${href === "?" ? "" : "&"}done=${done}`);
  };
  const refuse = (message: string, invitationId: number | null = null, field: string | null = null) =>
    data(
      { intent: typeof intent === "string" ? intent : null, invitationId, message, field, shared: null },
      { status: 400 },
    );

  // The first problem of a form that did not parse, shown at its row.
  const invalid = (error: Record<string, string[] | null> | null | undefined) => {
    const [field, messages] = Object.entries(error ?? {}).find(([, m]) => m?.length) ?? ["", []];
    const invitationId = Number(formData.get("invitationId")) || null;
    return refuse(messages?.[0] ?? "audience.errors.unknownAction", invitationId, field || null);
  };

  if (intent === "fix") {
    const submission = parseWithZod(formData, { schema: FixAddressSchema });
    if (submission.status !== "success") return invalid(submission.error);
    const outcome = await fixAddressAndResend(db, actor, id, submission.value);
    if (!outcome.ok) return refuse(outcome.error, submission.value.invitationId, outcome.field ?? null);
    return back(outcome.queued ? "fixed" : "alreadyResent");
  }
  if (intent === "revoke") {
    const submission = parseWithZod(formData, { schema: RevokeSchema });
    if (submission.status !== "success") return invalid(submission.error);
    const { invitationId, reason } = submission.value;
    const outcome = await revokeInvitation(db, actor, id, invitationId, reason);
    if (!outcome.ok) return refuse(outcome.error, invitationId);
    return back(outcome.revoked ? (outcome.freedSeat ? "revokedSeat" : "revoked") : "alreadyRevoked");
  }
  if (intent !== "resend" && intent !== "copy" && intent !== "whatsapp")
    return refuse("audience.errors.unknownAction");
  const parsed = InvitationActionSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return refuse("audience.errors.invitationUnknown");
  const { invitationId } = parsed.data;

  if (intent === "resend") {
    const outcome = await resendInvitation(db, actor, id, parsed.data);
    if (!outcome.ok) return refuse(outcome.error, invitationId);
    return back(outcome.queued ? "resent" : "alreadyResent");
  }
  const shared = await recordLinkShared(db, actor, id, { invitationId, via: intent });
  if (!shared.ok) return refuse(shared.error, invitationId);
  if (intent === "copy") {
    return data({
      intent,
      invitationId,
      message: null,
      field: null,
      shared: {
        url: shared.url,
        name: shared.language === "hi" && shared.nameHi ? shared.nameHi : shared.name,
      },
    });
  }
  // WhatsApp: the message in the person's language, with their link, typed into a chat with them.
  const t = await i18nServer.getFixedT(shared.language);
  const message = t("audience.whatsapp.message", {
    name: shared.language === "hi" && shared.nameHi ? shared.nameHi : shared.name,
    title: shared.language === "hi" ? shared.event.titleHi : shared.event.titleEn,
    date: formatDate(shared.event.startsAt, shared.language),
    url: shared.url,
  });
  return redirect(whatsappUrl(shared.phone!, message));
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type ActionData = ReturnType<typeof useActionData<typeof action>>;

export default function InvitationsPage() {
  const { event, rows, hasMore, counts, total, notReached, query, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  const pageMessage = actionData?.message && !actionData.invitationId ? actionData.message : null;
  const filtered = Boolean(query.state || query.notReached);

  return (
    <div className="audience-page invitations-page">
      <p className="audience-links">
        <Link to={`/events/${event.id}`}>{t("audience.backToEvent")}</Link>
        <Link to={`/events/${event.id}/audience`}>{t("audience.title")}</Link>
      </p>
      <h1>
        {t("audience.invitations.title")}: {lang === "hi" ? event.titleHi : event.titleEn}
      </h1>
      <p className="muted">{t("audience.invitations.intro")}</p>
      {event.status === "draft" ? <p className="notice">{t("audience.invitations.notPublished")}</p> : null}
      {done && !actionData ? (
        <p className="notice" role="status">
          {t(`audience.done.${done}`)}
        </p>
      ) : null}
      {pageMessage ? (
        <p className="notice error" role="alert">
          {t(pageMessage)}
        </p>
      ) : null}
      {actionData?.shared ? <SharedLink url={actionData.shared.url} name={actionData.shared.name} /> : null}

      <nav className="state-counts" aria-label={t("audience.invitations.state")}>
        <p>
          <strong data-testid="invitations-total">
            {t("audience.invitations.total", { people: num(total) })}
          </strong>
        </p>
        <ul>
          {invitationStates
            .filter((s) => counts[s] > 0)
            .map((s) => (
              <li key={s}>
                <Link
                  to={invitationListHref({ state: s, notReached: false, page: 1 })}
                  className={`badge state-${s}`}
                  aria-current={query.state === s && !query.notReached ? "true" : undefined}
                  data-state-count={s}
                >
                  {t(`audience.states.${s}`)}: {num(counts[s])}
                </Link>
              </li>
            ))}
          {notReached > 0 ? (
            <li>
              <Link
                to={invitationListHref({ notReached: true, page: 1 })}
                className="badge not-reached"
                data-testid="not-reached-count"
              >
                {t("audience.invitations.notReachedCount", { people: num(notReached) })}
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>

      {/* Keyed by the query: after a count link is followed, the fields show the filter in force. */}
      <Form
        key={invitationListHref(query, 1)}
        method="get"
        className="filters card"
        aria-label={t("audience.invitations.filters")}
      >
        <div className="field">
          <label htmlFor="state">{t("audience.invitations.state")}</label>
          <select id="state" name="state" defaultValue={query.state ?? ""}>
            <option value="">{t("audience.invitations.anyState")}</option>
            {invitationStates.map((s) => (
              <option key={s} value={s}>
                {t(`audience.states.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field checkbox">
          <input
            id="notReached"
            name="notReached"
            type="checkbox"
            value="yes"
            defaultChecked={query.notReached}
          />
          <label htmlFor="notReached">{t("audience.invitations.notReached")}</label>
        </div>
        <div className="filter-actions">
          <button type="submit" className="button">
            {t("audience.invitations.show")}
          </button>
          {filtered ? (
            <Link to="?" className="button secondary">
              {t("audience.invitations.clear")}
            </Link>
          ) : null}
        </div>
      </Form>

      {rows.length === 0 ? (
        <p className="card">{t("audience.invitations.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="invitees">
            <caption>{t("audience.invitations.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audience.invitations.name")}</th>
                <th scope="col">{t("audience.invitations.committee")}</th>
                <th scope="col">{t("audience.invitations.contact")}</th>
                <th scope="col">{t("audience.invitations.stateColumn")}</th>
                <th scope="col">{t("audience.invitations.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <InviteeRow
                  key={row.id}
                  row={row}
                  published={event.status === "published"}
                  actionData={actionData?.invitationId === row.id ? actionData : null}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        page={query.page}
        hasMore={hasMore}
        href={(page) => invitationListHref(query, page)}
        label={t("audience.invitations.page", { page: num(query.page) })}
        current={t("audience.invitations.page", { page: num(query.page) })}
        previous={t("audience.invitations.previous")}
        next={t("audience.invitations.next")}
      />
    </div>
  );
}

function InviteeRow({
  row,
  published,
  actionData,
}: {
  row: LoaderData["rows"][number];
  published: boolean;
  actionData: ActionData | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const name = lang === "hi" && row.nameHi ? row.nameHi : row.name;
  const otherName = row.nameHi && row.nameHi !== row.name ? (lang === "hi" ? row.name : row.nameHi) : null;
  const canAct = published && row.state !== "revoked";
  const fixId = `fix-${row.id}`;
  const revokeId = `revoke-reason-${row.id}`;
  const rowError = actionData?.message ?? null;
  return (
    <tr data-invitation-id={row.id} data-state={row.state}>
      <th scope="row">
        {name}
        {otherName ? (
          <span className="muted small block" lang={lang === "hi" ? "en" : "hi"}>
            {otherName}
          </span>
        ) : null}
      </th>
      {/* data-label: the column's heading, shown in each cell where a phone stacks the row as a card. */}
      <td data-label={t("audience.invitations.committee")}>
        {lang === "hi" ? row.committeeNameHi : row.committeeNameEn}
        <span className="muted small block">
          {lang === "hi" ? row.designationNameHi : row.designationNameEn}
        </span>
      </td>
      <td className="contact" data-label={t("audience.invitations.contact")}>
        {row.phone ? (
          <a className="block" href={`tel:${row.phone}`}>
            {displayPhone(row.phone)}
          </a>
        ) : null}
        {row.email ? <span className="block email">{row.email}</span> : null}
      </td>
      <td data-label={t("audience.invitations.stateColumn")}>
        <span className={`badge state-${row.state}`}>{t(`audience.states.${row.state}`)}</span>
        {row.reached || row.state === "revoked" ? null : (
          <span className="badge not-reached">{t("audience.invitations.notReachedBadge")}</span>
        )}
        {row.sharedVia && row.sharedAt ? (
          <span className="muted small block">
            {t(`audience.invitations.sharedVia_${row.sharedVia}`, {
              time: formatDateTime(new Date(row.sharedAt), lang),
            })}
          </span>
        ) : null}
        {row.emailError && (row.state === "failed" || row.state === "bounced") ? (
          <span className="muted small block">{row.emailError}</span>
        ) : null}
      </td>
      <td className="actions">
        {rowError ? (
          <p className="field-error" role="alert" id={`error-${row.id}`}>
            {t(rowError)}
          </p>
        ) : null}
        {canAct ? (
          <div className="row-actions">
            {row.email ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="invitationId" value={row.id} />
                <input type="hidden" name="seenEmailId" value={row.emailId ?? ""} />
                <button
                  type="submit"
                  name="intent"
                  value="resend"
                  className="button secondary"
                  aria-label={t(
                    row.emailId ? "audience.invitations.resendLabel" : "audience.invitations.sendLabel",
                    { name },
                  )}
                >
                  {row.emailId ? t("audience.invitations.resend") : t("audience.invitations.sendNow")}
                </button>
              </Form>
            ) : null}
            <Form method="post" className="inline-form">
              <input type="hidden" name="invitationId" value={row.id} />
              <button
                type="submit"
                name="intent"
                value="copy"
                className="button secondary"
                aria-label={t("audience.invitations.copyLabel", { name })}
              >
                {t("audience.invitations.copy")}
              </button>
            </Form>
            {row.phone ? (
              // A new tab: the organiser keeps the list while WhatsApp opens.
              <Form method="post" reloadDocument target="_blank" rel="noopener" className="inline-form">
                <input type="hidden" name="invitationId" value={row.id} />
                <button
                  type="submit"
                  name="intent"
                  value="whatsapp"
                  className="button secondary"
                  aria-label={t("audience.invitations.whatsappLabel", { name })}
                >
                  {t("audience.invitations.whatsapp")}
                </button>
              </Form>
            ) : null}
            {addressProblemStates.includes(row.state) ? (
              <Form method="post" className="fix-form">
                <input type="hidden" name="invitationId" value={row.id} />
                <input type="hidden" name="seenEmailId" value={row.emailId ?? ""} />
                <label htmlFor={fixId} className="small">
                  {t("audience.invitations.newEmail")}
                </label>
                <input
                  id={fixId}
                  name="email"
                  type="email"
                  inputMode="email"
                  autoComplete="off"
                  required
                  aria-label={t("audience.invitations.newEmailFor", { name })}
                  aria-invalid={actionData?.field === "email" ? true : undefined}
                  aria-describedby={rowError ? `error-${row.id}` : undefined}
                />
                <button type="submit" name="intent" value="fix" className="button">
                  {t("audience.invitations.fix")}
                </button>
              </Form>
            ) : null}
            {/* A confirm step that needs no JavaScript: the form opens under the summary. */}
            <details open={actionData?.intent === "revoke" ? true : undefined}>
              <summary className="button secondary">{t("audience.invitations.revoke")}</summary>
              <Form method="post" className="fix-form">
                <input type="hidden" name="invitationId" value={row.id} />
                <p className="small">{t("audience.invitations.revokeConfirm", { name })}</p>
                <label htmlFor={revokeId} className="small">
                  {t("audience.invitations.revokeReason")}
                </label>
                <input
                  id={revokeId}
                  name="reason"
                  type="text"
                  maxLength={REVOKE_REASON_MAX}
                  autoComplete="off"
                  aria-invalid={actionData?.field === "reason" ? true : undefined}
                  aria-describedby={rowError ? `error-${row.id}` : undefined}
                />
                <button
                  type="submit"
                  name="intent"
                  value="revoke"
                  className="button"
                  aria-label={t("audience.invitations.revokeLabel", { name })}
                >
                  {t("audience.invitations.revokeButton")}
                </button>
              </Form>
            </details>
          </div>
        ) : null}
      </td>
    </tr>
  );
}

/** The link just asked for, to copy: a read-only field, and a Copy button once JavaScript runs. */
function SharedLink({ url, name }: { url: string; name: string }) {
  const { t } = useTranslation();
  const [hydrated, setHydrated] = useState(false);
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => setHydrated(true), []);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // No clipboard API (a page not served over HTTPS): the selected field copies the old way.
      input.current?.select();
      document.execCommand("copy");
    }
    setCopied(true);
  }
  return (
    <section className="card shared-link" role="status">
      <label htmlFor="shared-link">{t("audience.invitations.linkFor", { name })}</label>
      <div className="shared-link-row">
        <input
          id="shared-link"
          ref={input}
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          aria-describedby="shared-link-hint"
        />
        {hydrated ? (
          <button type="button" className="button" onClick={copy}>
            {copied ? t("audience.invitations.copied") : t("audience.invitations.copyButton")}
          </button>
        ) : null}
      </div>
      <p id="shared-link-hint" className="muted small">
        {t("audience.invitations.linkHint")}
      </p>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
