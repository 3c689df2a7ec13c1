// The audience page's rules: each in words with whom it reaches, and (while the audience may change) a
// remove button for those in the organiser's scope.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import { describeAudienceRule, emptyCounts } from "#app/models/events/audience.ts";
import type { LoaderData } from "./route.tsx";

export function RulesSection({
  rules,
  preview,
  designations,
  changeable,
  status,
}: {
  rules: LoaderData["rules"];
  preview: LoaderData["preview"];
  designations: LoaderData["designations"];
  changeable: boolean;
  status: LoaderData["event"]["status"];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const num = (n: number) => formatNumber(n, lang);
  const designationName = (code: string): string => {
    const d = designations.find((x) => x.code === code);
    return d ? localized(d, "name", lang) : code;
  };
  return (
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
      {status === "published" && rules.length > 0 ? (
        <p className="muted small">{t("audience.rules.keepsInvitations")}</p>
      ) : null}
    </section>
  );
}
