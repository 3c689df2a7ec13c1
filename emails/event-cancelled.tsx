import { Heading, Text } from "@react-email/components";
import { type EventFacts, eventTitle, place, timeRange } from "./_components/event-time.ts";
import { heading, Layout, small, text } from "./_components/layout.tsx";
import { previewNoticeEvent } from "./_components/preview-events.ts";
import { emailT, inBothLanguages, type Lang } from "./_components/t.ts";

export type EventCancelledEmailProps = {
  locale: Lang;
  name: string;
  event: EventFacts;
  /** The organiser's reason, as typed (one language); empty when none was given. */
  reason: string;
  /** Registrants get the calendar cancellation attached; other invitees only this notice. */
  registered: boolean;
};

export function eventCancelledSubject(locale: Lang, props: Pick<EventCancelledEmailProps, "event">): string {
  return inBothLanguages(locale, (lang) =>
    emailT(lang)("eventNotices.cancelled.subject", { title: eventTitle(props.event, lang) }),
  );
}

/** To registrants (with METHOD:CANCEL attached) and the other invitees when an event is cancelled. */
export default function EventCancelledEmail({
  locale,
  name,
  event,
  reason,
  registered,
}: EventCancelledEmailProps) {
  return (
    <Layout
      locale={locale}
      preview={emailT(locale)("eventNotices.cancelled.preview", { title: eventTitle(event, locale) })}
    >
      {(lang) => {
        const t = emailT(lang);
        const title = eventTitle(event, lang);
        return (
          <>
            <Heading as="h1" style={heading}>
              {t("eventNotices.cancelled.heading", { title })}
            </Heading>
            <Text style={text}>{t("eventNotices.greeting", { name })}</Text>
            <Text style={text}>
              {t("eventNotices.cancelled.intro", {
                title,
                when: timeRange(event.startsAt, event.endsAt, lang),
                venue: place(event.venueName, event.venueAddress),
              })}
            </Text>
            {reason.trim() ? (
              <Text style={text}>
                <strong>{t("eventNotices.cancelled.reason")}</strong>
                <br />
                <span style={{ whiteSpace: "pre-line" }}>{reason.trim()}</span>
              </Text>
            ) : null}
            <Text style={text}>
              {registered ? t("eventNotices.cancelled.registered") : t("eventNotices.cancelled.invited")}
            </Text>
            <Text style={text}>{t("eventNotices.cancelled.sorry")}</Text>
            <Text style={small}>{t("eventNotices.istNote")}</Text>
          </>
        );
      }}
    </Layout>
  );
}

EventCancelledEmail.PreviewProps = {
  locale: "hi",
  name: "रमेश शर्मा",
  event: { ...previewNoticeEvent, venueMapUrl: null },
  reason: "भारी बारिश की चेतावनी के कारण।",
  registered: true,
} satisfies EventCancelledEmailProps;
