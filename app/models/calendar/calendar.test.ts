// The calendar builder, line by line and through two independent parsers: ical.js (what web calendars
// use) and Python's icalendar (Debian python3-icalendar, run as a child process).
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import {
  type BuildIcsInput,
  buildIcs,
  type CalendarEntry,
  googleCalendarUrl,
  parseMailbox,
} from "./calendar.ts";

const organizer = { name: "Shivir", email: "shivir@example.org" };
const attendee = { name: "रमेश शर्मा", email: "ramesh@example.in", locale: "hi" as const };
const now = new Date("2029-12-01T06:00:00Z");
// 10:00 to 18:00 IST.
const entry: CalendarEntry = {
  uid: "event-42@shivir.example.org",
  sequence: 0,
  titleEn: "Jaipur camp, day 1; digital media",
  titleHi: "जयपुर प्रशिक्षण शिविर, दिन 1; डिजिटल मीडिया",
  descriptionEn: "Bring your ID.\nLunch is served.",
  descriptionHi: "अपना पहचान पत्र लाएँ।\nदोपहर का भोजन मिलेगा।",
  venueName: "बिड़ला सभागार",
  venueAddress: "Statue Circle, Jaipur",
  venueMapUrl: "https://maps.example.org/birla",
  startsAt: new Date("2030-01-10T04:30:00Z"),
  endsAt: new Date("2030-01-10T12:30:00Z"),
  url: "https://shivir.example.org/i/Zk3q9V0mXr2TQw7bLp4sYc8nHd1uEa6fGj5oKi0tRxM",
};

const request = (overrides: Partial<BuildIcsInput> = {}) =>
  buildIcs({ method: "REQUEST", organizer, attendee, locale: "hi", entries: [entry], now, ...overrides });

/** The unfolded content lines. */
const lines = (ics: string) => ics.replace(/\r\n[ \t]/g, "").split("\r\n");

type IcalJsEvent = {
  uid: string;
  sequence: number;
  summary: string;
  description: string;
  location: string;
  status: string;
  tzid: string | undefined;
  wall: string;
  utc: string;
  rsvp: unknown;
  attendeeCn: unknown;
};

function parseWithIcalJs(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents("vtimezone"))
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const events: IcalJsEvent[] = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const person = component.getFirstProperty("attendee");
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      description: event.description,
      location: event.location,
      status: String(component.getFirstPropertyValue("status")),
      tzid: event.startDate.zone?.tzid,
      wall: event.startDate.toString(),
      utc: event.startDate.toJSDate().toISOString(),
      rsvp: person?.getParameter("rsvp"),
      attendeeCn: person?.getParameter("cn"),
    };
  });
  return {
    method: calendar.getFirstPropertyValue("method"),
    name: calendar.getFirstPropertyValue("x-wr-calname"),
    timezones: calendar.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid")),
    events,
  };
}

// Reads the calendar from stdin and prints what icalendar understood, as JSON.
const PYTHON_PARSER = `
import json, sys
from datetime import timezone
from icalendar import Calendar

cal = Calendar.from_ical(sys.stdin.buffer.read())
def person(prop):
    if prop is None:
        return None
    return {"value": str(prop), "params": {k: str(v) for k, v in prop.params.items()}}
out = {"method": str(cal.get("method")), "name": str(cal.get("x-wr-calname", "")),
       "timezones": [str(tz.get("tzid")) for tz in cal.walk("VTIMEZONE")], "events": []}
for ev in cal.walk("VEVENT"):
    start = ev.get("dtstart")
    out["events"].append({
        "uid": str(ev.get("uid")), "sequence": int(ev.get("sequence")), "status": str(ev.get("status")),
        "summary": str(ev.get("summary")), "description": str(ev.get("description")),
        "location": str(ev.get("location")), "tzid": start.params.get("TZID"),
        "wall": start.dt.strftime("%Y-%m-%dT%H:%M:%S"),
        "utc": start.dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "organizer": person(ev.get("organizer")), "attendee": person(ev.get("attendee")),
    })
json.dump(out, sys.stdout, ensure_ascii=False)
`;

type PythonEvent = {
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  description: string;
  location: string;
  tzid: string;
  wall: string;
  utc: string;
  organizer: { value: string; params: Record<string, string> } | null;
  attendee: { value: string; params: Record<string, string> } | null;
};

