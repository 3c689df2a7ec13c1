// /events/:id/audience: who an event invites. The rules (remove), a form to add one with a live preview of
// whom it reaches (a fetcher GET of this route as the form changes; without JavaScript, a "Preview" GET
// submit), the counts of the whole audience, and publishing.
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
import { z } from "zod";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import type { Language } from "#app/i18n/setup.ts";
import { listDesignationOptions } from "#app/models/organisation/appointee.server.ts";
import {
  addAudienceRule,
  getAudiencePage,
  listRuleUnitOptions,
  removeAudienceRule,
} from "#app/models/events/audience.server.ts";
import { AudienceRuleSchema } from "#app/models/events/audience.ts";
import { getEventInScope } from "#app/models/events/event-access.server.ts";
import { inviteRemainingAudience } from "#app/models/events/invitation.server.ts";
import { inTreeOrder } from "#app/models/organisation/unit.ts";
import { formatNumber } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import { readForm } from "#app/web/form.server.ts";
import { replyWithRefusal } from "#app/web/form-action.server.ts";
import { localized } from "#app/i18n/localized.ts";
import styles from "../../styles/audience.css";
import { AddRule } from "./add-rule.tsx";
import { Counts, Publish } from "./counts.tsx";
import { RulesSection } from "./rules.tsx";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const doneKeys = ["added", "addedAndInvited", "removed", "invitedMissing"] as const;
const QuerySchema = z.object({
  done: z.enum(doneKeys).optional().catch(undefined),
  count: z.coerce.number().int().min(0).max(1_000_000).catch(0),
});

