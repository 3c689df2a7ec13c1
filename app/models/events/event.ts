// Pure rules and form schemas of events and their sessions, shared by the pages, the model and the tests.
// Zod messages are translation keys (events.errors.*): pages show them in the reader's language.
// Times are typed as IST wall-clock time (<input type="datetime-local">) and become instants here.
import { DateTime } from "luxon";
import { z } from "zod";
import type { Language } from "#app/i18n/setup.ts";
import { formatDateTime, formatDay, formatRange, formatTime, IST } from "#app/i18n/datetime.ts";
import { parseIstLocal } from "#app/i18n/ist-input.ts";
import { cleanName } from "#app/models/organisation/appointee.ts";
import { entryFields } from "#app/models/calendar/entry-fields.ts";

export const eventKinds = ["state_convention", "district_camp", "other"] as const;
export type EventKind = (typeof eventKinds)[number];
export const eventStatuses = ["draft", "published", "completed", "cancelled"] as const;
export type EventStatus = (typeof eventStatuses)[number];
export const sessionKinds = ["plenary", "training", "expert"] as const;
export type SessionKind = (typeof sessionKinds)[number];

/** Events are created for units at these levels (conventions and camps happen there, not at a booth). */
export const eventUnitLevels = ["state", "district", "assembly"] as const;
export type EventUnitLevel = (typeof eventUnitLevels)[number];

/** The unit levels each kind of event may be held for: a state convention for the state, a camp for a district. */
export const kindUnitLevels: Record<EventKind, readonly EventUnitLevel[]> = {
  state_convention: ["state"],
  district_camp: ["district"],
  other: eventUnitLevels,
};

/** Whether an event of `kind` may be held for a unit at `level`. */
export function kindAllowsLevel(kind: EventKind, level: string): boolean {
  return (kindUnitLevels[kind] as readonly string[]).includes(level);
}

/** Why a unit does not fit the kind of event (a translation key naming the level it needs), or null. */
export function kindLevelError(kind: EventKind, level: string): string | null {
  if (!(eventUnitLevels as readonly string[]).includes(level)) return "events.errors.unitLevel";
  if (kindAllowsLevel(kind, level) || kind === "other") return null;
  return `events.errors.unitLevelFor_${kind}`;
}

export const CAPACITY_MAX = 100_000; // the database's CHECK on events.capacity and event_sessions.capacity
export const REMINDER_HOURS_MAX = 336; // two weeks, the database's CHECK on events.reminder_hours
export const TRAINERS_PER_SESSION_MAX = 10;
export const EVENTS_PAGE_SIZE = 50;

// ---- Registration questions (asked on the registration page of issue 6) ----

/** The questions an event may ask registrants, in the order the registration page shows them. */
export const eventQuestions = ["travelMode", "arrivalTime", "needsStay", "foodPreference"] as const;
export type EventQuestion = (typeof eventQuestions)[number];
/** Whether a question is not asked, asked, or must be answered. */
export const questionModes = ["off", "optional", "required"] as const;
export type QuestionMode = (typeof questionModes)[number];

const questionMode = z.enum(questionModes, { error: "events.errors.questionModeInvalid" });
export const EventQuestionsSchema = z.object({
  travelMode: questionMode,
  arrivalTime: questionMode,
  needsStay: questionMode,
  foodPreference: questionMode,
});
export type EventQuestions = z.output<typeof EventQuestionsSchema>;

/** What a new event asks: every question, none of them required. */
export const defaultEventQuestions: EventQuestions = {
  travelMode: "optional",
  arrivalTime: "optional",
  needsStay: "optional",
  foodPreference: "optional",
};

/** The stored questions (events.questions, jsonb): a missing or unknown setting means "not asked". */
export function parseEventQuestions(value: unknown): EventQuestions {
  const stored = value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  const modeOf = (q: EventQuestion): QuestionMode => {
    const mode = stored[q];
    return (questionModes as readonly unknown[]).includes(mode) ? (mode as QuestionMode) : "off";
  };
  return {
    travelMode: modeOf("travelMode"),
    arrivalTime: modeOf("arrivalTime"),
    needsStay: modeOf("needsStay"),
    foodPreference: modeOf("foodPreference"),
  };
}

/** The questions that are asked (not "off"), in order. */
export function askedQuestions(questions: EventQuestions): { question: EventQuestion; required: boolean }[] {
  return eventQuestions
    .filter((q) => questions[q] !== "off")
    .map((q) => ({ question: q, required: questions[q] === "required" }));
}

// ---- Form schemas ----

