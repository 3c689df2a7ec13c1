// /events/:id/registrations: who answered what, seats against capacity, the waitlist in order, and an
// organiser's hand on it (register, move, cancel), for organisers of the event's unit.
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
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import type { Language } from "#app/i18n/setup.ts";
import { getEventInScope } from "#app/models/events/event-access.server.ts";
import {
  type Answers,
  answerStatuses,
  filterQuery,
  foodPreferences,
  OrganiserActionSchema,
  parseRegistrationFilter,
  travelModes,
} from "#app/models/registration/registration.ts";
import {
  actOnRegistration,
  getRegistrationsPage,
} from "#app/models/registration/registration-organiser.server.ts";
import { formatDateTime, formatNumber } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../styles/registration.css";
import { readForm } from "#app/web/form.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const doneKeys = ["register", "registerOver", "waitlist", "position", "cancel"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const search = new URL(request.url).searchParams;
  const filter = parseRegistrationFilter(search);
  const page = await getRegistrationsPage(getDb(), scope, parseId(params.id), filter);
  const [t, lang] = await Promise.all([i18nServer.getFixedT(request), i18nServer.getLocale(request)]);
  const title = lang === "hi" ? page.event.titleHi : page.event.titleEn;
  return {
    title: `${t("registration.organiser.title")}: ${title} · ${t("app.name")}`,
    ...page,
    filter,
    done: doneKeys.find((key) => key === search.get("done")) ?? null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const eventId = parseId(params.id);
  const db = getDb();
  // Out of scope is a 404 whatever the form says.
  await getEventInScope(db, scope, eventId);
  const submission = parseWithZod(await readForm(request), { schema: OrganiserActionSchema });
  if (submission.status !== "success") {
    const message =
      Object.values(submission.error ?? {}).flat()[0] ?? "registration.organiser.errors.unknownAction";
    return data({ message }, { status: 400 });
  }
  const outcome = await actOnRegistration(db, { staffId: staff.id, scope }, eventId!, submission.value);
  if (!outcome.ok) return data({ message: outcome.error }, { status: 400 });
  // Back to the same filtered view, with what was done.
  const back = new URL(request.url).searchParams;
  back.set("done", outcome.done);
  return redirect(`/events/${eventId}/registrations?${back}`, 303);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Row = LoaderData["rows"][number];

function answersText(t: TFunction, lang: Language, answers: Answers): string {
  const parts: string[] = [];
  if (answers.travelMode) parts.push(t(`registration.travelMode.${answers.travelMode}`));
  if (answers.arrivalTime) parts.push(formatDateTime(new Date(answers.arrivalTime), lang));
  if (answers.needsStay !== undefined)
    parts.push(
      `${t("registration.organiser.filterNeedsStay")}: ${t(`registration.needsStay.${answers.needsStay ? "yes" : "no"}`)}`,
    );
  if (answers.foodPreference) parts.push(t(`registration.foodPreference.${answers.foodPreference}`));
  return parts.join(" · ");
}

export default function RegistrationsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { event, counts, rows, hasMore, matching, waitlist, filter, done } = data;
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  const over = counts.registered - event.capacity;
  const pageHref = (page: number) => filterQuery(filter, { page: String(page) });
  const exportHref = `/events/${event.id}/registrations.csv${filterQuery(filter)}`;

  return (
    <div className="registrations-page">
      <p>
        <Link to={`/events/${event.id}`}>{t("registration.organiser.back")}</Link>
      </p>
      <h1>
        {t("registration.organiser.title")}: {lang === "hi" ? event.titleHi : event.titleEn}
      </h1>
      {actionData?.message ? (
        <p className="notice error" role="alert">
          {t(actionData.message)}
        </p>
      ) : done ? (
        <p className="notice" role="status">
          {t(`registration.organiser.done.${done}`, {
            registered: num(counts.registered),
            capacity: num(event.capacity),
          })}
        </p>
      ) : null}

      <dl className="stats" aria-label={t("registration.organiser.capacity")}>
        <div>
          <dt>{t("registration.organiser.capacity")}</dt>
          <dd className={over > 0 ? "over" : undefined} data-testid="seats">
            {t("registration.organiser.capacityValue", {
              registered: num(counts.registered),
              capacity: num(event.capacity),
            })}
          </dd>
        </div>
        {(["waitlisted", "invited", "declined", "cancelled", "total"] as const).map((key) => (
          <div key={key}>
            <dt>{t(`registration.organiser.counts.${key}`)}</dt>
            <dd data-testid={`count-${key}`}>{num(counts[key])}</dd>
          </div>
        ))}
      </dl>
      {over > 0 ? (
        <p className="notice error">{t("registration.organiser.overCapacity", { seats: num(over) })}</p>
      ) : null}

      <section aria-labelledby="waitlist-title" className="card">
        <h2 id="waitlist-title">{t("registration.organiser.waitlistTitle")}</h2>
        {waitlist.length === 0 ? (
          <p className="muted">{t("registration.organiser.waitlistEmpty")}</p>
        ) : (
          <ol className="waitlist" data-testid="waitlist">
            {waitlist.map((w) => (
              <li key={w.invitationId} value={w.position ?? undefined}>
                {lang === "hi" && w.nameHi ? w.nameHi : w.name}
              </li>
            ))}
          </ol>
        )}
        {counts.waitlisted > waitlist.length ? (
          <p className="muted small">
            {t("registration.organiser.waitlistMore", { people: num(counts.waitlisted - waitlist.length) })}
          </p>
        ) : null}
      </section>

      <Filters data={data} lang={lang} />
      <p>
        <a href={exportHref} download>
          {t("registration.organiser.export")}
        </a>
      </p>

      {rows.length === 0 ? (
        <p className="card">{t("registration.organiser.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>
              {t("registration.organiser.caption", { people: num(matching), page: num(filter.page) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("registration.organiser.name")}</th>
                <th scope="col">{t("registration.organiser.committee")}</th>
                <th scope="col">{t("registration.organiser.answer")}</th>
                <th scope="col">{t("registration.organiser.answers")}</th>
                <th scope="col">{t("registration.organiser.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <RegistrationRow key={row.invitationId} row={row} lang={lang} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav
        className="pager"
        aria-label={t("registration.organiser.caption", { people: num(matching), page: num(filter.page) })}
      >
        {filter.page > 1 ? (
          <Link to={pageHref(filter.page - 1)}>{t("registration.organiser.previous")}</Link>
        ) : null}
        {hasMore ? <Link to={pageHref(filter.page + 1)}>{t("registration.organiser.next")}</Link> : null}
      </nav>
    </div>
  );
}

function Filters({ data, lang }: { data: LoaderData; lang: Language }) {
  const { t } = useTranslation();
  const { filter, event } = data;
  return (
    <Form method="get" className="filters card" aria-label={t("registration.organiser.filters")}>
      <FilterSelect
        label={t("registration.organiser.filterStatus")}
        name="status"
        value={filter.status}
        options={answerStatuses.map((s) => ({ value: s, label: t(`registration.organiser.status.${s}`) }))}
      />
      <FilterSelect
        label={t("registration.organiser.filterCommittee")}
        name="committee"
        value={filter.committee}
        options={data.committees.map((c) => ({ value: c.id, label: lang === "hi" ? c.nameHi : c.nameEn }))}
      />
      <FilterSelect
        label={t("registration.organiser.filterTravelMode")}
        name="travelMode"
        value={filter.travelMode}
        options={travelModes.map((m) => ({ value: m, label: t(`registration.travelMode.${m}`) }))}
      />
      <FilterSelect
        label={t("registration.organiser.filterNeedsStay")}
        name="needsStay"
        value={filter.needsStay}
        options={[
          { value: "yes", label: t("registration.needsStay.yes") },
          { value: "no", label: t("registration.needsStay.no") },
        ]}
      />
      <FilterSelect
        label={t("registration.organiser.filterFood")}
        name="foodPreference"
        value={filter.foodPreference}
        options={foodPreferences.map((f) => ({ value: f, label: t(`registration.foodPreference.${f}`) }))}
      />
      <button type="submit" className="button">
        {t("registration.organiser.apply")}
      </button>
      <Link to={`/events/${event.id}/registrations`}>{t("registration.organiser.reset")}</Link>
    </Form>
  );
}

/** One filter: "all" (empty) first, then the choices; the list's current filter is preselected. */
function FilterSelect({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: string;
  value: unknown;
  options: { value: string | number; label: string }[];
}) {
  const { t } = useTranslation();
  return (
    <label>
      {label}
      <select name={name} defaultValue={value === undefined ? "" : String(value)}>
        <option value="">{t("registration.organiser.all")}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function RegistrationRow({ row, lang }: { row: Row; lang: Language }) {
  const { t } = useTranslation();
  const name = lang === "hi" && row.nameHi ? row.nameHi : row.name;
  const label = (action: string) => t("registration.organiser.actionLabel", { action, name });
  return (
    <tr data-invitation-id={row.invitationId} data-status={row.status}>
      <th scope="row">
        {name}
        {row.nameHi && row.nameHi !== row.name ? (
          <span className="muted small block" lang={lang === "hi" ? "en" : "hi"}>
            {lang === "hi" ? row.name : row.nameHi}
          </span>
        ) : null}
        {row.phone || row.email ? (
          <span className="muted small block">{[row.phone, row.email].filter(Boolean).join(" · ")}</span>
        ) : null}
      </th>
      <td>
        {lang === "hi" ? row.committeeHi : row.committeeEn}
        <span className="muted small block">{row.unitCode}</span>
      </td>
      <td>
        <span className={`badge ${row.status}`}>{t(`registration.organiser.status.${row.status}`)}</span>
        {row.status === "waitlisted" && row.position ? (
          <span className="small block">
            {t("registration.organiser.position", { position: formatNumber(row.position, lang) })}
          </span>
        ) : null}
        {row.status === "registered" && row.registeredAt ? (
          <span className="muted small block">
            {t("registration.organiser.registeredAt", {
              time: formatDateTime(new Date(row.registeredAt), lang),
            })}
          </span>
        ) : null}
      </td>
      <td className="small">{answersText(t, lang, row.answers)}</td>
      <td>
        <div className="row-actions">
          {row.status === "registered" ? (
            <RowAction
              invitationId={row.invitationId}
              intent="waitlist"
              className="button secondary"
              text={t("registration.organiser.moveToWaitlist")}
            >
              <PositionInput defaultValue={1} label={t("registration.organiser.positionLabel", { name })} />
            </RowAction>
          ) : null}
          {row.status === "waitlisted" ? (
            <RowAction
              invitationId={row.invitationId}
              intent="position"
              className="button secondary"
              text={t("registration.organiser.moveTo")}
            >
              <PositionInput
                defaultValue={row.position ?? 1}
                label={t("registration.organiser.positionLabel", { name })}
              />
            </RowAction>
          ) : null}
          {row.status !== "registered" ? (
            <RowAction
              invitationId={row.invitationId}
              intent="register"
              className="button"
              text={t("registration.organiser.registerNow")}
              label={label(t("registration.organiser.registerNow"))}
            />
          ) : null}
          {row.status === "registered" || row.status === "waitlisted" ? (
            <RowAction
              invitationId={row.invitationId}
              intent="cancel"
              className="button secondary"
              text={t("registration.organiser.cancelFor")}
              label={label(t("registration.organiser.cancelFor"))}
            />
          ) : null}
        </div>
      </td>
    </tr>
  );
}

/** One action on one person's row: a small form posting the invitation and the intent (works without JS). */
function RowAction({
  invitationId,
  intent,
  className,
  text,
  label,
  children,
}: {
  invitationId: number;
  intent: "waitlist" | "position" | "register" | "cancel";
  className: string;
  text: string;
  /** The button's accessible name, naming the person, when `text` alone would be ambiguous. */
  label?: string;
  children?: ReactNode;
}) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="invitationId" value={invitationId} />
      {children}
      <button type="submit" name="intent" value={intent} className={className} aria-label={label}>
        {text}
      </button>
    </Form>
  );
}

function PositionInput({ defaultValue, label }: { defaultValue: number; label: string }) {
  return (
    <input
      type="number"
      name="position"
      min={1}
      defaultValue={defaultValue}
      inputMode="numeric"
      aria-label={label}
    />
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
