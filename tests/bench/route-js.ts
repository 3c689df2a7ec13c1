// The JavaScript each page makes a browser download, read from the last build (public/build and the server
// build for the routes' handles): the client entry, the root route and the page's route module with their
// static imports (the Remix manifest lists them), plus the strings chunk the client entry loads for the
// page's language (Hindi, the larger) with its own imports. Each file gzipped (level 9), counted once.
// Lazy chunks a page loads only on demand (the tablet's camera scanner) are not counted.
//
//   node --import tsx tests/bench/route-js.ts            prints a table of every route
//   (tablet-js.bench.ts uses measureRoute for its figures)
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

type ManifestRoute = { id: string; path?: string; index?: boolean; module: string; imports?: string[] };
type Manifest = { entry: { module: string; imports?: string[] }; routes: Record<string, ManifestRoute> };
type ServerBuild = { routes: Record<string, { module: { default?: unknown; handle?: unknown } }> };

export type RouteJs = {
  id: string;
  /** A resource route (no page): browsers never load its module. */
  resource: boolean;
  /** The page ships none of Remix's scripts (`handle.scripts: false`, app/web/page-scripts.ts). */
  noScripts: boolean;
  files: number;
  /** Entry + root + route module and their imports. */
  codeBytes: number;
  /** The strings chunk the client entry loads for the page, and its imports (not already counted). */
  stringsBytes: number;
  strings: string;
  zod: boolean;
  luxon: boolean;
};

const publicDir = path.resolve("public");
const buildDir = path.join(publicDir, "build");
const gzipped = new Map<string, number>();
const texts = new Map<string, string>();

function text(url: string): string {
  let value = texts.get(url);
  if (value === undefined) {
    value = readFileSync(path.join(publicDir, `.${url}`), "utf8");
    texts.set(url, value);
  }
  return value;
}

function gzippedSize(url: string): number {
  let size = gzipped.get(url);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(publicDir, `.${url}`)), { level: 9 }).length;
    gzipped.set(url, size);
  }
  return size;
}

export function readManifest(): Manifest {
  const manifestFile = readdirSync(buildDir).find((f) => /^manifest-.*\.js$/.test(f));
  if (!manifestFile) throw new Error("no Remix manifest in public/build");
  const source = readFileSync(path.join(buildDir, manifestFile), "utf8");
  return JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as Manifest;
}

/** A built chunk and every chunk it imports statically (`from"/build/_shared/chunk-X.js"`, `import"…"`). */
function withStaticImports(url: string, into: Set<string>): void {
  if (into.has(url)) return;
  into.add(url);
  for (const [, imported] of text(url).matchAll(/(?:\bfrom|\bimport)\s*"((?:\/|\.{1,2}\/)[^"]+\.js)"/g))
    withStaticImports(
      imported!.startsWith("/") ? imported! : path.posix.join(path.posix.dirname(url), imported!),
      into,
    );
}

/**
 * What the client entry loads on its own for a page whose routes ask for the strings `bundle`: the strings
 * chunk, and for every area's strings i18next too when it is a chunk of its own (the tablet pages use
 * app/i18n/lite.ts instead; before that change i18next was part of the entry).
 */
function stringsChunks(bundle: string, language: string): string[] {
  const shared = readdirSync(path.join(buildDir, "_shared"));
  const pattern = new RegExp(`^${bundle}-${language}-[A-Z0-9]+\\.js$`);
  const file = shared.find((f) => pattern.test(f));
  if (!file) throw new Error(`no strings chunk ${bundle}-${language}-*.js in public/build/_shared`);
  const i18next = bundle === "all" ? shared.filter((f) => /^i18next-[A-Z0-9]+\.js$/.test(f)) : [];
  return [file, ...i18next].map((f) => `/build/_shared/${f}`);
}

type Handle = { strings?: unknown; scripts?: unknown } | undefined;

/** The handles of a route and its parents, deepest first. */
function handleOf(id: string, manifest: Manifest, server: ServerBuild): Handle[] {
  const handles: Handle[] = [];
  for (let route: ManifestRoute | undefined = manifest.routes[id]; route; ) {
    handles.push(server.routes[route.id]?.module.handle as Handle);
    const parentId = (route as { parentId?: string }).parentId;
    route = parentId ? manifest.routes[parentId] : undefined;
  }
  return handles;
}

/** Which strings bundle a route's page loads: its handle's `strings`, else its parents', else "all". */
function bundleOf(id: string, manifest: Manifest, server: ServerBuild): string {
  const strings = handleOf(id, manifest, server).find((handle) => typeof handle?.strings === "string");
  return (strings?.strings as string | undefined) ?? "all";
}

const isZod = (source: string) => source.includes("ZodError") || source.includes("$ZodType");
const isLuxon = (source: string) => source.includes("Invalid DateTime");

export async function loadServerBuild(): Promise<ServerBuild> {
  // A query string so that a second build in the same process is read afresh.
  const url = `${pathToFileURL(path.resolve("build/index.js")).href}?t=${Date.now()}`;
  return (await import(url)) as ServerBuild;
}

