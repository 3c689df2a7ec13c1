import { Heading, Img, Link, Text } from "@react-email/components";
import type { CSSProperties } from "react";
import { formatDate } from "#app/i18n/datetime.ts";
import { EventDetails } from "./_components/event-facts.tsx";
import { type EventFacts, eventTitle } from "./_components/event-time.ts";
import { heading, Layout, linkStyle, small, text } from "./_components/layout.tsx";
import { PersonalLink } from "./_components/link-button.tsx";
import { previewEvent } from "./_components/preview-events.ts";
import { emailT, inBothLanguages, type Lang, personName } from "./_components/t.ts";

/** The event as registration emails show it; ISO instants, shown in IST. */
export type RegistrationEmailEvent = EventFacts;

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

/** The same subject line in both languages, preferred first. */
export function registrationSubject(
  locale: Lang,
  key: "confirmed.subject" | "promoted.subject" | "cancelled.subject" | "cancelled.movedSubject",
  event: { titleEn: string; titleHi: string },
): string {
  return inBothLanguages(locale, (lang) =>
    emailT(lang)(`registration.${key}`, { title: eventTitle(event, lang) }),
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
      <PersonalLink url={url} label={label} rawLinkIntro={t("registration.rawLink")} />
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
        title: eventTitle(event, locale),
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
            <Text style={text}>{t(`registration.${kind}.intro`, { title: eventTitle(event, lang) })}</Text>
            <EventDetails area="registration" lang={lang} event={event} />

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

const subheading: CSSProperties = {
  fontSize: "19px",
  lineHeight: "28px",
  color: "#1f2933",
  margin: "24px 0 8px",
};
const qr: CSSProperties = { display: "block", margin: "8px 0", border: "1px solid #e4ddd0" };
const url = "https://shivir.example.org/i/Zk3q9V0mXr2TQw7bLp4sYc8nHd1uEa6fGj5oKi0tRxM";

RegistrationConfirmedEmail.PreviewProps = {
  locale: "hi",
  name: "Sunita Verma",
  nameHi: "सुनीता वर्मा",
  event: previewEvent,
  url,
  passImageUrl: "https://shivir.example.org/pass/1N9fC0iBTkNPF2hIhjrxtA.QSEqK4_jMy7ldFFBqpc40g.png",
  googleCalendarUrls: {
    hi: "https://calendar.google.com/calendar/render?action=TEMPLATE&text=%E0%A4%9C",
    en: "https://calendar.google.com/calendar/render?action=TEMPLATE&text=Jaipur",
  },
  feedUrl: "https://shivir.example.org/calendar/Qm9vZ2xlQ2FsZW5kYXJGZWVkVG9rZW5FeGFtcGxlMTIz.ics",
  webcalUrl: "webcal://shivir.example.org/calendar/Qm9vZ2xlQ2FsZW5kYXJGZWVkVG9rZW5FeGFtcGxlMTIz.ics",
} satisfies RegistrationConfirmedEmailProps;
