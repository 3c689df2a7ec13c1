import pino from "pino";

// One logger for the process. Personal data (names, emails, phones, tokens) is never logged:
// log ids and counts instead.
const globalForLogger = globalThis as unknown as { __shivirLogger?: pino.Logger };

const CENSOR = "[redacted]";
/**
 * Keys whose values are personal data wherever they sit in a logged object: PostgreSQL's `detail` quotes the
 * offending values ("Key (phone)=(98…) already exists"), postgres.js' `parameters` (debug mode) a query's
 * values. Database errors reach the log at any depth: `err`, `error`, a cause, graphile-worker's
 * `meta.error` of a failed job.
 */
const PERSONAL_KEYS = new Set(["detail", "parameters", "email", "phone", "token"]);
const MAX_DEPTH = 10;

/**
 * A copy of a log object with every personal key censored at any depth. Errors are serialized first (pino's
 * error serializer: type, message with its causes, stack, own fields), so a database error's `detail` is
 * censored wherever it is logged, and a nested error is logged with its message instead of as `{}`.
 */
export function scrubLogObject(value: unknown, depth = 0, ancestors: object[] = []): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date || ArrayBuffer.isView(value)) return value;
  if (ancestors.includes(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[too deep]";
  const inner = [...ancestors, value];
  if (Array.isArray(value)) return value.map((item) => scrubLogObject(item, depth + 1, inner));
  const source: object = value instanceof Error ? pino.stdSerializers.err(value) : value;
  // A value that says how it is written (a URL, a luxon DateTime) is written that way.
  if (source === value && typeof (value as { toJSON?: unknown }).toJSON === "function") return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const field = (source as Record<string, unknown>)[key];
    copy[key] =
      PERSONAL_KEYS.has(key) && field !== undefined && field !== null
        ? CENSOR
        : scrubLogObject(field, depth + 1, inner);
  }
  return copy;
}

/** The process's logger (and, given a destination, a test's). */
export function createLogger(destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = {
    level: process.env.LOG_LEVEL || "info",
    base: { app: "shivir" },
    formatters: { log: (object) => scrubLogObject(object) as Record<string, unknown> },
    // `err` is serialized by the scrub already (pino's serializer would take the copy for an error again).
    serializers: { err: (value: unknown) => value },
    // A second line of defence for the common shapes (the scrub above covers every depth).
    redact: {
      paths: [
        "email",
        "phone",
        "token",
        "*.email",
        "*.phone",
        "*.token",
        "detail",
        "*.detail",
        "err.cause.detail",
      ],
      censor: CENSOR,
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

globalForLogger.__shivirLogger ??= createLogger();
export const logger: pino.Logger = globalForLogger.__shivirLogger;

/** Request paths may carry personal link tokens: long opaque segments are masked. */
export function redactPath(path: string): string {
  return path
    .split("?")[0]!
    .split("/")
    .map((segment) => (segment.length >= 20 ? ":token" : segment))
    .join("/");
}
