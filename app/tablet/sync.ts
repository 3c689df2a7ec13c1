// Sends the tablet's waiting marks of one event to /tablet/sync in batches whenever the network allows,
// with no button to press: after every mark, when the browser comes back online, and every few seconds
// while any wait. Only the open event's marks: whoever has its roster open may send them, while another
// trainer signed in on the same tablet later might not (the server would refuse them for good).
// The server ignores a mark it already has (by client id), so a batch sent twice after a lost answer
// counts once.
import type { TabletStore } from "./store.ts";
import type { LocalMark, LocalWalkIn } from "#app/models/attendance/roster-types.ts";

/** Marks per request: the most the server takes (MAX_SYNC_MARKS, about 100 KB), so a morning offline
 *  goes up in a few requests. */
export const SYNC_BATCH = 500;
export const RETRY_MS = 3000;

export type SyncState = "idle" | "syncing" | "offline" | "signed-out" | "revoked" | "error";
export type SyncStatus = { state: SyncState; pending: number; refused: number };

/** The request body for a batch, as the server's SyncBatchSchema reads it. */
export function syncBody(deviceId: string, marks: LocalMark[], walkIns: LocalWalkIn[]) {
  return {
    deviceId,
    marks: marks.map(({ clientId, sessionId, appointeeId, walkInId, action, markedAt }) => ({
      clientId,
      sessionId,
      appointeeId,
      walkInId,
      action,
      markedAt,
    })),
    walkIns: walkIns.map(({ id, sessionId, name, phone, createdAt }) => ({
      id,
      sessionId,
      name,
      phone,
      createdAt,
    })),
  };
}

type SyncAnswer = { accepted: number; duplicates: number; rejected: { clientId: string }[] };

export class Syncer {
  private running = false;
  private again = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private state: SyncState = "idle";

  constructor(
    private readonly store: TabletStore,
    private readonly eventId: number,
    private readonly deviceId: string,
    private readonly onStatus: (status: SyncStatus) => void,
    private readonly onSynced: () => void,
  ) {}

  start() {
    this.timer = setInterval(() => void this.kick(), RETRY_MS);
    window.addEventListener("online", this.kickListener);
    void this.kick();
  }

  stop() {
    clearInterval(this.timer);
    window.removeEventListener("online", this.kickListener);
  }

  private kickListener = () => void this.kick();

  /** Sends what waits, batch after batch, until nothing waits or the network or server says no. */
  async kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        await this.drain();
      } while (this.again);
    } finally {
      this.running = false;
      await this.report();
    }
  }

  private async drain() {
    for (;;) {
      const marks = await this.store.pendingMarks(this.eventId, SYNC_BATCH);
      if (marks.length === 0) {
        if (this.state !== "signed-out" && this.state !== "revoked") this.state = "idle";
        return;
      }
      if (!navigator.onLine) {
        this.state = "offline";
        return;
      }
      this.state = "syncing";
      await this.report();
      const walkIns = await this.store.unsentWalkIns([
        ...new Set(marks.flatMap((m) => (m.walkInId ? [m.walkInId] : []))),
      ]);
      let response: Response;
      try {
        response = await fetch("/tablet/sync", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(syncBody(this.deviceId, marks, walkIns)),
          credentials: "same-origin",
        });
      } catch {
        this.state = "offline";
        return;
      }
      if (response.status === 401) {
        const reason = await response.json().catch(() => ({}));
        this.state = (reason as { error?: string }).error === "revoked" ? "revoked" : "signed-out";
        return;
      }
      const clientIds = marks.map((m) => m.clientId);
      const walkInIds = walkIns.map((w) => w.id);
      if (response.status === 400 || response.status === 413) {
        // The server can never take this batch; keep it visible as refused rather than retry forever.
        await this.store.settle(clientIds, new Set(clientIds), walkInIds);
        continue;
      }
      if (!response.ok) {
        this.state = "error";
        return;
      }
      const answer = (await response.json()) as SyncAnswer;
      await this.store.settle(clientIds, new Set(answer.rejected.map((r) => r.clientId)), walkInIds);
      this.onSynced();
    }
  }

  private last = "";

  /** Tells the page, only when something changed (it re-renders on every report). */
  private async report() {
    const [pending, refused] = await Promise.all([
      this.store.countMarks(this.eventId, 0),
      this.store.countMarks(this.eventId, 2),
    ]);
    const state = this.state === "idle" && !navigator.onLine ? "offline" : this.state;
    const key = `${state}:${pending}:${refused}`;
    if (key === this.last) return;
    this.last = key;
    this.onStatus({ state, pending, refused });
  }
}
