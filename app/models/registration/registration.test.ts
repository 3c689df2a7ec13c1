import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EventQuestions } from "#app/models/events/event.ts";
import {
  answerFormValues,
  answersSchema,
  filterQuery,
  linkActions,
  linkExpired,
  linkPhase,
  OrganiserActionSchema,
  parseRegistrationFilter,
  parseStoredAnswers,
  promotesWaitlist,
  reorderWaitlist,
} from "./registration.ts";

const HOUR = 3_600_000;
const now = new Date("2030-01-01T06:30:00Z");
const at = (hours: number) => new Date(now.getTime() + hours * HOUR);
const event = (overrides: Partial<Parameters<typeof linkPhase>[0]> = {}) => ({
  status: "published" as const,
  registrationOpensAt: at(-24),
  registrationClosesAt: at(24),
  startsAt: at(48),
  endsAt: at(56),
  ...overrides,
});

describe("the phase of an event for its invitees", () => {
  it.each([
    ["open", event()],
    ["notYetOpen", event({ registrationOpensAt: at(1) })],
    ["closed", event({ registrationClosesAt: at(-1) })],
    ["started", event({ registrationClosesAt: at(-2), startsAt: at(-1) })],
    ["over", event({ registrationClosesAt: at(-3), startsAt: at(-2), endsAt: at(-1) })],
    ["over", event({ status: "completed" })],
    ["cancelled", event({ status: "cancelled" })],
  ] as const)("%s", (phase, e) => {
    expect(linkPhase(e, now)).toBe(phase);
  });

  it("opens exactly at the opening moment and closes exactly at the closing one", () => {
    expect(linkPhase(event({ registrationOpensAt: now }), now)).toBe("open");
    expect(linkPhase(event({ registrationClosesAt: now }), now)).toBe("closed");
  });

  it("hides drafts and links of events long past", () => {
    expect(linkExpired(event({ status: "draft" }), now)).toBe(true);
    expect(linkExpired(event({ endsAt: at(-24 * 30 + 1) }), now)).toBe(false);
    expect(linkExpired(event({ endsAt: at(-24 * 30 - 1) }), now)).toBe(true);
    expect(linkExpired(event(), now)).toBe(false);
  });

  it("promotes the waitlist until the event starts, never for a cancelled event", () => {
    expect(promotesWaitlist(event({ registrationClosesAt: at(-1) }), now)).toBe(true);
    expect(promotesWaitlist(event({ startsAt: at(-1), registrationClosesAt: at(-2) }), now)).toBe(false);
    expect(promotesWaitlist(event({ status: "cancelled" }), now)).toBe(false);
  });
});

describe("what a link allows", () => {
  it("registers or declines only while open, and only without a seat or place", () => {
    expect(linkActions("open", null)).toEqual({
      register: true,
      decline: true,
      change: false,
      cancel: false,
    });
    expect(linkActions("open", "declined")).toEqual({
      register: true,
      decline: false,
      change: false,
      cancel: false,
    });
    expect(linkActions("open", "cancelled").register).toBe(true);
    expect(linkActions("open", "registered")).toEqual({
      register: false,
      decline: false,
      change: true,
      cancel: true,
    });
    expect(linkActions("notYetOpen", null)).toEqual({
      register: false,
      decline: false,
      change: false,
      cancel: false,
    });
  });

  it("keeps change and cancel after registration closed, until the start", () => {
    expect(linkActions("closed", "waitlisted")).toEqual({
      register: false,
      decline: false,
      change: true,
      cancel: true,
    });
    expect(linkActions("closed", null).register).toBe(false);
    for (const phase of ["started", "over", "cancelled"] as const) {
      expect(Object.values(linkActions(phase, "registered")).some(Boolean), phase).toBe(false);
    }
  });
});

const allRequired: EventQuestions = {
  travelMode: "required",
  arrivalTime: "required",
  needsStay: "required",
  foodPreference: "required",
};
const window = { startsAt: "2030-01-10T04:30:00.000Z", endsAt: "2030-01-10T12:30:00.000Z" };

