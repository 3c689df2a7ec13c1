// Pure rules and form schemas of registrations: what a personal link allows when, the answers to an event's
// questions, and waitlist order. Zod messages are translation keys (registration.errors.*).
import { z } from "zod";
import { IST } from "#app/i18n/datetime.ts";
import { parseIstLocal } from "#app/i18n/ist-input.ts";
import { DateTime } from "luxon";
import type { EventQuestions, QuestionMode } from "#app/models/events/event.ts";

export const registrationStatuses = ["registered", "waitlisted", "declined", "cancelled"] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];
/** The organiser's list adds "invited": invited and not answered yet. */
export const answerStatuses = ["invited", ...registrationStatuses] as const;
export type AnswerStatus = (typeof answerStatuses)[number];

export const travelModes = ["bus", "train", "car", "twoWheeler", "other"] as const;
export type TravelMode = (typeof travelModes)[number];
export const foodPreferences = ["veg", "jain", "nonVeg"] as const;
export type FoodPreference = (typeof foodPreferences)[number];

/** The answers as stored in registrations.answers; an unasked or unanswered question is absent. */
export type Answers = {
  travelMode?: TravelMode;
  /** An instant (ISO 8601), typed as IST wall-clock time. */
  arrivalTime?: string;
  needsStay?: boolean;
  foodPreference?: FoodPreference;
};

/** A personal link keeps working this long after its event ended (to look back); then it is not found. */
export const LINK_DAYS_AFTER_EVENT = 30;
/** The earliest arrival the form accepts, before the event starts. */
export const ARRIVAL_DAYS_BEFORE = 7;

type Instant = Date | string;
const ms = (d: Instant) => new Date(d).getTime();

export type EventWindow = {
  status: "draft" | "published" | "completed" | "cancelled";
  startsAt: Instant;
  endsAt: Instant;
  registrationOpensAt: Instant;
  registrationClosesAt: Instant;
};

/** Where an event stands for its invitees. */
export type LinkPhase = "notYetOpen" | "open" | "closed" | "started" | "over" | "cancelled";

export function linkPhase(event: EventWindow, now: Date): LinkPhase {
  const t = now.getTime();
  if (event.status === "cancelled") return "cancelled";
  if (event.status === "completed" || t >= ms(event.endsAt)) return "over";
  if (t >= ms(event.startsAt)) return "started";
  if (t < ms(event.registrationOpensAt)) return "notYetOpen";
  if (t >= ms(event.registrationClosesAt)) return "closed";
  return "open";
}

/**
 * A link opens nothing for a draft (not yet announced) or long after the event: the same not-found as a
 * wrong link, so the page never tells which.
 */
export function linkExpired(event: EventWindow, now: Date): boolean {
  return event.status === "draft" || now.getTime() > ms(event.endsAt) + LINK_DAYS_AFTER_EVENT * 86_400_000;
}

export type LinkActions = { register: boolean; decline: boolean; change: boolean; cancel: boolean };

/**
 * What the appointee may do: register or decline while registration is open; change answers or cancel
 * (freeing the seat) until the event starts, also after registration closed.
 */
export function linkActions(phase: LinkPhase, status: RegistrationStatus | null): LinkActions {
  const holding = status === "registered" || status === "waitlisted";
  const beforeStart = phase === "open" || phase === "closed";
  return {
    register: phase === "open" && !holding,
    decline: phase === "open" && status === null,
    change: beforeStart && holding,
    cancel: beforeStart && holding,
  };
}

/** Waitlisted people move into freed seats until the event starts. */
export function promotesWaitlist(event: EventWindow, now: Date): boolean {
  return event.status === "published" && now.getTime() < ms(event.startsAt);
}

export const REGISTRATION_INTENTS = ["register", "decline", "change", "cancel"] as const;
export type RegistrationIntent = (typeof REGISTRATION_INTENTS)[number];
export function isRegistrationIntent(value: unknown): value is RegistrationIntent {
  return typeof value === "string" && (REGISTRATION_INTENTS as readonly string[]).includes(value);
}

// ---- Answers ----

// A question that is not asked takes no answer, whatever the form sends.
const notAsked = z.unknown().transform(() => undefined);

const choice = <T extends readonly [string, ...string[]]>(values: T, message: string, mode: QuestionMode) => {
  const schema = z.enum(values, { error: message });
  return mode === "off" ? notAsked : mode === "required" ? schema : schema.optional();
};

/**
 * The form schema of an event's questions: asked questions only (others are dropped), required ones must
 * be answered; arrival is IST wall time from a week before the start to the end of the event.
 */
export function answersSchema(questions: EventQuestions, event: { startsAt: Instant; endsAt: Instant }) {
  const earliest = ms(event.startsAt) - ARRIVAL_DAYS_BEFORE * 86_400_000;
  const arrival = z.string({ error: "registration.errors.arrivalRequired" }).transform((value, ctx) => {
    const date = parseIstLocal(value.trim());
    if (!date) {
      ctx.addIssue({ code: "custom", message: "registration.errors.arrivalRequired" });
      return z.NEVER;
    }
    if (date.getTime() < earliest || date.getTime() > ms(event.endsAt)) {
      ctx.addIssue({ code: "custom", message: "registration.errors.arrivalOutside" });
      return z.NEVER;
    }
    return date.toISOString();
  });
  const mode = questions.arrivalTime;
  return z
    .object({
      travelMode: choice(travelModes, "registration.errors.travelModeRequired", questions.travelMode),
      arrivalTime: mode === "off" ? notAsked : mode === "required" ? arrival : arrival.optional(),
      needsStay: choice(["yes", "no"] as const, "registration.errors.needsStayRequired", questions.needsStay),
      foodPreference: choice(
        foodPreferences,
        "registration.errors.foodPreferenceRequired",
        questions.foodPreference,
      ),
    })
    .transform((value): Answers => {
      const answers: Answers = {};
      if (value.travelMode) answers.travelMode = value.travelMode;
      if (value.arrivalTime) answers.arrivalTime = value.arrivalTime;
      if (value.needsStay) answers.needsStay = value.needsStay === "yes";
      if (value.foodPreference) answers.foodPreference = value.foodPreference;
      return answers;
    });
}

