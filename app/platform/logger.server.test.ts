import { describe, expect, it } from "vitest";
import { redactPath } from "./logger.server.ts";

describe("redactPath", () => {
  it("masks long opaque segments and drops the query", () => {
    expect(redactPath("/r/AbCdEfGhIjKlMnOpQrStUvWx/register?x=secret")).toBe("/r/:token/register");
    expect(redactPath("/events/12")).toBe("/events/12");
  });
});