/** The add-rule form's fields as a GET sends them (the preview). */
function ruleFields(params: URLSearchParams) {
  return {
    unitId: params.get("unitId") ?? undefined,
    unitCode: params.get("unitCode") ?? undefined,
    levels: params.getAll("levels"),
    designations: params.getAll("designations"),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const url = new URL(request.url);
  const db = getDb();
  const previewing = url.searchParams.has("preview");
  // The live preview asks for the counts only: the unit list need not travel with every change.
  const countsOnly = url.searchParams.has("countsOnly");
  const candidate = previewing ? AudienceRuleSchema.safeParse(ruleFields(url.searchParams)) : null;
  const [t, locale, page, designations, unitOptions] = await Promise.all([
    i18nServer.getFixedT(request),
    i18nServer.getLocale(request),
    getAudiencePage(db, scope, parseId(params.id), candidate?.success ? candidate.data : null),
    listDesignationOptions(db),
    countsOnly ? Promise.resolve([]) : listRuleUnitOptions(db, scope),
  ]);
  const query = QuerySchema.parse(Object.fromEntries(url.searchParams));
  const units = inTreeOrder(unitOptions, (u) => localized(u, "name", locale), `${locale}-IN`);
  const eventTitle = localized(page.event, "title", locale);
  return {
    title: `${t("audience.title")} · ${eventTitle} · ${t("app.name")}`,
    event: {
      id: page.event.id,
      titleEn: page.event.titleEn,
      titleHi: page.event.titleHi,
      status: page.event.status,
      registrationOpen: new Date(page.event.registrationClosesAt).getTime() > Date.now(),
    },
    rules: page.rules,
    preview: page.preview,
    candidate: page.candidate,
    // A refusal of the form's rule: the schema's, else the model's (unit outside scope, level above it…).
    candidateError: candidate?.error?.issues[0]?.message ?? page.candidateError?.error ?? null,
    invited: page.invited,
    designations,
    unitOptions: units.map(({ path: _path, ...unit }) => unit),
    // The previewed rule stays in the form: as read (a code in capitals) when valid, else as typed.
    formDefaults: candidate?.success
      ? {
          unitId: candidate.data.unitId ? String(candidate.data.unitId) : undefined,
          unitCode: candidate.data.unitCode,
          levels: candidate.data.levels ?? [],
          designations: candidate.data.designations ?? [],
        }
      : previewing
        ? ruleFields(url.searchParams)
        : null,
    done: query.done ?? null,
    count: query.count,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

const RemoveSchema = z.object({ ruleId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const db = getDb();
  // Out of scope is a 404 whatever the form says.
  const { id } = await getEventInScope(db, scope, parseId(params.id));
  const actor = { staffId: staff.id, scope };
  const formData = await readForm(request);
  const intent = formData.get("intent");
  // A refusal goes back to the form it came from: the add form shows `result`, the others `message`.
  const refuse = (message: string | null, result: SubmissionResult<string[]> | null = null) =>
    data({ intent: typeof intent === "string" ? intent : null, result, message }, { status: 400 });

  if (intent === "add") {
    const submission = parseWithZod(formData, { schema: AudienceRuleSchema });
    if (submission.status !== "success") return refuse(null, submission.reply());
    const outcome = await addAudienceRule(db, actor, id, submission.value);
    if (!outcome.ok) return refuse(null, replyWithRefusal(submission, outcome));
    return redirect(
      outcome.invited > 0
        ? `/events/${id}/audience?done=addedAndInvited&count=${outcome.invited}`
        : `/events/${id}/audience?done=added`,
    );
  }
  if (intent === "remove") {
    const parsed = RemoveSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return refuse("audience.errors.ruleUnknown");
    const outcome = await removeAudienceRule(db, actor, id, parsed.data.ruleId);
    return outcome.ok ? redirect(`/events/${id}/audience?done=removed`) : refuse(outcome.error);
  }
  if (intent === "invite-missing") {
    const outcome = await inviteRemainingAudience(db, actor, id);
    return outcome.ok
      ? redirect(`/events/${id}/audience?done=invitedMissing&count=${outcome.invited}`)
      : refuse(outcome.error);
  }
  return refuse("audience.errors.unknownAction");
}

export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function AudiencePage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { event, rules, preview, invited, designations, done, count } = loaderData;
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  const changeable = event.status === "draft" || event.status === "published";
  const canAdd = event.status === "draft" || (event.status === "published" && event.registrationOpen);
  const pageMessage = actionData && actionData.intent !== "add" ? actionData.message : null;

  return (
    <div className="audience-page">
      <p className="audience-links">
        <Link to={`/events/${event.id}`}>{t("audience.backToEvent")}</Link>
        {event.status !== "draft" ? (
          <Link to={`/events/${event.id}/invitations`}>{t("audience.invitationsLink")}</Link>
        ) : null}
      </p>
      <h1>
        {t("audience.title")}: {localized(event, "title", lang)}
      </h1>
      <p>
        <span className={`badge event-${event.status}`}>{t(`audience.eventStatus.${event.status}`)}</span>
      </p>
      <p className="muted">{t("audience.intro")}</p>
      {done && !actionData ? (
        <p className="notice" role="status">
          {t(`audience.done.${done}`, { people: num(count) })}
        </p>
      ) : null}
      {pageMessage ? (
        <p className="notice error" role="alert">
          {t(pageMessage)}
        </p>
      ) : null}

      <section className="card" aria-labelledby="counts-title">
        <h2 id="counts-title">{t("audience.counts.title")}</h2>
        <Counts counts={preview.total} />
        {event.status !== "draft" ? (
          <dl className="stats audience-stats">
            <div>
              <dt>{t("audience.counts.invited")}</dt>
              <dd data-testid="invited-count">{num(invited)}</dd>
            </div>
            <div>
              <dt>{t("audience.counts.notYetInvited")}</dt>
              <dd>{num(preview.total.notYetInvited)}</dd>
            </div>
          </dl>
        ) : null}
        {event.status === "published" && event.registrationOpen && preview.total.notYetInvited > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="invite-missing" className="button">
              {t("audience.publish.inviteMissing")}
            </button>
          </Form>
        ) : null}
        <p className="muted small">{t("audience.counts.formingNote")}</p>
        {preview.total.withoutEmail > 0 ? (
          <p className="muted small">{t("audience.counts.withoutEmailNote")}</p>
        ) : null}
      </section>

      <RulesSection
        rules={rules}
        preview={preview}
        designations={designations}
        changeable={changeable}
        status={event.status}
      />

      {canAdd ? (
        <AddRule key={rules.map((r) => r.id).join()} data={loaderData} actionData={actionData} />
      ) : (
        <p className="notice">{t("audience.add.closed")}</p>
      )}

      {event.status === "draft" ? (
        <Publish eventId={event.id} hasRules={rules.length > 0} counts={preview.total} />
      ) : null}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