function parseWithPython(ics: string): {
  method: string;
  name: string;
  timezones: string[];
  events: PythonEvent[];
} {
  const result = spawnSync("/usr/bin/python3", ["-c", PYTHON_PARSER], { input: ics, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`python icalendar failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

describe("buildIcs: an invite (METHOD:REQUEST)", () => {
  const ics = request();

  it("has the iTIP lines a calendar needs to file and update it", () => {
    const all = lines(ics);
    expect(all[0]).toBe("BEGIN:VCALENDAR");
    expect(all).toContain("VERSION:2.0");
    expect(all).toContain("METHOD:REQUEST");
    expect(all).toContain("UID:event-42@shivir.example.org");
    expect(all).toContain("SEQUENCE:0");
    expect(all).toContain("DTSTAMP:20291201T060000Z");
    expect(all).toContain("STATUS:CONFIRMED");
    expect(all).toContain('ORGANIZER;CN="Shivir":mailto:shivir@example.org');
    const attendeeLine = all.find((l) => l.startsWith("ATTENDEE"));
    expect(attendeeLine).toBe(
      'ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN="रमेश शर्मा":MAILTO:ramesh@example.in',
    );
    expect(all).toContain(`URL;VALUE=URI:${entry.url}`);
    expect(ics.endsWith("END:VCALENDAR")).toBe(true);
  });

  it("writes the start and end as IST wall time with the Asia/Kolkata VTIMEZONE", () => {
    const all = lines(ics);
    expect(all).toContain("DTSTART;TZID=Asia/Kolkata:20300110T100000");
    expect(all).toContain("DTEND;TZID=Asia/Kolkata:20300110T180000");
    const zone = ics.slice(ics.indexOf("BEGIN:VTIMEZONE"), ics.indexOf("END:VTIMEZONE"));
    expect(zone).toContain("TZID:Asia/Kolkata");
    expect(zone).toContain("TZOFFSETTO:+0530");
    // The zone comes before the event that refers to it.
    expect(ics.indexOf("END:VTIMEZONE")).toBeLessThan(ics.indexOf("BEGIN:VEVENT"));
  });

  it("puts the summary in the attendee's language and the other language below in the description", () => {
    const all = lines(ics);
    expect(all).toContain("SUMMARY:जयपुर प्रशिक्षण शिविर\\, दिन 1\\; डिजिटल मीडिया");
    const english = lines(request({ attendee: { ...attendee, locale: "en" }, locale: "en" }));
    expect(english).toContain("SUMMARY:Jaipur camp\\, day 1\\; digital media");
    const { events } = parseWithIcalJs(ics);
    const description = events[0]!.description;
    expect(description.startsWith(entry.descriptionHi)).toBe(true);
    expect(description.indexOf(entry.descriptionHi)).toBeLessThan(description.indexOf(entry.titleEn));
    expect(description).toContain(entry.descriptionEn);
    expect(description).toContain("स्थान: बिड़ला सभागार, Statue Circle, Jaipur");
    expect(description).toContain(`नक्शा: ${entry.venueMapUrl}`);
    expect(description).toContain(entry.url);
  });

  it("uses CRLF and folds every line at 75 octets without splitting a character", () => {
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const physical = ics.split("\r\n");
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let folded = 0;
    for (const line of physical) {
      const bytes = Buffer.from(line, "utf8");
      expect(bytes.length, line).toBeLessThanOrEqual(75);
      // Each physical line on its own is valid UTF-8: no multi-byte character is cut in two.
      expect(() => decoder.decode(bytes)).not.toThrow();
      if (line.startsWith(" ")) folded++;
    }
    // The Devanagari summary and description are long enough to need folding.
    expect(folded).toBeGreaterThan(3);
  });

  it("is read the same way by ical.js", () => {
    const parsed = parseWithIcalJs(ics);
    expect(parsed.method).toBe("REQUEST");
    expect(parsed.timezones).toEqual(["Asia/Kolkata"]);
    expect(parsed.events).toHaveLength(1);
    const event = parsed.events[0]!;
    expect(event).toMatchObject({
      uid: entry.uid,
      sequence: 0,
      summary: entry.titleHi,
      location: "बिड़ला सभागार, Statue Circle, Jaipur",
      status: "CONFIRMED",
      tzid: "Asia/Kolkata",
      wall: "2030-01-10T10:00:00",
      utc: "2030-01-10T04:30:00.000Z",
      rsvp: "TRUE",
      attendeeCn: "रमेश शर्मा",
    });
  });

  it("is read the same way by Python's icalendar", () => {
    const parsed = parseWithPython(ics);
    expect(parsed.method).toBe("REQUEST");
    expect(parsed.timezones).toEqual(["Asia/Kolkata"]);
    const event = parsed.events[0]!;
    expect(event).toMatchObject({
      uid: entry.uid,
      sequence: 0,
      summary: entry.titleHi,
      status: "CONFIRMED",
      tzid: "Asia/Kolkata",
      wall: "2030-01-10T10:00:00",
      utc: "2030-01-10T04:30:00.000Z",
    });
    expect(event.description).toBe(parseWithIcalJs(ics).events[0]!.description);
    expect(event.organizer).toEqual({ value: "mailto:shivir@example.org", params: { CN: "Shivir" } });
    expect(event.attendee?.value.toLowerCase()).toBe("mailto:ramesh@example.in");
    expect(event.attendee?.params).toMatchObject({ CN: "रमेश शर्मा", RSVP: "TRUE", PARTSTAT: "NEEDS-ACTION" });
  });

  it("refuses what iTIP does not allow: no attendee, several entries, an attendee in a feed", () => {
    expect(() => request({ attendee: undefined })).toThrow(/needs an attendee/);
    expect(() => request({ entries: [entry, { ...entry, uid: "other" }] })).toThrow(/exactly one/);
    expect(() => request({ entries: [] })).toThrow(/exactly one/);
    expect(() => request({ method: "PUBLISH" })).toThrow(/no attendee/);
  });
});

describe("buildIcs: an update and a cancellation", () => {
  const moved: CalendarEntry = {
    ...entry,
    sequence: 1,
    startsAt: new Date("2030-01-11T05:30:00Z"),
    endsAt: new Date("2030-01-11T11:30:00Z"),
  };

  it("updates with the same UID and SEQUENCE + 1, read so by both parsers", () => {
    const first = request();
    const update = request({ entries: [moved] });
    expect(lines(update)).toContain("SEQUENCE:1");
    expect(lines(update)).toContain("DTSTART;TZID=Asia/Kolkata:20300111T110000");
    for (const parse of [parseWithIcalJs, parseWithPython]) {
      const [before, after] = [parse(first).events[0]!, parse(update).events[0]!];
      expect(after.uid).toBe(before.uid);
      expect(after.sequence).toBe(before.sequence + 1);
      expect(after.wall).toBe("2030-01-11T11:00:00");
      expect(after.utc).toBe("2030-01-11T05:30:00.000Z");
    }
  });

  it("cancels with METHOD:CANCEL, STATUS:CANCELLED, the same UID and the raised SEQUENCE, without RSVP", () => {
    const cancel = request({ method: "CANCEL", entries: [{ ...entry, sequence: 2 }] });
    const all = lines(cancel);
    expect(all).toContain("METHOD:CANCEL");
    expect(all).toContain("STATUS:CANCELLED");
    expect(all).toContain(`UID:${entry.uid}`);
    expect(all).toContain("SEQUENCE:2");
    const attendeeLine = all.find((l) => l.startsWith("ATTENDEE"))!;
    expect(attendeeLine).toContain("MAILTO:ramesh@example.in");
    expect(attendeeLine).not.toContain("RSVP");
    const js = parseWithIcalJs(cancel);
    expect(js.method).toBe("CANCEL");
    expect(js.events[0]).toMatchObject({ uid: entry.uid, sequence: 2, status: "CANCELLED" });
    const py = parseWithPython(cancel);
    expect(py.method).toBe("CANCEL");
    expect(py.events[0]).toMatchObject({ uid: entry.uid, sequence: 2, status: "CANCELLED" });
  });
});

describe("buildIcs: the feed (METHOD:PUBLISH)", () => {
  it("lists several entries with their own UIDs, cancelled ones marked, and names the calendar plainly", () => {
    const ics = buildIcs({
      method: "PUBLISH",
      organizer,
      locale: "en",
      calendarName: "Shivir: Sharma, Ramesh; Jaipur",
      entries: [entry, { ...entry, uid: "event-43@shivir.example.org", sequence: 4, cancelled: true }],
      now,
    });
    const all = lines(ics);
    expect(all).toContain("METHOD:PUBLISH");
    expect(all.some((l) => l.startsWith("ATTENDEE"))).toBe(false);
    expect(all).toContain("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
    for (const parsed of [parseWithIcalJs(ics), parseWithPython(ics)]) {
      expect(parsed.method).toBe("PUBLISH");
      expect(parsed.name).toBe("Shivir: Sharma Ramesh Jaipur");
      expect(parsed.events.map((e) => [e.uid, e.sequence, e.status, e.summary])).toEqual([
        [entry.uid, 0, "CONFIRMED", entry.titleEn],
        ["event-43@shivir.example.org", 4, "CANCELLED", entry.titleEn],
      ]);
    }
  });
});

describe("buildIcs: text that must survive exactly", () => {
  it("keeps Devanagari, commas, semicolons, backslashes, quotes, emoji and newlines through both parsers", () => {
    // Deterministic: the same 60 titles on every run, from characters that need escaping or folding care.
    const chars = [..."शिविरप्रशिक्षणजयपुरक्षत्रज्ञ्ँंः़ािीुूेैोौ्।", ..."abcXYZ019 ,;:\\\"'<>", "\n", "😀", "ॐ"];
    const titles = fc.sample(fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: 150 }), {
      numRuns: 60,
      seed: 20261126,
    });
    titles.push("दिन 1, सत्र 2; प्रश्न\\उत्तर\nदूसरी पंक्ति");
    const entries = titles.map((title, i) => ({
      ...entry,
      uid: `title-${i}@shivir`,
      titleHi: title,
      descriptionHi: `${title}\n${title}`,
      venueName: title,
      venueAddress: "",
    }));
    const ics = buildIcs({ method: "PUBLISH", organizer, locale: "hi", entries, now });
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const js = parseWithIcalJs(ics);
    const py = parseWithPython(ics);
    expect(js.events).toHaveLength(titles.length);
    expect(py.events).toHaveLength(titles.length);
    titles.forEach((title, i) => {
      expect(js.events[i]!.summary, JSON.stringify(title)).toBe(title);
      expect(py.events[i]!.summary, JSON.stringify(title)).toBe(title);
      expect(js.events[i]!.location).toBe(title.trim());
      expect(py.events[i]!.location).toBe(title.trim());
      expect(js.events[i]!.description.startsWith(`${title}\n${title}`.trim())).toBe(true);
      expect(py.events[i]!.description).toBe(js.events[i]!.description);
    });
  });

  it("drops control characters and turns CRLF into one line break", () => {
    const ics = request({ entries: [{ ...entry, titleHi: "पहला\r\nदूसरा\u0007\tतीसरा" }] });
    expect(parseWithIcalJs(ics).events[0]!.summary).toBe("पहला\nदूसरा\tतीसरा");
  });

  it("keeps quotes and line breaks out of the attendee's and organiser's CN parameters", () => {
    const ics = request({
      organizer: { name: 'Shivir "Jaipur"', email: "shivir@example.org" },
      attendee: { ...attendee, name: 'रमेश "राजू"\nशर्मा' },
    });
    const parsed = parseWithPython(ics).events[0]!;
    expect(parsed.attendee?.params.CN).toBe("रमेश राजू शर्मा");
    expect(parsed.organizer?.params.CN).toBe("Shivir Jaipur");
    expect(parseWithIcalJs(ics).events[0]!.attendeeCn).toBe("रमेश राजू शर्मा");
  });
});

describe("buildIcs under other server time zones", () => {
  // The builder runs in a child process whose TZ is set, so the process's local clock really differs.
  // A plain Date with a zone (ical-generator's pitfall) is built alongside, to show the child can tell.
  const script = `
    const { buildIcs } = await import("#app/models/calendar/calendar.ts");
    const { default: ical } = await import("ical-generator");
    const entry = JSON.parse(process.env.ENTRY, (k, v) => (k === "startsAt" || k === "endsAt" ? new Date(v) : v));
    const ics = buildIcs({ method: "REQUEST", organizer: ${JSON.stringify(organizer)},
      attendee: ${JSON.stringify(attendee)}, locale: "hi", entries: [entry], now: new Date(${now.getTime()}) });
    const naive = ical();
    naive.createEvent({ id: "x", start: entry.startsAt, end: entry.endsAt, timezone: "Asia/Kolkata", summary: "x" });
    const naiveStart = naive.toString().split("\\r\\n").find((l) => l.startsWith("DTSTART"));
    process.stdout.write(JSON.stringify({
      zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      localHour: entry.startsAt.getHours(),
      ics,
      naiveStart,
    }));`;

  const runIn = (tz: string) => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      env: { ...process.env, TZ: tz, ENTRY: JSON.stringify(entry) },
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(result.stderr);
    return JSON.parse(result.stdout) as { zone: string; localHour: number; ics: string; naiveStart: string };
  };

  it("writes 10:00 IST when the server runs in UTC or in New York", () => {
    const utc = runIn("UTC");
    const newYork = runIn("America/New_York");
    // Each child really ran in its zone: 04:30Z is 04 o'clock in UTC and 23 o'clock the day before in New York.
    expect([utc.zone, utc.localHour]).toEqual(["UTC", 4]);
    expect([newYork.zone, newYork.localHour]).toEqual(["America/New_York", 23]);
    // The naive way gives each server's clock time, so the check below could fail.
    expect(utc.naiveStart).toBe("DTSTART;TZID=Asia/Kolkata:20300110T043000");
    expect(newYork.naiveStart).toBe("DTSTART;TZID=Asia/Kolkata:20300109T233000");
    for (const run of [utc, newYork]) {
      expect(lines(run.ics)).toContain("DTSTART;TZID=Asia/Kolkata:20300110T100000");
      expect(parseWithIcalJs(run.ics).events[0]).toMatchObject({
        wall: "2030-01-10T10:00:00",
        utc: "2030-01-10T04:30:00.000Z",
      });
      expect(parseWithPython(run.ics).events[0]).toMatchObject({
        wall: "2030-01-10T10:00:00",
        utc: "2030-01-10T04:30:00.000Z",
      });
    }
    expect(newYork.ics).toBe(utc.ics);
    expect(utc.ics).toBe(request());
  });
});

describe("googleCalendarUrl", () => {
  it("links Google's event template with UTC times, the title, venue and details in the reader's language", () => {
    const link = googleCalendarUrl(entry, "hi");
    expect(link.startsWith("https://calendar.google.com/calendar/render?action=TEMPLATE&")).toBe(true);
    expect(link).toContain("&dates=20300110T043000Z/20300110T123000Z&");
    expect(link).not.toContain("+");
    const params = new URL(link).searchParams;
    expect(params.get("text")).toBe(entry.titleHi);
    expect(params.get("location")).toBe("बिड़ला सभागार, Statue Circle, Jaipur");
    expect(params.get("ctz")).toBe("Asia/Kolkata");
    const details = params.get("details")!;
    expect(details.startsWith(entry.descriptionHi)).toBe(true);
    expect(details).toContain(entry.url);
    expect(details).toContain(entry.venueMapUrl);
    expect(new URL(googleCalendarUrl(entry, "en")).searchParams.get("text")).toBe(entry.titleEn);
  });

  it("shortens a long description so the link stays usable", () => {
    const long = googleCalendarUrl({ ...entry, descriptionHi: "शिविर ".repeat(2000) }, "hi");
    expect(long.length).toBeLessThan(8000);
    expect(new URL(long).searchParams.get("details")).toContain("…");
  });
});

describe("parseMailbox", () => {
  it.each([
    ["Shivir <shivir@example.org>", { name: "Shivir", email: "shivir@example.org" }],
    ['"Shivir, Jaipur" <a@b.in>', { name: "Shivir, Jaipur", email: "a@b.in" }],
    ["shivir@localhost", { name: "shivir@localhost", email: "shivir@localhost" }],
    ["<x@y.in>", { name: "x@y.in", email: "x@y.in" }],
  ])("%s", (value, expected) => {
    expect(parseMailbox(value)).toEqual(expected);
  });

  it("refuses what is not an address", () => {
    expect(() => parseMailbox("Shivir")).toThrow(/Not an email address/);
  });
});
