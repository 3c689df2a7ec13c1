import pino from "pino";

// One logger for the process. Personal data (names, emails, phones, tokens) is never logged:
// log ids and counts instead.
const globalForLogger = globalThis as unknown as { __shivirLogger?: pino.Logger };

globalForLogger.__shivirLogger ??= pino({
  level: process.env.LOG_LEVEL || "info",
  base: { app: "shivir" },
  // PostgreSQL's error `detail` quotes the offending values (a duplicate phone, say).
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
    censor: "[redacted]",
  },
});
export const logger: pino.Logger = globalForLogger.__shivirLogger;

/** Request paths may carry personal link tokens: long opaque segments are masked. */
export function redactPath(path: string): string {
  return path
    .split("?")[0]!
    .split("/")
    .map((segment) => (segment.length >= 20 ? ":token" : segment))
    .join("/");
}
