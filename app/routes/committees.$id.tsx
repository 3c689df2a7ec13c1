// /committees/:id: a committee with its fill, members, appointments, formation and history.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
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
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CommitteeForm } from "#app/ui/committee-form.tsx";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { Pager } from "#app/ui/pager.tsx";
import type { Language } from "#app/i18n/setup.ts";
import {
  type CommitteeActor,
  type CommitteeHistoryEntry,
  type CommitteeResult,
  appointExistingAppointee,
  assertCommitteeInScope,
  appointNewAppointee,
  changeAppointmentDesignation,
  endAppointment,
  getCommitteePage,
  markCommitteeFormed,
  reopenCommittee,
  updateCommittee,
} from "#app/models/organisation/committee.server.ts";
import {
  AppointExistingSchema,
  AppointmentSchema,
  AppointNewSchema,
  ChangeDesignationSchema,
  CommitteeFormSchema,
  type CommitteeIntent,
  canMarkFormed,
  displayPhone,
  fillPercent,
  HISTORY_LIMIT,
  isCommitteeIntent,
  isFull,
  MarkFormedSchema,
} from "#app/models/organisation/committee.ts";
import { formatDateTime, formatNumber } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../styles/committees.css";
import { readForm } from "#app/web/form.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const doneKeys = ["created", "edit", "appointed", "end", "designation", "formed", "reopened"] as const;
const QuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1000).catch(1),
  done: z.enum(doneKeys).optional().catch(undefined),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const url = new URL(request.url);
  const query = QuerySchema.parse({
    page: url.searchParams.get("page") ?? 1,
    done: url.searchParams.get("done") ?? undefined,
  });
  const [t, page] = await Promise.all([
    i18nServer.getFixedT(request),
    getCommitteePage(getDb(), scope, parseId(params.id), { page: query.page }),
  ]);
  const name = (await i18nServer.getLocale(request)) === "en" ? page.committee.nameEn : page.committee.nameHi;
  return { title: `${name} · ${t("app.name")}`, ...page, done: query.done ?? null };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

const doneOf: Record<CommitteeIntent, (typeof doneKeys)[number]> = {
  edit: "edit",
  "appoint-existing": "appointed",
  "appoint-new": "appointed",
  end: "end",
  designation: "designation",
  "mark-formed": "formed",
  reopen: "reopened",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const committeeId = parseId(params.id);
  if (!committeeId) throw new Response("Not found", { status: 404 });
  const actor: CommitteeActor = { staffId: staff.id, scope };
  const db = getDb();
  // Out of scope is a 404 whatever the form says.
  await assertCommitteeInScope(db, scope, committeeId);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (!isCommitteeIntent(intent)) {
    return data(
      { intent: null, result: null, message: "committees.errors.unknownAction", existingAppointeeId: null },
      { status: 400 },
    );
  }

  // One parse and one model call per form; a refusal goes back to the form it came from.
  async function run<S extends z.ZodType>(schema: S, call: (value: z.output<S>) => Promise<CommitteeResult>) {
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") {
      return data(
        { intent, result: submission.reply(), message: null, existingAppointeeId: null },
        { status: 400 },
      );
    }
    const outcome = await call(submission.value);
    if (!outcome.ok) {
      const reply = outcome.field
        ? submission.reply({ fieldErrors: { [outcome.field]: [outcome.error] } })
        : submission.reply({ formErrors: [outcome.error] });
      return data(
        {
          intent,
          result: reply,
          message: outcome.error,
          existingAppointeeId: outcome.existingAppointeeId ?? null,
        },
        { status: 400 },
      );
    }
    return redirect(`/committees/${committeeId}?done=${doneOf[intent as CommitteeIntent]}`);
  }

  switch (intent) {
    case "edit":
      return run(CommitteeFormSchema, (v) => updateCommittee(db, actor, committeeId, v));
    case "appoint-existing":
      return run(AppointExistingSchema, (v) => appointExistingAppointee(db, actor, committeeId, v));
    case "appoint-new":
      return run(AppointNewSchema, (v) => appointNewAppointee(db, actor, committeeId, v));
    case "end":
      return run(AppointmentSchema, (v) => endAppointment(db, actor, committeeId, v.appointmentId));
    case "designation":
      return run(ChangeDesignationSchema, (v) =>
        changeAppointmentDesignation(db, actor, committeeId, v.appointmentId, v.designation),
      );
    case "mark-formed":
      return run(MarkFormedSchema, (v) => markCommitteeFormed(db, actor, committeeId, v));
    case "reopen":
      return run(z.object({}), () => reopenCommittee(db, actor, committeeId));
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type ActionData = ReturnType<typeof useActionData<typeof action>>;

const errorText = (t: TFunction, list: string[] | undefined) => list?.map((key) => t(key)).join(" ");
const describedBy = (field: { errorId: string; errors?: string[] }, ...more: string[]) =>
  [field.errors?.length ? field.errorId : "", ...more].filter(Boolean).join(" ") || undefined;

function FieldError({ id, errors, children }: { id: string; errors?: string[]; children?: ReactNode }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <p id={id} className="field-error">
      {errorText(t, errors)} {children}
    </p>
  );
}

