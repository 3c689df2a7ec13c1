// An admin's answer to a leaked list of links: replace every personal link of the event. Kept apart at the
// foot of the page, behind a summary and a box to tick, because it emails everyone again.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "#app/i18n/datetime.ts";
import type { Language } from "#app/i18n/setup.ts";

export function ReissueAll({ people, failed }: { people: number; failed: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return (
    <details className="card danger-zone" open={failed ? true : undefined}>
      <summary className="button secondary">{t("audience.invitations.reissueAll")}</summary>
      <Form method="post" className="fix-form">
        <p className="small">
          {t("audience.invitations.reissueAllConfirm", { people: formatNumber(people, lang) })}
        </p>
        <label className="small">
          <input type="checkbox" name="confirm" value="yes" required />{" "}
          {t("audience.invitations.reissueAllCheck")}
        </label>
        <button type="submit" name="intent" value="reissue-all" className="button">
          {t("audience.invitations.reissueAllButton")}
        </button>
      </Form>
    </details>
  );
}
