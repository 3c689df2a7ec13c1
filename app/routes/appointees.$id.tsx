// /appointees/:id: one office-bearer with every appointment the viewer may see (ended ones too), the edit
// form and the audit history. Outside the viewer's scope it is a 404.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AppointeeForm } from "#app/ui/appointee-form.tsx";
import { progressOf } from "#app/models/programmes/progress.server.ts";
import { ProgrammeProgress } from "#app/ui/programme-progress.tsx";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import {
  type AppointeeHistoryEntry,
  findVisibleAppointee,
  getAppointeePage,
  updateAppointee,
} from "#app/models/organisation/appointee.server.ts";
import { AppointeeSchema } from "#app/models/organisation/appointee.ts";
import { formatDateTime } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import styles from "../styles/appointees.css";
import { submitAppointeeForm } from "#app/web/appointee-form.server.ts";
import { readForm } from "#app/web/form.server.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const DoneSchema = z.object({
  done: z.enum(["created", "saved", "unchanged", "merged"]).optional().catch(undefined),
  merged: z.coerce.number().int().min(1).optional().catch(undefined),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const id = parseId(params.id);
  if (!id) throw new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  const notice = DoneSchema.parse({
    done: url.searchParams.get("done") ?? undefined,
    merged: url.searchParams.get("merged") ?? undefined,
  });
  const [t, page] = await Promise.all([i18nServer.getFixedT(request), getAppointeePage(getDb(), scope, id)]);
  // Read after the page, which has checked that the person is in the organiser's scope.
  const programmes = await progressOf(getDb(), page.appointee.id);
  return { title: `${page.appointee.name} · ${t("app.name")}`, ...page, notice, programmes };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const id = parseId(params.id);
  if (!id) throw new Response("Not found", { status: 404 });
  // Out of scope is a 404 whatever the form says.
  if (!(await findVisibleAppointee(getDb(), scope, id))) throw new Response("Not found", { status: 404 });
  return submitAppointeeForm(
    await readForm(request),
    AppointeeSchema,
    (value) => updateAppointee(getDb(), { staffId: staff.id, scope }, id, value),
    (saved) => `/appointees/${id}?done=${saved.changed ? "saved" : "unchanged"}`,
  );
}

const fieldLabel: Record<string, string> = {
  name: "appointees.fields.name",
  nameHi: "appointees.fields.nameHi",
  phone: "appointees.fields.phone",
  email: "appointees.fields.email",
  preferredLanguage: "appointees.fields.preferredLanguage",
};

function historyText(entry: AppointeeHistoryEntry, t: TFunction): string {
  const kind = entry.action.startsWith("appointee.") ? entry.action.slice("appointee.".length) : null;
  if (kind === "created") return t("appointees.audit.created");
  if (kind === "merged") return t("appointees.audit.merged", { id: String(entry.details.mergedId ?? "?") });
  if (kind === "updated") {
    const changes = entry.details.changes;
    const fields = changes && typeof changes === "object" ? Object.keys(changes) : [];
    const names = fields.map((f) => (fieldLabel[f] ? t(fieldLabel[f]) : f)).join(", ");
    return names ? t("appointees.audit.updatedFields", { fields: names }) : t("appointees.audit.updated");
  }
  return entry.action;
}

