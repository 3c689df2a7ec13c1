// /reports/programmes/:id?unit=: programme completion for a unit and the units below it, the people who
// still need each module, and the committees where no one has completed it.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { addAudienceRule } from "#app/models/events/audience.server.ts";
import { listMakeUpEventOptions } from "#app/models/programmes/make-up.server.ts";
import { readForm } from "#app/web/form.server.ts";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { formatNumber } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import { coverage, formatPercent } from "#app/models/reports/report.ts";
import { getProgrammeReport } from "#app/models/programmes/programme-report.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import { Stat } from "#app/ui/stat.tsx";
import styles from "../styles/reports.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const unitId = parseId(new URL(request.url).searchParams.get("unit") ?? undefined);
  const [t, locale, report, events] = await Promise.all([
    i18nServer.getFixedT(request),
    i18nServer.getLocale(request),
    getProgrammeReport(getDb(), scope, parseId(params.id), unitId),
    listMakeUpEventOptions(getDb(), scope),
  ]);
  const title = t("programmes.report.title", { programme: localized(report.programme, "name", locale) });
  return { title: `${title} · ${t("app.name")}`, report, events };
}

const MakeUpSchema = z.object({
  eventId: z.coerce.number().int().positive(),
  moduleId: z.coerce.number().int().positive(),
  unitId: z.coerce.number().int().positive(),
});

// A make-up camp: the event's audience gains "people of this unit (at the programme's levels) who have not
// completed this module", kept current as completion changes (app/models/programmes/make-up.server.ts).
export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, scope } = await requireOrganiser(request);
  const parsed = MakeUpSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ error: "programmes.errors.makeUpInvalid" }, { status: 400 });
  const { eventId, moduleId, unitId } = parsed.data;
  const db = getDb();
  const report = await getProgrammeReport(db, scope, parseId(params.id), unitId);
  if (!report.modules.some((m) => m.id === moduleId))
    return data({ error: "programmes.errors.moduleOfOtherProgramme" }, { status: 400 });
  const outcome = await addAudienceRule(db, { staffId: staff.id, scope }, eventId, {
    unitId,
    unitCode: undefined,
    levels: report.programme.levels,
    designations: null,
    missingModuleId: moduleId,
  });
  if (!outcome.ok) return data({ error: outcome.error }, { status: 400 });
  return redirect(`/events/${eventId}/audience`, 303);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export default function ProgrammeReport() {
  const { report, events } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  const name = (x: { nameHi: string; nameEn: string }) => localized(x, "name", lang);
  const { programme, unit, totals } = report;
  const base = `/reports/programmes/${programme.id}`;
  return (
    <div className="report-page">
      <p>
        <Link to={`/programmes/${programme.id}`}>{t("programmes.report.programmeLink")}</Link>
      </p>
      <h1>{t("programmes.report.title", { programme: name(programme) })}</h1>
      {actionData?.error ? (
        <p className="notice error" role="alert">
          {t(actionData.error)}
        </p>
      ) : null}
      <p>{t("programmes.report.unit", { unit: name(unit) })}</p>
      <dl className="stats" data-testid="programme-figures">
        <Stat id="people" label={t("programmes.report.people")} value={num(totals.people)} />
        <Stat id="complete" label={t("programmes.report.complete")} value={num(totals.complete)} />
        <Stat
          id="percent"
          label={t("programmes.report.percent")}
          value={formatPercent(coverage(totals.complete, totals.people), lang)}
        />
      </dl>
      <p>
        <a href={`${base}/committees.csv?unit=${unit.id}`} download>
          {t("programmes.report.csv")}
        </a>
      </p>
      {report.children.length > 0 ? (
        <div className="table-wrap">
          <table className="report-table" data-testid="programme-units">
            <caption>{t("programmes.report.units")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("programmes.report.unitColumn")}</th>
                <th scope="col">{t("programmes.report.people")}</th>
                <th scope="col">{t("programmes.report.complete")}</th>
                <th scope="col">{t("programmes.report.percent")}</th>
              </tr>
            </thead>
            <tbody>
              {report.children.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`${base}?unit=${c.id}`}>{name(c)}</Link>
                  </th>
                  <td>{num(c.people)}</td>
                  <td>{num(c.complete)}</td>
                  <td>{formatPercent(coverage(c.complete, c.people), lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="table-wrap">
        <table className="report-table" data-testid="programme-modules">
          <caption>{t("programmes.report.modules")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("programmes.report.module")}</th>
              <th scope="col">{t("programmes.report.need")}</th>
              <th scope="col">{t("programmes.report.makeUp")}</th>
            </tr>
          </thead>
          <tbody>
            {report.modules.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  {name(m)}
                  {m.required ? null : <span className="muted"> ({t("programmes.progress.optional")})</span>}
                </th>
                <td>{num(m.need)}</td>
                <td>
                  {m.need > 0 && events.length > 0 ? (
                    <Form method="post" className="make-up">
                      <input type="hidden" name="moduleId" value={m.id} />
                      <input type="hidden" name="unitId" value={unit.id} />
                      <label>
                        {t("programmes.report.makeUpEvent")}{" "}
                        <select name="eventId">
                          {events.map((e) => (
                            <option key={e.id} value={e.id}>
                              {localized(e, "title", lang)}
                            </option>
                          ))}
                        </select>
                      </label>{" "}
                      <button type="submit">{t("programmes.report.makeUpSubmit", { count: m.need })}</button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("programmes.report.zero")}</h2>
      {report.zeroCompletion.length === 0 ? (
        <p className="card">{t("programmes.report.zeroEmpty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="report-table" data-testid="programme-zero">
            <thead>
              <tr>
                <th scope="col">{t("programmes.report.committee")}</th>
                <th scope="col">{t("programmes.report.members")}</th>
              </tr>
            </thead>
            <tbody>
              {report.zeroCompletion.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/reports/committees/${c.id}`}>{name(c)}</Link>{" "}
                    <span className="muted">({c.unitCode})</span>
                  </th>
                  <td>{num(c.people)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