export function measureRoute(
  id: string,
  manifest: Manifest,
  server: ServerBuild,
  language = "hi",
): RouteJs & { urls: string[] } {
  const route = manifest.routes[id];
  const root = manifest.routes.root;
  if (!route || !root) throw new Error(`${id} or root is missing from the manifest`);
  const noScripts = handleOf(id, manifest, server).some((handle) => handle?.scripts === false);
  const code = new Set<string>();
  if (!noScripts)
    for (const part of [manifest.entry, root, route])
      for (const url of [part.module, ...(part.imports ?? [])]) withStaticImports(url, code);
  const bundle = bundleOf(id, manifest, server);
  const all = new Set(code);
  if (!noScripts) for (const url of stringsChunks(bundle, language)) withStaticImports(url, all);
  const strings = [...all].filter((url) => !code.has(url));
  const sum = (urls: Iterable<string>) => [...urls].reduce((total, url) => total + gzippedSize(url), 0);
  return {
    id,
    resource: server.routes[id]?.module.default === undefined,
    noScripts,
    files: all.size,
    codeBytes: sum(code),
    stringsBytes: sum(strings),
    strings: bundle,
    zod: [...all].some((url) => isZod(text(url))),
    luxon: [...all].some((url) => isLuxon(text(url))),
    urls: [...all],
  };
}

/**
 * The JavaScript a page really makes a browser load, read from its server-rendered HTML (the server build
 * answers in this process: for pages whose loaders need no database, such as /tablet/pair): the script files
 * and module preloads with their imports, what the client entry then loads for the page's strings (from
 * <html lang> and data-strings), and the inline scripts, each gzipped.
 */
export async function measurePage(
  pathname: string,
): Promise<{ bytes: number; files: string[]; inline: number }> {
  const { createRequestHandler } = await import("@remix-run/node");
  // The root loader reads the settings (a session secret is required in production) and makes the database
  // pool; no cookie is sent, so no query is made (a database that is not there would fail the page).
  process.env.SESSION_SECRET ??= "route-js-bench-secret-0123456789abcdef";
  process.env.DATABASE_URL ??= "postgres://nobody@127.0.0.1:9/none";
  const manifest = readManifest();
  const handler = createRequestHandler((await loadServerBuild()) as never, "production");
  const response = await handler(new Request(`http://localhost${pathname}`));
  if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}`);
  const html = await response.text();
  const urls = new Set<string>();
  const add = (url: string) => url.startsWith("/build/") && withStaticImports(url, urls);
  for (const [, url] of html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)) add(url!);
  for (const [, url] of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) add(url!);
  let inline = 0;
  for (const [, attributes, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (/\ssrc=/.test(attributes!) || !body!.trim()) continue;
    for (const [, url] of body!.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*"(\/build\/[^"]+\.js)"/g)) add(url!);
    inline += gzipSync(body!, { level: 9 }).length;
  }
  if (urls.has(manifest.entry.module)) {
    const language = /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1] ?? "hi";
    const bundle = /<html[^>]*\sdata-strings="([^"]+)"/.exec(html)?.[1] ?? "all";
    for (const url of stringsChunks(bundle, language)) add(url);
  }
  const files = [...urls];
  return { bytes: files.reduce((total, url) => total + gzippedSize(url), 0) + inline, files, inline };
}

export async function measureAllRoutes(language = "hi"): Promise<RouteJs[]> {
  const manifest = readManifest();
  const server = await loadServerBuild();
  return Object.keys(manifest.routes)
    .filter((id) => id !== "root")
    .sort()
    .map((id) => {
      const { urls: _, ...row } = measureRoute(id, manifest, server, language);
      return row;
    });
}

export function formatTable(rows: RouteJs[]): string {
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  const width = Math.max(...rows.map((r) => r.id.length), 5);
  const lines = [
    `${"route".padEnd(width)}  code_kb  strings_kb  total_kb  strings  zod  luxon`,
    ...rows.map((r) =>
      [
        r.id.padEnd(width),
        kb(r.codeBytes).padStart(7),
        kb(r.stringsBytes).padStart(10),
        kb(r.codeBytes + r.stringsBytes).padStart(8),
        (r.resource ? "-" : r.noScripts ? "none" : r.strings).padEnd(7),
        (r.zod ? "yes" : "").padEnd(3),
        r.luxon ? "yes" : "",
      ].join("  "),
    ),
  ];
  const pages = rows.filter((r) => !r.resource);
  lines.push(
    "",
    `${rows.length} routes (${pages.length} pages; resource routes ship no JavaScript but are listed as if opened); ` +
      `Zod on ${pages.filter((r) => r.zod).length} pages, luxon on ${pages.filter((r) => r.luxon).length}.`,
    "code = client entry + root + route module and their static imports; strings = what the client entry loads " +
      "on its own for the page: the Hindi strings chunk (and i18next, when not part of the entry); " +
      'gzip -9 KB, each file counted once. strings "none": the page ships no Remix scripts ' +
      "(its inline script, if any, is counted by tablet-js.bench.ts as pair_js_kb).",
  );
  return lines.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(formatTable(await measureAllRoutes(process.argv[2] ?? "hi")));
  process.exit(0);
}
