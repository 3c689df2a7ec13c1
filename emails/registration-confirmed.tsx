import { Button, Heading, Img, Link, Section, Text } from "@react-email/components";
import type { CSSProperties } from "react";
import { formatDate, formatDateTime, formatTime } from "#app/utils/datetime.ts";
import { button, heading, Layout, small, text } from "./_components/layout.tsx";
import { type EmailT, emailT, type Lang, otherLang } from "./_components/t.ts";

/** The event as registration emails show it; ISO instants, shown in IST. */
export type RegistrationEmailEvent = {
  titleEn: string;
  titleHi: string;
  startsAt: string;
  endsAt: string;
  venueName: string;
  venueAddress: string;
  venueMapUrl: string | null;
};

export type RegistrationConfirmedEmailProps = {
  locale: Lang;
  name: string;
  nameHi: string | null;
  event: RegistrationEmailEvent;
  /** The personal link (registration page). */
  url: string;
  /** The QR code of the pass, served under the personal link (mail clients block data: images). */
  passImageUrl: string;
  googleCalendarUrls: { hi: string; en: string };
  feedUrl: string;
  webcalUrl: string;
  /** The seat came from the waitlist. */
  promoted?: boolean;
};

export const eventTitle = (lang: Lang, event: { titleEn: string; titleHi: string }) =>
  lang === "hi" ? event.titleHi : event.titleEn;
export const personName = (lang: Lang, p: { name: string; nameHi: string | null }) =>
  lang === "hi" && p.nameHi ? p.nameHi : p.name;

/** The same subject line in both languages, preferred first. */
export function registrationSubject(
  locale: Lang,
  key: "confirmed.subject" | "promoted.subject" | "cancelled.subject" | "cancelled.movedSubject",
  event: { titleEn: string; titleHi: string },
): string {
  return [locale, otherLang(locale)]
    .map((lang) => emailT(lang)(`registration.${key}`, { title: eventTitle(lang, event) }))
    .join(" · ");
}

function when(t: EmailT, lang: Lang, startsAt: Date, endsAt: Date): string {
  return formatDate(startsAt, lang) === formatDate(endsAt, lang)
    ? t("registration.whenValue", {
        date: formatDate(startsAt, lang),
        start: formatTime(startsAt, lang),
        end: formatTime(endsAt, lang),
      })
    : t("registration.whenSpan", {
        start: formatDateTime(startsAt, lang),
        end: formatDateTime(endsAt, lang),
      });
}

/** When and where, with the map link. */
export function EventDetails({ lang, event }: { lang: Lang; event: RegistrationEmailEvent }) {
  const t = emailT(lang);
  return (
    <Section style={details}>
      <Text style={detailLabel}>{t("registration.when")}</Text>
      <Text style={detailValue}>{when(t, lang, new Date(event.startsAt), new Date(event.endsAt))}</Text>
      <Text style={detailLabel}>{t("registration.where")}</Text>
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
              {t("registration.map")}
            </Link>
          </>
        ) : null}
      </Text>
    </Section>
  );
}

/** The personal link as a button and as raw text, with the "only for you" note. */
export function PersonalLinkButton({
  lang,
  url,
  label,
  who,
}: {
  lang: Lang;
  url: string;
  label: string;
  who: string;
}) {
  const t = emailT(lang);
  return (
    <>
      <Button href={url} style={button}>
        {label}
      </Button>
      <Text style={small}>{t("registration.rawLink")}</Text>
      <Text style={{ ...small, wordBreak: "break-all" }}>
        <Link href={url} style={linkStyle}>
          {url}
        </Link>
      </Text>
      <Text style={small}>{t("registration.forWhom", { name: who })}</Text>
    </>
  );
}

/**
 * A confirmed seat: when and where, the check-in pass, the calendar (invite attached, Google link, personal
 * feed), and how to change or cancel. Also sent when a seat comes from the waitlist (`promoted`).
 */
