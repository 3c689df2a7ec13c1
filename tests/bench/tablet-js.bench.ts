import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Bench } from "./run.ts";
import { buildOnce } from "./tablet-support.ts";

// The JavaScript a tablet downloads to open the roster page: the route's module and its imports, the
// client entry and the root route with theirs, and the Hindi strings (the client entry loads the page's
// language on its own; Hindi is the larger), each file gzipped (level 9), counted once, in KB.
const ROUTE = "routes/tablet.events.$id";

type Manifest = {
  entry: { module: string; imports?: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
};

export default {
  figures: ["tablet_js_kb"],
  async run() {
    buildOnce();
    const buildDir = path.resolve("public/build");
    const manifestFile = readdirSync(buildDir).find((f) => /^manifest-.*\.js$/.test(f));
    if (!manifestFile) throw new Error("no Remix manifest in public/build");
    const text = readFileSync(path.join(buildDir, manifestFile), "utf8");
    const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as Manifest;
    const route = manifest.routes[ROUTE];
    const root = manifest.routes.root;
    if (!route || !root) throw new Error(`${ROUTE} or root is missing from the manifest`);
    const files = new Set(
      [manifest.entry, root, route].flatMap((part) => [part.module, ...(part.imports ?? [])]),
    );
    const hindi = readdirSync(path.join(buildDir, "_shared")).find((f) => /^all-hi-.*\.js$/.test(f));
    if (!hindi) throw new Error("no Hindi strings chunk (all-hi-*.js) in public/build/_shared");
    files.add(`/build/_shared/${hindi}`);
    let bytes = 0;
    for (const url of files)
      bytes += gzipSync(readFileSync(path.resolve("public", `.${url}`)), { level: 9 }).length;
    console.log(`tablet_js: ${files.size} files, ${bytes} bytes gzipped`);
    return [{ name: "tablet_js_kb", value: bytes / 1024, unit: "KB" }];
  },
} satisfies Bench;
