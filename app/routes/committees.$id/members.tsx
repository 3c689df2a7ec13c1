// The committee's members: a page of the table, each row with its designation change and end forms.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import { displayPhone } from "#app/models/organisation/committee.ts";
import { Pager } from "#app/ui/pager.tsx";
import type { LoaderData } from "./types.ts";

export function Members({
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
  const designationName = (code: string): string => {
    const d = designations.find((x) => x.code === code);
    return d ? localized(d, "name", lang) : code;
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
                committee: localized(committee, "name", lang),
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
                                {localized(d, "name", lang)}
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
