// Every page string in Hindi, in one namespace: each area's strings under its own key (t("units.title")).
// One module per language, so that the browser loads only the language of the page.
import common from "./hi.ts";
import units from "./units/hi.ts";
import committees from "./committees/hi.ts";
import appointees from "./appointees/hi.ts";
import imports from "./imports/hi.ts";
import staff from "./staff/hi.ts";
import events from "./events/hi.ts";
import audience from "./audience/hi.ts";
import registration from "./registration/hi.ts";
import calendar from "./calendar/hi.ts";
import tablet from "./tablet/hi.ts";
import reports from "./reports/hi.ts";
import programmes from "./programmes/hi.ts";

export default {
  ...common,
  units,
  committees,
  appointees,
  imports,
  staff,
  events,
  audience,
  registration,
  calendar,
  tablet,
  reports,
  programmes,
};
