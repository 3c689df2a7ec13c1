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
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { Pager } from "#app/ui/pager.tsx";
import type { Language } from "#app/i18n/setup.ts";
import { getEventInScope } from "#app/models/events/event-access.server.ts";
import {
  fixAddressAndResend,
  listInvitations,
  recordLinkShared,
  resendInvitation,
  revokeInvitation,
} from "#app/models/events/invitation.server.ts";
import { reissueEventLinks, reissueInvitationLink } from "#app/models/events/invitation-links.server.ts";
import {
  FixAddressSchema,
  InvitationActionSchema,
  invitationListHref,
  parseInvitationListQuery,
  RevokeSchema,
  whatsappUrl,
} from "#app/models/events/invitation.ts";
import { formatDate, formatNumber } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import { readForm } from "#app/web/form.server.ts";
import styles from "../../styles/audience.css";
import { InviteeRow } from "./invitee-row.tsx";
import { ReissueAll } from "./reissue-all.tsx";
import { SharedLink } from "./shared-link.tsx";
import { StateFilters } from "./state-filters.tsx";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const DoneSchema = z
  .enum(["resent", "alreadyResent", "fixed", "revoked", "revokedSeat", "alreadyRevoked"])
  .optional()
  .catch(undefined);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const url = new URL(request.url);
  const query = parseInvitationListQuery(url.searchParams);
  const [t, locale, list] = await Promise.all([
    i18nServer.getFixedT(request),
    i18nServer.getLocale(request),
    listInvitations(getDb(), scope, parseId(params.id), query),
  ]);
  const eventTitle = localized(list.event, "title", locale);
  return {
    title: `${t("audience.invitations.title")} · ${eventTitle} · ${t("app.name")}`,
    ...list,
    query,
    done: DoneSchema.parse(url.searchParams.get("done") ?? undefined) ?? null,
    isAdmin: staff.role === "admin",
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
      {
        intent: typeof intent === "string" ? intent : null,
        invitationId,
        message,
        field,
        shared: null,
        notice: null,
      },
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
  if (intent === "reissue-all") {
    // A leaked list: an admin replaces every link of the event at once, after saying they understand.
    if (staff.role !== "admin") return refuse("audience.errors.adminsOnly");
    if (formData.get("confirm") !== "yes")
      return refuse("audience.errors.reissueAllConfirm", null, "confirm");
    const outcome = await reissueEventLinks(db, actor, id);
    if (!outcome.ok) return refuse(outcome.error);
    const notice = { key: "reissuedAll", people: outcome.reissued, emailed: outcome.emailed };
    return data({ intent, invitationId: null, message: null, field: null, shared: null, notice });
  }
  if (intent !== "resend" && intent !== "copy" && intent !== "whatsapp" && intent !== "reissue")
    return refuse("audience.errors.unknownAction");
  const parsed = InvitationActionSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return refuse("audience.errors.invitationUnknown");
  const { invitationId } = parsed.data;

  if (intent === "resend") {
    const outcome = await resendInvitation(db, actor, id, parsed.data);
    if (!outcome.ok) return refuse(outcome.error, invitationId);
    return back(outcome.queued ? "resent" : "alreadyResent");
  }
  if (intent === "reissue") {
    const outcome = await reissueInvitationLink(db, actor, id, invitationId);
    if (!outcome.ok) return refuse(outcome.error, invitationId);
    const name =
      outcome.nameHi && (await i18nServer.getLocale(request)) === "hi" ? outcome.nameHi : outcome.name;
    return data({
      intent,
      invitationId,
      message: null,
      field: null,
      shared: { url: outcome.url, name },
      notice: { key: "reissued", people: 1, emailed: outcome.emailed ? 1 : 0 },
    });
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
      notice: null,
    });
  }
  // WhatsApp: the message in the person's language, with their link, typed into a chat with them.
  const t = await i18nServer.getFixedT(shared.language);
  const message = t("audience.whatsapp.message", {
    name: shared.language === "hi" && shared.nameHi ? shared.nameHi : shared.name,
    title: localized(shared.event, "title", shared.language),
    date: formatDate(shared.event.startsAt, shared.language),
    url: shared.url,
  });
  return redirect(whatsappUrl(shared.phone!, message));
}

export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
export type ActionData = ReturnType<typeof useActionData<typeof action>>;

export default function InvitationsPage() {
  const { event, rows, hasMore, counts, total, notReached, query, done, isAdmin } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  const pageMessage = actionData?.message && !actionData.invitationId ? actionData.message : null;
  const canReissueAll = isAdmin && event.status === "published" && total > 0;

  return (
    <div className="audience-page invitations-page">
      <p className="audience-links">
        <Link to={`/events/${event.id}`}>{t("audience.backToEvent")}</Link>
        <Link to={`/events/${event.id}/audience`}>{t("audience.title")}</Link>
      </p>
      <h1>
        {t("audience.invitations.title")}: {localized(event, "title", lang)}
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
      {actionData?.notice ? (
        <p className="notice" role="status">
          {t(`audience.done.${actionData.notice.key}`, {
            people: num(actionData.notice.people),
            emailed: num(actionData.notice.emailed),
          })}
        </p>
      ) : null}
      {actionData?.shared ? <SharedLink url={actionData.shared.url} name={actionData.shared.name} /> : null}

      <StateFilters counts={counts} total={total} notReached={notReached} query={query} />

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
      {canReissueAll ? <ReissueAll people={total} failed={actionData?.intent === "reissue-all"} /> : null}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
