// Pure rules and schemas of attendance: what a tablet may send to /tablet/sync (limits and the batch schema),
// the `since` of a roster poll, pairing codes, and the forms of pairing and of the organiser's Tablets page
// (new pairing code, withdraw a tablet, verify a walk-in). The tablet's own code (app/tablet/*) never imports
// it: Zod is too heavy for the roster's bundle. The routes use it on the server; the Tablets page also checks
// its pairing form with it in the browser, so it (and Zod) is in that page's JavaScript.
import { z } from "zod";
import { cleanName, normalizeIndianPhone } from "#app/models/organisation/appointee.ts";

/** The most marks one sync request may carry; tablets send fewer (app/tablet/sync.ts). */
export const MAX_SYNC_MARKS = 500;
/** A sync request body larger than this is refused before it is parsed. */
export const MAX_SYNC_BYTES = 512 * 1024;
/** Marks may come from a tablet whose clock runs a little fast, but not from the far future. */
export const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;
const EARLIEST_MARK = Date.UTC(2020, 0, 1);
// Control characters have no place in a name (and PostgreSQL refuses NUL in text); half of a surrogate
// pair (JSON can carry one) would make the batch's jsonb invalid.
const controlCharacters = /\p{Cc}/gu;
const loneSurrogates = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// An ISO time as tablets write it (toISOString), with an offset allowed; nothing before or after it.
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The `since` of a roster poll, or null if it is no ISO time. A time before any mark could exist means
 * "everything" and is read as such: JavaScript knows a year 0 that PostgreSQL refuses.
 */
export function parseSince(value: string): Date | null {
  const time = isoInstant.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? null : new Date(Math.max(time, EARLIEST_MARK));
}

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const uuid = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/)
  .transform((value) => value.toLowerCase());
const instant = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const time = isoInstant.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(time)) {
      ctx.addIssue({ code: "custom", message: "not a time" });
      return z.NEVER;
    }
    return new Date(time);
  });

/** A tablet's time can be believed: not before Shivir, and not more than a day ahead of the server. */
function plausible(time: Date, now: number): boolean {
  return time.getTime() >= EARLIEST_MARK && time.getTime() <= now + MAX_CLOCK_AHEAD_MS;
}

/**
 * A tablet with a wrong clock (a flat battery sets some to 1970) must lose neither a morning's marks nor
 * their order (a mark, then its undo): its times are moved together so that the latest of them is the time
 * the batch arrived. Only text that is no time at all is refused.
 */
function fromWrongClock<T extends { marks: { markedAt: Date }[]; walkIns: { createdAt: Date }[] }>(
  batch: T,
): T {
  const now = Date.now();
  const wrong = [...batch.marks.map((m) => m.markedAt), ...batch.walkIns.map((w) => w.createdAt)]
    .filter((time) => !plausible(time, now))
    .map((time) => time.getTime());
  if (wrong.length === 0) return batch;
  const shift = now - Math.max(...wrong);
  const fix = (time: Date) =>
    plausible(time, now) ? time : new Date(Math.max(time.getTime() + shift, EARLIEST_MARK));
  return {
    ...batch,
    marks: batch.marks.map((m) => ({ ...m, markedAt: fix(m.markedAt) })),
    walkIns: batch.walkIns.map((w) => ({ ...w, createdAt: fix(w.createdAt) })),
  };
}

export const SyncMarkSchema = z
  .object({
    clientId: uuid,
    sessionId: id,
    appointeeId: id.nullable().default(null),
    walkInId: uuid.nullable().default(null),
    action: z.enum(["mark", "undo"]),
    markedAt: instant,
  })
  .refine((mark) => (mark.appointeeId === null) !== (mark.walkInId === null), {
    message: "a mark names either an appointee or a walk-in",
  });
export type SyncMark = z.output<typeof SyncMarkSchema>;

export const SyncWalkInSchema = z.object({
  id: uuid,
  sessionId: id,
  // A stray control character is dropped rather than losing the person.
  name: z
    .string()
    .max(400)
    .transform((value) => cleanName(value.replace(controlCharacters, " ").replace(loneSurrogates, "\uFFFD")))
    .pipe(z.string().min(1).max(200)),
  // A number the tablet could not read is kept out rather than losing the person.
  phone: z
    .string()
    .max(40)
    .nullable()
    .default(null)
    .transform((value) => (value ? normalizeIndianPhone(value) : null)),
  createdAt: instant,
});
export type SyncWalkIn = z.output<typeof SyncWalkInSchema>;

export const SyncBatchSchema = z
  .object({
    deviceId: z
      .string()
      .trim()
      .regex(/^[\x21-\x7e]{1,100}$/),
    marks: z.array(SyncMarkSchema).max(MAX_SYNC_MARKS),
    walkIns: z.array(SyncWalkInSchema).max(MAX_SYNC_MARKS).default([]),
  })
  .transform(fromWrongClock);
export type SyncBatch = z.output<typeof SyncBatchSchema>;

/** Why the server refused one mark (the rest of the batch still counts). */
export type MarkRejection = "forbidden" | "not_invited" | "unknown_walk_in";

export type SyncResult = {
  /** Marks stored now. */
  accepted: number;
  /** Marks the server already had (the same client id): a batch sent twice counts once. */
  duplicates: number;
  rejected: { clientId: string; reason: MarkRejection }[];
};

// Pairing codes: 8 characters without look-alikes (no 0/O, 1/I/L), shown as ABCD-EFGH.
export const PAIRING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const PAIRING_CODE_LENGTH = 8;
export const PAIRING_MINUTES = 10;

/** The code as typed ("abcd efgh", "ABCD-EFGH") in its stored form, or null if it cannot be one. */
export function normalizePairingCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== PAIRING_CODE_LENGTH) return null;
  for (const char of code) if (!PAIRING_ALPHABET.includes(char)) return null;
  return code;
}

export function formatPairingCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export const PairSchema = z.object({
  code: z.string({ error: "tablet.errors.codeInvalid" }).transform((value, ctx) => {
    const code = normalizePairingCode(value);
    if (!code) {
      ctx.addIssue({ code: "custom", message: "tablet.errors.codeInvalid" });
      return z.NEVER;
    }
    return code;
  }),
});

export const NewTabletSchema = z.object({
  name: z
    .string({ error: "tablet.errors.nameRequired" })
    .transform(cleanName)
    .pipe(
      z
        .string()
        .min(1, { error: "tablet.errors.nameRequired" })
        .max(100, { error: "tablet.errors.nameTooLong" })
        .refine((value) => !/\p{Cc}/u.test(value), { error: "tablet.errors.nameInvalid" }),
    ),
});

export const RevokeTabletSchema = z.object({ deviceId: id });
export const VerifyWalkInSchema = z.object({ walkInId: uuid, appointeeId: id });

export const tabletIntents = ["pair", "revoke", "verify-walk-in"] as const;
export type TabletIntent = (typeof tabletIntents)[number];
export function isTabletIntent(value: unknown): value is TabletIntent {
  return typeof value === "string" && (tabletIntents as readonly string[]).includes(value);
}
