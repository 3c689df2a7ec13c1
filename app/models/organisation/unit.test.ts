import { describe, expect, it } from "vitest";
import {
  canNest,
  inTreeOrder,
  escapeLike,
  pathIds,
  subtreePattern,
  subtreeUpperBound,
  UnitCodeSchema,
  UnitListQuerySchema,
  visibleAncestorIds,
} from "./unit.ts";

describe("unit rules", () => {
  it("nests only deeper levels below shallower ones", () => {
    expect(canNest("state", "district")).toBe(true);
    expect(canNest("district", "block")).toBe(true);
    expect(canNest("assembly", "assembly")).toBe(false);
    expect(canNest("booth", "panchayat")).toBe(false);
  });

  it("builds a prefix pattern only from a well-formed path", () => {
    expect(subtreePattern("/1/12/")).toBe("/1/12/%");
    expect(() => subtreePattern("/1/12")).toThrow();
    expect(() => subtreePattern("/1/%/")).toThrow();
  });
});

describe("unit paths, search input and forms", () => {
  it("reads the ids of a path and the ancestors a reader may see", () => {
    expect(pathIds("/1/12/140/")).toEqual([1, 12, 140]);
    expect(visibleAncestorIds("/1/12/140/", null)).toEqual([1, 12]);
    // An organiser scoped to /1/12/ sees the trail from their scope unit on.
    expect(visibleAncestorIds("/1/12/140/1500/", "/1/12/")).toEqual([12, 140]);
    expect(visibleAncestorIds("/1/12/", "/1/12/")).toEqual([]);
    expect(visibleAncestorIds("/1/13/140/", "/1/12/")).toEqual([]);
    // /1/120/ is not inside /1/12/.
    expect(visibleAncestorIds("/1/120/5/", "/1/12/")).toEqual([]);
  });

  it("bounds a subtree in byte order", () => {
    const upper = subtreeUpperBound("/1/12/");
    expect(upper).toBe("/1/120");
    for (const inside of ["/1/12/", "/1/12/5/", "/1/12/999/7/"])
      expect(inside < upper && inside >= "/1/12/").toBe(true);
    for (const outside of ["/1/120/", "/1/13/", "/1/1/"])
      expect(outside >= "/1/12/" && outside < upper).toBe(false);
  });

  it("escapes LIKE wildcards and reads the list query leniently", () => {
    expect(escapeLike("50%_a\\b")).toBe("50\\%\\_a\\\\b");
    expect(UnitListQuerySchema.parse({ q: "  जय  ", page: "2" })).toEqual({ q: "जय", page: 2 });
    expect(UnitListQuerySchema.parse({ q: undefined, page: "x" })).toEqual({ q: "", page: 1 });
    expect(UnitListQuerySchema.parse({ q: "a".repeat(500), page: "-3" })).toEqual({
      q: "a".repeat(100),
      page: 1,
    });
  });

  it("normalises codes to capitals and refuses what the database would refuse", () => {
    expect(UnitCodeSchema.parse(" rj-jp-ac-sng ")).toBe("RJ-JP-AC-SNG");
    for (const bad of ["", "-RJ", "RJ JP", "RJ_JP", "जय", "A".repeat(41)]) {
      expect(UnitCodeSchema.safeParse(bad).success, bad).toBe(false);
    }
    expect(UnitCodeSchema.safeParse("A".repeat(40)).success).toBe(true);
  });
});

describe("inTreeOrder", () => {
  const unit = (id: number, path: string, nameEn: string, nameHi: string) => ({ id, path, nameEn, nameHi });
  const units = [
    unit(1, "/1/", "Rajasthan", "राजस्थान"),
    unit(2, "/1/2/", "Udaipur", "उदयपुर"),
    unit(3, "/1/3/", "Ajmer", "अजमेर"),
    unit(4, "/1/3/4/", "Kishangarh", "किशनगढ़"),
    unit(5, "/1/3/5/", "Beawar", "ब्यावर"),
    unit(6, "/1/6/", "Jaipur", "जयपुर"),
  ];
  it("lists each unit after its parent, brothers and sisters by name in the reader's language", () => {
    expect(inTreeOrder(units, (u) => u.nameHi, "hi-IN").map((u) => u.nameHi)).toEqual([
      "राजस्थान",
      "अजमेर",
      "किशनगढ़",
      "ब्यावर",
      "उदयपुर",
      "जयपुर",
    ]);
    expect(inTreeOrder(units, (u) => u.nameEn, "en-IN").map((u) => u.nameEn)).toEqual([
      "Rajasthan",
      "Ajmer",
      "Beawar",
      "Kishangarh",
      "Jaipur",
      "Udaipur",
    ]);
  });

  it("keeps a district organiser's list (no state) in order", () => {
    const district = units.filter((u) => u.id !== 1);
    expect(inTreeOrder(district, (u) => u.nameEn, "en-IN").map((u) => u.id)).toEqual([3, 5, 4, 6, 2]);
  });
});
