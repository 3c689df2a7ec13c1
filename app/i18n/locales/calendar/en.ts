// English strings of the calendar pages: cancelling an event (t("calendar.…")). hi.ts must carry the same keys.
const en = {
  cancel: {
    title: "Cancel {{title}}",
    heading: "Cancel this event?",
    back: "Back to the event",
    when: "When:",
    where: "Where:",
    draft: "This event is a draft: no one has been invited yet, so no one is emailed.",
    registrants_one:
      "{{count}} registered person gets the cancellation with a calendar update that removes the event from their calendar.",
    registrants_other:
      "{{count}} registered people get the cancellation with a calendar update that removes the event from their calendars.",
    invitees_one:
      "{{count}} other invited person (not answered yet or on the waiting list) gets the cancellation notice.",
    invitees_other:
      "{{count}} other invited people (not answered yet or on the waiting list) get the cancellation notice.",
    withoutEmail_one: "{{count}} person has no email address: please tell them another way.",
    withoutEmail_other: "{{count}} people have no email address: please tell them another way.",
    notTold: "People who declined or cancelled are not emailed.",
    reasonLabel: "Reason (optional)",
    reasonHint: "Shown in the cancellation email exactly as you write it.",
    confirm: "Cancel the event",
    errors: {
      reasonTooLong: "Keep the reason under 500 characters.",
      alreadyCancelled: "This event is already cancelled.",
      completed: "This event has already taken place and cannot be cancelled.",
    },
  },
};

export default en;
export type Messages = typeof en;
