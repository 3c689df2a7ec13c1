// /events/:id/audience: who an event invites. The rules (remove), a form to add one with a live preview of
// whom it reaches (a fetcher GET of this route as the form changes; without JavaScript, a "Preview" GET
// submit), the counts of the whole audience, and publishing.
import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useLocation } from "@remix-run/react";
import { type FormEvent, useEffect, useRef } from "react";
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
import {
  type AudienceCounts,
  AudienceRuleSchema,
  CANDIDATE_RULE_KEY,
  describeAudienceRule,
  emptyCounts,
} from "#app/models/events/audience.ts";
import { getEventInScope } from "#app/models/events/event-access.server.ts";
import { inviteRemainingAudience } from "#app/models/events/invitation.server.ts";
import { inTreeOrder, unitLevels } from "#app/models/organisation/unit.ts";
import { formatNumber } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../styles/audience.css";
import { readForm } from "#app/web/form.server.ts";

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
  const units = inTreeOrder(unitOptions, (u) => (locale === "en" ? u.nameEn : u.nameHi), `${locale}-IN`);
  const eventTitle = locale === "en" ? page.event.titleEn : page.event.titleHi;
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
    if (!outcome.ok) {
      const reply = outcome.field
        ? submission.reply({ fieldErrors: { [outcome.field]: [outcome.error] } })
        : submission.reply({ formErrors: [outcome.error] });
      return refuse(null, reply);
    }
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

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function AudiencePage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { event, rules, preview, invited, designations, done, count } = loaderData;
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  const pick = (x: { titleEn: string; titleHi: string }) => (lang === "hi" ? x.titleHi : x.titleEn);
  const designationName = (code: string) => {
    const d = designations.find((x) => x.code === code);
    return d ? (lang === "hi" ? d.nameHi : d.nameEn) : code;
  };
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
        {t("audience.title")}: {pick(event)}
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

      <section aria-labelledby="rules-title">
        <h2 id="rules-title">{t("audience.rules.title")}</h2>
        {rules.length === 0 ? (
          <p className="card">{t("audience.rules.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="audience-rules">
              <caption>{t("audience.rules.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("audience.rules.rule")}</th>
                  <th scope="col" className="num">
                    {t("audience.rules.committees")}
                  </th>
                  <th scope="col" className="num">
                    {t("audience.rules.people")}
                  </th>
                  {changeable ? <th scope="col">{t("audience.rules.remove")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {rules.map((rule) => {
                  const described = describeAudienceRule(rule, t, lang, designationName);
                  const counts = preview.perRule[rule.id] ?? emptyCounts;
                  return (
                    <tr key={rule.id} data-rule-id={rule.id}>
                      <td>{described}</td>
                      <td className="num">
                        {num(counts.committeesFormed)} / {num(counts.committeesForming)}
                      </td>
                      <td className="num">{num(counts.people)}</td>
                      {changeable ? (
                        <td>
                          {rule.inScope ? (
                            <Form method="post">
                              <input type="hidden" name="ruleId" value={rule.id} />
                              <button
                                type="submit"
                                name="intent"
                                value="remove"
                                className="button secondary"
                                aria-label={t("audience.rules.removeLabel", { rule: described })}
                              >
                                {t("audience.rules.remove")}
                              </button>
                            </Form>
                          ) : (
                            <span className="muted small">{t("audience.rules.outOfScope")}</span>
                          )}
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {event.status === "published" && rules.length > 0 ? (
          <p className="muted small">{t("audience.rules.keepsInvitations")}</p>
        ) : null}
      </section>

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

function Counts({ counts, testId }: { counts: AudienceCounts; testId?: string }) {
  const { t, i18n } = useTranslation();
  const num = (n: number) => formatNumber(n, i18n.language as Language);
  const items: [string, number, string][] = [
    ["audience.counts.committeesFormed", counts.committeesFormed, "formed"],
    ["audience.counts.committeesForming", counts.committeesForming, "forming"],
    ["audience.counts.people", counts.people, "people"],
    ["audience.counts.withoutEmail", counts.withoutEmail, "without-email"],
    ["audience.counts.withoutContact", counts.withoutContact, "without-contact"],
  ];
  return (
    <dl className="stats audience-stats" data-testid={testId}>
      {items.map(([key, value, id]) => (
        <div key={key}>
          <dt>{t(key)}</dt>
          <dd data-count={id}>{num(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function AddRule({
  data: loaderData,
  actionData,
}: {
  data: LoaderData;
  actionData: ReturnType<typeof useActionData<typeof action>>;
}) {
  const { event, unitOptions, designations, formDefaults } = loaderData;
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  const location = useLocation();
  const fetcher = useFetcher<typeof loader>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const [form, fields] = useForm({
    id: "add-rule",
    lastResult: actionData?.intent === "add" ? actionData.result : undefined,
    shouldValidate: "onSubmit",
    // The previewed rule as the GET sent it; Conform types defaults by the schema's (preprocessed) input.
    defaultValue: (formDefaults ?? undefined) as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AudienceRuleSchema }),
  });
  const errorText = (list: string[] | undefined) => list?.map((key) => t(key)).join(" ");
  // The live preview: the latest fetch once it answered, else what the page was rendered with.
  const shown = fetcher.data ?? loaderData;
  const minDepth = Math.min(...unitOptions.map((u) => u.depth));

  function previewOnChange(e: FormEvent<HTMLFormElement>) {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(e.currentTarget))
      if (typeof value === "string") params.append(key, value);
    params.set("preview", "1");
    params.set("countsOnly", "1");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => fetcher.load(`${location.pathname}?${params}`), 250);
  }

  return (
    <section className="card add-rule" aria-labelledby="add-rule-title">
      <h2 id="add-rule-title">{t("audience.add.title")}</h2>
      <Form method="post" {...getFormProps(form)} onChange={previewOnChange}>
        {form.errors?.length ? (
          <p id={form.errorId} className="notice error" role="alert">
            {errorText(form.errors)}
          </p>
        ) : null}
        <div className="rule-unit">
          <div className="field">
            <label htmlFor={fields.unitId.id}>{t("audience.add.unit")}</label>
            <select
              {...getSelectProps(fields.unitId)}
              aria-describedby={fields.unitId.errors?.length ? fields.unitId.errorId : undefined}
            >
              <option value="">{t("audience.add.chooseUnit")}</option>
              {unitOptions.map((u) => (
                <option key={u.id} value={u.id}>
                  {"\u00a0\u00a0".repeat(u.depth - minDepth)}
                  {lang === "hi" ? u.nameHi : u.nameEn} · {t(`level.${u.level}`)} ({u.code})
                </option>
              ))}
            </select>
            {fields.unitId.errors?.length ? (
              <p id={fields.unitId.errorId} className="field-error">
                {errorText(fields.unitId.errors)}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={fields.unitCode.id}>{t("audience.add.unitCode")}</label>
            <input
              {...getInputProps(fields.unitCode, { type: "text" })}
              autoCapitalize="characters"
              spellCheck={false}
              aria-describedby={[
                fields.unitCode.errors?.length ? fields.unitCode.errorId : "",
                "unit-code-hint",
              ]
                .filter(Boolean)
                .join(" ")}
            />
            <p id="unit-code-hint" className="muted small">
              {t("audience.add.unitCodeHint")}
            </p>
            {fields.unitCode.errors?.length ? (
              <p id={fields.unitCode.errorId} className="field-error">
                {errorText(fields.unitCode.errors)}
              </p>
            ) : null}
          </div>
        </div>
        <fieldset className="choices" aria-describedby="levels-hint">
          <legend>{t("audience.add.levels")}</legend>
          <p id="levels-hint" className="muted small">
            {t("audience.add.levelsHint")}
          </p>
          {getCollectionProps(fields.levels, { type: "checkbox", options: [...unitLevels] }).map(
            ({ key, ...props }) => (
              <label key={key} className="choice">
                <input {...props} />
                {t(`level.${props.value}`)}
              </label>
            ),
          )}
          {fields.levels.errors?.length ? (
            <p id={fields.levels.errorId} className="field-error">
              {errorText(fields.levels.errors)}
            </p>
          ) : null}
        </fieldset>
        <fieldset className="choices" aria-describedby="designations-hint">
          <legend>{t("audience.add.designations")}</legend>
          <p id="designations-hint" className="muted small">
            {t("audience.add.designationsHint")}
          </p>
          {getCollectionProps(fields.designations, {
            type: "checkbox",
            options: designations.filter((d) => d.active).map((d) => d.code),
          }).map(({ key, ...props }) => {
            const d = designations.find((x) => x.code === props.value)!;
            return (
              <label key={key} className="choice">
                <input {...props} />
                {lang === "hi" ? d.nameHi : d.nameEn}
              </label>
            );
          })}
          {fields.designations.errors?.length ? (
            <p id={fields.designations.errorId} className="field-error">
              {errorText(fields.designations.errors)}
            </p>
          ) : null}
        </fieldset>

        <div className="rule-preview" aria-live="polite" data-testid="rule-preview">
          <h3>{t("audience.add.previewTitle")}</h3>
          {shown.candidate ? (
            <>
              <p className="small">{t("audience.add.previewRule")}</p>
              <Counts
                counts={shown.candidate.preview.perRule[CANDIDATE_RULE_KEY] ?? emptyCounts}
                testId="candidate-counts"
              />
              <p className="small">
                {t("audience.add.previewTotal")}: <strong>{num(shown.candidate.preview.total.people)}</strong>
              </p>
              {event.status === "published" ? (
                <p className="small">
                  {t("audience.add.previewNewlyInvited")}:{" "}
                  <strong>{num(shown.candidate.preview.total.notYetInvited)}</strong>
                </p>
              ) : null}
            </>
          ) : shown.candidateError ? (
            <p className="field-error">{t(shown.candidateError)}</p>
          ) : (
            <p className="muted small">{t("audience.add.previewHint")}</p>
          )}
        </div>

        <div className="form-actions">
          {/* Without JavaScript the preview is this GET submit of the same form. */}
          <button
            type="submit"
            formMethod="get"
            formNoValidate
            name="preview"
            value="1"
            className="button secondary"
          >
            {t("audience.add.preview")}
          </button>
          <button type="submit" name="intent" value="add" className="button">
            {event.status === "published" ? t("audience.add.submitAndInvite") : t("audience.add.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

function Publish({
  eventId,
  hasRules,
  counts,
}: {
  eventId: number;
  hasRules: boolean;
  counts: AudienceCounts;
}) {
  const { t, i18n } = useTranslation();
  const num = (n: number) => formatNumber(n, i18n.language as Language);
  return (
    <section className="card publish" aria-labelledby="publish-title">
      <h2 id="publish-title">{t("audience.publish.title")}</h2>
      <p>{t("audience.publish.intro")}</p>
      {hasRules ? (
        <>
          <p>
            {t("audience.publish.ready", {
              people: num(counts.people),
              emails: num(counts.people - counts.withoutEmail),
            })}
          </p>
          <Link to={`/events/${eventId}/publish`} className="button">
            {t("audience.publish.button")}
          </Link>
        </>
      ) : (
        <p className="notice">{t("audience.publish.needsRules")}</p>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
