// Calendar output: one pure function turns events (or sessions) into an iCalendar object for an invite
// (METHOD:REQUEST), a cancellation (METHOD:CANCEL) or the private feed (METHOD:PUBLISH), plus the
// "Add to Google Calendar" link. No database here; callers map rows to CalendarEntry.
//
// Server-side only in practice: the VTIMEZONE generator reads its zone file from disk, so call these
// from loaders and jobs, not from components.
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from "ical-generator";
import { DateTime } from "luxon";
import { emailT, type Lang, otherLang } from "#emails/_components/t.ts";
import { localized } from "#app/i18n/localized.ts";

export const CALENDAR_TIME_ZONE = "Asia/Kolkata";

export type CalendarMethod = "REQUEST" | "CANCEL" | "PUBLISH";

export type CalendarEntry = {
  /** Stable for the life of the event or session (events.ical_uid). */
  uid: string;
  /** events.ical_sequence: the caller raises it before sending an update or a cancellation. */
  sequence: number;
  titleEn: string;
  titleHi: string;
  descriptionEn: string;
  descriptionHi: string;
  venueName: string;
  venueAddress: string;
  venueMapUrl: string | null;
  startsAt: Date;
  endsAt: Date;
  /** The person's invitation page. */
  url?: string;
  /** Shown with STATUS:CANCELLED (in a feed: the event or the registration was cancelled). */
  cancelled?: boolean;
};

export type Mailbox = { name: string; email: string };

export type BuildIcsInput = {
  method: CalendarMethod;
  organizer: Mailbox;
  /** Required for REQUEST and CANCEL (iTIP addresses one person); never given for PUBLISH. */
  attendee?: Mailbox & { locale: Lang };
  /** The language of summaries and descriptions; with an attendee, the attendee's language wins. */
  locale: Lang;
  entries: CalendarEntry[];
  /** The feed's name (X-WR-CALNAME), for PUBLISH. */
  calendarName?: string;
  /** DTSTAMP; defaults to now. Tests pass a fixed moment. */
  now?: Date;
};

const methods: Record<CalendarMethod, ICalCalendarMethod> = {
  REQUEST: ICalCalendarMethod.REQUEST,
  CANCEL: ICalCalendarMethod.CANCEL,
  PUBLISH: ICalCalendarMethod.PUBLISH,
};

// How often a subscribed calendar should fetch the feed again (REFRESH-INTERVAL / X-PUBLISHED-TTL).
const FEED_REFRESH_SECONDS = 60 * 60;

/**
 * The iCalendar text (CRLF lines, folded at 75 octets) for one attendee's invite or cancellation, or for
 * a feed. REQUEST and CANCEL carry exactly one entry: iTIP allows several components in one object only
 * for instances of the same UID.
 */
export function buildIcs(input: BuildIcsInput): string {
  const { method, organizer, attendee, entries } = input;
  if (method !== "PUBLISH") {
    if (!attendee) throw new Error(`METHOD:${method} needs an attendee`);
    if (entries.length !== 1) throw new Error(`METHOD:${method} carries exactly one entry`);
  } else if (attendee) {
    throw new Error("METHOD:PUBLISH has no attendee");
  }
  const lang = attendee?.locale ?? input.locale;
  const calendar = ical({
    prodId: { company: "Shivir", product: "Shivir", language: "EN" },
    method: methods[method],
  });
  // No calendar-level zone name: with one, ical-generator writes DTSTAMP in the server's local clock
  // without "Z". Each event carries the zone; the generator adds its VTIMEZONE once.
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  if (method === "PUBLISH") {
    if (input.calendarName) calendar.name(headerText(input.calendarName));
    calendar.description(headerText(emailT(lang)("eventNotices.ics.calendarDescription")));
    calendar.ttl(FEED_REFRESH_SECONDS);
  }
  const stamp = input.now ?? new Date();
  for (const entry of entries) {
    const cancelled = method === "CANCEL" || entry.cancelled === true;
    const event = calendar.createEvent({
      id: entry.uid,
      sequence: entry.sequence,
      stamp,
      // Luxon DateTimes in IST: a plain Date with a zone would be written in the server's clock time.
      start: DateTime.fromJSDate(entry.startsAt, { zone: CALENDAR_TIME_ZONE }),
      end: DateTime.fromJSDate(entry.endsAt, { zone: CALENDAR_TIME_ZONE }),
      timezone: CALENDAR_TIME_ZONE,
      summary: plainText(title(entry, lang)),
      description: plainText(description(entry, lang)),
      location: plainText(location(entry)),
      organizer: { name: parameterText(organizer.name), email: organizer.email },
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      url: entry.url ?? null,
    });
    if (attendee) {
      event.createAttendee({
        name: parameterText(attendee.name),
        email: attendee.email,
        role: ICalAttendeeRole.REQ,
        // A request asks for an answer; a cancellation only informs.
        ...(method === "REQUEST" ? { rsvp: true, status: ICalAttendeeStatus.NEEDSACTION } : {}),
      });
    }
  }
  return calendar.toString();
}

