import { Heading, Text } from "@react-email/components";
import { formatDate } from "#app/i18n/datetime.ts";
import { MapLink } from "./_components/event-facts.tsx";
import { type EventFacts, eventTitle, place, timeRange } from "./_components/event-time.ts";
import { heading, Layout, small, text } from "./_components/layout.tsx";
import { PersonalLink } from "./_components/link-button.tsx";
import { previewNoticeEvent } from "./_components/preview-events.ts";
import { emailT, inBothLanguages, type Lang } from "./_components/t.ts";

export type EventReminderEmailProps = {
  locale: Lang;
  name: string;
  event: EventFacts;
  invitationUrl: string | null;
};

export function eventReminderSubject(locale: Lang, props: Pick<EventReminderEmailProps, "event">): string {
  return inBothLanguages(locale, (lang) =>
    emailT(lang)("eventNotices.reminder.subject", {
      title: eventTitle(props.event, lang),
      date: formatDate(new Date(props.event.startsAt), lang),
    }),
  );
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
            {event.venueMapUrl ? <MapLink url={event.venueMapUrl} label={t("eventNotices.map")} /> : null}
            <Text style={text}>{t("eventNotices.reminder.bring")}</Text>
            {invitationUrl ? (
              <PersonalLink
                url={invitationUrl}
                label={t("eventNotices.button")}
                rawLinkIntro={t("eventNotices.rawLink")}
              />
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
  event: previewNoticeEvent,
  invitationUrl: "https://shivir.example.org/i/Zk3q9V0mXr2TQw7bLp4sYc8nHd1uEa6fGj5oKi0tRxM",
} satisfies EventReminderEmailProps;
