// English strings of the tablet's roster page (t("tablet.…")). That page loads these and the frame's strings
// only (../tablet-roster-en.ts); en.ts adds the /tablet page's (home.en.ts), the camera scanner's and walk-in
// form's (panels.en.ts, loaded with those panels), the pairing page's and the organiser's Tablets page's.
// device.hi.ts must carry the same keys. Keys ending in _one/_other are i18next plural forms, picked by the
// `count` variable.
const en = {
  sessionAt: "{{time}}, {{room}}",

  loading: "Loading the roster…",
  notStored: "This roster is not on the tablet yet. Connect to the network once to load it.",
  needsScript: "The tablet roster needs JavaScript. Please use an up-to-date browser.",
  pairedAs: "Tablet: {{name}}",
  sessions: "Sessions",
  present: "Present",
  registered: "Registered",
  invited: "Invited",
  walkIns: "Walk-ins",
  searchLabel: "Search by name (हिन्दी or English) or mobile number",
  filterLabel: "Show",
  filter_all: "Everyone",
  filter_unmarked: "Not yet marked",
  filter_present: "Present",
  includeInvited: "Also show invited people who have not registered",
  committeeCount: "{{present}} present · {{registered}} registered · {{invited}} invited",
  status_registered: "Registered",
  status_waitlisted: "Waitlisted",
  status_declined: "Declined",
  status_cancelled: "Cancelled",
  status_none: "Invited, no answer",
  markedPresent: "Present",
  notMarked: "Not marked",
  noMatches: "No one on the roster matches.",
  rosterUpdated: "Roster from {{time}}",

  sync_idle: "All marks sent",
  sync_syncing: "Sending marks…",
  sync_offline: "Offline: marks are kept on this tablet",
  sync_error: "The server did not answer; trying again",
  "sync_signed-out": "Signed out: sign in again to send the marks",
  sync_revoked: "This tablet's pairing was withdrawn: marks cannot be sent",
  pending_one: "{{count}} mark waiting to sync",
  pending_other: "{{count}} marks waiting to sync",
  refused_one: "{{count}} mark refused by the server",
  refused_other: "{{count}} marks refused by the server",
  signInAgain: "Sign in",

  scan: "Scan pass",
  closeScanner: "Close camera",

  addWalkIn: "Add walk-in",
  walkInsHeading: "Walk-ins, to be checked by an organiser",
};

export default en;
export type DeviceMessages = typeof en;
