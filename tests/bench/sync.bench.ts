import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { SYNC_BATCH, syncBody } from "#app/tablet/sync.ts";
import type { LocalMark } from "#app/models/attendance/roster-types.ts";
import type { Bench } from "./run.ts";
import { startTabletBench } from "./tablet-support.ts";

// Marks ingested per second through the real sync endpoint (HTTP, a trainer's session, JSON batches of
// SYNC_BATCH marks as a tablet sends its backlog, TABLETS tablets at once), divided by the transactions
// per second of pgbench running a single-row upsert with as many clients, on the same server in the same run.
// The marks: a convention's check-in, everyone marked at both sessions (24,000 marks), each tablet
// catching up on the backlog of a morning offline.
const PEOPLE = 12_000;
const TABLETS = 4;
const PGBENCH_SECONDS = 10;

function findPgbench(): string {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (existsSync(path.join(dir, "pgbench"))) return path.join(dir, "pgbench");
  }
  const versions = existsSync("/usr/lib/postgresql")
    ? readdirSync("/usr/lib/postgresql").sort().reverse()
    : [];
  for (const v of versions) {
    const candidate = `/usr/lib/postgresql/${v}/bin/pgbench`;
    if (existsSync(candidate)) return candidate;
  }
  throw new Error("pgbench not found: install postgresql-client (Debian) or put it on PATH");
}

export default {
  figures: ["sync_ratio", "sync_marks_per_s", "sync_pgbench_tps"],
  async run() {
    const bench = await startTabletBench(PEOPLE, 40);
    const workDir = mkdtempSync(path.join(tmpdir(), "shivir-pgbench-"));
    try {
      const { fixture, portal, trainerCookie, scratch } = bench;
      // Each tablet's backlog: its share of the people, at both sessions, in the order they were marked.
      const start = Date.now() - 3_600_000;
      const queues: LocalMark[][] = Array.from({ length: TABLETS }, () => []);
      let n = 0;
      for (const sessionId of fixture.sessionIds) {
        fixture.people.forEach((person, i) => {
          queues[i % TABLETS]!.push({
            clientId: randomUUID(),
            eventId: fixture.eventId,
            sessionId,
            appointeeId: person.id,
            walkInId: null,
            action: "mark",
            markedAt: new Date(start + n++).toISOString(),
            synced: 0,
          });
        });
      }
      const total = n;
      // Bodies are made before the clock starts: tablets build them on their own processors.
      const body = (deviceId: string, marks: LocalMark[]) => ({
        json: JSON.stringify(syncBody(deviceId, marks, [])),
        count: marks.length,
      });
      const send = async ({ json, count }: ReturnType<typeof body>) => {
        const response = await fetch(`${portal.url}/tablet/sync`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Cookie: trainerCookie },
          body: json,
        });
        if (!response.ok) throw new Error(`sync answered ${response.status}: ${await response.text()}`);
        const answer = (await response.json()) as { accepted: number };
        if (answer.accepted !== count) throw new Error(`only ${answer.accepted} of ${count} accepted`);
      };
      // Warm up the portal's pool, plans and JIT with marks of their own (at another session, not counted).
      for (let i = 0; i < 5; i++) {
        await send(
          body(
            "warm-up",
            fixture.people.slice(0, SYNC_BATCH).map((p) => ({
              clientId: randomUUID(),
              eventId: fixture.eventId,
              sessionId: fixture.sessionIds[1],
              appointeeId: p.id,
              walkInId: null,
              action: "mark" as const,
              markedAt: new Date(start - 60_000 + i).toISOString(),
              synced: 0 as const,
            })),
          ),
        );
      }
      const before = await scratch.db
        .selectFrom("attendanceMarks")
        .select(sql<number>`count(*)::int`.as("n"))
        .executeTakeFirstOrThrow();

      const batches = queues.map((queue, t) => {
        const list: ReturnType<typeof body>[] = [];
        for (let i = 0; i < queue.length; i += SYNC_BATCH)
          list.push(body(`tablet-${t}`, queue.slice(i, i + SYNC_BATCH)));
        return list;
      });
      const began = performance.now();
      await Promise.all(
        batches.map(async (list) => {
          for (const batch of list) await send(batch);
        }),
      );
      const seconds = (performance.now() - began) / 1000;
      const after = await scratch.db
        .selectFrom("attendanceMarks")
        .select(sql<number>`count(*)::int`.as("n"))
        .executeTakeFirstOrThrow();
      if (after.n - before.n !== total)
        throw new Error(`the log grew by ${after.n - before.n}, not ${total}`);
      const marksPerSecond = total / seconds;

      // The baseline: one upsert per transaction, as many clients as tablets.
      await sql`create table bench_upsert (id integer primary key, n integer not null)`.execute(scratch.db);
      const script = path.join(workDir, "upsert.sql");
      writeFileSync(
        script,
        "\\set id random(1, 100000)\n" +
          "insert into bench_upsert (id, n) values (:id, 1) on conflict (id) do update set n = bench_upsert.n + 1;\n",
      );
      const output = execFileSync(
        findPgbench(),
        ["-n", "-c", String(TABLETS), "-j", "2", "-T", String(PGBENCH_SECONDS), "-f", script, scratch.url],
        { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
      );
      const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1]);
      if (!Number.isFinite(tps) || tps <= 0) throw new Error(`could not read tps from pgbench:\n${output}`);
      console.log(
        `sync: ${total} marks in ${seconds.toFixed(2)} s (${marksPerSecond.toFixed(0)}/s, ${TABLETS} tablets, batches of ${SYNC_BATCH}); pgbench upsert ${tps.toFixed(0)} tps`,
      );
      return [
        { name: "sync_ratio", value: marksPerSecond / tps, unit: "ratio" },
        { name: "sync_marks_per_s", value: marksPerSecond, unit: "marks/s" },
        { name: "sync_pgbench_tps", value: tps, unit: "tps" },
      ];
    } finally {
      rmSync(workDir, { recursive: true, force: true });
      await bench.close();
    }
  },
} satisfies Bench;
