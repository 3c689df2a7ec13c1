// /committees/:id: a committee with its fill, members, appointments, formation and history.
// The page's parts live beside this file: members.tsx, appoint.tsx, formation.tsx, history.tsx.
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
import { formatDateTime, formatNumber } from "#app/i18n/datetime.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import {
  appointExistingAppointee,
  appointNewAppointee,
  assertCommitteeInScope,
  type CommitteeActor,
  type CommitteeResult,
  changeAppointmentDesignation,
  endAppointment,
  findAppointCandidates,
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
  FindExistingSchema,
  fillPercent,
  isCommitteeIntent,
  isFull,
  MarkFormedSchema,
} from "#app/models/organisation/committee.ts";
import { getDb } from "#app/platform/db.server.ts";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { replyWithRefusal } from "#app/web/form-action.server.ts";
import { readForm } from "#app/web/form.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../../styles/committees.css";
import { AppointExisting, AppointNew } from "./appoint.tsx";
import { EditCommittee, Formation } from "./formation.tsx";
import { History } from "./history.tsx";
import { Members } from "./members.tsx";

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
  const name = localized(page.committee, "name", await i18nServer.getLocale(request));
  return { title: `${name} · ${t("app.name")}`, ...page, done: query.done ?? null };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

// Finding a person changes nothing: it answers with the matches instead of going anywhere.
const doneOf: Record<Exclude<CommitteeIntent, "find-existing">, (typeof doneKeys)[number]> = {
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
      return data(
        {
          intent,
          result: replyWithRefusal(submission, outcome),
          message: outcome.error,
          existingAppointeeId: outcome.existingAppointeeId ?? null,
        },
        { status: 400 },
      );
    }
    return redirect(`/committees/${committeeId}?done=${doneOf[intent as keyof typeof doneOf]}`);
  }

  switch (intent) {
    case "find-existing": {
      const submission = parseWithZod(formData, { schema: FindExistingSchema });
      const found =
        submission.status === "success"
          ? await findAppointCandidates(db, scope, committeeId, submission.value.contact)
          : null;
      const reply = { intent, result: submission.reply(), message: null, existingAppointeeId: null, found };
      return data(reply, { status: found ? 200 : 400 });
    }
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

export default function CommitteePage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { committee, unit, activeMembers, members, page, hasMore, designations, history, done } = loaderData;
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  const name = (x: { nameEn: string; nameHi: string }): string => localized(x, "name", lang);
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

export const ErrorBoundary = GeneralErrorBoundary;
