// Where the person's registration stands (registered, waiting, declined …) and the event's registration
// phase (not yet open, closed, started …).
import { formatDateTime } from "#app/i18n/datetime.ts";
import { type LoaderData, usePageT } from "./page.ts";

export function StatusNotice({ data }: { data: LoaderData }) {
  const { registration, phase, event, lang, done, person, actions } = data;
  const t = usePageT(lang);
  const messages: string[] = [];
  if (done === "saved") messages.push(t("registration.done.saved"));
  const status = registration?.status ?? null;
  if (status === "registered") {
    messages.push(t("registration.status.registered"));
    if (done === "registered" && person.hasEmail) messages.push(t("registration.status.emailSent"));
  } else if (status === "waitlisted") {
    messages.push(t("registration.status.waitlisted", { position: registration?.position ?? "" }));
    if (person.hasEmail) messages.push(t("registration.status.waitlistedEmail"));
  } else if (status === "declined" || status === "cancelled") {
    messages.push(t(`registration.status.${status}`));
    if (actions.register) messages.push(t("registration.status.again"));
  }
  const phaseMessage =
    phase === "open"
      ? null
      : phase === "notYetOpen"
        ? t("registration.phase.notYetOpen", {
            date: formatDateTime(new Date(event.registrationOpensAt), lang),
          })
        : phase === "closed"
          ? t(
              status === "registered" || status === "waitlisted"
                ? "registration.phase.closedHolding"
                : "registration.phase.closed",
              { date: formatDateTime(new Date(event.registrationClosesAt), lang) },
            )
          : t(`registration.phase.${phase}`);
  return (
    <>
      {phaseMessage ? (
        <p className={`notice phase phase-${phase}`} data-testid="phase">
          {phaseMessage}
        </p>
      ) : null}
      {messages.length ? (
        <p className={`notice status status-${status ?? "none"}`} role="status" data-testid="status">
          {messages.join(" ")}
        </p>
      ) : null}
    </>
  );
}
