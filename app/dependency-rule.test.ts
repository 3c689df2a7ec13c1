// The layout's rules (docs/architecture.md), checked on every run so they stay true: dependencies point one
// way (routes → ui, web, models → platform), models live in domain folders, and routes stay short.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const appDir = import.meta.dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** The app folders a file imports from (`#app/models/…` or a relative path that lands in app/). */
function importedAreas(file: string, source: string): string[] {
  const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1] ?? "");
  return specifiers.flatMap((spec) => {
    let target: string;
    if (spec.startsWith("#app/")) target = spec.slice("#app/".length);
    else if (spec.startsWith(".")) target = path.relative(appDir, path.resolve(path.dirname(file), spec));
    else return [];
    if (target.startsWith("..")) return [];
    return [target.split(path.sep)[0] ?? ""];
  });
}

/** Which app folders each layer may not import. */
const forbidden: Record<string, string[]> = {
  platform: ["models", "web", "ui", "routes", "mail", "jobs", "tablet"],
  models: ["web", "ui", "routes", "jobs", "tablet"],
  mail: ["web", "ui", "routes"],
  ui: ["routes", "web"],
  web: ["routes", "ui"],
  i18n: ["models", "web", "ui", "routes", "mail", "platform"],
};

function violations(layer: string) {
  const banned = forbidden[layer] ?? [];
  return sourceFiles(path.join(appDir, layer))
    .filter((file) => !/\.test\.tsx?$/.test(file))
    .flatMap((file) =>
      importedAreas(file, readFileSync(file, "utf8"))
        .filter((area) => banned.includes(area))
        .map((area) => `${path.relative(appDir, file)} → ${area}`),
    );
}

describe("the dependency rule", () => {
  for (const layer of Object.keys(forbidden)) {
    it(`${layer} imports nothing from ${forbidden[layer]?.join(", ")}`, () => {
      expect(violations(layer)).toEqual([]);
    });
  }

  it("sees a wrong arrow when there is one", () => {
    const file = path.join(appDir, "platform", "x.server.ts");
    expect(importedAreas(file, 'import { a } from "#app/models/events/event.ts";')).toEqual(["models"]);
    expect(importedAreas(file, 'import type { b } from "../web/auth.server.ts";')).toEqual(["web"]);
    expect(importedAreas(file, 'const c = await import("../routes/x.tsx");')).toEqual(["routes"]);
    expect(importedAreas(file, 'import { d } from "./db.server.ts";')).toEqual(["platform"]);
  });
});

describe("the layout", () => {
  it("keeps models in domain folders, none directly in app/models", () => {
    const loose = readdirSync(path.join(appDir, "models")).filter((name) => /\.tsx?$/.test(name));
    expect(loose).toEqual([]);
  });

  it("keeps every route file at 300 lines or fewer (a big page becomes a route folder)", () => {
    const long = sourceFiles(path.join(appDir, "routes"))
      .map((file) => ({
        file: path.relative(appDir, file),
        lines: readFileSync(file, "utf8").split("\n").length,
      }))
      .filter(({ lines }) => lines > 300);
    expect(long).toEqual([]);
  });
});
