// Runs the performance benchmarks: `npm run bench [NAME ...]`, NAME being a file's base name
// (render for render.bench.ts) or a figure (render_ms_median). Prints `BENCH <name> <value> <unit>`
// lines and merges the figures into bench-results.json, so running one bench keeps the others.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

export type Figure = { name: string; value: number; unit: string };
/** What a tests/bench/*.bench.ts module default-exports. Importing it must be cheap: work goes in run(). */
export type Bench = { figures: string[]; run(): Promise<Figure[]> };

// Measure what production runs: React's development build (the default without NODE_ENV) is much slower.
process.env.NODE_ENV ??= "production";

const benchDir = import.meta.dirname;
const resultsFile = path.resolve(benchDir, "../../bench-results.json");
const suffix = ".bench.ts";

/** 3 decimals, or 3 significant digits below 1 so that small figures do not round to 0. */
function round(value: number): number {
  return Number(Math.abs(value) >= 1 ? value.toFixed(3) : value.toPrecision(3));
}

function fail(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(1);
}

const files = (await readdir(benchDir)).filter((f) => f.endsWith(suffix)).sort();
const benches = await Promise.all(
  files.map(async (file) => ({
    base: file.slice(0, -suffix.length),
    bench: (await import(pathToFileURL(path.join(benchDir, file)).href)).default as Bench,
  })),
);

const args = process.argv.slice(2);
const matches = (b: (typeof benches)[number], arg: string) => b.base === arg || b.bench.figures.includes(arg);
for (const arg of args)
  if (!benches.some((b) => matches(b, arg))) {
    const known = benches.flatMap((b) => [b.base, ...b.bench.figures]).join(", ");
    fail(`nothing matches "${arg}" (known: ${known || "none"})`);
  }
const selected = args.length === 0 ? benches : benches.filter((b) => args.some((arg) => matches(b, arg)));

const at = new Date().toISOString();
const results: Record<string, { value: number; unit: string; at: string }> = {};
for (const { base, bench } of selected) {
  for (const { name, value, unit } of await bench.run()) {
    // A figure a module does not declare could never be asked for by name.
    if (!bench.figures.includes(name)) fail(`${base}${suffix} reported undeclared figure "${name}"`);
    if (!Number.isFinite(value)) fail(`${base}${suffix} reported ${value} for "${name}"`);
    results[name] = { value: round(value), unit, at };
    console.log(`BENCH ${name} ${round(value)} ${unit}`);
  }
}

const previous = await readFile(resultsFile, "utf8").then(JSON.parse, (error: NodeJS.ErrnoException) => {
  if (error.code === "ENOENT") return {};
  throw error;
});
await writeFile(resultsFile, `${JSON.stringify({ ...previous, ...results }, null, 2)}\n`);
