import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirect.ts";

describe("safeRedirectPath", () => {
  it.each(["/", "/events/12?tab=agenda", "/units/%E0%A4%9C"])("keeps the local path %j", (path) => {
    expect(safeRedirectPath(path)).toBe(path);
  });

  it.each([
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example",
    "javascript:alert(1)",
    "/ok\r\nSet-Cookie: x=1",
    undefined,
    null,
    42,
    `/${"a".repeat(3000)}`,
  ])("sends %j home", (value) => {
    expect(safeRedirectPath(value)).toBe("/");
  });
});
