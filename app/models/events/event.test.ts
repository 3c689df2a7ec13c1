import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import {
  askedQuestions,
  canDeleteDraft,
  canMarkCompleted,
  capacityError,
  defaultEventQuestions,
  diffEvent,
  EventFormSchema,
  type EventVersion,
  eventTimeErrors,
  findTrainerClash,
  formatSpan,
  groupSessionsByDay,
  isEditable,
  istDay,
  kindLevelError,
  overlaps,
  parseEventListQuery,
  parseEventQuestions,
  SessionFormSchema,
  sessionCapacityError,
  sessionScheduleChanged,
  sessionsOutside,
  sessionTimeError,
  suggestNextSession,
} from "./event.ts";

const at = (iso: string) => new Date(iso);

/** A form as the browser sends it (Conform reads FormData). */
function form(fields: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) data.append(name, v);
  }
  return data;
}

const validEvent = {
  kind: "district_camp",
  unitId: "12",
  titleEn: "  Jaipur   District Training Camp ",
  titleHi: "जयपुर जिला प्रशिक्षण शिविर",
  descriptionEn: "Line one\nLine two  ",
  venueName: "Birla Auditorium",
  venueAddress: "Statue Circle, Jaipur",
  venueMapUrl: "https://maps.example/birla",
  startsAt: "2026-12-15T10:00",
  endsAt: "2026-12-15T17:00",
  registrationOpensAt: "2026-12-01T09:00",
  registrationClosesAt: "2026-12-13T18:00",
  capacity: "300",
  reminderHours: "24",
  "questions.travelMode": "required",
  "questions.arrivalTime": "optional",
  "questions.needsStay": "off",
  "questions.foodPreference": "optional",
};

describe("the event form", () => {
  it("reads a complete form, with times as IST wall-clock time", () => {
    const result = parseWithZod(form(validEvent), { schema: EventFormSchema });
    expect(result.status).toBe("success");
    if (result.status !== "success") return;
    expect(result.value).toMatchObject({
      kind: "district_camp",
      unitId: 12,
      titleEn: "Jaipur District Training Camp",
      descriptionEn: "Line one\nLine two",
      descriptionHi: "",
      venueMapUrl: "https://maps.example/birla",
      capacity: 300,
      reminderHours: 24,
      questions: {
        travelMode: "required",
        arrivalTime: "optional",
        needsStay: "off",
        foodPreference: "optional",
      },
    });
    // 10:00 IST is 04:30 UTC.
    expect(result.value.startsAt.toISOString()).toBe("2026-12-15T04:30:00.000Z");
    expect(result.value.registrationClosesAt.toISOString()).toBe("2026-12-13T12:30:00.000Z");
  });

  it("drops control characters, keeping the line breaks of a description", () => {
    const result = parseWithZod(
      form({ ...validEvent, titleEn: "Camp\u0000 one", descriptionHi: "पहली\r\nदूसरी\u0000 पंक्ति" }),
      { schema: EventFormSchema },
    );
    expect(result.status === "success" && result.value).toMatchObject({
      titleEn: "Camp one",
      descriptionHi: "पहली\nदूसरी पंक्ति",
    });
  });

  it("leaves the map link and the reminder empty when they are not given", () => {
    const result = parseWithZod(form({ ...validEvent, venueMapUrl: "", reminderHours: "" }), {
      schema: EventFormSchema,
    });
    expect(result.status).toBe("success");
    if (result.status === "success") {
      expect(result.value.venueMapUrl).toBeNull();
      expect(result.value.reminderHours).toBeNull();
    }
  });

  it.each([
    [{ titleHi: "  " }, "titleHi", "events.errors.titleHiRequired"],
    [{ titleEn: "x".repeat(201) }, "titleEn", "events.errors.titleTooLong"],
    [{ venueName: "" }, "venueName", "events.errors.venueNameRequired"],
    [{ venueMapUrl: "http://maps.example/x" }, "venueMapUrl", "events.errors.mapUrlInvalid"],
    [{ venueMapUrl: "javascript:alert(1)" }, "venueMapUrl", "events.errors.mapUrlInvalid"],
    [{ venueMapUrl: "https://maps.example/\u0000x" }, "venueMapUrl", "events.errors.mapUrlInvalid"],
    [{ titleHi: "\u0000\u0007" }, "titleHi", "events.errors.titleHiRequired"],
    [{ startsAt: "2026-02-30T10:00" }, "startsAt", "events.errors.startsAtRequired"],
    [{ endsAt: "tomorrow" }, "endsAt", "events.errors.endsAtRequired"],
    [{ capacity: "0" }, "capacity", "events.errors.capacityInvalid"],
    [{ capacity: "12.5" }, "capacity", "events.errors.capacityInvalid"],
    [{ capacity: "100001" }, "capacity", "events.errors.capacityInvalid"],
    [{ reminderHours: "400" }, "reminderHours", "events.errors.reminderInvalid"],
    [{ kind: "party" }, "kind", "events.errors.kindRequired"],
    [{ unitId: "abc" }, "unitId", "events.errors.unitRequired"],
    [{ "questions.needsStay": "maybe" }, "questions.needsStay", "events.errors.questionModeInvalid"],
    [{ endsAt: "2026-12-15T10:00" }, "endsAt", "events.errors.endsBeforeStart"],
    [
      { registrationClosesAt: "2026-12-01T09:00" },
      "registrationClosesAt",
      "events.errors.registrationClosesBeforeOpens",
    ],
    [
      { registrationClosesAt: "2026-12-15T17:01" },
      "registrationClosesAt",
      "events.errors.registrationClosesAfterEnd",
    ],
  ])("refuses %o with a message on its field", (change, field, message) => {
    const result = parseWithZod(form({ ...validEvent, ...change }), { schema: EventFormSchema });
    expect(result.status).toBe("error");
    expect(result.reply().error?.[field]).toEqual([message]);
  });

  it("checks the event's times like the database does", () => {
    const ok = {
      startsAt: at("2026-12-15T04:30:00Z"),
      endsAt: at("2026-12-15T11:30:00Z"),
      registrationOpensAt: at("2026-12-01T00:00:00Z"),
      registrationClosesAt: at("2026-12-15T11:30:00Z"),
    };
    expect(eventTimeErrors(ok)).toEqual([]);
    expect(eventTimeErrors({ ...ok, endsAt: ok.startsAt }).map((e) => e.message)).toContain(
      "events.errors.endsBeforeStart",
    );
  });
});