export default function AppointeePage() {
  const { appointee, appointments, history, notice, programmes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const noticeText =
    notice.done === "merged"
      ? t("appointees.person.done_merged", { id: String(notice.merged ?? "?") })
      : notice.done
        ? t(`appointees.person.done_${notice.done}`)
        : null;

  return (
    <>
      <p>
        <Link to="/appointees">{t("appointees.person.backToList")}</Link>
      </p>
      <h1 className="person-title">
        {appointee.name}
        {appointee.nameHi && appointee.nameHi !== appointee.name ? (
          <span className="name-hi" lang="hi">
            {appointee.nameHi}
          </span>
        ) : null}
      </h1>
      {noticeText && !actionData ? (
        <p className="notice" role="status">
          {noticeText}
        </p>
      ) : null}

      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title">{t("appointees.person.details")}</h2>
        <dl className="meta">
          <dt>{t("appointees.person.number")}</dt>
          <dd>#{appointee.id}</dd>
          <dt>{t("appointees.fields.phone")}</dt>
          <dd className="phone" data-testid="phone">
            {appointee.phone ?? <span className="muted">{t("appointees.list.noPhone")}</span>}
          </dd>
          <dt>{t("appointees.fields.email")}</dt>
          <dd>{appointee.email ?? <span className="badge no-email">{t("appointees.list.noEmail")}</span>}</dd>
          <dt>{t("appointees.fields.preferredLanguage")}</dt>
          <dd>{t(`appointees.fields.language_${appointee.preferredLanguage}`)}</dd>
          <dt>{t("appointees.person.addedAt")}</dt>
          <dd>{formatDateTime(new Date(appointee.createdAt), lang)}</dd>
          <dt>{t("appointees.person.updatedAt")}</dt>
          <dd>{formatDateTime(new Date(appointee.updatedAt), lang)}</dd>
        </dl>
      </section>

      <ProgrammeProgress
        programmes={programmes}
        lang={lang}
        t={t}
        certificateHref={(programmeId) => `/programmes/${programmeId}/certificates/${appointee.id}.pdf`}
      />

      <section aria-labelledby="appointments-title">
        <h2 id="appointments-title">{t("appointees.person.appointments")}</h2>
        {appointments.length === 0 ? (
          <p className="card">{t("appointees.person.appointmentsEmpty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("appointees.person.committee")}</th>
                  <th scope="col">{t("appointees.person.unit")}</th>
                  <th scope="col">{t("appointees.person.designation")}</th>
                  <th scope="col">{t("appointees.person.state")}</th>
                </tr>
              </thead>
              <tbody>
                {appointments.map((a) => (
                  <tr key={a.id} className={a.active ? undefined : "ended"}>
                    <td>
                      <Link to={`/committees/${a.committeeId}`}>{localized(a, "committeeName", lang)}</Link>{" "}
                      <span className={`badge ${a.committeeStatus}`}>
                        {t(`appointees.status.${a.committeeStatus}`)}
                      </span>
                    </td>
                    <td>
                      <Link to={`/units/${a.unitId}`}>{a.unitCode}</Link>
                    </td>
                    <td>{localized(a, "designation", lang)}</td>
                    <td>
                      {a.active ? (
                        <>
                          <span className="badge active">{t("appointees.person.active")}</span>{" "}
                          <span className="muted small">
                            {t("appointees.person.since", {
                              date: formatDateTime(new Date(a.appointedAt), lang),
                            })}
                          </span>
                        </>
                      ) : (
                        <>
                          <span className="badge ended">{t("appointees.person.ended")}</span>{" "}
                          <span className="muted small">
                            {t("appointees.person.endedOn", {
                              date: formatDateTime(new Date(a.endedAt ?? a.appointedAt), lang),
                            })}
                          </span>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card narrow-form" aria-labelledby="edit-title">
        <h2 id="edit-title">{t("appointees.person.edit")}</h2>
        <AppointeeForm
          id={`appointee-${appointee.id}-${appointee.updatedAt}`}
          defaultValue={{
            name: appointee.name,
            nameHi: appointee.nameHi ?? "",
            phone: appointee.phone ?? "",
            email: appointee.email ?? "",
            preferredLanguage: appointee.preferredLanguage,
          }}
          reply={actionData}
          submitLabel={t("appointees.person.save")}
        />
      </section>

      <p>
        <Link to={`/appointees/${appointee.id}/merge`} className="button secondary">
          {t("appointees.person.merge")}
        </Link>
      </p>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("appointees.person.history")}</h2>
        {history.length === 0 ? (
          <p className="muted">{t("appointees.person.historyEmpty")}</p>
        ) : (
          <ol className="history">
            {history.map((entry) => (
              <li key={entry.id} data-action={entry.action}>
                <time dateTime={entry.at}>{formatDateTime(new Date(entry.at), lang)}</time>{" "}
                <span>{historyText(entry, t)}</span>{" "}
                <span className="muted">
                  {entry.actorName
                    ? t("appointees.person.by", { name: entry.actorName })
                    : t("appointees.person.bySystem")}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