export default function RegistrationConfirmedEmail(props: RegistrationConfirmedEmailProps) {
  const { locale, event, url, passImageUrl, googleCalendarUrls, feedUrl, webcalUrl, promoted } = props;
  const kind = promoted ? "promoted" : "confirmed";
  return (
    <Layout
      locale={locale}
      preview={emailT(locale)(`registration.${kind}.preview`, {
        title: eventTitle(locale, event),
        date: formatDate(new Date(event.startsAt), locale),
      })}
    >
      {(lang) => {
        const t = emailT(lang);
        const who = personName(lang, props);
        return (
          <>
            <Heading as="h1" style={heading}>
              {t(`registration.${kind}.heading`)}
            </Heading>
            <Text style={text}>{t("registration.greeting", { name: who })}</Text>
            <Text style={text}>{t(`registration.${kind}.intro`, { title: eventTitle(lang, event) })}</Text>
            <EventDetails lang={lang} event={event} />

            <Heading as="h2" style={subheading}>
              {t("registration.passHeading")}
            </Heading>
            <Img src={passImageUrl} width="240" height="240" alt={t("registration.passAlt")} style={qr} />
            <Text style={text}>{t("registration.passHint")}</Text>
            <Text style={small}>{t("registration.passMissing")}</Text>

            <Heading as="h2" style={subheading}>
              {t("registration.calendarHeading")}
            </Heading>
            <Text style={text}>{t("registration.calendarAttached")}</Text>
            <Text style={text}>
              <Link href={googleCalendarUrls[lang]} style={linkStyle}>
                {t("registration.google")}
              </Link>
              <br />
              <Link href={webcalUrl} style={linkStyle}>
                {t("registration.feed")}
              </Link>
            </Text>
            <Text style={small}>
              {t("registration.feedHint")}{" "}
              <Link href={feedUrl} style={{ ...linkStyle, wordBreak: "break-all" }}>
                {feedUrl}
              </Link>
            </Text>

            <Heading as="h2" style={subheading}>
              {t("registration.changeHeading")}
            </Heading>
            <Text style={text}>{t("registration.change")}</Text>
            <PersonalLinkButton lang={lang} url={url} label={t("registration.button")} who={who} />
          </>
        );
      }}
    </Layout>
  );
}

export const linkStyle: CSSProperties = { color: "#b4490f" };
const subheading: CSSProperties = {
  fontSize: "19px",
  lineHeight: "28px",
  color: "#1f2933",
  margin: "24px 0 8px",
};
const qr: CSSProperties = { display: "block", margin: "8px 0", border: "1px solid #e4ddd0" };
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

const url = "https://shivir.example.org/i/Zk3q9V0mXr2TQw7bLp4sYc8nHd1uEa6fGj5oKi0tRxM";
export const registrationPreviewEvent: RegistrationEmailEvent = {
  titleEn: "Jaipur District Training Camp",
  titleHi: "जयपुर जिला प्रशिक्षण शिविर",
  startsAt: "2030-01-10T04:30:00.000Z",
  endsAt: "2030-01-10T12:30:00.000Z",
  venueName: "Birla Auditorium",
  venueAddress: "Statue Circle, Jaipur 302001",
  venueMapUrl: "https://maps.example.org/?q=Birla+Auditorium+Jaipur",
};

RegistrationConfirmedEmail.PreviewProps = {
  locale: "hi",
  name: "Sunita Verma",
  nameHi: "सुनीता वर्मा",
  event: registrationPreviewEvent,
  url,
  passImageUrl: `${url}/pass.png`,
  googleCalendarUrls: {
    hi: "https://calendar.google.com/calendar/render?action=TEMPLATE&text=%E0%A4%9C",
    en: "https://calendar.google.com/calendar/render?action=TEMPLATE&text=Jaipur",
  },
  feedUrl: "https://shivir.example.org/calendar/Qm9vZ2xlQ2FsZW5kYXJGZWVkVG9rZW5FeGFtcGxlMTIz.ics",
  webcalUrl: "webcal://shivir.example.org/calendar/Qm9vZ2xlQ2FsZW5kYXJGZWVkVG9rZW5FeGFtcGxlMTIz.ics",
} satisfies RegistrationConfirmedEmailProps;
