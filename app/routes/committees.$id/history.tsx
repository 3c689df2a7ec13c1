// The committee's recorded changes, newest first, each with what changed in the reader's language.
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatNumber } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import type { CommitteeHistoryEntry } from "#app/models/organisation/committee.server.ts";
import { HISTORY_LIMIT } from "#app/models/organisation/committee.ts";
import type { LoaderData } from "./types.ts";

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

export function History({
  history,
  designations,
}: {
  history: CommitteeHistoryEntry[];
  designations: LoaderData["designations"];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const designationName = (code: string | null): string => {
    const d = designations.find((x) => x.code === code);
    return d ? localized(d, "name", lang) : (code ?? "");
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
