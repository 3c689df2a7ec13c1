// When and where an event is: the invitation and registration emails' details box, the notices' map link.
import { Link, Section, Text } from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";
import { formatDate, formatDateTime, formatTime } from "#app/i18n/datetime.ts";
import { linkStyle, small, text } from "./layout.tsx";
import { emailT, type Lang } from "./t.ts";

/** The email area whose strings (when, where, map, whenValue, whenSpan) label the box. */
type Area = "invitation" | "registration";

/** "Thursday, 10 January 2030, 10:00 am to 6:00 pm (IST)", or both full instants when it spans days. */
function when(area: Area, lang: Lang, startsAt: Date, endsAt: Date): string {
  const t = emailT(lang);
  const day = formatDate(startsAt, lang);
  return day === formatDate(endsAt, lang)
    ? t(`${area}.whenValue`, { date: day, start: formatTime(startsAt, lang), end: formatTime(endsAt, lang) })
    : t(`${area}.whenSpan`, { start: formatDateTime(startsAt, lang), end: formatDateTime(endsAt, lang) });
}

/** When and where in a shaded box, with the map link; `children` adds rows below (DetailRow). */
export function EventDetails({
  area,
  lang,
  event,
  children,
}: {
  area: Area;
  lang: Lang;
  event: {
    startsAt: string;
    endsAt: string;
    venueName: string;
    venueAddress: string;
    venueMapUrl: string | null;
  };
  children?: ReactNode;
}) {
  const t = emailT(lang);
  return (
    <Section style={details}>
      <Text style={detailLabel}>{t(`${area}.when`)}</Text>
      <Text style={detailValue}>{when(area, lang, new Date(event.startsAt), new Date(event.endsAt))}</Text>
      <Text style={detailLabel}>{t(`${area}.where`)}</Text>
      <Text style={detailValue}>
        {event.venueName}
        {event.venueAddress ? (
          <>
            <br />
            {event.venueAddress}
          </>
        ) : null}
        {event.venueMapUrl ? (
          <>
            <br />
            <Link href={event.venueMapUrl} style={linkStyle}>
              {t(`${area}.map`)}
            </Link>
          </>
        ) : null}
      </Text>
      {children}
    </Section>
  );
}

/** One more labelled row inside EventDetails. */
export function DetailRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <Text style={detailLabel}>{label}</Text>
      <Text style={detailValue}>{value}</Text>
    </>
  );
}

/** The venue's map link on a line of its own (the event notices). */
export function MapLink({ url, label }: { url: string; label: string }) {
  return (
    <Text style={small}>
      <Link href={url} style={linkStyle}>
        {label}
      </Link>
    </Text>
  );
}

const details: CSSProperties = {
  backgroundColor: "#f4f1ea",
  borderRadius: "6px",
  padding: "8px 16px",
  margin: "8px 0 16px",
};
const detailLabel: CSSProperties = {
  fontSize: "13px",
  lineHeight: "20px",
  color: "#52606d",
  margin: "8px 0 0",
};
const detailValue: CSSProperties = { ...text, margin: "0 0 4px" };
