import { describeLocalePair } from "#tests/support/locale-pair.ts";
import en from "./en.ts";
import hi from "./hi.ts";

describeLocalePair("email translations", en, hi);
