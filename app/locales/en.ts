// English strings. Hindi (hi.ts) must carry the same keys: the type check enforces it.
const en = {
  app: {
    name: "Shivir",
    tagline: "Training camps and conventions for newly formed committees",
    skipToContent: "Skip to main content",
    mainNav: "Main navigation",
    footer: "Dates and times are in Indian Standard Time (IST).",
  },
  language: {
    label: "Language",
    switchTo: "हिन्दी में देखें",
    current: "English",
  },
  level: {
    state: "State",
    district: "District",
    assembly: "Assembly constituency",
    block: "Block",
    panchayat: "Panchayat",
    booth: "Booth",
  },
  levelPlural: {
    state: "States",
    district: "Districts",
    assembly: "Assembly constituencies",
    block: "Blocks",
    panchayat: "Panchayats",
    booth: "Booths",
  },
  home: {
    title: "Organisation at a glance",
    empty: "No organisation units yet. Import the unit tree to begin.",
    topLevelCaption: "{{state}}: districts and their committees",
    unit: "Unit",
    subUnits: "Units below",
    committeesFormed: "Committees formed",
    committeesForming: "Still forming",
    appointees: "Office-bearers",
    stateCommittee: "State committee",
    seatsFilled: "{{filled}} of {{quota}} seats filled",
    status_formed: "Formed",
    status_forming: "Forming",
    updatedAt: "Figures as of {{time}}",
  },
  error: {
    title: "Something went wrong",
    notFoundTitle: "Page not found",
    notFound: "We could not find this page. Check the address, or go back to the home page.",
    generic: "The portal could not complete this request. Please try again in a minute.",
    backHome: "Go to the home page",
    status: "Error {{status}}",
  },
};

export default en;
export type Messages = typeof en;
