// English strings of the trainer's /tablet page (t("tablet.…")); that page loads these and the frame's
// strings only (../tablet-home-en.ts). home.hi.ts must carry the same keys.
const en = {
  title: "Attendance on this tablet",
  intro:
    "Open an event once while the network works: its rosters stay on this tablet. Marks are saved here first and sent on their own when the network allows.",
  noEventsTrainer: "No events today or later where you train a session.",
  noEventsOrganiser: "No published events today or later in your area.",
  yourSession: "your session",
  openRoster: "Open roster",
  pairLink: "Pair this tablet for one event with a code",
};

export default en;
export type HomeMessages = typeof en;
