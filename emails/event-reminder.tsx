import { Button, Heading, Link, Text } from "@react-email/components";
import { formatDate } from "#app/utils/datetime.ts";
import { type EventFacts, eventTitle, place, timeRange } from "./_components/event-time.ts";
import { button, heading, Layout, small, text } from "./_components/layout.tsx";
import { emailT, type Lang, otherLang } from "./_components/t.ts";

export type EventReminderEmailProps = {
  locale: Lang;
  name: string;
  event: EventFacts;
  invitationUrl: string | null;
};

export function eventReminderSubject(locale: Lang, props: Pick<EventReminderEmailProps, "event">): string {
  return [locale, otherLang(locale)]
    .map((lang) =>
      emailT(lang)("eventNotices.reminder.subject", {
        title: eventTitle(props.event, lang),
        date: formatDate(new Date(props.event.startsAt), lang),
      }),
    )
    .join(" · ");
}

/** To every registrant some hours before the start (events.reminder_hours): when, where, and the pass. */
export default function EventReminderEmail({ locale, name, event, invitationUrl }: EventReminderEmailProps) {
  return (
    <Layout
      locale={locale}
      preview={emailT(locale)("eventNotices.reminder.preview", {
        title: eventTitle(event, locale),
        when: timeRange(event.startsAt, event.endsAt, locale),
      })}
    >
      {(lang) => {
        const t = emailT(lang);
        const title = eventTitle(event, lang);
        return (
          <>
            <Heading as="h1" style={heading}>
              {t("eventNotices.reminder.heading", { title })}
            </Heading>
            <Text style={text}>{t("eventNotices.greeting", { name })}</Text>
            <Text style={text}>{t("eventNotices.reminder.intro", { title })}</Text>
            <Text style={text}>
              <strong>{t("eventNotices.when")}</strong> {timeRange(event.startsAt, event.endsAt, lang)}
              <br />
              <strong>{t("eventNotices.where")}</strong> {place(event.venueName, event.venueAddress)}
            </Text>
            {event.venueMapUrl ? (
              <Text style={small}>
                <Link href={event.venueMapUrl} style={{ color: "#b4490f" }}>
                  {t("eventNotices.map")}
                </Link>
              </Text>
            ) : null}
            <Text style={text}>{t("eventNotices.reminder.bring")}</Text>
            {invitationUrl ? (
              <>
                <Button href={invitationUrl} style={button}>
                  {t("eventNotices.button")}
                </Button>
                <Text style={small}>{t("eventNotices.rawLink")}</Text>
                <Text style={{ ...small, wordBreak: "break-all" }}>
                  <Link href={invitationUrl} style={{ color: "#b4490f" }}>
                    {invitationUrl}
                  </Link>
                </Text>
              </>
            ) : null}
            <Text style={text}>{t("eventNotices.reminder.cannotCome")}</Text>
            <Text style={small}>{t("eventNotices.istNote")}</Text>
          </>
        );
      }}
    </Layout>
  );
}

EventReminderEmail.PreviewProps = {
  locale: "hi",
  name: "रमेश शर्मा",
  event: {
    titleEn: "Jaipur district training camp",
    titleHi: "जयपुर जिला प्रशिक्षण शिविर",
    startsAt: "2026-12-12T04:30:00.000Z",
    endsAt: "2026-12-12T12:30:00.000Z",
    venueName: "बिड़ला सभागार",
    venueAddress: "Statue Circle, Jaipur",
    venueMapUrl: "https://maps.example.org/birla",
  },
  invitationUrl: "https://shivir.example.org/i/Zk3q9V0mXr2TQw7bLp4sYc8nHd1uEa6fGj5oKi0tRxM",
} satisfies EventReminderEmailProps;
