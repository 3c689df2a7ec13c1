import type { Bench } from "./run.ts";
import {
  formatTable,
  loadServerBuild,
  measureAllRoutes,
  measurePage,
  measureRoute,
  readManifest,
} from "./route-js.ts";
import { buildOnce } from "./tablet-support.ts";

// The JavaScript a tablet downloads, gzipped (level 9), each file counted once, in KB (see route-js.ts):
// - tablet_js_kb: the roster page, /tablet/events/:id: the client entry, the root route and the roster's
//   module with their imports, and what the entry loads for the page's strings (the tablet's own bundle,
//   in Hindi, the larger). The camera scanner and walk-in form, loaded when first opened, are not counted.
// - pair_js_kb: the pairing page, /tablet/pair, as the server renders it for a new tablet: every script it
//   loads or carries inline (it ships none of Remix's: app/web/page-scripts.ts).
// It also prints every route's figure (the table of `node --import tsx tests/bench/route-js.ts`).
const ROSTER = "routes/tablet.events.$id";

export default {
  figures: ["tablet_js_kb", "pair_js_kb"],
  async run() {
    buildOnce();
    const roster = measureRoute(ROSTER, readManifest(), await loadServerBuild());
    const rosterBytes = roster.codeBytes + roster.stringsBytes;
    console.log(
      `tablet_js: ${roster.files} files, ${rosterBytes} bytes gzipped (strings: ${roster.strings})`,
    );
    const pair = await measurePage("/tablet/pair");
    console.log(
      `pair_js: ${pair.files.length} files and ${pair.inline} bytes of inline script, ${pair.bytes} bytes gzipped`,
    );
    console.log(formatTable(await measureAllRoutes()));
    return [
      { name: "tablet_js_kb", value: rosterBytes / 1024, unit: "KB" },
      { name: "pair_js_kb", value: pair.bytes / 1024, unit: "KB" },
    ];
  },
} satisfies Bench;
