import type { Bench } from "./run.ts";
import { startTabletBench } from "./tablet-support.ts";

// Search over a 1,000-person roster on the tablet page in Chromium with the CPU slowed 4× (a cheap
// tablet): from a keystroke (its keydown time) until the list shows that search's result and the browser
// has painted it. Every keystroke of a few typical searches, in both scripts and by phone digits.
const PEOPLE = 1000;
const SEARCHES = ["ramesh", "sharma", "सुनीता", "kavita meena", "7", "गोपाल राठौड़", "pooja jat 9"];

// Run in the page (as source text: the bench runner's compiler would add helpers the page does not have).
// Armed before the key is pressed: notes the keydown time, then waits for the list to show the new search
// and for the next frame to be painted; window.__searchMeasure then holds the milliseconds.
const armSource = `(want) => {
  const input = document.querySelector(".tablet-search input");
  const list = document.querySelector(".virtual-list");
  window.__searchMeasure = new Promise((resolve) => {
    let down = 0;
    input.addEventListener("keydown", (e) => { down = e.timeStamp; }, { once: true, capture: true });
    // Text typed without a key event (Devanagari from an input method) starts at its beforeinput.
    input.addEventListener("beforeinput", (e) => { if (!down) down = e.timeStamp; }, { once: true, capture: true });
    const observer = new MutationObserver(() => {
      if (list.getAttribute("data-rendered-for") !== want) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - down), 0));
    });
    observer.observe(list, { attributes: true, attributeFilter: ["data-rendered-for"] });
  });
}`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export default {
  figures: ["roster_search_ms", "roster_search_p90_ms"],
  async run() {
    // The fixture seals its people's personal links with the environment's secret (run.ts runs in production).
    process.env.SESSION_SECRET ??= "roster-search-bench-secret-0123456789abcdef";
    const { findChromium, launchBrowser } = await import("#tests/e2e/support.ts");
    const chromiumPath = findChromium();
    if (!chromiumPath) throw new Error("no Chromium found (set CHROME_PATH or apt-get install chromium)");
    const bench = await startTabletBench(PEOPLE);
    const browser = await launchBrowser(chromiumPath);
    try {
      const context = await browser.newContext({ viewport: { width: 1180, height: 820 }, hasTouch: true });
      const [name, ...value] = bench.trainerCookie.split("=");
      await context.addCookies([{ name: name!, value: value.join("="), url: bench.portal.url }]);
      const page = await context.newPage();
      await page.goto(`${bench.portal.url}/tablet/events/${bench.fixture.eventId}`);
      await page.locator(".person-row").first().waitFor();
      const rows = await page.locator(".tablet-counts [data-count=invited]").textContent();
      if (rows?.replace(/\D/g, "") !== String(PEOPLE)) throw new Error(`the roster shows ${rows} people`);
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });

      const search = page.locator(".tablet-search input");
      const times: number[] = [];
      for (const query of SEARCHES) {
        await search.fill("");
        await page.waitForFunction(
          () => document.querySelector(".virtual-list")?.getAttribute("data-rendered-for") === "",
        );
        await search.focus();
        for (const char of query) {
          const expected = `${await search.inputValue()}${char}`;
          await page.evaluate(`(${armSource})(${JSON.stringify(expected)})`);
          await page.keyboard.type(char);
          times.push(
            (await page.evaluate(
              `Promise.race([window.__searchMeasure, new Promise((_, reject) => setTimeout(() => reject(new Error("the list did not show ${expected}")), 10000))])`,
            )) as number,
          );
        }
      }
      const median = percentile(times, 50);
      const p90 = percentile(times, 90);
      console.log(
        `roster search: ${times.length} keystrokes over ${PEOPLE} people at 4× CPU slowdown: median ${median.toFixed(1)} ms, p90 ${p90.toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`,
      );
      return [
        { name: "roster_search_ms", value: median, unit: "ms" },
        { name: "roster_search_p90_ms", value: p90, unit: "ms" },
      ];
    } finally {
      await browser.close();
      await bench.close();
    }
  },
} satisfies Bench;
