import { describe, expect, it } from "vitest";
import { SYNC_BATCH, syncBody } from "#app/tablet/sync.ts";
import {
  formatPairingCode,
  MAX_SYNC_BYTES,
  MAX_SYNC_MARKS,
  NewTabletSchema,
  normalizePairingCode,
  PairSchema,
  SyncBatchSchema,
} from "./attendance.ts";

const mark = (extra: Record<string, unknown> = {}) => ({
  clientId: "6F1C8A9E-2B3D-4E5F-8A9B-0C1D2E3F4A5B",
  sessionId: 3,
  appointeeId: 7,
  action: "mark",
  markedAt: new Date(Date.now() - 60_000).toISOString(),
  ...extra,
});

describe("sync batches", () => {
  it("takes a tablet's batch, lower-casing ids and reading times", () => {
    const batch = SyncBatchSchema.parse({ deviceId: "d1", marks: [mark()] });
    expect(batch.marks[0]).toMatchObject({
      clientId: "6f1c8a9e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
      appointeeId: 7,
      walkInId: null,
    });
    expect(batch.marks[0]!.markedAt).toBeInstanceOf(Date);
    expect(batch.walkIns).toEqual([]);
  });

  it("moves a wrong clock's times to the time the batch arrived, keeping their order, and keeps good ones", () => {
    const sent = new Date(Date.now() - 60_000).toISOString();
    const before = Date.now();
    const batch = SyncBatchSchema.parse({
      deviceId: "d",
      marks: [
        mark({ markedAt: "1970-01-01T00:00:00.000Z" }),
        mark({ markedAt: "1970-01-01T00:00:02.500Z", action: "undo" }),
        mark({ markedAt: sent }),
      ],
    });
    const [first, undo, good] = batch.marks.map((m) => m.markedAt.getTime());
    expect(undo).toBeGreaterThanOrEqual(before);
    expect(undo).toBeLessThanOrEqual(Date.now());
    expect(undo! - first!).toBe(2500);
    expect(good).toBe(Date.parse(sent));
    for (const future of ["2999-01-01T00:00:00Z", "0000-01-01T00:00:00Z"]) {
      const moved = SyncBatchSchema.parse({ deviceId: "d", marks: [mark({ markedAt: future })] });
      expect(Math.abs(moved.marks[0]!.markedAt.getTime() - Date.now())).toBeLessThan(1000);
    }
  });

  it.each([
    ["no device", { marks: [mark()] }],
    ["a bad uuid", { deviceId: "d", marks: [mark({ clientId: "123" })] }],
    [
      "both a person and a walk-in",
      { deviceId: "d", marks: [mark({ walkInId: "6f1c8a9e-2b3d-4e5f-8a9b-0c1d2e3f4a5b" })] },
    ],
    ["neither", { deviceId: "d", marks: [mark({ appointeeId: null })] }],
    ["an unknown action", { deviceId: "d", marks: [mark({ action: "delete" })] }],
    ["not a time", { deviceId: "d", marks: [mark({ markedAt: "yesterday" })] }],
    ["a float id", { deviceId: "d", marks: [mark({ sessionId: 1.5 })] }],
    ["too many marks", { deviceId: "d", marks: Array.from({ length: MAX_SYNC_MARKS + 1 }, () => mark()) }],
  ])("refuses %s", (_name, body) => {
    expect(SyncBatchSchema.safeParse(body).success).toBe(false);
  });

  it("cleans a walk-in's name and phone, keeping the person when the phone cannot be read", () => {
    const walkIn = {
      id: "6f1c8a9e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
      sessionId: 3,
      name: "  रमेश   कुमार ",
      phone: "098290 12345",
      createdAt: new Date().toISOString(),
    };
    const parsed = SyncBatchSchema.parse({
      deviceId: "d",
      marks: [],
      walkIns: [walkIn, { ...walkIn, phone: "12" }],
    });
    expect(parsed.walkIns.map((w) => [w.name, w.phone])).toEqual([
      ["रमेश कुमार", "+919829012345"],
      ["रमेश कुमार", null],
    ]);
    expect(
      SyncBatchSchema.safeParse({ deviceId: "d", marks: [], walkIns: [{ ...walkIn, name: "  " }] }).success,
    ).toBe(false);
  });
});

describe("what a tablet sends", () => {
  it("fits the server's schema and limits", () => {
    expect(SYNC_BATCH).toBeLessThanOrEqual(MAX_SYNC_MARKS);
    const marks = Array.from({ length: SYNC_BATCH }, (_, i) => ({
      clientId: crypto.randomUUID(),
      eventId: 1,
      sessionId: 2,
      appointeeId: i + 1,
      walkInId: null,
      action: "mark" as const,
      markedAt: new Date().toISOString(),
      synced: 0 as const,
    }));
    const walkIn = {
      id: crypto.randomUUID(),
      eventId: 1,
      sessionId: 2,
      name: "Bhanwar Lal",
      phone: "98290 12345",
      createdAt: new Date().toISOString(),
      synced: 0 as const,
    };
    const body = JSON.stringify(syncBody("device-1", marks, [walkIn]));
    expect(body.length).toBeLessThan(MAX_SYNC_BYTES);
    const parsed = SyncBatchSchema.parse(JSON.parse(body));
    expect(parsed.marks).toHaveLength(SYNC_BATCH);
    expect(parsed.walkIns[0]!.phone).toBe("+919829012345");
  });
});

describe("pairing codes", () => {
  it("reads codes as people type them and refuses look-alike letters", () => {
    expect(normalizePairingCode("abcd-ef23")).toBe("ABCDEF23");
    expect(normalizePairingCode(" ABCD EF23 ")).toBe("ABCDEF23");
    expect(normalizePairingCode("ABCDEF2O")).toBeNull(); // O is not in the alphabet
    expect(normalizePairingCode("ABCDEF2")).toBeNull();
    expect(formatPairingCode("ABCDEF23")).toBe("ABCD-EF23");
    expect(PairSchema.safeParse({ code: "1111-1111" }).success).toBe(false);
  });

  it("needs a tablet name", () => {
    expect(NewTabletSchema.safeParse({ name: "  " }).success).toBe(false);
    expect(NewTabletSchema.parse({ name: " Hall  A " })).toEqual({ name: "Hall A" });
    expect(NewTabletSchema.safeParse({ name: "x".repeat(101) }).success).toBe(false);
    expect(NewTabletSchema.safeParse({ name: "\u0000Hall\u001b[31m" }).success).toBe(false);
  });
});
