// English strings of the registration emails; registration.hi.ts carries the same keys.
const en = {
  confirmed: {
    subject: "Registered: {{title}}",
    preview: "Your seat at {{title}} on {{date}} is confirmed. Your check-in pass is inside.",
    heading: "You are registered",
    intro: "Your seat at {{title}} is confirmed.",
  },
  promoted: {
    subject: "A seat for you: {{title}}",
    preview: "A seat became free at {{title}} on {{date}}: you are registered. Your check-in pass is inside.",
    heading: "A seat is free: you are registered",
    intro:
      "A seat became free at {{title}} and you were next on the waitlist. Your seat is now confirmed: you do not need to do anything more.",
  },
  cancelled: {
    subject: "Registration cancelled: {{title}}",
    movedSubject: "Moved to the waitlist: {{title}}",
    preview: "Your registration for {{title}} on {{date}} is cancelled.",
    movedPreview: "You are now number {{position}} on the waitlist of {{title}}.",
    heading: "Your registration is cancelled",
    movedHeading: "You are on the waitlist",
    bySelf:
      "As you asked, your registration for {{title}} is cancelled and your seat has gone to someone else.",
    byOrganiser: "The organisers have cancelled your registration for {{title}}.",
    revoked:
      "The organisers have withdrawn your invitation to {{title}}, so your registration is cancelled and your personal link no longer works. If you think this is a mistake, please contact the organisers.",
    moved:
      "The organisers have moved you from a seat to the waitlist of {{title}}. You are number {{position}}. If a seat becomes free, it is yours automatically and we will email you.",
    calendar: "The attached calendar update removes the event from your calendar.",
    again: "While registration is open you can register again with your personal link:",
    button: "Open my registration",
  },
  greeting: "Hello {{name}},",
  when: "When",
  whenValue: "{{date}}, {{start}} to {{end}} (IST)",
  whenSpan: "{{start}} to {{end}} (IST)",
  where: "Where",
  map: "Open the map",
  passHeading: "Your check-in pass",
  passAlt: "QR code of your check-in pass",
  passHint:
    "Show this code at the entrance, on your phone or printed. It is also on your registration page, where you can print it.",
  passMissing: "If the image does not show, open your registration page: the pass is there.",
  calendarHeading: "Add it to your calendar",
  calendarAttached: "The calendar invite is attached: open it to add the event to your calendar.",
  google: "Add to Google Calendar",
  feed: "Subscribe to your personal calendar",
  feedHint: "Your personal calendar stays up to date with every event you register for.",
  changeHeading: "Change or cancel",
  change:
    "To change your answers, or to cancel if you cannot come after all, open your registration. If you cancel, your seat goes to the next person waiting.",
  button: "Open my registration",
  rawLink: "If the button does not work, copy this link into your browser:",
  forWhom:
    "This link is only for {{name}}. Please do not forward it: anyone with it can change your registration.",
};

export default en;
export type Messages = typeof en;
