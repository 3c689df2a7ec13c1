// The tablet's own storage (IndexedDB): rosters of opened events, every mark made on this tablet (kept
// until the server has it, and after, so the roster shows them at once), walk-ins, and the device id.
// A tiny promise wrapper instead of a library keeps the roster page's JavaScript small.
import type { LocalMark, LocalWalkIn, Roster } from "#app/models/attendance/roster-types.ts";

const DB_NAME = "shivir-tablet";
const VERSION = 1;

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error("transaction aborted"));
  });
}

/** A uuid (v4); crypto.randomUUID exists only in secure contexts, getRandomValues everywhere. */
export function uuid(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export class TabletStore {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(): Promise<TabletStore> {
    const request = indexedDB.open(DB_NAME, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore("rosters");
      const marks = db.createObjectStore("marks", { keyPath: "clientId" });
      marks.createIndex("event", "eventId");
      marks.createIndex("state", ["eventId", "synced"]);
      const walkIns = db.createObjectStore("walkIns", { keyPath: "id" });
      walkIns.createIndex("event", "eventId");
      db.createObjectStore("meta");
    };
    return new TabletStore(await promised(request));
  }

  // A mark must survive the tablet's battery running out right after the tap.
  private tx(stores: string[], mode: IDBTransactionMode = "readonly") {
    return this.db.transaction(stores, mode, mode === "readwrite" ? { durability: "strict" } : undefined);
  }

  async deviceId(): Promise<string> {
    const tx = this.tx(["meta"], "readwrite");
    const meta = tx.objectStore("meta");
    let id = (await promised(meta.get("deviceId"))) as string | undefined;
    if (!id) {
      id = uuid();
      meta.put(id, "deviceId");
    }
    await done(tx);
    return id;
  }

  async roster(eventId: number): Promise<Roster | undefined> {
    return promised(this.tx(["rosters"]).objectStore("rosters").get(eventId));
  }

  async saveRoster(roster: Roster): Promise<void> {
    const tx = this.tx(["rosters"], "readwrite");
    tx.objectStore("rosters").put(roster, roster.event.id);
    await done(tx);
  }

  async addMark(mark: LocalMark, walkIn?: LocalWalkIn): Promise<void> {
    const tx = this.tx(walkIn ? ["marks", "walkIns"] : ["marks"], "readwrite");
    if (walkIn) tx.objectStore("walkIns").put(walkIn);
    tx.objectStore("marks").put(mark);
    await done(tx);
  }

  async marks(eventId: number): Promise<LocalMark[]> {
    return promised(this.tx(["marks"]).objectStore("marks").index("event").getAll(eventId));
  }

  async walkIns(eventId: number): Promise<LocalWalkIn[]> {
    return promised(this.tx(["walkIns"]).objectStore("walkIns").index("event").getAll(eventId));
  }

  /** An event's marks waiting for the server, oldest first (the order they were made in). */
  async pendingMarks(eventId: number, limit: number): Promise<LocalMark[]> {
    const marks: LocalMark[] = await promised(
      this.tx(["marks"]).objectStore("marks").index("state").getAll([eventId, 0], limit),
    );
    return marks.sort((a, b) => a.markedAt.localeCompare(b.markedAt));
  }

  /** How many of an event's marks are waiting (synced 0) or were refused (synced 2). */
  async countMarks(eventId: number, synced: 0 | 2): Promise<number> {
    return promised(this.tx(["marks"]).objectStore("marks").index("state").count([eventId, synced]));
  }

  /** The unsent walk-ins among `ids` (a mark of a walk-in travels with the walk-in itself). */
  async unsentWalkIns(ids: string[]): Promise<LocalWalkIn[]> {
    const store = this.tx(["walkIns"]).objectStore("walkIns");
    const found = await Promise.all(
      ids.map((id) => promised(store.get(id) as IDBRequest<LocalWalkIn | undefined>)),
    );
    return found.filter((w): w is LocalWalkIn => w !== undefined && w.synced === 0);
  }

  /** Records the server's answer: sent marks (and their walk-ins) as stored, some perhaps as refused. */
  async settle(clientIds: string[], refused: Set<string>, walkInIds: string[]): Promise<void> {
    const tx = this.tx(["marks", "walkIns"], "readwrite");
    const marks = tx.objectStore("marks");
    for (const clientId of clientIds) {
      const request = marks.get(clientId) as IDBRequest<LocalMark | undefined>;
      request.onsuccess = () => {
        const mark = request.result;
        if (mark) marks.put({ ...mark, synced: refused.has(clientId) ? 2 : 1 });
      };
    }
    const walkIns = tx.objectStore("walkIns");
    for (const id of walkInIds) {
      const request = walkIns.get(id) as IDBRequest<LocalWalkIn | undefined>;
      request.onsuccess = () => {
        if (request.result) walkIns.put({ ...request.result, synced: 1 });
      };
    }
    await done(tx);
  }
}
