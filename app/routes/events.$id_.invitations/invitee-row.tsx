// One invitee of the invitations page: who, their committee and contact, their state, and what an organiser
// can do for them (resend, copy or share the link, correct the address, revoke), each a small form.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import { addressProblemStates, REVOKE_REASON_MAX } from "#app/models/events/invitation.ts";
import { displayPhone } from "#app/models/organisation/committee.ts";
import { FieldError } from "#app/ui/forms.tsx";
import type { ActionData, LoaderData } from "./route.tsx";

export function InviteeRow({
  row,
  published,
  actionData,
}: {
  row: LoaderData["rows"][number];
  published: boolean;
  actionData: ActionData | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const name = lang === "hi" && row.nameHi ? row.nameHi : row.name;
  const otherName = row.nameHi && row.nameHi !== row.name ? (lang === "hi" ? row.name : row.nameHi) : null;
  const canAct = published && row.state !== "revoked";
  const fixId = `fix-${row.id}`;
  const revokeId = `revoke-reason-${row.id}`;
  const rowError = actionData?.message ?? null;
  return (
    <tr data-invitation-id={row.id} data-state={row.state}>
      <th scope="row">
        {name}
        {otherName ? (
          <span className="muted small block" lang={lang === "hi" ? "en" : "hi"}>
            {otherName}
          </span>
        ) : null}
      </th>
      {/* data-label: the column's heading, shown in each cell where a phone stacks the row as a card. */}
      <td data-label={t("audience.invitations.committee")}>
        {localized(row, "committeeName", lang)}
        <span className="muted small block">{localized(row, "designationName", lang)}</span>
      </td>
      <td className="contact" data-label={t("audience.invitations.contact")}>
        {row.phone ? (
          <a className="block" href={`tel:${row.phone}`}>
            {displayPhone(row.phone)}
          </a>
        ) : null}
        {row.email ? <span className="block email">{row.email}</span> : null}
      </td>
      <td data-label={t("audience.invitations.stateColumn")}>
        <span className={`badge state-${row.state}`}>{t(`audience.states.${row.state}`)}</span>
        {row.reached || row.state === "revoked" ? null : (
          <span className="badge not-reached">{t("audience.invitations.notReachedBadge")}</span>
        )}
        {row.sharedVia && row.sharedAt ? (
          <span className="muted small block">
            {t(`audience.invitations.sharedVia_${row.sharedVia}`, {
              time: formatDateTime(new Date(row.sharedAt), lang),
            })}
          </span>
        ) : null}
        {row.emailError && (row.state === "failed" || row.state === "bounced") ? (
          <span className="muted small block">{row.emailError}</span>
        ) : null}
      </td>
      <td className="actions">
        <FieldError field={{ errorId: `error-${row.id}`, errors: rowError ? [rowError] : undefined }} alert />
        {canAct ? (
          <div className="row-actions">
            {row.email ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="invitationId" value={row.id} />
                <input type="hidden" name="seenEmailId" value={row.emailId ?? ""} />
                <button
                  type="submit"
                  name="intent"
                  value="resend"
                  className="button secondary"
                  aria-label={t(
                    row.emailId ? "audience.invitations.resendLabel" : "audience.invitations.sendLabel",
                    { name },
                  )}
                >
                  {row.emailId ? t("audience.invitations.resend") : t("audience.invitations.sendNow")}
                </button>
              </Form>
            ) : null}
            <Form method="post" className="inline-form">
              <input type="hidden" name="invitationId" value={row.id} />
              <button
                type="submit"
                name="intent"
                value="copy"
                className="button secondary"
                aria-label={t("audience.invitations.copyLabel", { name })}
              >
                {t("audience.invitations.copy")}
              </button>
            </Form>
            {row.phone ? (
              // A new tab: the organiser keeps the list while WhatsApp opens.
              <Form method="post" reloadDocument target="_blank" rel="noopener" className="inline-form">
                <input type="hidden" name="invitationId" value={row.id} />
                <button
                  type="submit"
                  name="intent"
                  value="whatsapp"
                  className="button secondary"
                  aria-label={t("audience.invitations.whatsappLabel", { name })}
                >
                  {t("audience.invitations.whatsapp")}
                </button>
              </Form>
            ) : null}
            {addressProblemStates.includes(row.state) ? (
              <Form method="post" className="fix-form">
                <input type="hidden" name="invitationId" value={row.id} />
                <input type="hidden" name="seenEmailId" value={row.emailId ?? ""} />
                <label htmlFor={fixId} className="small">
                  {t("audience.invitations.newEmail")}
                </label>
                <input
                  id={fixId}
                  name="email"
                  type="email"
                  inputMode="email"
                  autoComplete="off"
                  required
                  aria-label={t("audience.invitations.newEmailFor", { name })}
                  aria-invalid={actionData?.field === "email" ? true : undefined}
                  aria-describedby={rowError ? `error-${row.id}` : undefined}
                />
                <button type="submit" name="intent" value="fix" className="button">
                  {t("audience.invitations.fix")}
                </button>
              </Form>
            ) : null}
            {/* Confirm steps that need no JavaScript: each form opens under its summary. */}
            <details open={actionData?.intent === "reissue" && !actionData.shared ? true : undefined}>
              <summary className="button secondary">{t("audience.invitations.reissue")}</summary>
              <Form method="post" className="fix-form">
                <input type="hidden" name="invitationId" value={row.id} />
                <p className="small">{t("audience.invitations.reissueConfirm", { name })}</p>
                <button
                  type="submit"
                  name="intent"
                  value="reissue"
                  className="button"
                  aria-label={t("audience.invitations.reissueLabel", { name })}
                >
                  {t("audience.invitations.reissueButton")}
                </button>
              </Form>
            </details>
            <details open={actionData?.intent === "revoke" ? true : undefined}>
              <summary className="button secondary">{t("audience.invitations.revoke")}</summary>
              <Form method="post" className="fix-form">
                <input type="hidden" name="invitationId" value={row.id} />
                <p className="small">{t("audience.invitations.revokeConfirm", { name })}</p>
                <label htmlFor={revokeId} className="small">
                  {t("audience.invitations.revokeReason")}
                </label>
                <input
                  id={revokeId}
                  name="reason"
                  type="text"
                  maxLength={REVOKE_REASON_MAX}
                  autoComplete="off"
                  aria-invalid={actionData?.field === "reason" ? true : undefined}
                  aria-describedby={rowError ? `error-${row.id}` : undefined}
                />
                <button
                  type="submit"
                  name="intent"
                  value="revoke"
                  className="button"
                  aria-label={t("audience.invitations.revokeLabel", { name })}
                >
                  {t("audience.invitations.revokeButton")}
                </button>
              </Form>
            </details>
          </div>
        ) : null}
      </td>
    </tr>
  );
}
