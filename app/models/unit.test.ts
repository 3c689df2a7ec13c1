import { describe, expect, it } from "vitest";
import { canNest, subtreePattern } from "./unit.ts";

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