export default function CommitteePage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { committee, unit, activeMembers, members, page, hasMore, designations, history, done } = loaderData;
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  const name = (x: { nameEn: string; nameHi: string }) => (lang === "hi" ? x.nameHi : x.nameEn);
  const otherName = (x: { nameEn: string; nameHi: string }) => (lang === "hi" ? x.nameEn : x.nameHi);
  const formation = { activeMembers, seatQuota: committee.seatQuota };
  const full = isFull(formation);
  // Every recorded change adds a history row: the forms start afresh after one, and keep what was typed after a refusal.
  const version = String(history[0]?.id ?? 0);
  const rowMessage =
    actionData && (actionData.intent === "end" || actionData.intent === "designation" || !actionData.intent)
      ? actionData.message
      : null;

  return (
    <div className="committee-page">
      <p className="committee-unit">
        <Link to={`/units/${unit.id}`}>
          {name(unit)} ({unit.code})
        </Link>{" "}
        · {t(`level.${unit.level}`)}
      </p>
      <h1>{name(committee)}</h1>
      <p className="muted" lang={lang === "hi" ? "en" : "hi"}>
        {otherName(committee)}
      </p>
      {done && !actionData ? (
        <p className="notice" role="status">
          {t(`committees.done.${done}`)}
        </p>
      ) : null}

      <section className="card committee-summary" aria-label={t("committees.status")}>
        <dl className="meta">
          <dt>{t("committees.status")}</dt>
          <dd>
            <span className={`badge ${committee.status}`} data-testid="committee-status">
              {t(`committees.status_${committee.status}`)}
            </span>
          </dd>
          <dt id="fill-label">{t("committees.seatsFilled")}</dt>
          <dd>
            <span className="fill-count" data-testid="committee-fill">
              {num(activeMembers)}/{num(committee.seatQuota)}
            </span>
            <progress
              className="fill-bar"
              max={100}
              value={fillPercent(formation)}
              aria-labelledby="fill-label"
              aria-valuetext={t("committees.fillLabel", {
                filled: num(activeMembers),
                quota: num(committee.seatQuota),
              })}
            />
          </dd>
          {committee.formedAt ? (
            <>
              <dt>{t("committees.formedAt")}</dt>
              <dd>{formatDateTime(new Date(committee.formedAt), lang)}</dd>
            </>
          ) : null}
        </dl>
        {committee.formedOverrideReason ? (
          <p className="small">
            {t("committees.formedOverride", { reason: committee.formedOverrideReason })}
          </p>
        ) : null}
      </section>

      <Members
        data={loaderData}
        rowMessage={rowMessage}
        lang={lang}
        page={page}
        hasMore={hasMore}
        members={members}
      />

      <section aria-labelledby="appoint-title">
        <h2 id="appoint-title">{t("committees.appoint.title")}</h2>
        {full ? (
          <p className="notice">{t("committees.appoint.full")}</p>
        ) : (
          <div className="committee-grid">
            <AppointExisting
              key={`existing-${version}`}
              designations={designations}
              actionData={actionData}
            />
            <AppointNew key={`new-${version}`} designations={designations} actionData={actionData} />
          </div>
        )}
      </section>

      <Formation
        key={`formation-${version}`}
        committee={committee}
        activeMembers={activeMembers}
        actionData={actionData}
      />

      <EditCommittee key={`edit-${version}`} committee={committee} actionData={actionData} />

      <History history={history} designations={designations} />
    </div>
  );
}