function title(entry: CalendarEntry, lang: Lang): string {
  return localized(entry, "title", lang);
}

/** The description in the reader's language, where and how, then the title and text in the other one. */
function description(entry: CalendarEntry, lang: Lang): string {
  const t = emailT(lang);
  const other = otherLang(lang);
  const own: string = localized(entry, "description", lang);
  const theirs: string = localized(entry, "description", other);
  const lines = [
    own.trim(),
    "",
    `${t("eventNotices.ics.venue")}: ${location(entry)}`,
    entry.venueMapUrl ? `${t("eventNotices.ics.map")}: ${entry.venueMapUrl}` : null,
    entry.url ? `${t("eventNotices.ics.invitation")}: ${entry.url}` : null,
    t("eventNotices.ics.timeZone"),
    "",
    "———",
    title(entry, other),
    theirs.trim(),
  ];
  return lines
    .filter((line): line is string => line !== null)
    .join("\n")
    .trim();
}

function location(entry: CalendarEntry): string {
  const address = entry.venueAddress.trim();
  return address ? `${entry.venueName.trim()}, ${address}` : entry.venueName.trim();
}

/**
 * TEXT values may hold any character but controls other than tab; line breaks become "\n" (escaped by
 * ical-generator), so CRLF and CR are normalised to LF first.
 */
function plainText(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return value.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

/**
 * A name inside a quoted parameter (CN="…"): RFC 5545 allows no DQUOTE or control character there and
 * no escapes (ical-generator's backslashes would be read literally), so they are dropped.
 */
function parameterText(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const cleaned = value.replace(/[\u0000-\u001f\u007f"\\]/g, " ");
  return cleaned.replace(/\s+/g, " ").trim() || "-";
}

/**
 * The feed's name and description: ical-generator writes NAME, X-WR-CALNAME and X-WR-CALDESC as given,
 * and clients read the X- ones without unescaping, so characters that would need escaping are left out.
 */
function headerText(value: string): string {
  return value.replace(/[\\;,\s]+/g, " ").trim();
}

/** "Shivir <shivir@example.org>" or a bare address, as MAIL_FROM is written. */
export function parseMailbox(value: string): Mailbox {
  const match = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (match) {
    const name = match[1]!.replace(/^"(.*)"$/, "$1").trim();
    return { name: name || match[2]!, email: match[2]! };
  }
  const email = value.trim();
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(email)) throw new Error(`Not an email address: "${value}"`);
  return { name: email, email };
}

// Percent-encoded Devanagari takes 9 characters per letter: keep Google's link well under URL limits.
const GOOGLE_DETAILS_MAX = 600;

/**
 * Google's "add event" link: UTC times, the title and description in the reader's language (the
 * description shortened), the venue, map and invitation link.
 */
export function googleCalendarUrl(entry: CalendarEntry, locale: Lang): string {
  const utc = (date: Date) => DateTime.fromJSDate(date, { zone: "utc" }).toFormat("yyyyLLdd'T'HHmmss'Z'");
  const t = emailT(locale);
  const ownText: string = localized(entry, "description", locale);
  const own = [...ownText.trim()];
  const details = [
    own.length > GOOGLE_DETAILS_MAX ? `${own.slice(0, GOOGLE_DETAILS_MAX).join("")}…` : own.join(""),
    entry.venueMapUrl ? `${t("eventNotices.ics.map")}: ${entry.venueMapUrl}` : null,
    entry.url ? `${t("eventNotices.ics.invitation")}: ${entry.url}` : null,
  ]
    .filter((line): line is string => Boolean(line))
    .join("\n\n");
  const params: [string, string][] = [
    ["action", "TEMPLATE"],
    ["text", title(entry, locale)],
    ["dates", `${utc(entry.startsAt)}/${utc(entry.endsAt)}`],
    ["details", details],
    ["location", location(entry)],
    ["ctz", CALENDAR_TIME_ZONE],
  ];
  // encodeURIComponent: spaces as %20, not the form encoding's "+"; "/" may stay as it is in a query.
  const query = params
    .map(([key, value]) => `${key}=${encodeURIComponent(value).replace(/%2F/g, "/")}`)
    .join("&");
  return `https://calendar.google.com/calendar/render?${query}`;
}
