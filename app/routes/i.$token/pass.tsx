// The check-in pass of a person with a seat: the QR code the tablet scans, printable.
import { useEffect, useState } from "react";
import { localized } from "#app/i18n/localized.ts";
import { type LoaderData, usePageT } from "./page.ts";
import { EventWhen } from "./when.tsx";

export function Pass({
  pass,
  event,
  name,
  lang,
}: {
  pass: NonNullable<LoaderData["pass"]>;
  event: LoaderData["event"];
  name: string;
  lang: LoaderData["lang"];
}) {
  const t = usePageT(lang);
  return (
    <section className="card pass print-pass" aria-labelledby="pass-title" data-testid="pass">
      <h2 id="pass-title">{t("registration.pass.title")}</h2>
      <svg
        className="pass-qr"
        viewBox={`0 0 ${pass.qr.size} ${pass.qr.size}`}
        role="img"
        aria-label={t("registration.pass.qrLabel", { name })}
        shapeRendering="crispEdges"
      >
        <rect width={pass.qr.size} height={pass.qr.size} fill="#fff" />
        <path d={pass.qr.d} fill="#000" />
      </svg>
      <p className="pass-name">{name}</p>
      <p className="pass-event">{localized(event, "title", lang)}</p>
      <p>
        <EventWhen event={event} lang={lang} />
      </p>
      <p>{event.venueName}</p>
      <p className="muted no-print">{t("registration.pass.hint")}</p>
      <PrintButton label={t("registration.pass.print")} />
    </section>
  );
}

/** Shown once the page runs JavaScript (window.print needs it); without it the browser's own print works. */
function PrintButton({ label }: { label: string }) {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button type="button" className="button secondary no-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}
