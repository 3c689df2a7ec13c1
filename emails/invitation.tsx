import { Button, Heading, Link, Section, Text } from "@react-email/components";
import type { CSSProperties } from "react";
import { formatDate, formatDateTime, formatTime } from "#app/utils/datetime.ts";
import { button, heading, Layout, small, text } from "./_components/layout.tsx";
import { type EmailT, emailT, type Lang, otherLang } from "./_components/t.ts";

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
export const invitationTitle = (lang: Lang, event: { titleEn: string; titleHi: string }) =>
  lang === "hi" ? event.titleHi : event.titleEn;
/** "निमंत्रण: जयपुर जिला प्रशिक्षण शिविर · Invitation: Jaipur District Training Camp", preferred first. */
export function invitationSubject(locale: Lang, event: { titleEn: string; titleHi: string }): string {
  return [locale, otherLang(locale)]
    .map((lang) => emailT(lang)("invitation.subject", { title: invitationTitle(lang, event) }))
    .join(" · ");
}
const personName = (lang: Lang, p: { name: string; nameHi: string | null }) =>
  lang === "hi" && p.nameHi ? p.nameHi : p.name;

/** "Thursday, 10 January 2030, 10:00 am to 6:00 pm (IST)", or both full instants when it spans days. */
function when(t: EmailT, lang: Lang, startsAt: Date, endsAt: Date): string {
  const day = formatDate(startsAt, lang);
  return day === formatDate(endsAt, lang)
    ? t("invitation.whenValue", {
        date: day,
        start: formatTime(startsAt, lang),
        end: formatTime(endsAt, lang),
      })
    : t("invitation.whenSpan", { start: formatDateTime(startsAt, lang), end: formatDateTime(endsAt, lang) });
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
  const endsAt = new Date(event.endsAt);
  const opensAt = event.registrationOpensAt ? new Date(event.registrationOpensAt) : null;
  const closesAt = new Date(event.registrationClosesAt);
  return (
    <Layout
      locale={locale}
      preview={emailT(locale)("invitation.preview", {
        title: invitationTitle(locale, event),
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
              {invitationTitle(lang, event)}
            </Heading>
            <Text style={text}>{t("invitation.greeting", { name: who })}</Text>
            <Text style={text}>
              {t("invitation.intro", {
                designation: pick(lang, designation),
                committee: pick(lang, committee),
                title: invitationTitle(lang, event),
              })}
            </Text>
            <Section style={details}>
              <Text style={detailLabel}>{t("invitation.when")}</Text>
              <Text style={detailValue}>{when(t, lang, startsAt, endsAt)}</Text>
              <Text style={detailLabel}>{t("invitation.where")}</Text>
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
                    <Link href={event.venueMapUrl} style={{ color: "#b4490f" }}>
                      {t("invitation.map")}
                    </Link>
                  </>
                ) : null}
              </Text>
              <Text style={detailLabel}>{t("invitation.registerBy")}</Text>
              <Text style={detailValue}>{formatDateTime(closesAt, lang)}</Text>
            </Section>
            {opensAt ? (
              <Text style={small}>
                {t("invitation.registrationOpens", { date: formatDateTime(opensAt, lang) })}
              </Text>
            ) : null}
            <Text style={text}>{t("invitation.action")}</Text>
            <Button href={url} style={button}>
              {t("invitation.button")}
            </Button>
            <Text style={text}>{t("invitation.declineHint")}</Text>
            {/* The raw link, for clients that block or mangle buttons. */}
            <Text style={small}>{t("invitation.rawLink")}</Text>
            <Text style={{ ...small, wordBreak: "break-all" }}>
              <Link href={url} style={{ color: "#b4490f" }}>
                {url}
              </Link>
            </Text>
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

InvitationEmail.PreviewProps = {
  locale: "hi",
  name: "Sunita Verma",
  nameHi: "सुनीता वर्मा",
  event: {
    kind: "district_camp",
    titleEn: "Jaipur District Training Camp",
    titleHi: "जयपुर जिला प्रशिक्षण शिविर",
    startsAt: "2030-01-10T04:30:00.000Z",
    endsAt: "2030-01-10T12:30:00.000Z",
    registrationOpensAt: "2029-12-01T00:00:00.000Z",
    registrationClosesAt: "2030-01-08T12:30:00.000Z",
    venueName: "Birla Auditorium",
    venueAddress: "Statue Circle, Jaipur 302001",
    venueMapUrl: "https://maps.example.org/?q=Birla+Auditorium+Jaipur",
  },
  committee: { nameEn: "Jaipur District Committee", nameHi: "जयपुर जिला समिति" },
  designation: { nameEn: "Secretary", nameHi: "मंत्री" },
  url: "https://shivir.example.org/i/Zk3q9V0mXr2TQw7bLp4sYc8nHd1uEa6fGj5oKi0tRxM",
} satisfies InvitationEmailProps;