const validSession = {
  kind: "expert",
  titleEn: "Social media",
  titleHi: "सोशल मीडिया",
  room: " Hall  B ",
  startsAt: "2026-12-15T11:00",
  endsAt: "2026-12-15T12:30",
  capacity: "",
  required: "on",
  trainerIds: ["7", "3", "7"],
};

describe("the session form", () => {
  it("reads a session with several trainers, once each", () => {
    const result = parseWithZod(form(validSession), { schema: SessionFormSchema });
    expect(result.status).toBe("success");
    if (result.status !== "success") return;
    expect(result.value).toMatchObject({
      kind: "expert",
      room: "Hall B",
      capacity: null,
      required: true,
      trainerIds: [3, 7],
    });
    expect(result.value.startsAt.toISOString()).toBe("2026-12-15T05:30:00.000Z");
  });

  it("reads one trainer, no trainer, and an unticked 'required'", () => {
    const one = parseWithZod(form({ ...validSession, trainerIds: "5", required: [] }), {
      schema: SessionFormSchema,
    });
    expect(one.status === "success" && one.value).toMatchObject({ trainerIds: [5], required: false });
    const none = parseWithZod(form({ ...validSession, trainerIds: [] }), { schema: SessionFormSchema });
    expect(none.status === "success" && none.value.trainerIds).toEqual([]);
  });

  it.each([
    [{ endsAt: "2026-12-15T11:00" }, "endsAt", "events.errors.endsBeforeStart"],
    [{ kind: "lunch" }, "kind", "events.errors.sessionKindRequired"],
    [{ room: "r".repeat(101) }, "room", "events.errors.roomTooLong"],
    [{ capacity: "-3" }, "capacity", "events.errors.sessionCapacityInvalid"],
    [{ trainerIds: ["abc"] }, "trainerIds[0]", "events.errors.trainerInvalid"],
    [
      { trainerIds: Array.from({ length: 11 }, (_, i) => String(i + 1)) },
      "trainerIds",
      "events.errors.tooManyTrainers",
    ],
  ])("refuses %o", (change, field, message) => {
    const result = parseWithZod(form({ ...validSession, ...change }), { schema: SessionFormSchema });
    expect(result.status).toBe("error");
    expect(result.reply().error?.[field]).toEqual([message]);
  });
});

