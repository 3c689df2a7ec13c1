import { describe, expect, it } from "vitest";
import { formatCsvRows } from "#app/models/imports/csv.ts";
import {
  childPathPart,
  coverage,
  eventCsvFilename,
  eventCsvRows,
  formatPercent,
  pageSearch,
  percentValue,
  sortSearch,
} from "./report.ts";
import { parseEventReportQuery } from "./report-query.server.ts";

describe("coverage and percentages", () => {
  it("is the share of members trained, and none without members", () => {
    expect(coverage(5, 9)).toBeCloseTo(0.5556, 4);
    expect(coverage(0, 3)).toBe(0);
    expect(coverage(0, 0)).toBeNull();
  });

  it("writes percentages for India in both languages", () => {
    expect(formatPercent(5 / 9, "en")).toBe("55.6%");
    expect(formatPercent(5 / 9, "hi")).toBe("55.6%");
    expect(formatPercent(1, "en")).toBe("100%");
    expect(formatPercent(0.12345, "hi")).toBe("12.3%");
    expect(formatPercent(null, "en")).toBe("—");
    expect(percentValue(5 / 9)).toBe(55.6);
    expect(percentValue(null)).toBe(0);
  });
});

describe("unit paths", () => {
  it("finds the part of a descendant's path that names the child it lies under", () => {
    const parts = "/1/12/140/1400/".split("/");
    // The state (depth 0) groups by district, a district (depth 1) by assembly.
    expect(parts[childPathPart(0) - 1]).toBe("12");
    expect(parts[childPathPart(1) - 1]).toBe("140");
    // Without a unit: the roots.
    expect(parts[childPathPart(null) - 1]).toBe("1");
  });
});

describe("the per-event table's query string", () => {
  it("reads a sort, a direction and a page, and falls back on anything else", () => {
    expect(parseEventReportQuery(new URLSearchParams("sort=attended&dir=asc&page=3"))).toEqual({
      sort: "attended",
      dir: "asc",
      page: 3,
    });
    expect(parseEventReportQuery(new URLSearchParams("sort=invited"))).toEqual({
      sort: "invited",
      dir: "desc",
      page: 1,
    });
    expect(parseEventReportQuery(new URLSearchParams("sort=drop%20table&dir=up&page=-4"))).toEqual({
      sort: "committee",
      dir: "asc",
      page: 1,
    });
    expect(parseEventReportQuery(new URLSearchParams("page=1e9")).page).toBe(1);
  });

  it("flips the direction on the same column and starts again on page 1", () => {
    const current = { sort: "attended" as const, dir: "desc" as const, page: 2 };
    expect(sortSearch(current, "attended")).toBe("?sort=attended&dir=asc");
    expect(sortSearch(current, "committee")).toBe("?sort=committee&dir=asc");
    expect(sortSearch(current, "registered")).toBe("?sort=registered&dir=desc");
    expect(pageSearch(current, 3)).toBe("?sort=attended&dir=desc&page=3");
  });
});

describe("the CSV export", () => {
  const row = {
    committeeId: 1,
    unitCode: "RJ-JP",
    unitLevel: "district",
    nameEn: '=HYPERLINK("http://x")',
    nameHi: "+जयपुर",
    seatQuota: 40,
    members: 38,
    invited: 0,
    registered: 0,
    attended: 0,
    attendedAll: 0,
  };

  it("neutralises formula-looking names and leaves the rate empty without invitations", () => {
    expect(formatCsvRows(eventCsvRows([row]))).toBe(
      `RJ-JP,district,"'=HYPERLINK(""http://x"")","'+जयपुर",40,38,0,0,0,0,\r\n`,
    );
    expect(eventCsvRows([{ ...row, invited: 3, attended: 2 }])[0]!.at(-1)).toBe("0.667");
  });

  it("names the file by event and IST day", () => {
    expect(eventCsvFilename(12, new Date("2026-11-26T20:00:00Z"))).toBe(
      "shivir-event-12-attendance-2026-11-27.csv",
    );
  });
});