// Checks happen inside one transform: Conform turns an empty string into "missing" at every step of a
// pipe, which would replace these messages with Zod's generic one.
// Control characters have no place in a title or a description (and PostgreSQL text cannot hold NUL).
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function text(options: { max: number; tooLong: string; required?: string; keepLines?: boolean }) {
  const clean = (v: string) =>
    options.keepLines
      ? v.replace(/\r\n?/g, "\n").replace(controlCharacters, "").normalize("NFC").trim()
      : cleanName(v.replace(controlCharacters, ""));
  return z.string({ error: options.required }).transform((value, ctx) => {
    const v = clean(value);
    if (!v && options.required) {
      ctx.addIssue({ code: "custom", message: options.required });
      return z.NEVER;
    }
    if (v.length > options.max) {
      ctx.addIssue({ code: "custom", message: options.tooLong });
      return z.NEVER;
    }
    return v;
  });
}

const requiredText = (required: string, max: number, tooLong: string) => text({ required, max, tooLong });
const optionalText = (max: number, tooLong: string) =>
  text({ max, tooLong })
    .optional()
    .transform((v) => v ?? "");
// Descriptions keep their line breaks; only the ends are trimmed.
const longText = (max: number) =>
  text({ max, tooLong: "events.errors.descriptionTooLong", keepLines: true })
    .optional()
    .transform((v) => v ?? "");

/** A datetime-local value read as IST; `required` is the message when it is missing or not a real time. */
const istDateTime = (required: string) =>
  z.string({ error: required }).transform((value, ctx) => {
    const date = parseIstLocal(value.trim());
    if (!date) {
      ctx.addIssue({ code: "custom", message: required });
      return z.NEVER;
    }
    return date;
  });

const capacity = (message: string) =>
  z
    .number({ error: message })
    .int({ error: message })
    .min(1, { error: message })
    .max(CAPACITY_MAX, { error: message });

const id = (message: string) =>
  z
    .number({ error: message })
    .int({ error: message })
    .positive({ error: message })
    .max(Number.MAX_SAFE_INTEGER);

export const EventFormSchema = z
  .object({
    kind: z.enum(eventKinds, { error: "events.errors.kindRequired" }),
    unitId: id("events.errors.unitRequired"),
    titleEn: requiredText("events.errors.titleEnRequired", 200, "events.errors.titleTooLong"),
    titleHi: requiredText("events.errors.titleHiRequired", 200, "events.errors.titleTooLong"),
    descriptionEn: longText(5000),
    descriptionHi: longText(5000),
    venueName: requiredText("events.errors.venueNameRequired", 200, "events.errors.venueNameTooLong"),
    venueAddress: optionalText(500, "events.errors.venueAddressTooLong"),
    venueMapUrl: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const url = value?.trim();
        if (!url) return null;
        if (!isHttpsUrl(url)) {
          ctx.addIssue({ code: "custom", message: "events.errors.mapUrlInvalid" });
          return z.NEVER;
        }
        return url;
      }),
    startsAt: istDateTime("events.errors.startsAtRequired"),
    endsAt: istDateTime("events.errors.endsAtRequired"),
    registrationOpensAt: istDateTime("events.errors.registrationOpensRequired"),
    registrationClosesAt: istDateTime("events.errors.registrationClosesRequired"),
    capacity: capacity("events.errors.capacityInvalid"),
    reminderHours: z
      .number({ error: "events.errors.reminderInvalid" })
      .int({ error: "events.errors.reminderInvalid" })
      .min(1, { error: "events.errors.reminderInvalid" })
      .max(REMINDER_HOURS_MAX, { error: "events.errors.reminderInvalid" })
      .optional()
      .transform((v) => v ?? null),
    questions: EventQuestionsSchema,
  })
  .superRefine((value, ctx) => {
    for (const issue of eventTimeErrors(value)) ctx.addIssue({ code: "custom", ...issue });
  });
export type EventFormInput = z.output<typeof EventFormSchema>;

export const SessionFormSchema = z
  .object({
    kind: z.enum(sessionKinds, { error: "events.errors.sessionKindRequired" }),
    titleEn: requiredText("events.errors.titleEnRequired", 200, "events.errors.titleTooLong"),
    titleHi: requiredText("events.errors.titleHiRequired", 200, "events.errors.titleTooLong"),
    room: optionalText(100, "events.errors.roomTooLong"),
    startsAt: istDateTime("events.errors.startsAtRequired"),
    endsAt: istDateTime("events.errors.endsAtRequired"),
    capacity: capacity("events.errors.sessionCapacityInvalid")
      .optional()
      .transform((v) => v ?? null),
    required: z.boolean().default(false),
    trainerIds: z
      .array(id("events.errors.trainerInvalid"))
      .max(TRAINERS_PER_SESSION_MAX, { error: "events.errors.tooManyTrainers" })
      .default([])
      .transform((ids) => [...new Set(ids)].sort((a, b) => a - b)),
  })
  .superRefine((value, ctx) => {
    if (value.endsAt.getTime() <= value.startsAt.getTime()) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "events.errors.endsBeforeStart" });
    }
  });
