// Camp day: an invitation mail reaches 4,000 office-bearers and they tap their personal links within
// minutes. 200 clients at once open 4,000 different links (Hindi pages, as a phone's browser asks for them:
// a top-level navigation, gzip, no cookie) against the real portal (server.ts, NODE_ENV=production,
// LOG_LEVEL=warn) on a scratch database. 3 s of warm-up, then 10 s measured; any answer but 200, any
// error or timeout fails the bench.
//
// - link_page_rps, link_page_p95_ms: one web process. Goal ≥ 500 pages/s and p95 ≤ 200 ms.
// - link_page_rps_2web, link_page_p95_ms_2web: two web processes (WORKER=none) on two ports, the
//   connections split over both, as a proxy would. The machine has 2 cores, which autocannon shares.
import {
  assertClean,
  type HttpBench,
  describeLoad,
  load,
  navigationHeaders,
  shuffled,
  startHttpBench,
} from "./http-support.ts";
import type { Bench, Figure } from "./run.ts";

const PEOPLE = 4000;
const CONNECTIONS = 200;
const WARM_UP_SECONDS = 3;
const MEASURE_SECONDS = 10;

async function measure(bench: HttpBench, web: number, suffix: string): Promise<Figure[]> {
  const portals = await bench.startPortals(web);
  const urls = portals.map((p) => p.url);
  const paths = shuffled(bench.fixture.people.map((p) => `/i/${p.token}`));
  // The page is what the test says it is: the person's own page, in Hindi.
  const sample = await fetch(`${urls[0]}${paths[0]}`, { headers: navigationHeaders });
  const html = await sample.text();
  if (sample.status !== 200 || sample.headers.get("content-language") !== "hi" || !html.includes('lang="hi"'))
    throw new Error(`the link page answered ${sample.status} (${sample.headers.get("content-language")})`);
  let n = 0;
  const next = () => ({ path: paths[n++ % paths.length]!, headers: navigationHeaders });
  const options = { urls, connections: CONNECTIONS, next, pids: portals.map((p) => p.pid) };
  const warm = await load({ ...options, seconds: WARM_UP_SECONDS });
  assertClean(`link page warm-up${suffix}`, warm, [200]);
  const result = await load({ ...options, seconds: MEASURE_SECONDS });
  console.log(describeLoad(`link page, ${web} web process${web > 1 ? "es" : ""}`, result));
  assertClean(`link page${suffix}`, result, [200]);
  return [
    { name: `link_page_rps${suffix}`, value: result.perSecond, unit: "pages/s" },
    { name: `link_page_p95_ms${suffix}`, value: result.p95, unit: "ms" },
  ];
}

export default {
  figures: ["link_page_rps", "link_page_p95_ms", "link_page_rps_2web", "link_page_p95_ms_2web"],
  async run() {
    const bench = await startHttpBench({ people: PEOPLE, capacity: 5000 });
    try {
      return [...(await measure(bench, 1, "")), ...(await measure(bench, 2, "_2web"))];
    } finally {
      await bench.close();
    }
  },
} satisfies Bench;
