import { Heading, Text } from "@react-email/components";
import type { CSSProperties } from "react";
import { formatDate, formatDateTime } from "#app/i18n/datetime.ts";
import { DetailRow, EventDetails } from "./_components/event-facts.tsx";
import { eventTitle } from "./_components/event-time.ts";
import { heading, Layout, small, text } from "./_components/layout.tsx";
import { LinkButton, RawLink } from "./_components/link-button.tsx";
import { previewEvent } from "./_components/preview-events.ts";
import { emailT, inBothLanguages, type Lang, personName } from "./_components/t.ts";

type Bilingual = { nameEn: string; nameHi: string };

export type InvitationEmailProps = {
  locale: Lang;
  /** The appointee's name as recorded, and in Devanagari if recorded. */
  name: string;
  nameHi: string | null;
  event: {
    kind: "state_convention" | "district_camp" | "other";
    titleEn: string;
    titleHi: string;
    /** ISO instants; shown in IST. */
    startsAt: string;
    endsAt: string;
    /** When registration opens, if that is still to come when the invitation is queued; else null. */
    registrationOpensAt: string | null;
    registrationClosesAt: string;
    venueName: string;
    venueAddress: string;
    venueMapUrl: string | null;
  };
  committee: Bilingual;
  designation: Bilingual;
  /** The personal invitation link. */
  url: string;
};

const pick = (lang: Lang, x: Bilingual) => (lang === "hi" ? x.nameHi : x.nameEn);
/** "निमंत्रण: जयपुर जिला प्रशिक्षण शिविर · Invitation: Jaipur District Training Camp", preferred first. */
export function invitationSubject(locale: Lang, event: { titleEn: string; titleHi: string }): string {
  return inBothLanguages(locale, (lang) =>
    emailT(lang)("invitation.subject", { title: eventTitle(event, lang) }),
  );
}

/**
 * The invitation to an event: who is invited and why (their committee and designation), when and where,
 * and the personal link to register or decline. Sent to many people at once, so it carries no attachment.
 */
export default function InvitationEmail({
  locale,
  name,
  nameHi,
  event,
  committee,
  designation,
  url,
}: InvitationEmailProps) {
  const startsAt = new Date(event.startsAt);
  const opensAt = event.registrationOpensAt ? new Date(event.registrationOpensAt) : null;
  const closesAt = new Date(event.registrationClosesAt);
  return (
    <Layout
      locale={locale}
      preview={emailT(locale)("invitation.preview", {
        title: eventTitle(event, locale),
        date: formatDate(startsAt, locale),
      })}
    >
      {(lang) => {
        const t = emailT(lang);
        const who = personName(lang, { name, nameHi });
        return (
          <>
            <Text style={kindLabel}>{t(`invitation.kind.${event.kind}`)}</Text>
            <Heading as="h1" style={heading}>
              {eventTitle(event, lang)}
            </Heading>
            <Text style={text}>{t("invitation.greeting", { name: who })}</Text>
            <Text style={text}>
              {t("invitation.intro", {
                designation: pick(lang, designation),
                committee: pick(lang, committee),
                title: eventTitle(event, lang),
              })}
            </Text>
            <EventDetails area="invitation" lang={lang} event={event}>
              <DetailRow label={t("invitation.registerBy")} value={formatDateTime(closesAt, lang)} />
            </EventDetails>
            {opensAt ? (
              <Text style={small}>
                {t("invitation.registrationOpens", { date: formatDateTime(opensAt, lang) })}
              </Text>
            ) : null}
            <Text style={text}>{t("invitation.action")}</Text>
            <LinkButton url={url} label={t("invitation.button")} />
            <Text style={text}>{t("invitation.declineHint")}</Text>
            <RawLink url={url} intro={t("invitation.rawLink")} />
            <Text style={small}>{t("invitation.forWhom", { name: who })}</Text>
          </>
        );
      }}
    </Layout>
  );
}

const kindLabel: CSSProperties = {
  fontSize: "14px",
  lineHeight: "22px",
  fontWeight: 700,
  color: "#b4490f",
  margin: "0 0 4px",
};

InvitationEmail.PreviewProps = {
  locale: "hi",
  name: "Sunita Verma",
  nameHi: "सुनीता वर्मा",
  event: {
    ...previewEvent,
    kind: "district_camp",
    registrationOpensAt: "2029-12-01T00:00:00.000Z",
    registrationClosesAt: "2030-01-08T12:30:00.000Z",
  },
  committee: { nameEn: "Jaipur District Committee", nameHi: "जयपुर जिला समिति" },
  designation: { nameEn: "Secretary", nameHi: "मंत्री" },
  url: "https://shivir.example.org/i/Zk3q9V0mXr2TQw7bLp4sYc8nHd1uEa6fGj5oKi0tRxM",
} satisfies InvitationEmailProps;