export type SessionFormInput = z.output<typeof SessionFormSchema>;

function isHttpsUrl(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a link with control characters is refused
  if (value.length > 500 || !/^https:\/\/[^\s\u0000-\u001f\u007f]+$/.test(value)) return false;
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}

// ---- Rules ----

type Instant = Date | string;
const ms = (d: Instant) => new Date(d).getTime();

type EventTimes = { startsAt: Date; endsAt: Date; registrationOpensAt: Date; registrationClosesAt: Date };

/**
 * The event ends after it starts; registration opens before it closes and closes by the end of the event
 * (the database's CHECKs, as field messages).
 */
export function eventTimeErrors(times: EventTimes): { path: [keyof EventTimes]; message: string }[] {
  const errors: { path: [keyof EventTimes]; message: string }[] = [];
  if (ms(times.endsAt) <= ms(times.startsAt)) {
    errors.push({ path: ["endsAt"], message: "events.errors.endsBeforeStart" });
  }
  if (ms(times.registrationClosesAt) <= ms(times.registrationOpensAt)) {
    errors.push({ path: ["registrationClosesAt"], message: "events.errors.registrationClosesBeforeOpens" });
  } else if (ms(times.registrationClosesAt) > ms(times.endsAt)) {
    errors.push({ path: ["registrationClosesAt"], message: "events.errors.registrationClosesAfterEnd" });
  }
  return errors;
}

type Span = { startsAt: Instant; endsAt: Instant };

/** Two time spans overlap when each starts before the other ends (back-to-back sessions do not). */
export function overlaps(a: Span, b: Span): boolean {
  return ms(a.startsAt) < ms(b.endsAt) && ms(b.startsAt) < ms(a.endsAt);
}

/** Why a session's times do not fit its event (a translation key), or null when they do. */
export function sessionTimeError(event: Span, session: Span): string | null {
  if (ms(session.endsAt) <= ms(session.startsAt)) return "events.errors.endsBeforeStart";
  if (ms(session.startsAt) < ms(event.startsAt) || ms(session.endsAt) > ms(event.endsAt)) {
    return "events.errors.sessionOutsideEvent";
  }
  return null;
}

/** The sessions that would fall outside the event if it moved to `window`. */
export function sessionsOutside<T extends Span>(window: Span, sessions: T[]): T[] {
  return sessions.filter((s) => sessionTimeError(window, s) !== null);
}

type TrainerSlot = Span & { sessionId: number; trainerIds: number[] };

/**
 * The first other session that shares a trainer with `candidate` at an overlapping time, with the trainer,
 * or null. (The model runs the same test in SQL across every event that is not cancelled.)
 */
export function findTrainerClash(
  candidate: TrainerSlot,
  others: TrainerSlot[],
): { sessionId: number; trainerId: number } | null {
  for (const other of others) {
    if (other.sessionId === candidate.sessionId || !overlaps(candidate, other)) continue;
    const trainerId = candidate.trainerIds.find((t) => other.trainerIds.includes(t));
    if (trainerId !== undefined) return { sessionId: other.sessionId, trainerId };
  }
  return null;
}

/** A parallel session may hold fewer people than the event, never more. */
export function sessionCapacityError(eventCapacity: number, sessionCapacity: number | null): string | null {
  return sessionCapacity !== null && sessionCapacity > eventCapacity
    ? "events.errors.sessionCapacityAboveEvent"
    : null;
}

/** Draft and published events can be changed; completed and cancelled ones are kept as they were. */
export function isEditable(status: EventStatus): boolean {
  return status === "draft" || status === "published";
}

/** A published event is marked completed once it has ended. */
export function canMarkCompleted(event: { status: EventStatus; endsAt: Instant }, now: Date): boolean {
  return event.status === "published" && ms(event.endsAt) <= now.getTime();
}

/** Only a draft that has invited no one may be deleted; anything else has a history to keep. */
export function canDeleteDraft(event: { status: EventStatus }, invitations: number): boolean {
  return event.status === "draft" && invitations === 0;
}

/** Capacity may not drop below the people already registered. */
export function capacityError(capacity: number, registered: number): string | null {
  return capacity < registered ? "events.errors.capacityBelowRegistered" : null;
}