describe("registration questions", () => {
  it("reads stored settings, treating anything unknown as not asked", () => {
    expect(parseEventQuestions({})).toEqual({
      travelMode: "off",
      arrivalTime: "off",
      needsStay: "off",
      foodPreference: "off",
    });
    expect(parseEventQuestions({ travelMode: "required", needsStay: "sometimes", extra: "x" })).toEqual({
      travelMode: "required",
      arrivalTime: "off",
      needsStay: "off",
      foodPreference: "off",
    });
    expect(parseEventQuestions(null)).toEqual(parseEventQuestions({}));
    expect(parseEventQuestions(defaultEventQuestions)).toEqual(defaultEventQuestions);
  });

  it("lists the asked questions in order", () => {
    expect(
      askedQuestions({
        travelMode: "off",
        arrivalTime: "required",
        needsStay: "optional",
        foodPreference: "off",
      }),
    ).toEqual([
      { question: "arrivalTime", required: true },
      { question: "needsStay", required: false },
    ]);
  });
});

describe("sessions and trainers", () => {
  const event = { startsAt: at("2026-12-15T04:30:00Z"), endsAt: at("2026-12-15T11:30:00Z") };

  it("keeps a session inside its event, ending after it starts", () => {
    expect(sessionTimeError(event, event)).toBeNull();
    expect(
      sessionTimeError(event, { startsAt: "2026-12-15T04:00:00Z", endsAt: "2026-12-15T05:00:00Z" }),
    ).toBe("events.errors.sessionOutsideEvent");
    expect(
      sessionTimeError(event, { startsAt: "2026-12-15T11:00:00Z", endsAt: "2026-12-15T11:31:00Z" }),
    ).toBe("events.errors.sessionOutsideEvent");
    expect(
      sessionTimeError(event, { startsAt: "2026-12-15T06:00:00Z", endsAt: "2026-12-15T06:00:00Z" }),
    ).toBe("events.errors.endsBeforeStart");
  });

  it("finds the sessions a new event window would leave out", () => {
    const sessions = [
      { id: 1, startsAt: at("2026-12-15T04:30:00Z"), endsAt: at("2026-12-15T05:30:00Z") },
      { id: 2, startsAt: at("2026-12-15T10:30:00Z"), endsAt: at("2026-12-15T11:30:00Z") },
    ];
    expect(sessionsOutside(event, sessions)).toEqual([]);
    expect(
      sessionsOutside({ ...event, endsAt: at("2026-12-15T11:00:00Z") }, sessions).map((s) => s.id),
    ).toEqual([2]);
  });

  it("counts overlapping times, but not back-to-back sessions", () => {
    const a = { startsAt: "2026-12-15T05:00:00Z", endsAt: "2026-12-15T06:00:00Z" };
    expect(overlaps(a, { startsAt: "2026-12-15T05:59:00Z", endsAt: "2026-12-15T07:00:00Z" })).toBe(true);
    expect(overlaps(a, { startsAt: "2026-12-15T06:00:00Z", endsAt: "2026-12-15T07:00:00Z" })).toBe(false);
    expect(overlaps(a, { startsAt: "2026-12-15T05:15:00Z", endsAt: "2026-12-15T05:30:00Z" })).toBe(true);
  });

  it("finds a trainer booked twice at once, never the session itself", () => {
    const slot = (sessionId: number, start: string, end: string, trainerIds: number[]) => ({
      sessionId,
      startsAt: `2026-12-15T${start}:00Z`,
      endsAt: `2026-12-15T${end}:00Z`,
      trainerIds,
    });
    const others = [slot(1, "05:00", "06:00", [3]), slot(2, "06:00", "07:00", [4, 5])];
    expect(findTrainerClash(slot(9, "05:30", "06:30", [5]), others)).toEqual({ sessionId: 2, trainerId: 5 });
    expect(findTrainerClash(slot(9, "05:30", "06:30", [6]), others)).toBeNull();
    expect(findTrainerClash(slot(1, "05:30", "06:30", [3]), others)).toBeNull();
    expect(findTrainerClash(slot(9, "07:00", "08:00", [4]), others)).toBeNull();
  });

  it("keeps a session's capacity within the event's", () => {
    expect(sessionCapacityError(100, null)).toBeNull();
    expect(sessionCapacityError(100, 100)).toBeNull();
    expect(sessionCapacityError(100, 101)).toBe("events.errors.sessionCapacityAboveEvent");
  });

  it("notices a new time or room of a session", () => {
    const s = { startsAt: "2026-12-15T05:00:00Z", endsAt: "2026-12-15T06:00:00Z", room: "A" };
    expect(sessionScheduleChanged(s, { ...s, startsAt: at("2026-12-15T05:00:00Z") })).toBe(false);
    expect(sessionScheduleChanged(s, { ...s, room: "B" })).toBe(true);
    expect(sessionScheduleChanged(s, { ...s, endsAt: "2026-12-15T06:30:00Z" })).toBe(true);
  });

  it("suggests the next hour after the last session, inside the event", () => {
    expect(suggestNextSession(event, [])).toEqual({
      startsAt: at("2026-12-15T04:30:00Z"),
      endsAt: at("2026-12-15T05:30:00Z"),
    });
    expect(
      suggestNextSession(event, [
        { startsAt: at("2026-12-15T09:00:00Z"), endsAt: at("2026-12-15T11:00:00Z") },
      ]),
    ).toEqual({ startsAt: at("2026-12-15T11:00:00Z"), endsAt: at("2026-12-15T11:30:00Z") });
    // A full agenda: back to the start.
    expect(suggestNextSession(event, [event]).startsAt).toEqual(event.startsAt);
  });

  it("groups the agenda by IST day, in time order", () => {
    const sessions = [
      { id: 3, startsAt: "2026-12-16T04:30:00Z", endsAt: "2026-12-16T05:30:00Z" },
      { id: 1, startsAt: "2026-12-15T04:30:00Z", endsAt: "2026-12-15T05:30:00Z" },
      // 23:30 UTC on the 15th is 05:00 IST on the 16th.
      { id: 2, startsAt: "2026-12-15T23:30:00Z", endsAt: "2026-12-16T00:30:00Z" },
    ];
    expect(groupSessionsByDay(sessions).map((d) => [d.day, d.sessions.map((s) => s.id)])).toEqual([
      ["2026-12-15", [1]],
      ["2026-12-16", [2, 3]],
    ]);
    expect(istDay("2026-12-15T18:29:00Z")).toBe("2026-12-15");
    expect(istDay("2026-12-15T18:30:00Z")).toBe("2026-12-16");
  });
});

