// Shared by the HTTP benchmarks (link-page, register-burst): a camp of invitees with personal links in a
// scratch database, real portals (server.ts, production mode) on it, the headers a browser sends, and
// autocannon driving the load with every response time and status recorded.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";
import { newSealedToken } from "#app/platform/token.server.ts";
import { startPortal, type Portal } from "#tests/support/portal.ts";
import { createRegistrationFixture, type RegistrationFixture } from "#tests/support/registration-fixture.ts";
import { createScratchDatabase, type ScratchDatabase } from "#tests/support/scratch-database.ts";
import { buildOnce } from "./tablet-support.ts";

const SECRET = "http-bench-session-secret-0123456789abcdefgh";

// A phone's Chrome, as it opens a link from a mail app: not a bot, so the page counts the open.
const USER_AGENT =
  "Mozilla/5.0 (Linux; Android 13; SM-A146B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
const common = {
  "user-agent": USER_AGENT,
  "accept-language": "hi-IN,hi;q=0.9,en-IN;q=0.8,en;q=0.7",
  "accept-encoding": "gzip, deflate, br",
  "sec-ch-ua": '"Chromium";v="131", "Not_A Brand";v="24"',
  "sec-ch-ua-mobile": "?1",
  "sec-ch-ua-platform": '"Android"',
  "upgrade-insecure-requests": "1",
  "sec-fetch-mode": "navigate",
  "sec-fetch-user": "?1",
  "sec-fetch-dest": "document",
};
const accept =
  "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8";

/** A link tapped in a mail app: a top-level navigation from nowhere. */
export const navigationHeaders: Record<string, string> = {
  ...common,
  accept,
  "sec-fetch-site": "none",
};

/** The page's own form sent without JavaScript: a same-origin navigation with Origin and Referer. */
export function formPostHeaders(origin: string, page: string): Record<string, string> {
  return {
    ...common,
    accept,
    "content-type": "application/x-www-form-urlencoded",
    "cache-control": "max-age=0",
    origin,
    referer: `${origin}${page}`,
    "sec-fetch-site": "same-origin",
  };
}

export type HttpBench = {
  scratch: ScratchDatabase;
  fixture: RegistrationFixture;
  /** Starts `count` portals (WORKER=none) on the database, one after the other. */
  startPortals: (count: number) => Promise<Portal[]>;
  close: () => Promise<void>;
};

