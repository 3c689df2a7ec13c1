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
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import type { Language } from "#app/i18n.ts";
import { getEventInScope } from "#app/models/event-access.server.ts";
import {
  type Answers,
  answerStatuses,
  filterQuery,
  foodPreferences,
  OrganiserActionSchema,
  parseRegistrationFilter,
  travelModes,
} from "#app/models/registration.ts";
import { actOnRegistration, getRegistrationsPage } from "#app/models/registration-organiser.server.ts";
import { formatDateTime, formatNumber } from "#app/utils/datetime.ts";
import { getDb } from "#app/utils/db.server.ts";
import { i18nServer } from "#app/utils/i18n.server.ts";
import { requireOrganiser } from "#app/utils/organiser.server.ts";
import { parseId } from "#app/utils/params.ts";
import styles from "../styles/registration.css";
import { readForm } from "#app/utils/form.server.ts";

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
  const selected = (value: unknown) => (value === undefined ? "" : String(value));
  return (
    <Form method="get" className="filters card" aria-label={t("registration.organiser.filters")}>
      <label>
        {t("registration.organiser.filterStatus")}
        <select name="status" defaultValue={selected(filter.status)}>
          <option value="">{t("registration.organiser.all")}</option>
          {answerStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`registration.organiser.status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("registration.organiser.filterCommittee")}
        <select name="committee" defaultValue={selected(filter.committee)}>
          <option value="">{t("registration.organiser.all")}</option>
          {data.committees.map((c) => (
            <option key={c.id} value={c.id}>
              {lang === "hi" ? c.nameHi : c.nameEn}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("registration.organiser.filterTravelMode")}
        <select name="travelMode" defaultValue={selected(filter.travelMode)}>
          <option value="">{t("registration.organiser.all")}</option>
          {travelModes.map((m) => (
            <option key={m} value={m}>
              {t(`registration.travelMode.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("registration.organiser.filterNeedsStay")}
        <select name="needsStay" defaultValue={selected(filter.needsStay)}>
          <option value="">{t("registration.organiser.all")}</option>
          <option value="yes">{t("registration.needsStay.yes")}</option>
          <option value="no">{t("registration.needsStay.no")}</option>
        </select>
      </label>
      <label>
        {t("registration.organiser.filterFood")}
        <select name="foodPreference" defaultValue={selected(filter.foodPreference)}>
          <option value="">{t("registration.organiser.all")}</option>
          {foodPreferences.map((f) => (
            <option key={f} value={f}>
              {t(`registration.foodPreference.${f}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button">
        {t("registration.organiser.apply")}
      </button>
      <Link to={`/events/${event.id}/registrations`}>{t("registration.organiser.reset")}</Link>
    </Form>
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
            <Form method="post" className="inline-form">
              <input type="hidden" name="invitationId" value={row.invitationId} />
              <input
                type="number"
                name="position"
                min={1}
                defaultValue={1}
                inputMode="numeric"
                aria-label={t("registration.organiser.positionLabel", { name })}
              />
              <button type="submit" name="intent" value="waitlist" className="button secondary">
                {t("registration.organiser.moveToWaitlist")}
              </button>
            </Form>
          ) : null}
          {row.status === "waitlisted" ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="invitationId" value={row.invitationId} />
              <input
                type="number"
                name="position"
                min={1}
                defaultValue={row.position ?? 1}
                inputMode="numeric"
                aria-label={t("registration.organiser.positionLabel", { name })}
              />
              <button type="submit" name="intent" value="position" className="button secondary">
                {t("registration.organiser.moveTo")}
              </button>
            </Form>
          ) : null}
          {row.status !== "registered" ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="invitationId" value={row.invitationId} />
              <button
                type="submit"
                name="intent"
                value="register"
                className="button"
                aria-label={label(t("registration.organiser.registerNow"))}
              >
                {t("registration.organiser.registerNow")}
              </button>
            </Form>
          ) : null}
          {row.status === "registered" || row.status === "waitlisted" ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="invitationId" value={row.invitationId} />
              <button
                type="submit"
                name="intent"
                value="cancel"
                className="button secondary"
                aria-label={label(t("registration.organiser.cancelFor"))}
              >
                {t("registration.organiser.cancelFor")}
              </button>
            </Form>
          ) : null}
        </div>
      </td>
    </tr>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
