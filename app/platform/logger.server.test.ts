import { Writable } from "node:stream";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { createLogger, redactPath } from "./logger.server.ts";

describe("redactPath", () => {
  it("masks long opaque segments and drops the query", () => {
    expect(redactPath("/r/AbCdEfGhIjKlMnOpQrStUvWx/register?x=secret")).toBe("/r/:token/register");
    expect(redactPath("/events/12")).toBe("/events/12");
  });
});

describe("the logger", () => {
  const PHONE = "9876543210";
  // What postgres.js throws on a duplicate phone: `detail` quotes the value.
  const duplicatePhone = () =>
    new postgres.PostgresError({
      message: 'duplicate key value violates unique constraint "appointees_phone_key"',
      severity: "ERROR",
      code: "23505",
      detail: `Key (phone)=(${PHONE}) already exists.`,
      schema_name: "public",
      table_name: "appointees",
      constraint_name: "appointees_phone_key",
    } as unknown as ConstructorParameters<typeof postgres.PostgresError>[0]);

  function capture() {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger(destination);
    return { logger, lines, last: () => JSON.parse(lines.at(-1)!) };
  }

  it("never writes a database error's detail, wherever the error sits in the log object", () => {
    const { logger, lines } = capture();
    const error = duplicatePhone();
    logger.error({ err: error }, "unhandled error in a loader or action");
    logger.error(error);
    logger.warn({ error }, "as `error`");
    logger.error({ err: new Error("saving the appointee failed", { cause: error }) }, "wrapped");
    logger.error({ cause: error }, "as `cause`");
    logger.error({ err: new AggregateError([error], "several") }, "aggregate");
    // graphile-worker's failed-job log, as app/jobs/worker.server.ts passes it on.
    logger.error(
      { scope: { label: "worker" }, meta: { failure: true, job: { id: 7 }, error } },
      "Failed task 7 (mail:drain)",
    );
    logger.error({ err: { detail: `Failing row contains (${PHONE})` } }, "a plain object");
    logger.error({ deep: { a: { b: { c: { detail: PHONE, parameters: [PHONE] } } } } }, "deep");
    expect(lines).toHaveLength(9);
    for (const line of lines) expect(line).not.toContain(PHONE);
  });

  it("keeps what helps: the message, the code, the constraint and the stack", () => {
    const { logger, last } = capture();
    logger.error({ err: duplicatePhone() }, "failed");
    const { err } = last();
    expect(err).toMatchObject({
      type: "PostgresError",
      message: expect.stringContaining("appointees_phone_key"),
      code: "23505",
      constraint_name: "appointees_phone_key",
      detail: "[redacted]",
    });
    expect(err.stack).toContain("PostgresError");

    logger.error({ scope: { label: "worker" }, meta: { error: duplicatePhone() } }, "failed job");
    // A nested error is written with its message, not as `{}`.
    expect(last().meta.error).toMatchObject({
      message: expect.stringContaining("duplicate key"),
      code: "23505",
    });
  });

  it("logs a cause's message with its error's, a circular object, dates and plain values", () => {
    const { logger, last } = capture();
    logger.error({ err: new Error("outer", { cause: new Error("inner") }) }, "causes");
    expect(last().err.message).toBe("outer: inner");

    const circular: Record<string, unknown> = { id: 1 };
    circular.self = circular;
    const at = new Date("2026-12-01T10:00:00Z");
    logger.info({ circular, at, count: 3, email: "a@example.in", invitee: { phone: PHONE } }, "values");
    expect(last()).toMatchObject({
      circular: { id: 1, self: "[circular]" },
      at: "2026-12-01T10:00:00.000Z",
      count: 3,
      email: "[redacted]",
      invitee: { phone: "[redacted]" },
      msg: "values",
    });
  });

  it("takes a rejection's reason that is no error as it is", () => {
    const { logger, last } = capture();
    logger.error({ err: "just a string" }, "unhandled promise rejection");
    expect(last().err).toBe("just a string");
  });
});