describe("event lifecycle rules", () => {
  it("lets drafts and published events change, and keeps the rest as they were", () => {
    expect(isEditable("draft")).toBe(true);
    expect(isEditable("published")).toBe(true);
    expect(isEditable("completed")).toBe(false);
    expect(isEditable("cancelled")).toBe(false);
  });

  it("completes only a published event that has ended", () => {
    const now = at("2026-12-15T12:00:00Z");
    expect(canMarkCompleted({ status: "published", endsAt: "2026-12-15T11:30:00Z" }, now)).toBe(true);
    expect(canMarkCompleted({ status: "published", endsAt: "2026-12-15T12:30:00Z" }, now)).toBe(false);
    expect(canMarkCompleted({ status: "draft", endsAt: "2026-12-15T11:30:00Z" }, now)).toBe(false);
    expect(canMarkCompleted({ status: "cancelled", endsAt: "2026-12-15T11:30:00Z" }, now)).toBe(false);
  });

  it("deletes only drafts that invited no one", () => {
    expect(canDeleteDraft({ status: "draft" }, 0)).toBe(true);
    expect(canDeleteDraft({ status: "draft" }, 1)).toBe(false);
    expect(canDeleteDraft({ status: "published" }, 0)).toBe(false);
  });

  it("keeps capacity at or above the people registered", () => {
    expect(capacityError(10, 10)).toBeNull();
    expect(capacityError(9, 10)).toBe("events.errors.capacityBelowRegistered");
  });

  it("reads the list filter, ignoring nonsense", () => {
    expect(parseEventListQuery(new URLSearchParams("status=published&page=2"))).toEqual({
      status: "published",
      page: 2,
    });
    expect(parseEventListQuery(new URLSearchParams("status=gone&page=-1"))).toEqual({
      status: undefined,
      page: 1,
    });
  });
});

