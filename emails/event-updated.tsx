import { Heading, Text } from "@react-email/components";
import { MapLink } from "./_components/event-facts.tsx";
import { type EventFacts, eventTitle, place, timeRange } from "./_components/event-time.ts";
import { heading, Layout, small, text } from "./_components/layout.tsx";
import { PersonalLink } from "./_components/link-button.tsx";
import { previewNoticeEvent } from "./_components/preview-events.ts";
import { emailT, inBothLanguages, type Lang } from "./_components/t.ts";

export type EventUpdatedEmailProps = {
  locale: Lang;
  name: string;
  /** The event as it is now. */
  event: EventFacts;
  /** Time and venue before the change. */
  before: { startsAt: string; endsAt: string; venueName: string; venueAddress: string };
  changed: { time: boolean; venue: boolean };
  invitationUrl: string | null;
};

export function eventUpdatedSubject(locale: Lang, props: Pick<EventUpdatedEmailProps, "event">): string {
  return inBothLanguages(locale, (lang) =>
    emailT(lang)("eventNotices.updated.subject", { title: eventTitle(props.event, lang) }),
  );
}

/** To a registrant when a published event's time or venue changes: what changed, with the updated invite. */
export default function EventUpdatedEmail({
  locale,
  name,
  event,
  before,
  changed,
  invitationUrl,
}: EventUpdatedEmailProps) {
  return (
    <Layout
      locale={locale}
      preview={emailT(locale)("eventNotices.updated.preview", { title: eventTitle(event, locale) })}
    >
      {(lang) => {
        const t = emailT(lang);
        const title = eventTitle(event, lang);
        return (
          <>
            <Heading as="h1" style={heading}>
              {t("eventNotices.updated.heading", { title })}
            </Heading>
            <Text style={text}>{t("eventNotices.greeting", { name })}</Text>
            <Text style={text}>{t("eventNotices.updated.intro", { title })}</Text>
            {changed.time ? (
              <Text style={text}>
                <strong>{t("eventNotices.updated.timeLabel")}</strong>{" "}
                {timeRange(event.startsAt, event.endsAt, lang)}
                <br />
                <span style={was}>
                  {t("eventNotices.updated.before", {
                    value: timeRange(before.startsAt, before.endsAt, lang),
                  })}
                </span>
              </Text>
            ) : (
              <Text style={text}>
                <strong>{t("eventNotices.when")}</strong> {timeRange(event.startsAt, event.endsAt, lang)}
              </Text>
            )}
            {changed.venue ? (
              <Text style={text}>
                <strong>{t("eventNotices.updated.venueLabel")}</strong>{" "}
                {place(event.venueName, event.venueAddress)}
                <br />
                <span style={was}>
                  {t("eventNotices.updated.before", { value: place(before.venueName, before.venueAddress) })}
                </span>
              </Text>
            ) : (
              <Text style={text}>
                <strong>{t("eventNotices.where")}</strong> {place(event.venueName, event.venueAddress)}
              </Text>
            )}
            {!changed.time && !changed.venue ? (
              <Text style={text}>{t("eventNotices.updated.other")}</Text>
            ) : null}
            {event.venueMapUrl ? <MapLink url={event.venueMapUrl} label={t("eventNotices.map")} /> : null}
            <Text style={text}>{t("eventNotices.updated.calendar")}</Text>
            {invitationUrl ? (
              <>
                <Text style={text}>{t("eventNotices.updated.invitationHint")}</Text>
                <PersonalLink
                  url={invitationUrl}
                  label={t("eventNotices.button")}
                  rawLinkIntro={t("eventNotices.rawLink")}
                />
              </>
            ) : null}
            <Text style={small}>{t("eventNotices.istNote")}</Text>
          </>
        );
      }}
    </Layout>
  );
}

// The old value, muted beside the new one.
const was = { color: "#52606d", fontSize: "14px" };

EventUpdatedEmail.PreviewProps = {
  locale: "hi",
  name: "रमेश शर्मा",
  event: previewNoticeEvent,
  before: {
    startsAt: "2026-12-10T04:30:00.000Z",
    endsAt: "2026-12-10T12:30:00.000Z",
    venueName: "जवाहर कला केंद्र",
    venueAddress: "JLN Marg, Jaipur",
  },
  changed: { time: true, venue: true },
  invitationUrl: "https://shivir.example.org/i/Zk3q9V0mXr2TQw7bLp4sYc8nHd1uEa6fGj5oKi0tRxM",
} satisfies EventUpdatedEmailProps;
