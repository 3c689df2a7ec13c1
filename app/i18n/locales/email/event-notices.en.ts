// English strings of the event-notices emails (updated, cancelled, reminder) and of the calendar entries
// (app/models/calendar/calendar.ts); event-notices.hi.ts carries the same keys.
const en = {
  // Inside calendar entries: labels of the description and the name of the private feed.
  ics: {
    venue: "Venue",
    map: "Map",
    invitation: "Your invitation (agenda, pass, changes)",
    timeZone: "Times are Indian Standard Time (IST).",
    calendarName: "Shivir: {{name}}",
    calendarDescription: "The training camps and conventions you registered for in Shivir.",
  },
  // Shared by the three emails.
  greeting: "Hello {{name}},",
  when: "When:",
  where: "Where:",
  map: "Open the map",
  button: "Open your invitation",
  rawLink: "If the button does not work, copy this link into your browser:",
  istNote: "All times are Indian Standard Time (IST).",
  updated: {
    subject: "Changed: {{title}}",
    preview: "{{title}} has changed. Your registration stays as it is.",
    heading: "{{title}} has changed",
    intro:
      "The organisers have changed {{title}}, for which you are registered. Your registration stays as it is.",
    timeLabel: "New time:",
    venueLabel: "New venue:",
    before: "Before: {{value}}",
    other: "Some details of the event have been updated.",
    calendar:
      "The calendar invite attached to this email updates the event in your calendar. If your calendar asks, accept it again.",
    invitationHint: "Your invitation page has the full agenda and your check-in pass.",
  },
  cancelled: {
    subject: "Cancelled: {{title}}",
    preview: "{{title}} has been cancelled.",
    heading: "{{title}} is cancelled",
    intro: "The organisers have cancelled {{title}}, which was planned for {{when}} at {{venue}}.",
    reason: "Reason given by the organisers:",
    registered:
      "Your registration has ended with the event. The calendar update attached to this email removes the event from your calendar.",
    invited: "You were invited to this event. You do not need to do anything.",
    sorry: "We are sorry for the inconvenience.",
  },
  reminder: {
    subject: "Reminder: {{title}} on {{date}}",
    preview: "{{title}} starts on {{when}}.",
    heading: "See you at {{title}}",
    intro: "This is a reminder that {{title}}, for which you are registered, starts soon.",
    bring: "Please bring your check-in pass: it is on your invitation page, on paper or on your phone.",
    cannotCome:
      "If you can no longer come, please cancel your registration on your invitation page, so that someone on the waiting list can take your place.",
  },
};

export default en;
export type Messages = typeof en;