function Members({
  data: { committee, designations },
  rowMessage,
  lang,
  page,
  hasMore,
  members,
}: {
  data: LoaderData;
  rowMessage: string | null;
  lang: Language;
  page: number;
  hasMore: boolean;
  members: LoaderData["members"];
}) {
  const { t } = useTranslation();
  const designationName = (code: string) => {
    const d = designations.find((x) => x.code === code);
    return d ? (lang === "hi" ? d.nameHi : d.nameEn) : code;
  };
  const active = designations.filter((d) => d.active);
  const personName = (m: { name: string; nameHi: string | null }) =>
    lang === "hi" && m.nameHi ? m.nameHi : m.name;
  const otherPersonName = (m: { name: string; nameHi: string | null }) =>
    m.nameHi && m.nameHi !== m.name ? (lang === "hi" ? m.name : m.nameHi) : null;
  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">{t("committees.members.title")}</h2>
      {rowMessage ? (
        <p className="notice error" role="alert">
          {t(rowMessage)}
        </p>
      ) : null}
      {members.length === 0 && page === 1 ? (
        <p className="card">{t("committees.members.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="members">
            <caption>
              {t("committees.members.caption", {
                committee: lang === "hi" ? committee.nameHi : committee.nameEn,
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("committees.members.name")}</th>
                <th scope="col">{t("committees.members.designation")}</th>
                <th scope="col">{t("committees.members.phone")}</th>
                <th scope="col">{t("committees.members.email")}</th>
                <th scope="col">{t("committees.members.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => {
                const other = otherPersonName(m);
                return (
                  <tr key={m.appointmentId} data-appointee-id={m.appointeeId}>
                    <th scope="row">
                      <Link to={`/appointees/${m.appointeeId}`}>{personName(m)}</Link>
                      {other ? (
                        <span className="muted small other-name" lang={lang === "hi" ? "en" : "hi"}>
                          {other}
                        </span>
                      ) : null}
                    </th>
                    <td>{designationName(m.designation)}</td>
                    <td className="phone">
                      {m.phone ? <a href={`tel:${m.phone}`}>{displayPhone(m.phone)}</a> : null}
                    </td>
                    <td className="email">{m.email ? <a href={`mailto:${m.email}`}>{m.email}</a> : null}</td>
                    <td>
                      <div className="row-actions">
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="appointmentId" value={m.appointmentId} />
                          <select
                            name="designation"
                            defaultValue={m.designation}
                            aria-label={t("committees.members.changeDesignationOf", { name: personName(m) })}
                          >
                            {active.map((d) => (
                              <option key={d.code} value={d.code}>
                                {lang === "hi" ? d.nameHi : d.nameEn}
                              </option>
                            ))}
                          </select>
                          <button
                            type="submit"
                            name="intent"
                            value="designation"
                            className="button secondary"
                          >
                            {t("committees.members.change")}
                          </button>
                        </Form>
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="appointmentId" value={m.appointmentId} />
                          <button
                            type="submit"
                            name="intent"
                            value="end"
                            className="button secondary"
                            aria-label={t("committees.members.endLabel", { name: personName(m) })}
                          >
                            {t("committees.members.end")}
                          </button>
                        </Form>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        page={page}
        hasMore={hasMore}
        href={(other) => `?page=${other}`}
        label={t("committees.members.title")}
        current={t("committees.members.page", { page: formatNumber(page, lang) })}
        previous={t("committees.members.previous")}
        next={t("committees.members.next")}
      />
    </section>
  );
}

function DesignationSelect({
  field,
  designations,
}: {
  field: Parameters<typeof getSelectProps>[0];
  designations: LoaderData["designations"];
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={field.id}>{t("committees.appoint.designation")}</label>
      <select {...getSelectProps(field)} aria-describedby={describedBy(field)}>
        <option value="">{t("committees.appoint.chooseDesignation")}</option>
        {designations
          .filter((d) => d.active)
          .map((d) => (
            <option key={d.code} value={d.code}>
              {i18n.language === "hi" ? d.nameHi : d.nameEn}
            </option>
          ))}
      </select>
      <FieldError id={field.errorId} errors={field.errors} />
    </div>
  );
}

function FormErrors({
  id,
  errors,
  existingAppointeeId,
}: {
  id: string;
  errors?: string[];
  existingAppointeeId?: number | null;
}) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <p id={id} className="notice error" role="alert">
      {errorText(t, errors)} <ExistingLink id={existingAppointeeId} />
    </p>
  );
}

function ExistingLink({ id }: { id?: number | null }) {
  const { t } = useTranslation();
  return id ? <Link to={`/appointees/${id}`}>{t("committees.appoint.existingPerson")}</Link> : null;
}

function AppointExisting({
  designations,
  actionData,
}: {
  designations: LoaderData["designations"];
  actionData: ActionData;
}) {
  const { t } = useTranslation();
  const mine = actionData?.intent === "appoint-existing" ? actionData : undefined;
  const [form, fields] = useForm({
    id: "appoint-existing",
    lastResult: mine?.result,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AppointExistingSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <h3>{t("committees.appoint.existingTitle")}</h3>
      <p className="muted small" id="existing-intro">
        {t("committees.appoint.existingIntro")}
      </p>
      <FormErrors id={form.errorId} errors={form.errors} existingAppointeeId={mine?.existingAppointeeId} />
      <div className="field">
        <label htmlFor={fields.contact.id}>{t("committees.appoint.contact")}</label>
        <input
          {...getInputProps(fields.contact, { type: "text" })}
          autoComplete="off"
          aria-describedby={describedBy(fields.contact, "existing-intro")}
        />
        <FieldError id={fields.contact.errorId} errors={fields.contact.errors}>
          <ExistingLink id={mine?.existingAppointeeId} />
        </FieldError>
      </div>
      <DesignationSelect field={fields.designation} designations={designations} />
      <button type="submit" name="intent" value="appoint-existing" className="button">
        {t("committees.appoint.submit")}
      </button>
    </Form>
  );
}

function AppointNew({
  designations,
  actionData,
}: {
  designations: LoaderData["designations"];
  actionData: ActionData;
}) {
  const { t } = useTranslation();
  const mine = actionData?.intent === "appoint-new" ? actionData : undefined;
  const [form, fields] = useForm({
    id: "appoint-new",
    lastResult: mine?.result,
    shouldValidate: "onBlur",
    defaultValue: { preferredLanguage: "hi" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AppointNewSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <h3>{t("committees.appoint.newTitle")}</h3>
      <p className="muted small" id="new-intro">
        {t("committees.appoint.newIntro")}
      </p>
      <FormErrors id={form.errorId} errors={form.errors} existingAppointeeId={mine?.existingAppointeeId} />
      <div className="field">
        <label htmlFor={fields.name.id}>{t("committees.appoint.name")}</label>
        <input
          {...getInputProps(fields.name, { type: "text" })}
          autoComplete="off"
          aria-describedby={describedBy(fields.name, "name-hint")}
        />
        <p id="name-hint" className="muted small">
          {t("committees.appoint.nameHint")}
        </p>
        <FieldError id={fields.name.errorId} errors={fields.name.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.nameHi.id}>{t("committees.appoint.nameHi")}</label>
        <input
          {...getInputProps(fields.nameHi, { type: "text" })}
          lang="hi"
          autoComplete="off"
          aria-describedby={describedBy(fields.nameHi)}
        />
        <FieldError id={fields.nameHi.errorId} errors={fields.nameHi.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.phone.id}>{t("committees.appoint.phone")}</label>
        <input
          {...getInputProps(fields.phone, { type: "tel" })}
          autoComplete="off"
          inputMode="tel"
          aria-describedby={describedBy(fields.phone, "new-intro")}
        />
        <FieldError id={fields.phone.errorId} errors={fields.phone.errors}>
          <ExistingLink id={mine?.existingAppointeeId} />
        </FieldError>
      </div>
      <div className="field">
        <label htmlFor={fields.email.id}>{t("committees.appoint.email")}</label>
        <input
          {...getInputProps(fields.email, { type: "email" })}
          autoComplete="off"
          inputMode="email"
          aria-describedby={describedBy(fields.email)}
        />
        <FieldError id={fields.email.errorId} errors={fields.email.errors}>
          <ExistingLink id={mine?.existingAppointeeId} />
        </FieldError>
      </div>
      <div className="field">
        <label htmlFor={fields.preferredLanguage.id}>{t("committees.appoint.language")}</label>
        <select
          {...getSelectProps(fields.preferredLanguage)}
          aria-describedby={describedBy(fields.preferredLanguage)}
        >
          <option value="hi">{t("committees.appoint.languageHi")}</option>
          <option value="en">{t("committees.appoint.languageEn")}</option>
        </select>
        <FieldError id={fields.preferredLanguage.errorId} errors={fields.preferredLanguage.errors} />
      </div>
      <DesignationSelect field={fields.designation} designations={designations} />
      <button type="submit" name="intent" value="appoint-new" className="button">
        {t("committees.appoint.submit")}
      </button>
    </Form>
  );
}

function Formation({
  committee,
  activeMembers,
  actionData,
}: {
  committee: LoaderData["committee"];
  activeMembers: number;
  actionData: ActionData;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const mine =
    actionData?.intent === "mark-formed" || actionData?.intent === "reopen" ? actionData : undefined;
  const [form, fields] = useForm({
    id: "formation",
    lastResult: mine?.result,
    shouldValidate: "onSubmit",
    // The server decides (it counts the seats under a lock); the browser only checks the reason's length.
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MarkFormedSchema }),
  });
  const ready = canMarkFormed({ activeMembers, seatQuota: committee.seatQuota });
  return (
    <section aria-labelledby="formation-title" className="card">
      <h2 id="formation-title">{t("committees.formation.title")}</h2>
      {committee.status === "formed" ? (
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <p>{t("committees.formation.formedIntro")}</p>
          <button type="submit" name="intent" value="reopen" className="button secondary">
            {t("committees.formation.reopen")}
          </button>
        </Form>
      ) : (
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <p id="formation-intro">
            {ready
              ? t("committees.formation.readyIntro")
              : t("committees.formation.shortIntro", {
                  filled: formatNumber(activeMembers, lang),
                  quota: formatNumber(committee.seatQuota, lang),
                })}
          </p>
          {ready ? null : (
            <div className="field">
              <label htmlFor={fields.overrideReason.id}>{t("committees.formation.reason")}</label>
              <textarea
                {...getTextareaProps(fields.overrideReason)}
                rows={3}
                aria-describedby={describedBy(fields.overrideReason, "formation-intro")}
              />
              <FieldError id={fields.overrideReason.errorId} errors={fields.overrideReason.errors} />
            </div>
          )}
          <button type="submit" name="intent" value="mark-formed" className="button">
            {t("committees.formation.markFormed")}
          </button>
        </Form>
      )}
    </section>
  );
}

function EditCommittee({
  committee,
  actionData,
}: {
  committee: LoaderData["committee"];
  actionData: ActionData;
}) {
  const { t } = useTranslation();
  const mine = actionData?.intent === "edit" ? actionData : undefined;
  return (
    <section aria-labelledby="edit-title" className="card">
      <h2 id="edit-title">{t("committees.edit.title")}</h2>
      <CommitteeForm
        id="edit"
        values={committee}
        lastResult={mine?.result}
        intent="edit"
        className="committee-edit"
        submitLabel={t("committees.edit.save")}
      />
    </section>
  );
}

function historyDetails(
  t: TFunction,
  entry: CommitteeHistoryEntry,
  designationName: (code: string | null) => string,
  lang: Language,
): string {
  const person = (lang === "hi" && entry.appointeeNameHi) || entry.appointeeName || "";
  const num = (n: number | null) => (n === null ? "" : formatNumber(n, lang));
  switch (entry.action) {
    case "committee.created":
      return t("committees.history.quota", { quota: num(entry.seatQuota) });
    case "committee.updated":
      return entry.fromSeatQuota !== null && entry.fromSeatQuota !== entry.seatQuota
        ? t("committees.history.quotaChanged", { from: num(entry.fromSeatQuota), to: num(entry.seatQuota) })
        : t("committees.history.namesChanged");
    case "committee.appointed":
      return t("committees.history.as", { name: person, designation: designationName(entry.designation) });
    case "committee.appointment_ended":
      return t("committees.history.ended", { name: person, designation: designationName(entry.designation) });
    case "committee.designation_changed":
      return t("committees.history.designationChanged", {
        name: person,
        from: designationName(entry.fromDesignation),
        to: designationName(entry.designation),
      });
    case "committee.formed": {
      const fill = t("committees.history.formedFill", {
        filled: num(entry.activeMembers),
        quota: num(entry.seatQuota),
      });
      return entry.overrideReason
        ? `${fill}. ${t("committees.history.reason", { reason: entry.overrideReason })}`
        : fill;
    }
    default:
      return "";
  }
}

const knownActions = new Set([
  "created",
  "updated",
  "appointed",
  "appointment_ended",
  "designation_changed",
  "formed",
  "reopened",
]);

function History({
  history,
  designations,
}: {
  history: CommitteeHistoryEntry[];
  designations: LoaderData["designations"];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const designationName = (code: string | null) => {
    const d = designations.find((x) => x.code === code);
    return d ? (lang === "hi" ? d.nameHi : d.nameEn) : (code ?? "");
  };
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t("committees.history.title")}</h2>
      {history.length === 0 ? (
        <p className="card">{t("committees.history.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="history">
            <caption>{t("committees.history.caption", { limit: formatNumber(HISTORY_LIMIT, lang) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("committees.history.when")}</th>
                <th scope="col">{t("committees.history.who")}</th>
                <th scope="col">{t("committees.history.what")}</th>
                <th scope="col">{t("committees.history.details")}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((entry) => {
                const kind = entry.action.replace(/^committee\./, "");
                return (
                  <tr key={entry.id} data-action={entry.action}>
                    <td>{formatDateTime(new Date(entry.at), lang)}</td>
                    <td>{entry.actorName ?? t("committees.history.system")}</td>
                    <td>
                      {knownActions.has(kind)
                        ? t(`committees.history.actions.${kind}`)
                        : t("committees.history.actions.unknown")}
                    </td>
                    <td>{historyDetails(t, entry, designationName, lang)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