describe("the levels each kind of event is held for", () => {
  it("holds a state convention for the state and a district camp for a district", () => {
    expect(kindLevelError("state_convention", "state")).toBeNull();
    expect(kindLevelError("state_convention", "district")).toBe(
      "events.errors.unitLevelFor_state_convention",
    );
    expect(kindLevelError("district_camp", "district")).toBeNull();
    expect(kindLevelError("district_camp", "state")).toBe("events.errors.unitLevelFor_district_camp");
    expect(kindLevelError("district_camp", "assembly")).toBe("events.errors.unitLevelFor_district_camp");
  });

  it("holds any other event for a state, district or assembly unit, never a booth", () => {
    for (const level of ["state", "district", "assembly"]) expect(kindLevelError("other", level)).toBeNull();
    expect(kindLevelError("other", "booth")).toBe("events.errors.unitLevel");
    expect(kindLevelError("district_camp", "booth")).toBe("events.errors.unitLevel");
  });
});

describe("what changed between two versions of an event", () => {
  const before: EventVersion = {
    kind: "district_camp",
    unitId: 12,
    titleEn: "Camp",
    titleHi: "शिविर",
    descriptionEn: "",
    descriptionHi: "",
    venueName: "Hall",
    venueAddress: "Road 1",
    venueMapUrl: null,
    startsAt: "2026-12-15T04:30:00.000Z",
    endsAt: "2026-12-15T11:30:00.000Z",
    registrationOpensAt: "2026-12-01T00:00:00.000Z",
    registrationClosesAt: "2026-12-13T00:00:00.000Z",
    capacity: 100,
    reminderHours: 24,
    questions: { ...defaultEventQuestions },
  };

  it("sees nothing when only the representation of a time differs", () => {
    const diff = diffEvent(before, { ...before, startsAt: at("2026-12-15T04:30:00Z") });
    expect(diff).toEqual({ fields: [], time: false, venue: false, reminders: false, capacityRaised: false });
  });

  it("tells time, venue, reminder and capacity changes apart", () => {
    expect(diffEvent(before, { ...before, endsAt: "2026-12-15T12:30:00.000Z" })).toMatchObject({
      fields: ["endsAt"],
      time: true,
      venue: false,
      reminders: false,
    });
    expect(diffEvent(before, { ...before, startsAt: "2026-12-15T05:30:00.000Z" })).toMatchObject({
      time: true,
      reminders: true,
    });
    expect(diffEvent(before, { ...before, venueMapUrl: "https://maps.example/x" })).toMatchObject({
      fields: ["venueMapUrl"],
      time: false,
      venue: true,
    });
    expect(diffEvent(before, { ...before, reminderHours: null })).toMatchObject({
      time: false,
      reminders: true,
    });
    expect(diffEvent(before, { ...before, capacity: 150 })).toMatchObject({
      fields: ["capacity"],
      capacityRaised: true,
    });
    expect(diffEvent(before, { ...before, capacity: 50 }).capacityRaised).toBe(false);
    const titleOnly = diffEvent(before, {
      ...before,
      titleHi: "नया शिविर",
      questions: { ...before.questions, needsStay: "required" },
    });
    expect(titleOnly).toEqual({
      fields: ["titleHi", "questions"],
      time: false,
      venue: false,
      reminders: false,
      capacityRaised: false,
    });
  });
});

describe("showing times", () => {
  it("writes a span in IST, with the date once when it stays within one day", () => {
    expect(formatSpan("2026-12-15T04:30:00Z", "2026-12-15T11:30:00Z", "en")).toBe(
      "15 Dec 2026, 10:00 am – 5:00 pm",
    );
    expect(formatSpan("2026-12-15T04:30:00Z", "2026-12-16T11:30:00Z", "en")).toBe(
      "15 Dec 2026, 10:00 am – 16 Dec 2026, 5:00 pm",
    );
    expect(formatSpan("2026-12-15T04:30:00Z", "2026-12-15T11:30:00Z", "hi")).toBe(
      "15 दिसंबर 2026, सुबह 10:00 से शाम 5:00 तक",
    );
    expect(formatSpan("2026-12-15T04:30:00Z", "2026-12-16T11:30:00Z", "hi")).toBe(
      "15 दिसंबर 2026, सुबह 10:00 से 16 दिसंबर 2026, शाम 5:00 तक",
    );
  });
});
