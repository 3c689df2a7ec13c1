// English strings of the invitation emails; invitation.hi.ts carries the same keys.
const en = {
  subject: "Invitation: {{title}}",
  preview: "You are invited to {{title}} on {{date}}. Please register or decline with your personal link.",
  heading: "You are invited",
  greeting: "Hello {{name}},",
  intro: "As {{designation}} of {{committee}}, you are invited to {{title}}.",
  kind: {
    state_convention: "State convention",
    district_camp: "District training camp",
    other: "Event",
  },
  when: "When",
  whenValue: "{{date}}, {{start}} to {{end}} (IST)",
  whenSpan: "{{start}} to {{end}} (IST)",
  where: "Where",
  map: "Open the map",
  registerBy: "Please answer by",
  registrationOpens: "Registration opens on {{date}}; the link shows the event until then.",
  button: "Open my invitation",
  action:
    "Use the button to register, or to say that you cannot come. You can change your answer later with the same link.",
  declineHint:
    "If you cannot come, please say so on the same page, so that your seat can go to someone else.",
  forWhom: "This link is only for {{name}}. Please do not forward it: anyone with it can answer for you.",
  rawLink: "If the button does not work, copy this link into your browser:",
};

export default en;
export type Messages = typeof en;
