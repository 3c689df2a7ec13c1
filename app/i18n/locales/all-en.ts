// Every page string in English, in one namespace: each area's strings under its own key (t("units.title")).
// One module per language, so that the browser loads only the language of the page.
import common from "./en.ts";
import units from "./units/en.ts";
import committees from "./committees/en.ts";
import appointees from "./appointees/en.ts";
import imports from "./imports/en.ts";
import staff from "./staff/en.ts";
import events from "./events/en.ts";
import audience from "./audience/en.ts";
import registration from "./registration/en.ts";
import calendar from "./calendar/en.ts";
import tablet from "./tablet/en.ts";
import reports from "./reports/en.ts";
import programmes from "./programmes/en.ts";

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
