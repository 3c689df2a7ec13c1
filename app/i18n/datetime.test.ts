import { describe, expect, it } from "vitest";
import { formatDateTime, formatNumber, formatTime } from "./datetime.ts";
import { parseIstLocal, toIstLocalInput } from "./ist-input.ts";

describe("IST helpers", () => {
  // 04:30 UTC is 10:00 in India, whatever zone the test machine runs in.
  const instant = new Date("2026-12-01T04:30:00Z");

  it("formats in Indian Standard Time in both languages", () => {
    expect(formatTime(instant, "en")).toMatch(/^10:00\s?am$/i);
    expect(formatDateTime(instant, "en")).toContain("2026");
    expect(formatDateTime(instant, "en")).toMatch(/1 Dec 2026/);
    expect(formatDateTime(instant, "hi")).toMatch(/दिस/);
  });

  it("reads datetime-local input as IST wall-clock time", () => {
    expect(parseIstLocal("2026-12-01T10:00")?.toISOString()).toBe("2026-12-01T04:30:00.000Z");
    expect(toIstLocalInput(instant)).toBe("2026-12-01T10:00");
  });

  it.each(["", "2026-13-01T10:00", "2026-02-30T10:00", "tomorrow", "2026-12-01 10:00", "2026-12-01T25:00"])(
    "rejects %j",
    (value) => {
      expect(parseIstLocal(value)).toBeNull();
    },
  );

  it("groups numbers the Indian way", () => {
    expect(formatNumber(520000, "en")).toBe("5,20,000");
    expect(formatNumber(520000, "hi")).toBe("5,20,000");
  });
});
