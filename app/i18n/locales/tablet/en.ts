// English strings of the trainer's tablet, tablet pairing and the organiser's Tablets page (t("tablet.…")).
// hi.ts must carry the same keys. The tablet's own pages load only their part: the roster device.en.ts, the
// /tablet page home.en.ts, the roster's panels panels.en.ts when opened (../../strings.ts); here the pairing
// page (rendered on the server only) and the Tablets page add theirs. Keys ending in _one/_other are
// i18next plural forms, picked by `count`.
import device from "./device.en.ts";
import home from "./home.en.ts";
import panels from "./panels.en.ts";

const en = {
  ...home,
  ...device,
  ...panels,

  pairTitle: "Pair this tablet",
  pairIntro:
    "An organiser shows a pairing code on the event's Tablets page. Type it here and this tablet can mark attendance at that event, without anyone signing in.",
  codeLabel: "Pairing code",
  codeHint: "8 letters and digits, e.g. ABCD-EF23",
  pairButton: "Pair tablet",
  revoked: "This tablet's pairing was withdrawn by an organiser. Ask for a new code to use it again.",

  tabletsTitle: "Tablets and attendance",
  tabletsIntro:
    "Pair a tablet to let it mark attendance at this event's sessions without anyone signing in on it. Trainers can also sign in on any tablet with their own email link.",
  backToEvent: "Back to the event",
  openTabletView: "Open the tablet roster here",
  newTablet: "Pair a new tablet",
  nameLabel: "Name of the tablet",
  nameHint: "So you know which one it is, e.g. Hall A, desk 1",
  createCode: "Show a pairing code",
  codeFor: "Pairing code for “{{name}}”",
  codeHelp:
    "On the tablet, open {{url}} and type this code, or scan the QR code with the tablet's camera. The code works once, until {{time}}.",
  devicesHeading: "Paired tablets",
  noDevices: "No tablet has been paired for this event.",
  deviceName: "Tablet",
  pairedAt: "Paired",
  lastSeen: "Last seen",
  never: "Never",
  deviceStatus: "Status",
  active: "Active",
  revokedAt: "Withdrawn {{time}}",
  revoke: "Withdraw",
  liveHeading: "Attendance now",
  liveHelp: "Updates every few seconds while this page is open.",
  session: "Session",
  committee: "Committee",
  total: "All committees",
  noSessions: "This event has no sessions yet.",
  walkInsListHeading: "Walk-ins",
  noWalkIns: "No walk-ins so far.",
  phone: "Mobile",
  match: "Appointee with this number",
  noMatch: "None: add them as an appointee first if they belong to a committee.",
  verify: "Confirm it is {{name}}",
  verified: "Confirmed: {{name}}",
  maskedPerson: "{{initials}}, mobile {{phone}}",
  outsideScope: "outside your area: name and contact details are hidden",
  done_paired: "The pairing code is ready.",
  done_revoked: "The tablet can no longer mark attendance.",
  done_verified: "The walk-in is linked to the appointee.",

  errors: {
    codeInvalid: "This code is not valid or has expired. Each code works once, for 10 minutes.",
    rateLimited: "Too many tries from this tablet. Please wait a few minutes.",
    nameRequired: "Give the tablet a name.",
    nameTooLong: "Keep the name under 100 characters.",
    nameInvalid: "Use letters, digits, spaces and punctuation only.",
    deviceNotFound: "That tablet is not paired for this event any more.",
    walkInNotFound: "That walk-in was already checked or no longer matches.",
    unknownAction: "That action is not known. Please reload the page.",
  },
};

export default en;
export type Messages = typeof en;