/** The fields of one version of an event that "what changed" compares. */
export type EventVersion = {
  kind: EventKind;
  unitId: number;
  titleEn: string;
  titleHi: string;
  descriptionEn: string;
  descriptionHi: string;
  venueName: string;
  venueAddress: string;
  venueMapUrl: string | null;
  startsAt: Instant;
  endsAt: Instant;
  registrationOpensAt: Instant;
  registrationClosesAt: Instant;
  capacity: number;
  reminderHours: number | null;
  questions: EventQuestions;
};
const versionFields = [
  "kind",
  "unitId",
  ...entryFields,
  "registrationOpensAt",
  "registrationClosesAt",
  "capacity",
  "reminderHours",
  "questions",
] as const satisfies readonly (keyof EventVersion)[];
const timeFields = new Set(["startsAt", "endsAt", "registrationOpensAt", "registrationClosesAt"]);

export type EventDiff = {
  /** Every field that differs. */
  fields: (keyof EventVersion)[];
  /** Start or end moved: registrants get an updated invite. */
  time: boolean;
  /** Venue name, address or map link changed: registrants get an updated invite. */
  venue: boolean;
  /** The reminder moment moved (start or reminder hours): the reminder job is scheduled again. */
  reminders: boolean;
  capacityRaised: boolean;
};

/** What changed between two versions of an event. */
export function diffEvent(before: EventVersion, after: EventVersion): EventDiff {
  const same = (field: (typeof versionFields)[number]) => {
    const a = before[field];
    const b = after[field];
    if (timeFields.has(field)) return ms(a as Instant) === ms(b as Instant);
    if (field === "questions") {
      return eventQuestions.every((q) => before.questions[q] === after.questions[q]);
    }
    return a === b;
  };
  const fields = versionFields.filter((f) => !same(f));
  const changed = (f: keyof EventVersion) => fields.includes(f);
  return {
    fields,
    time: changed("startsAt") || changed("endsAt"),
    venue: changed("venueName") || changed("venueAddress") || changed("venueMapUrl"),
    reminders: changed("startsAt") || changed("reminderHours"),
    capacityRaised: after.capacity > before.capacity,
  };
}

/** A session's time or room moved: its calendar entry must be sent again (a higher SEQUENCE). */
export function sessionScheduleChanged(
  before: Span & { room: string },
  after: Span & { room: string },
): boolean {
  return (
    ms(before.startsAt) !== ms(after.startsAt) ||
    ms(before.endsAt) !== ms(after.endsAt) ||
    before.room !== after.room
  );
}

/**
 * Where a new agenda item most likely goes: right after the last session (or at the event's start), for
 * an hour, inside the event.
 */
export function suggestNextSession(event: Span, sessions: Span[]): { startsAt: Date; endsAt: Date } {
  const eventEnd = ms(event.endsAt);
  const lastEnd = Math.max(ms(event.startsAt), ...sessions.map((s) => ms(s.endsAt)));
  const start = lastEnd < eventEnd ? lastEnd : ms(event.startsAt);
  return { startsAt: new Date(start), endsAt: new Date(Math.min(start + 60 * 60_000, eventEnd)) };
}

/** The IST calendar day of an instant, "2026-12-15". */
export function istDay(date: Instant): string {
  return DateTime.fromJSDate(new Date(date), { zone: IST }).toISODate() ?? "";
}

/**
 * "15 Dec 2026, 10:00 am – 5:00 pm" / "15 दिसंबर 2026, सुबह 10:00 से शाम 5:00 तक" in IST, or both dates when
 * the span runs over several days.
 */
export function formatSpan(startsAt: Instant, endsAt: Instant, language: Language): string {
  const [start, end] = [new Date(startsAt), new Date(endsAt)];
  if (istDay(start) !== istDay(end)) {
    return formatRange(formatDateTime(start, language), formatDateTime(end, language), language);
  }
  return `${formatDay(start, language)}, ${formatRange(formatTime(start, language), formatTime(end, language), language)}`;
}

/** Sessions by IST day, days in order and sessions by start within a day. */
export function groupSessionsByDay<T extends Span>(sessions: T[]): { day: string; sessions: T[] }[] {
  const sorted = [...sessions].sort((a, b) => ms(a.startsAt) - ms(b.startsAt) || ms(a.endsAt) - ms(b.endsAt));
  const days: { day: string; sessions: T[] }[] = [];
  for (const session of sorted) {
    const day = istDay(session.startsAt);
    const last = days.at(-1);
    if (last?.day === day) last.sessions.push(session);
    else days.push({ day, sessions: [session] });
  }
  return days;
}

/** The list filter: a status, or every event. */
export const EventListQuerySchema = z.object({
  status: z.enum(eventStatuses).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1),
});
export type EventListQuery = z.output<typeof EventListQuerySchema>;

export function parseEventListQuery(params: URLSearchParams): EventListQuery {
  return EventListQuerySchema.parse({
    status: params.get("status") || undefined,
    page: params.get("page") ?? 1,
  });
}
