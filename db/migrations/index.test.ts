import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { migrations } from "./index.ts";

describe("the migration list", () => {
  it("names every migration file in the folder, in date order", () => {
    const files = readdirSync(import.meta.dirname)
      .filter((f) => /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}_.+\.ts$/.test(f) && !f.endsWith(".test.ts"))
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    expect(Object.keys(migrations)).toEqual(files);
  });
});
