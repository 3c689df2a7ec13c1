import { Heading, Text } from "@react-email/components";
import { formatDate } from "#app/i18n/datetime.ts";
import { EventDetails } from "./_components/event-facts.tsx";
import { eventTitle } from "./_components/event-time.ts";
import { heading, Layout, text } from "./_components/layout.tsx";
import { previewEvent } from "./_components/preview-events.ts";
import { emailT, type Lang, personName } from "./_components/t.ts";
import { PersonalLinkButton, type RegistrationEmailEvent } from "./registration-confirmed.tsx";

export type RegistrationCancelledEmailProps = {
  locale: Lang;
  name: string;
  nameHi: string | null;
  event: RegistrationEmailEvent;
  url: string;
  /** An organiser did it (not the person themselves). */
  byOrganiser: boolean;
  /** Moved from a seat to this waitlist position, rather than cancelled. */
  waitlistPosition: number | null;
  /** The invitation was withdrawn: the personal link no longer works, so none is offered. */
  revoked?: boolean;
};

/** The seat is gone (cancelled, or moved to the waitlist); the attached METHOD:CANCEL removes the entry. */
export default function RegistrationCancelledEmail(props: RegistrationCancelledEmailProps) {
  const { locale, event, url, byOrganiser, waitlistPosition, revoked = false } = props;
  const moved = waitlistPosition !== null;
  return (
    <Layout
      locale={locale}
      preview={
        moved
          ? emailT(locale)("registration.cancelled.movedPreview", {
              title: eventTitle(event, locale),
              position: waitlistPosition,
            })
          : emailT(locale)("registration.cancelled.preview", {
              title: eventTitle(event, locale),
              date: formatDate(new Date(event.startsAt), locale),
            })
      }
    >
      {(lang) => {
        const t = emailT(lang);
        const who = personName(lang, props);
        const title = eventTitle(event, lang);
        return (
          <>
            <Heading as="h1" style={heading}>
              {t(moved ? "registration.cancelled.movedHeading" : "registration.cancelled.heading")}
            </Heading>
            <Text style={text}>{t("registration.greeting", { name: who })}</Text>
            <Text style={text}>
              {moved
                ? t("registration.cancelled.moved", { title, position: waitlistPosition })
                : t(
                    revoked
                      ? "registration.cancelled.revoked"
                      : byOrganiser
                        ? "registration.cancelled.byOrganiser"
                        : "registration.cancelled.bySelf",
                    { title },
                  )}
            </Text>
            <EventDetails area="registration" lang={lang} event={event} />
            <Text style={text}>{t("registration.cancelled.calendar")}</Text>
            {revoked ? null : (
              <>
                {moved ? null : <Text style={text}>{t("registration.cancelled.again")}</Text>}
                <PersonalLinkButton
                  lang={lang}
                  url={url}
                  label={t("registration.cancelled.button")}
                  who={who}
                />
              </>
            )}
          </>
        );
      }}
    </Layout>
  );
}

RegistrationCancelledEmail.PreviewProps = {
  locale: "hi",
  name: "Sunita Verma",
  nameHi: "सुनीता वर्मा",
  event: previewEvent,
  url: "https://shivir.example.org/i/Zk3q9V0mXr2TQw7bLp4sYc8nHd1uEa6fGj5oKi0tRxM",
  byOrganiser: false,
  waitlistPosition: null,
} satisfies RegistrationCancelledEmailProps;