/** A published event open for registration with `people` Hindi-first invitees, each with a personal link. */
export async function startHttpBench(options: { people: number; capacity: number }): Promise<HttpBench> {
  // The links are sealed with this process's secret; the portals inherit it.
  process.env.SESSION_SECRET = SECRET;
  delete process.env.SESSION_SECRETS;
  buildOnce();
  const scratch = await createScratchDatabase();
  const portals: Portal[] = [];
  const close = async () => {
    await Promise.all(portals.map((p) => p.stop()));
    await scratch.drop();
  };
  try {
    const fixture = await createRegistrationFixture(scratch.db, { people: 0, capacity: options.capacity });
    fixture.people = await addInvitees(scratch.db, fixture, options.people);
    await sql`analyze`.execute(scratch.db);
    const startPortals = async (count: number) => {
      await Promise.all(portals.splice(0).map((p) => p.stop()));
      // One after the other: each runs the start-up maintenance (migrations, link seals) alone.
      for (let i = 0; i < count; i++)
        portals.push(
          await startPortal(scratch.url, {
            NODE_ENV: "production",
            SESSION_SECRET: SECRET,
            WORKER: "none",
            LOG_LEVEL: "warn",
          }),
        );
      return [...portals];
    };
    return { scratch, fixture, startPortals, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** `count` Hindi-first office-bearers of the fixture's committee, invited with sealed links, in two inserts. */
async function addInvitees(db: Database, fixture: RegistrationFixture, count: number) {
  const appointees = await db
    .insertInto("appointees")
    .values(
      Array.from({ length: count }, (_, i) => ({
        name: `Karyakarta ${i + 1}`,
        nameHi: `कार्यकर्ता ${i + 1}`,
        email: `karyakarta${i + 1}@bench.example.in`,
        preferredLanguage: "hi" as const,
      })),
    )
    .returning(["id", "email", "name", "nameHi"])
    .execute();
  const links = appointees.map(() => newSealedToken());
  const invitations = await db
    .insertInto("invitations")
    .values(
      appointees.map((a, i) => ({
        eventId: fixture.eventId,
        appointeeId: a.id,
        committeeId: fixture.committeeId,
        designation: "member",
        tokenHash: links[i]!.tokenHash,
        tokenSealed: links[i]!.tokenSealed,
      })),
    )
    .returning(["id", "appointeeId"])
    .execute();
  const invitationOf = new Map(invitations.map((row) => [row.appointeeId, row.id]));
  return appointees.map((a, i) => ({
    appointeeId: a.id,
    invitationId: invitationOf.get(a.id)!,
    token: links[i]!.token,
    email: a.email,
    name: a.name,
    nameHi: a.nameHi!,
  }));
}

export type LoadResult = {
  responses: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Responses by status code. */
  statuses: Map<number, number>;
  errors: number;
  timeouts: number;
  /** CPU the web processes used per response (user + system), when their pids were given. */
  serverCpuMs: number | null;
};

type Request = { method?: string; path: string; headers?: Record<string, string>; body?: string };

export type LoadOptions = {
  /** Base URLs (one per web process); the connections are split evenly over them. */
  urls: string[];
  connections: number;
  /** Either a duration in seconds or an exact number of requests in all. */
  seconds?: number;
  amount?: number;
  /** The next request to send (called once per request, across every connection and URL). */
  next: () => Request;
  /** The web processes' ids, to report the CPU they spent per response. */
  pids?: (number | undefined)[];
  /** Seen for every response, e.g. to check a redirect's Location. */
  onResponse?: (request: Request, status: number, headers: Record<string, string>) => void;
};

/** Runs autocannon against every URL at once and pools the figures. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const cpuBefore = cpuMs(options.pids);
  const started = performance.now();
  const runs = options.urls.map((url, i) => {
    const share = (total: number) =>
      Math.floor(total / options.urls.length) + (i < total % options.urls.length ? 1 : 0);
    return new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url,
          connections: share(options.connections),
          ...(options.amount !== undefined
            ? { amount: share(options.amount) }
            : { duration: options.seconds ?? 10 }),
          timeout: 30,
          requests: [
            {
              setupRequest: (request: autocannon.Request, context: Record<string, unknown>) => {
                const next = options.next();
                context.sent = next;
                return { ...request, ...next, headers: { ...next.headers } };
              },
              onResponse: (
                status: number,
                _body: string,
                context: Record<string, unknown>,
                headers: Record<string, string>,
              ) => options.onResponse?.(context.sent as Request, status, headers),
            },
          ],
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      );
      instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
        latencies.push(ms);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      });
    });
  });
  const results = await Promise.all(runs);
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuMs(options.pids);
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    responses: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: latencies.at(-1) ?? NaN,
    statuses,
    errors: results.reduce((n, r) => n + r.errors, 0),
    timeouts: results.reduce((n, r) => n + r.timeouts, 0),
    serverCpuMs:
      cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / Math.max(1, latencies.length),
  };
}

/** User + system CPU of the processes, in ms, from /proc (Linux); null elsewhere. */
function cpuMs(pids: (number | undefined)[] | undefined): number | null {
  if (!pids?.length) return null;
  try {
    let ticks = 0;
    for (const pid of pids) {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks * 10; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** One line of what a load did, for the bench's output. */
export function describeLoad(name: string, r: LoadResult): string {
  const codes = [...r.statuses].map(([code, n]) => `${code}×${n}`).join(" ");
  return (
    `${name}: ${r.responses} responses in ${r.seconds.toFixed(1)} s = ${r.perSecond.toFixed(0)}/s, ` +
    `p50 ${r.p50.toFixed(0)} ms p95 ${r.p95.toFixed(0)} ms p99 ${r.p99.toFixed(0)} ms max ${r.max.toFixed(0)} ms, ` +
    `${codes}, ${r.errors} errors, ${r.timeouts} timeouts` +
    (r.serverCpuMs === null ? "" : `; web CPU ${r.serverCpuMs.toFixed(1)} ms a response`)
  );
}

/** Throws unless every response had one of the `expected` statuses and none failed. */
export function assertClean(name: string, r: LoadResult, expected: number[]): void {
  if (r.responses === 0)
    throw new Error(
      `${name}: no response completed in ${r.seconds.toFixed(1)} s (is the machine overloaded?)`,
    );
  const wrong = [...r.statuses].filter(([code]) => !expected.includes(code));
  if (wrong.length || r.errors || r.timeouts)
    throw new Error(`${name}: unexpected answers (${describeLoad(name, r)})`);
}

/** A shuffled copy (Fisher-Yates), so links are not opened in the order they were made. */
export function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
