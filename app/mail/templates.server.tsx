import type { ComponentType } from "react";
import { z } from "zod";
import { bilingual, type Lang } from "#emails/_components/t.ts";
import SignInLinkEmail from "#emails/sign-in-link.tsx";
import StaffInviteEmail from "#emails/staff-invite.tsx";
import InvitationEmail, { invitationSubject } from "#emails/invitation.tsx";
import EventCancelledEmail, { eventCancelledSubject } from "#emails/event-cancelled.tsx";
import EventReminderEmail, { eventReminderSubject } from "#emails/event-reminder.tsx";
import EventUpdatedEmail, { eventUpdatedSubject } from "#emails/event-updated.tsx";
import RegistrationCancelledEmail from "#emails/registration-cancelled.tsx";
import RegistrationConfirmedEmail, { registrationSubject } from "#emails/registration-confirmed.tsx";
import WaitlistPromotedEmail from "#emails/waitlist-promoted.tsx";

type Template<S extends z.ZodType> = {
  component: ComponentType<z.output<S> & { locale: Lang }>;
  /** Both languages, the preferred one first: the recipient may read either. */
  subject(locale: Lang, props: z.output<S>): string;
  /** Checked before rendering: the props come from the mail queue, i.e. from outside the type system. */
  props: S;
};

// What the event notices (updated, cancelled, reminder) show of an event.
const eventFacts = z.object({
  titleEn: z.string().trim().min(1).max(200),
  titleHi: z.string().trim().min(1).max(200),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  venueName: z.string().trim().min(1).max(200),
  venueAddress: z.string().max(500),
  venueMapUrl: z
    .url({ protocol: /^https$/ })
    .max(500)
    .nullable(),
});

// Checks that an entry's component, subject and schema agree, and keeps the entry's own schema type.
const template = <S extends z.ZodType>(entry: Template<S>) => entry;

// The event (as the notices show it) and the seat, as the registration emails (registration-*.tsx,
// waitlist-promoted.tsx) show them.
const registrationEventProps = eventFacts;
const registrationSeatProps = () =>
  z.object({
    name: z.string().trim().min(1).max(200),
    nameHi: z.string().trim().min(1).max(200).nullable(),
    event: registrationEventProps,
    url: z.url({ protocol: /^https?$/ }),
    passImageUrl: z.url({ protocol: /^https?$/ }),
    googleCalendarUrls: z.object({ hi: z.url({ protocol: /^https$/ }), en: z.url({ protocol: /^https$/ }) }),
    feedUrl: z.url({ protocol: /^https?$/ }),
    webcalUrl: z.string().regex(/^webcal:\/\/\S+$/),
  });

export const templates = {
  "sign-in-link": template({
    component: SignInLinkEmail,
    subject: (locale) => bilingual(locale, "signIn.subject"),
    props: z.object({
      name: z.string().trim().min(1).max(200),
      url: z.url({ protocol: /^https?$/ }),
      expiresInMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
    }),
  }),
  "staff-invite": template({
    component: StaffInviteEmail,
    subject: (locale) => bilingual(locale, "staffInvite.subject"),
    props: z.object({
      name: z.string().trim().min(1).max(200),
      inviterName: z.string().trim().min(1).max(200),
      role: z.enum(["admin", "organiser", "trainer"]),
      scope: z
        .object({
          code: z.string().min(1).max(40),
          level: z.enum(["state", "district", "assembly", "block", "panchayat", "booth"]),
          nameEn: z.string().min(1).max(200),
          nameHi: z.string().min(1).max(200),
        })
        .nullable(),
      url: z.url({ protocol: /^https?$/ }),
      expiresInMinutes: z
        .number()
        .int()
        .min(1)
        .max(30 * 24 * 60),
    }),
  }),
  invitation: template({
    component: InvitationEmail,
    subject: (locale, props) => invitationSubject(locale, props.event),
    props: z.object({
      name: z.string().trim().min(1).max(200),
      nameHi: z.string().trim().min(1).max(200).nullable(),
      event: z.object({
        kind: z.enum(["state_convention", "district_camp", "other"]),
        titleEn: z.string().trim().min(1).max(200),
        titleHi: z.string().trim().min(1).max(200),
        startsAt: z.iso.datetime(),
        endsAt: z.iso.datetime(),
        registrationOpensAt: z.iso.datetime().nullable(),
        registrationClosesAt: z.iso.datetime(),
        venueName: z.string().trim().min(1).max(200),
        venueAddress: z.string().max(500),
        venueMapUrl: z
          .url({ protocol: /^https$/ })
          .max(500)
          .nullable(),
      }),
      committee: z.object({ nameEn: z.string().min(1).max(200), nameHi: z.string().min(1).max(200) }),
      designation: z.object({ nameEn: z.string().min(1).max(100), nameHi: z.string().min(1).max(100) }),
      url: z.url({ protocol: /^https?$/ }),
    }),
  }),
  "event-updated": template({
    component: EventUpdatedEmail,
    subject: eventUpdatedSubject,
    props: z.object({
      name: z.string().trim().min(1).max(200),
      event: eventFacts,
      before: z.object({
        startsAt: z.iso.datetime(),
        endsAt: z.iso.datetime(),
        venueName: z.string().trim().min(1).max(200),
        venueAddress: z.string().max(500),
      }),
      changed: z.object({ time: z.boolean(), venue: z.boolean() }),
      invitationUrl: z.url({ protocol: /^https?$/ }).nullable(),
    }),
  }),
  "event-cancelled": template({
    component: EventCancelledEmail,
    subject: eventCancelledSubject,
    props: z.object({
      name: z.string().trim().min(1).max(200),
      event: eventFacts,
      reason: z.string().max(500),
      registered: z.boolean(),
    }),
  }),
  "event-reminder": template({
    component: EventReminderEmail,
    subject: eventReminderSubject,
    props: z.object({
      name: z.string().trim().min(1).max(200),
      event: eventFacts,
      invitationUrl: z.url({ protocol: /^https?$/ }).nullable(),
    }),
  }),
  "registration-confirmed": template({
    component: RegistrationConfirmedEmail,
    subject: (locale, props) => registrationSubject(locale, "confirmed.subject", props.event),
    props: registrationSeatProps(),
  }),
  "waitlist-promoted": template({
    component: WaitlistPromotedEmail,
    subject: (locale, props) => registrationSubject(locale, "promoted.subject", props.event),
    props: registrationSeatProps(),
  }),
  "registration-cancelled": template({
    component: RegistrationCancelledEmail,
    subject: (locale, props) =>
      registrationSubject(
        locale,
        props.waitlistPosition === null ? "cancelled.subject" : "cancelled.movedSubject",
        props.event,
      ),
    props: z.object({
      name: z.string().trim().min(1).max(200),
      nameHi: z.string().trim().min(1).max(200).nullable(),
      event: registrationEventProps,
      url: z.url({ protocol: /^https?$/ }),
      byOrganiser: z.boolean(),
      waitlistPosition: z.number().int().min(1).nullable(),
      revoked: z.boolean().default(false),
    }),
  }),
};

export type TemplateName = keyof typeof templates;
export type TemplateProps<N extends TemplateName> = z.output<(typeof templates)[N]["props"]>;
