import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatDay,
  formatNumber,
  formatRange,
  formatTime,
  hindiDayPart,
} from "./datetime.ts";
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

  it("writes Hindi in one form: the part of the day before a 12-hour time, full month names, no Latin", () => {
    const at = (iso: string) => new Date(iso);
    expect(formatTime(at("2026-12-09T04:30:00+05:30"), "hi")).toBe("सुबह 4:30");
    expect(formatTime(at("2026-12-09T10:00:00+05:30"), "hi")).toBe("सुबह 10:00");
    expect(formatTime(at("2026-12-09T12:00:00+05:30"), "hi")).toBe("दोपहर 12:00");
    expect(formatTime(at("2026-12-09T15:45:00+05:30"), "hi")).toBe("दोपहर 3:45");
    expect(formatTime(at("2026-12-09T17:00:00+05:30"), "hi")).toBe("शाम 5:00");
    expect(formatTime(at("2026-12-09T21:15:00+05:30"), "hi")).toBe("रात 9:15");
    expect(formatTime(at("2026-12-09T00:05:00+05:30"), "hi")).toBe("रात 12:05");
    expect(formatDateTime(at("2026-12-09T10:00:00+05:30"), "hi")).toBe("9 दिसंबर 2026, सुबह 10:00");
    expect(formatDay(at("2027-02-01T10:00:00+05:30"), "hi")).toBe("1 फ़रवरी 2027");
    expect(formatDate(at("2026-12-09T10:00:00+05:30"), "hi")).toBe("बुधवार, 9 दिसंबर 2026");
    expect(
      formatRange(
        formatTime(at("2026-12-09T10:00:00+05:30"), "hi"),
        formatTime(at("2026-12-09T17:00:00+05:30"), "hi"),
        "hi",
      ),
    ).toBe("सुबह 10:00 से शाम 5:00 तक");
    // Every month in full, in Devanagari; no "am", "pm" or abbreviated month anywhere.
    for (let month = 1; month <= 12; month++) {
      const text = formatDateTime(at(`2026-${String(month).padStart(2, "0")}-15T18:30:00+05:30`), "hi");
      expect(text).not.toMatch(/[A-Za-z॰]/);
      expect(text).toMatch(/^15 \S+ 2026, शाम 6:30$/);
    }
    expect(hindiDayPart(3)).toBe("रात");
    expect(hindiDayPart(19)).toBe("शाम");
  });

  it("keeps English as it was", () => {
    const at = new Date("2026-12-09T17:00:00+05:30");
    expect(formatDateTime(at, "en")).toBe("9 Dec 2026, 5:00 pm");
    expect(formatDay(at, "en")).toBe("9 Dec 2026");
    expect(formatRange("10:00 am", "5:00 pm", "en")).toBe("10:00 am – 5:00 pm");
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
