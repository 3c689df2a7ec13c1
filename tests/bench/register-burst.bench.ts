// Camp day, the moment registration matters: 4,000 invitees for 3,000 seats, 200 of them at once pressing
// Register on their personal link pages. Every person sends the post their page's form sends without
// JavaScript (a same-origin navigation, form-encoded, with the answers the event asks for) to the real
// portal (server.ts, NODE_ENV=production, one web process, LOG_LEVEL=warn) on a scratch database, after
// 3 s of people opening their pages.
//
// - register_burst_p95_ms: the 95th percentile of the 4,000 posts' response times. Goal ≤ 250 ms.
//
// The bench fails unless every post is answered with the 303 to the person's page a browser follows
// (`?done=registered`), and the database then holds exactly 3,000 registered and 1,000 waitlisted, with
// waitlist positions 1…1,000 in the order the seat lock was taken (registration ids), every seat taken
// before any place on the waitlist, and no person placed ahead of someone whose answer had already
// reached its client before the person's post was sent.
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { hashToken } from "#app/platform/token.server.ts";
import {
  assertClean,
  describeLoad,
  formPostHeaders,
  load,
  navigationHeaders,
  shuffled,
  startHttpBench,
} from "./http-support.ts";
import type { Bench } from "./run.ts";

const PEOPLE = 4000;
const CAPACITY = 3000;
const CONNECTIONS = 200;
const WARM_UP_SECONDS = 3;
// What the page's form holds when a person picks bus, no stay and vegetarian food, arrival left empty.
const FORM = "travelMode=bus&arrivalTime=&needsStay=no&foodPreference=veg&intent=register";

type Timing = { sent: number; answered: number };

export default {
  figures: ["register_burst_p95_ms"],
  async run() {
    const bench = await startHttpBench({ people: PEOPLE, capacity: CAPACITY });
    try {
      const { db } = bench.scratch;
      const portal = (await bench.startPortals(1))[0]!;
      const { url } = portal;
      const origin = new URL(url).origin;
      const people = shuffled(bench.fixture.people);
      const pages = people.map((p) => `/i/${p.token}`);

      // The form on the page is the one this bench imitates.
      const page = await (await fetch(`${url}${pages[0]}`, { headers: navigationHeaders })).text();
      for (const field of ["travelMode", "arrivalTime", "needsStay", "foodPreference"])
        if (!page.includes(`name="${field}"`)) throw new Error(`the page's form has no ${field} field`);
      if (!page.includes('name="intent" value="register"'))
        throw new Error("the page has no Register button");

      let opened = 0;
      const warm = await load({
        urls: [url],
        connections: CONNECTIONS,
        seconds: WARM_UP_SECONDS,
        next: () => ({ path: pages[opened++ % pages.length]!, headers: navigationHeaders }),
      });
      assertClean("register burst warm-up", warm, [200]);

      const timings = new Map<string, Timing>();
      const wrongAnswers: string[] = [];
      let posted = 0;
      const result = await load({
        urls: [url],
        connections: CONNECTIONS,
        amount: PEOPLE,
        pids: [portal.pid],
        next: () => {
          const path = pages[posted++];
          if (!path) throw new Error("more posts than people");
          timings.set(path, { sent: performance.now(), answered: Number.NaN });
          return { method: "POST", path, headers: formPostHeaders(origin, path), body: FORM };
        },
        onResponse: (request, status, headers) => {
          const timing = timings.get(request.path);
          if (timing) timing.answered = performance.now();
          if (status !== 303 || headers.location !== `${request.path}?done=registered`)
            wrongAnswers.push(`${status} ${headers.location ?? ""}`);
        },
      });
      console.log(describeLoad("register burst, 1 web process", result));
      assertClean("register burst", result, [303]);
      if (posted !== PEOPLE || result.responses !== PEOPLE)
        throw new Error(`${posted} posts sent, ${result.responses} answered, of ${PEOPLE}`);
      if (wrongAnswers.length)
        throw new Error(
          `${wrongAnswers.length} posts were not sent to their page: ${wrongAnswers.slice(0, 3)}`,
        );

      const rows = await db
        .selectFrom("registrations")
        .innerJoin("invitations", "invitations.id", "registrations.invitationId")
        .select([
          "registrations.id",
          "registrations.status",
          "invitations.tokenHash",
          sql<number>`(extract(epoch from registrations.registered_at) * 1000000)::bigint`.as("registeredAt"),
          sql<number>`(extract(epoch from registrations.waitlisted_at) * 1000000)::bigint`.as("waitlistedAt"),
          sql<number | null>`case when registrations.status = 'waitlisted' then (
            select count(*) from registrations w
             where w.event_id = registrations.event_id and w.status = 'waitlisted'
               and (w.waitlisted_at, w.id) <= (registrations.waitlisted_at, registrations.id)) end`.as(
            "position",
          ),
        ])
        .where("registrations.eventId", "=", bench.fixture.eventId)
        .orderBy("registrations.id")
        .execute();
      const registered = rows.filter((r) => r.status === "registered");
      const waitlisted = rows.filter((r) => r.status === "waitlisted");
      if (rows.length !== PEOPLE || registered.length !== CAPACITY || waitlisted.length !== PEOPLE - CAPACITY)
        throw new Error(
          `${rows.length} registrations: ${registered.length} registered, ${waitlisted.length} waitlisted`,
        );
      // Ids come from the insert made under the event's lock: they are the order the lock was taken in.
      waitlisted.forEach((r, i) => {
        if (Number(r.position) !== i + 1)
          throw new Error(`registration ${r.id} is waitlisted at ${r.position}, the lock made it ${i + 1}`);
      });
      if (
        registered.at(-1)!.id > waitlisted[0]!.id ||
        registered.at(-1)!.registeredAt > waitlisted[0]!.waitlistedAt
      )
        throw new Error("a place on the waitlist was given before every seat was taken");

      // Arrival as the clients saw it: a post sent after another's answer came back took the lock later.
      const pathByHash = new Map(people.map((p) => [hashToken(p.token), `/i/${p.token}`]));
      const ordered = rows.map((r) => timings.get(pathByHash.get(r.tokenHash!) ?? "")!);
      if (ordered.some((t) => !t || Number.isNaN(t.answered)))
        throw new Error("a registration does not match a post this bench sent (token hashes changed?)");
      let earliestLaterAnswer = Number.POSITIVE_INFINITY;
      for (let i = ordered.length - 1; i >= 0; i--) {
        if (earliestLaterAnswer < ordered[i]!.sent)
          throw new Error(`registration ${rows[i]!.id} went ahead of a post answered before it was sent`);
        earliestLaterAnswer = Math.min(earliestLaterAnswer, ordered[i]!.answered);
      }
      return [{ name: "register_burst_p95_ms", value: result.p95, unit: "ms" }];
    } finally {
      await bench.close();
    }
  },
} satisfies Bench;
