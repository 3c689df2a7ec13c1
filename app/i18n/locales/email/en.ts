import invitationEn from "./invitation.en.ts";
import eventNoticesEn from "./event-notices.en.ts";
import registrationEn from "./registration.en.ts";
// English strings of every email. Hindi (hi.ts) must carry the same keys: the type check enforces it.
// Keys ending in _one/_other are i18next plural forms, picked by the `count` variable.
const en = {
  layout: {
    name: "Shivir",
    // Shown at the top, in the other language, for the reader who prefers it.
    versionBelow: "The English version of this email is below.",
    footerReason:
      "You receive this email because your organisation registered this address in Shivir, its training portal.",
  },
  signIn: {
    subject: "Sign in to Shivir",
    preview_one: "Your Shivir sign-in link. It expires in {{count}} minute.",
    preview_other: "Your Shivir sign-in link. It expires in {{count}} minutes.",
    heading: "Sign in to Shivir",
    greeting: "Hello {{name}},",
    intro: "We received a request to sign in to your Shivir staff account. Use the button below to sign in.",
    forWhom: "This link is for {{name}} only. Please do not forward it to anyone.",
    button: "Sign in",
    rawLink: "If the button does not work, copy this link into your browser:",
    expiry_one: "The link expires in {{count}} minute and works only once.",
    expiry_other: "The link expires in {{count}} minutes and works only once.",
    ignore:
      "If you did not ask to sign in, you can ignore this email. No one can sign in to your account without this link.",
  },
  staffInvite: {
    subject: "You are invited to Shivir",
    preview: "{{inviter}} invited you to Shivir, your organisation's training portal.",
    heading: "Welcome to Shivir",
    greeting: "Hello {{name}},",
    invitedBy:
      "{{inviter}} has created a staff account for you in Shivir, your organisation's training portal.",
    roleLabel: "Your role:",
    role_admin: "administrator. You can see and change the whole organisation and manage staff accounts.",
    role_organiser: "organiser.",
    role_trainer: "trainer. You mark attendance at training sessions.",
    scoped_organiser: "organiser for {{unit}}. You can see and change this unit and every unit below it.",
    scoped_trainer: "trainer for {{unit}}. You mark attendance at its training sessions.",
    unit: "{{name}} ({{level}}, code {{code}})",
    level: {
      state: "state",
      district: "district",
      assembly: "assembly constituency",
      block: "block",
      panchayat: "panchayat",
      booth: "booth",
    },
    intro:
      "Press the button below to sign in for the first time. No password is needed: whenever you want to sign in, Shivir emails you a link.",
    button: "Sign in to Shivir",
    expiry: "This link works only once and expires in {{expiry}}.",
    expiryDays_one: "{{count}} day",
    expiryDays_other: "{{count}} days",
    expiryHours_one: "{{count}} hour",
    expiryHours_other: "{{count}} hours",
    expiryMinutes_one: "{{count}} minute",
    expiryMinutes_other: "{{count}} minutes",
    forWhom: "This link is for {{name}} only. Please do not forward it to anyone.",
    rawLink: "If the button does not work, copy this link into your browser:",
    later:
      "Once the link has been used or has expired, you can ask for a new one at any time on the Shivir sign-in page with this email address.",
    ignore: "If you did not expect this invitation, you can ignore this email or tell {{inviter}}.",
  },
  invitation: invitationEn,
  eventNotices: eventNoticesEn,
  registration: registrationEn,
};

export default en;
export type Messages = typeof en;