describe("answers to an event's questions", () => {
  it("turns form values into stored answers, arrival as an IST instant", () => {
    const result = answersSchema(allRequired, window).safeParse({
      travelMode: "train",
      arrivalTime: "2030-01-10T09:15",
      needsStay: "no",
      foodPreference: "jain",
    });
    expect(result.success && result.data).toEqual({
      travelMode: "train",
      arrivalTime: "2030-01-10T03:45:00.000Z",
      needsStay: false,
      foodPreference: "jain",
    });
  });

  it("names every missing required answer", () => {
    const result = answersSchema(allRequired, window).safeParse({});
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => `${i.path.join(".")}:${i.message}`).sort();
    expect(messages).toEqual([
      "arrivalTime:registration.errors.arrivalRequired",
      "foodPreference:registration.errors.foodPreferenceRequired",
      "needsStay:registration.errors.needsStayRequired",
      "travelMode:registration.errors.travelModeRequired",
    ]);
  });

  it("lets optional questions be skipped and drops questions that are off", () => {
    const questions: EventQuestions = {
      travelMode: "off",
      arrivalTime: "optional",
      needsStay: "optional",
      foodPreference: "off",
    };
    const result = answersSchema(questions, window).safeParse({
      travelMode: "bus",
      foodPreference: "veg",
      needsStay: "yes",
    });
    expect(result.success && result.data).toEqual({ needsStay: true });
  });

  it("refuses values outside the lists and arrivals outside the week before the event", () => {
    const schema = answersSchema({ ...allRequired, arrivalTime: "optional" }, window);
    const base = { travelMode: "bus", needsStay: "yes", foodPreference: "veg" };
    expect(schema.safeParse({ ...base, travelMode: "helicopter" }).success).toBe(false);
    expect(schema.safeParse({ ...base, needsStay: "maybe" }).success).toBe(false);
    const early = schema.safeParse({ ...base, arrivalTime: "2030-01-02T10:00" });
    expect(early.error?.issues[0]?.message).toBe("registration.errors.arrivalOutside");
    const late = schema.safeParse({ ...base, arrivalTime: "2030-01-10T18:01" });
    expect(late.error?.issues[0]?.message).toBe("registration.errors.arrivalOutside");
    expect(schema.safeParse({ ...base, arrivalTime: "2030-01-03T10:00" }).success).toBe(true);
    expect(schema.safeParse({ ...base, arrivalTime: "tomorrow" }).error?.issues[0]?.message).toBe(
      "registration.errors.arrivalRequired",
    );
  });

  it("reads stored answers defensively and shows them back in the form as typed", () => {
    expect(
      parseStoredAnswers({ travelMode: "rocket", needsStay: "yes", foodPreference: "veg", x: 1 }),
    ).toEqual({
      foodPreference: "veg",
    });
    expect(parseStoredAnswers(null)).toEqual({});
    const stored = { travelMode: "car", arrivalTime: "2030-01-10T03:45:00.000Z", needsStay: true } as const;
    expect(answerFormValues(stored)).toEqual({
      travelMode: "car",
      arrivalTime: "2030-01-10T09:15",
      needsStay: "yes",
    });
  });
});

describe("moving someone in the waitlist", () => {
  const list = [
    { id: 1, key: 100 },
    { id: 2, key: 200 },
    { id: 3, key: 300 },
    { id: 4, key: 400 },
  ];
  const order = (changes: { id: number; key: number }[]) => {
    const keys = new Map(list.map((w) => [w.id, w.key]));
    for (const c of changes) keys.set(c.id, c.key);
    return [...keys].sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([id]) => id);
  };

  it("rewrites only the keys between the old and the new place", () => {
    const changes = reorderWaitlist(list, 4, 2);
    expect(order(changes)).toEqual([1, 4, 2, 3]);
    expect(changes.map((c) => c.id).sort()).toEqual([2, 3, 4]);
    expect(reorderWaitlist(list, 2, 2)).toEqual([]);
  });

  it("clamps the position to the list", () => {
    expect(order(reorderWaitlist(list, 1, 99))).toEqual([2, 3, 4, 1]);
    expect(order(reorderWaitlist(list, 3, 0))).toEqual([3, 1, 2, 4]);
    expect(reorderWaitlist(list, 42, 1)).toEqual([]);
  });

  it("puts anyone anywhere with keys strictly increasing, even from equal keys", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.integer({ min: -3, max: 20 }),
        (rawKeys, pick, position) => {
          const sorted = [...rawKeys].sort((a, b) => a - b);
          const waitlist = sorted.map((key, i) => ({ id: i + 1, key }));
          const mover = waitlist[pick % waitlist.length]!.id;
          const changes = reorderWaitlist(waitlist, mover, position);
          const keys = new Map(waitlist.map((w) => [w.id, w.key]));
          for (const c of changes) keys.set(c.id, c.key);
          const result = [...keys].sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([id]) => id);
          const expected = waitlist.map((w) => w.id).filter((id) => id !== mover);
          expected.splice(Math.min(Math.max(position, 1), waitlist.length) - 1, 0, mover);
          expect(result).toEqual(expected);
          const newKeys = result.map((id) => keys.get(id)!);
          for (let i = 1; i < newKeys.length; i++) expect(newKeys[i]!).toBeGreaterThan(newKeys[i - 1]!);
        },
      ),
    );
  });
});

describe("the organiser's filters and forms", () => {
  it("ignores unknown filter values and keeps known ones in links", () => {
    const filter = parseRegistrationFilter(
      new URLSearchParams("status=waitlisted&committee=12&travelMode=plane&needsStay=yes&page=abc"),
    );
    expect(filter).toEqual({ status: "waitlisted", committee: 12, needsStay: "yes", page: 1 });
    expect(filterQuery(filter)).toBe("?status=waitlisted&committee=12&needsStay=yes");
    expect(filterQuery(parseRegistrationFilter(new URLSearchParams("")))).toBe("");
  });

  it("needs a person and, for waitlist moves, a position of 1 or more", () => {
    expect(OrganiserActionSchema.safeParse({ intent: "cancel", invitationId: 3 }).success).toBe(true);
    expect(
      OrganiserActionSchema.safeParse({ intent: "position", invitationId: 3, position: 0 }).success,
    ).toBe(false);
    expect(OrganiserActionSchema.safeParse({ intent: "delete", invitationId: 3 }).success).toBe(false);
  });
});
