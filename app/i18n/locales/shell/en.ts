// English strings every page's frame uses: the header, the menu, the mail alarm and the error pages. Pages
// that load a small strings bundle (i18n/strings.ts) load these and their own; ../en.ts adds the rest of
// the shared strings. hi.ts must carry the same keys.
const en = {
  app: {
    name: "Shivir",
    tagline: "Training camps and conventions for newly formed committees",
    skipToContent: "Skip to main content",
    mainNav: "Main navigation",
    menu: "Menu",
    footer: "Dates and times are in Indian Standard Time (IST).",
  },
  language: {
    label: "Language",
    switchTo: "हिन्दी में देखें",
    current: "English",
  },
  nav: {
    units: "Organisation",
    appointees: "Office-bearers",
    imports: "Import",
    events: "Events",
    staff: "Staff",
    tablet: "Attendance",
    dashboard: "Dashboard",
    reports: "Reports",
    programmes: "Programmes",
  },
  auth: {
    signOut: "Sign out",
    signIn: "Sign in",
    signedInAs: "Signed in as {{name}}",
    forbidden: "You do not have access to this page.",
  },
  outbox: {
    title: "Outbox",
  },
  mailAlarm: {
    stuck: "Mail is stuck: messages have waited more than {{minutes}} minutes to be sent. Check the outbox.",
    failing: "Mail is failing: {{count}} messages failed in the last 30 minutes. Check the outbox.",
    openOutbox: "Open the outbox",
  },
  error: {
    title: "Something went wrong",
    notFoundTitle: "Page not found",
    notFound: "We could not find this page. Check the address, or go back to the home page.",
    generic: "The portal could not complete this request. Please try again in a minute.",
    backHome: "Go to the home page",
    status: "Error {{status}}",
    forbiddenTitle: "No access",
  },
};

export default en;
export type ShellMessages = typeof en;
