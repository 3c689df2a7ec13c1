import { describeLocalePair } from "#tests/support/locale-pair.ts";
import en from "./locales/en.ts";
import hi from "./locales/hi.ts";

// The Hindi page's switch button is written in English on purpose: it is read by those who want English.
describeLocalePair("page translations", en, hi, ["language.switchTo"]);