/** Stored answers (jsonb) read defensively: anything unexpected is treated as unanswered. */
export function parseStoredAnswers(value: unknown): Answers {
  const stored = value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  const answers: Answers = {};
  if ((travelModes as readonly unknown[]).includes(stored.travelMode))
    answers.travelMode = stored.travelMode as TravelMode;
  if (typeof stored.arrivalTime === "string" && !Number.isNaN(Date.parse(stored.arrivalTime)))
    answers.arrivalTime = stored.arrivalTime;
  if (typeof stored.needsStay === "boolean") answers.needsStay = stored.needsStay;
  if ((foodPreferences as readonly unknown[]).includes(stored.foodPreference))
    answers.foodPreference = stored.foodPreference as FoodPreference;
  return answers;
}

/** The form's initial values for stored answers. */
export function answerFormValues(answers: Answers): Record<string, string> {
  const values: Record<string, string> = {};
  if (answers.travelMode) values.travelMode = answers.travelMode;
  if (answers.arrivalTime)
    values.arrivalTime = DateTime.fromISO(answers.arrivalTime, { zone: IST }).toFormat("yyyy-LL-dd'T'HH:mm");
  if (answers.needsStay !== undefined) values.needsStay = answers.needsStay ? "yes" : "no";
  if (answers.foodPreference) values.foodPreference = answers.foodPreference;
  return values;
}

// ---- Waitlist order ----

export type WaitlistKey = { id: number; key: number };

/**
 * New order keys after moving `moverId` (already on the waitlist) to `position` (1-based, clamped).
 * `waitlist` is the waitlist in order with its keys (waitlisted_at in microseconds). The same keys are
 * handed out again in the new order, each strictly above the one before, so (waitlisted_at, id) gives the
 * new order. Returns only the keys that change.
 */
export function reorderWaitlist(waitlist: WaitlistKey[], moverId: number, position: number): WaitlistKey[] {
  const mover = waitlist.find((w) => w.id === moverId);
  if (!mover) return [];
  const others = waitlist.filter((w) => w.id !== moverId);
  const index = Math.min(Math.max(Math.trunc(position), 1), others.length + 1) - 1;
  const order = [...others.slice(0, index), mover, ...others.slice(index)];
  const keys = waitlist.map((w) => w.key).sort((a, b) => a - b);
  const changes: WaitlistKey[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  order.forEach((entry, i) => {
    const key = Math.max(keys[i]!, previous + 1);
    previous = key;
    if (key !== entry.key) changes.push({ id: entry.id, key });
  });
  return changes;
}

// ---- The organiser's list ----

export const REGISTRATIONS_PAGE_SIZE = 100;

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values).optional().catch(undefined);

/** Filters of the organiser's registrations list (query string); anything unknown is ignored. */
export const RegistrationFilterSchema = z.object({
  status: optionalEnum(answerStatuses),
  committee: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  travelMode: optionalEnum(travelModes),
  needsStay: optionalEnum(["yes", "no"] as const),
  foodPreference: optionalEnum(foodPreferences),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type RegistrationFilter = z.output<typeof RegistrationFilterSchema>;

export function parseRegistrationFilter(params: URLSearchParams): RegistrationFilter {
  const get = (name: string) => params.get(name) || undefined;
  return RegistrationFilterSchema.parse({
    status: get("status"),
    committee: get("committee"),
    travelMode: get("travelMode"),
    needsStay: get("needsStay"),
    foodPreference: get("foodPreference"),
    page: get("page") ?? 1,
  });
}

/** The filter as a query string (without the page), for links and the CSV export. */
export function filterQuery(filter: RegistrationFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of ["status", "committee", "travelMode", "needsStay", "foodPreference"] as const) {
    const value = filter[key];
    if (value !== undefined) params.set(key, String(value));
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const query = params.toString();
  return query ? `?${query}` : "";
}

const positionField = z
  .number({ error: "registration.organiser.errors.positionInvalid" })
  .int({ error: "registration.organiser.errors.positionInvalid" })
  .min(1, { error: "registration.organiser.errors.positionInvalid" })
  .max(100_000, { error: "registration.organiser.errors.positionInvalid" });
const invitationField = z
  .number({ error: "registration.organiser.errors.unknownPerson" })
  .int({ error: "registration.organiser.errors.unknownPerson" })
  .positive({ error: "registration.organiser.errors.unknownPerson" })
  .max(Number.MAX_SAFE_INTEGER, { error: "registration.organiser.errors.unknownPerson" });

/** One form per row: who, what, and (for waitlist moves) where. */
export const OrganiserActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("register"), invitationId: invitationField }),
    z.object({ intent: z.literal("waitlist"), invitationId: invitationField, position: positionField }),
    z.object({ intent: z.literal("position"), invitationId: invitationField, position: positionField }),
    z.object({ intent: z.literal("cancel"), invitationId: invitationField }),
  ],
  { error: "registration.organiser.errors.unknownAction" },
);
export type OrganiserAction = z.output<typeof OrganiserActionSchema>;
