// /reports/committees/:id: a committee's coverage, each member's training history across events, and the
// committee's figures at every event its members were invited to through it.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import type { Language } from "#app/i18n/setup.ts";
import { getCommitteeReport } from "#app/models/reports/report.server.ts";
import { coverage, formatPercent } from "#app/models/reports/report.ts";
import { formatDate, formatNumber } from "#app/i18n/datetime.ts";
import { getDb } from "#app/platform/db.server.ts";
import { i18nServer } from "#app/i18n/language-cookie.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";
import { localized } from "#app/i18n/localized.ts";
import { Stat } from "#app/ui/stat.tsx";
import styles from "../styles/reports.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const [t, locale, report] = await Promise.all([
    i18nServer.getFixedT(request),
    i18nServer.getLocale(request),
    getCommitteeReport(getDb(), scope, parseId(params.id)),
  ]);
  const name = localized(report.committee, "name", locale);
  return { title: `${t("reports.committeeReport.title", { committee: name })} · ${t("app.name")}`, report };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Shivir" }];

export default function CommitteeReportPage() {
  const { report } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  const name = (x: { nameEn: string; nameHi: string }): string => localized(x, "name", lang);
  const { committee, unit, members } = report;
  const committeeName = name(committee);
  const designation = (code: string) => {
    const d = report.designations.find((x) => x.code === code);
    return d ? name(d) : code;
  };
  const personName = (m: { name: string; nameHi: string | null }) =>
    lang === "hi" && m.nameHi ? m.nameHi : m.name;

  return (
    <div className="report-page">
      <h1>{t("reports.committeeReport.title", { committee: committeeName })}</h1>
      <dl className="meta">
        <dt>{t("reports.committeeReport.unit")}</dt>
        <dd>
          {name(unit)} <span className="muted">({unit.code})</span> · {t(`level.${unit.level}`)}
        </dd>
        <dt>{t("reports.committeeReport.status")}</dt>
        <dd>
          <span className={`badge ${committee.status}`}>
            {t(`reports.committeeStatus.${committee.status}`)}
          </span>
        </dd>
      </dl>
      <p className="report-links">
        <Link to={`/committees/${committee.id}`}>{t("reports.committeeReport.openCommittee")}</Link>
        <Link to={`/reports?unit=${unit.id}`}>
          {t("reports.committeeReport.openRollup", { unit: name(unit) })}
        </Link>
      </p>

      <dl className="stats" data-testid="committee-figures">
        <Stat id="seats" label={t("reports.seats")} value={num(committee.seatQuota)} />
        <Stat id="members" label={t("reports.members")} value={num(members.length)} />
        <Stat id="trained" label={t("reports.trained")} value={num(report.trained)} />
        <Stat
          id="coverage"
          label={t("reports.coverage")}
          value={formatPercent(coverage(report.trained, members.length), lang)}
        />
      </dl>

      <section aria-labelledby="members-title">
        <h2 id="members-title">{t("reports.committeeReport.membersTitle")}</h2>
        {members.length === 0 ? (
          <p className="card">{t("reports.committeeReport.noMembers")}</p>
        ) : (
          <div className="table-wrap">
            <table className="report-table" data-testid="committee-members">
              <caption>{t("reports.committeeReport.membersCaption", { committee: committeeName })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("reports.committeeReport.name")}</th>
                  <th scope="col">{t("reports.committeeReport.designation")}</th>
                  <th scope="col" className="num">
                    {t("reports.committeeReport.eventsInvited")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.committeeReport.eventsRegistered")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.committeeReport.eventsAttended")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.committeeReport.sessionsAttended")}
                  </th>
                  <th scope="col">{t("reports.committeeReport.lastAttended")}</th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.appointeeId} data-appointee-id={m.appointeeId}>
                    <th scope="row">
                      <Link to={`/appointees/${m.appointeeId}`}>{personName(m)}</Link>
                    </th>
                    <td>{designation(m.designation)}</td>
                    <td className="num">{num(m.invited)}</td>
                    <td className="num">{num(m.registered)}</td>
                    <td className="num">{num(m.eventsAttended)}</td>
                    <td className="num">{num(m.sessionsAttended)}</td>
                    <td>
                      {m.lastAttendedAt
                        ? formatDate(new Date(m.lastAttendedAt), lang)
                        : t("reports.committeeReport.never")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="events-title">
        <h2 id="events-title">{t("reports.committeeReport.eventsTitle")}</h2>
        {report.events.length === 0 ? (
          <p className="card">{t("reports.committeeReport.noEvents")}</p>
        ) : (
          <div className="table-wrap">
            <table className="report-table" data-testid="committee-events">
              <caption>{t("reports.committeeReport.eventsCaption", { committee: committeeName })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("reports.committeeReport.event")}</th>
                  <th scope="col">{t("reports.committeeReport.date")}</th>
                  <th scope="col">{t("reports.event.status")}</th>
                  <th scope="col" className="num">
                    {t("reports.invited")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.registered")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.attendedAny")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.attendedAll")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.events.map((e) => (
                  <tr key={e.eventId}>
                    <th scope="row">
                      {e.inScope ? (
                        <Link to={`/reports/events/${e.eventId}`}>{localized(e, "title", lang)}</Link>
                      ) : (
                        localized(e, "title", lang)
                      )}
                    </th>
                    <td>{formatDate(new Date(e.startsAt), lang)}</td>
                    <td>{t(`reports.eventStatus.${e.status}`)}</td>
                    <td className="num">{num(e.invited)}</td>
                    <td className="num">{num(e.registered)}</td>
                    <td className="num">{num(e.attended)}</td>
                    <td className="num">{num(e.attendedAll)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
