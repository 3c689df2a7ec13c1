// One person on the registrations page: name and contact, committee, answer, what they told us, and an
// organiser's actions on them (register, move on the waitlist, cancel), each a small form that works without
// JavaScript.
import { Form } from "@remix-run/react";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatNumber } from "#app/i18n/datetime.ts";
import { localized } from "#app/i18n/localized.ts";
import type { Language } from "#app/i18n/setup.ts";
import type { Answers } from "#app/models/registration/registration.ts";
import type { LoaderData } from "./route.tsx";

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

export function RegistrationRow({ row, lang }: { row: Row; lang: Language }) {
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
        {localized(row, "committee", lang)}
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
