import { describeLocalePair } from "#tests/support/locale-pair.ts";
import { resources } from "./resources.ts";

// The Hindi page's switch button is written in English on purpose: it is read by those who want English.
// A session's "time, room" holds only placeholders: both values come from the data.
describeLocalePair("page translations", resources.en.translation, resources.hi.translation, [
  "language.switchTo",
  "tablet.sessionAt",
]);
