// How marks from several tablets combine: the latest tap wins, by the tablet's time of marking, ties broken
// by the mark's client id. The server's upsert (attendance.server.ts) applies the same rule, so a tablet's
// own view and the database always agree once every mark has arrived.

export type MarkAction = "mark" | "undo";

/** The state of one person at one session, with the mark that decided it. */
export type Decision = { present: boolean; markedAt: string; clientId: string };

/** True when mark `a` was made after mark `b` (and so decides the person's state). */
export function isLater(
  a: { markedAt: string; clientId: string },
  b: { markedAt: string; clientId: string },
) {
  const ta = Date.parse(a.markedAt);
  const tb = Date.parse(b.markedAt);
  if (ta !== tb) return ta > tb;
  return a.clientId > b.clientId;
}

/** The decision after applying `mark` to the `current` one (which may be missing). */
export function decide(
  current: Decision | undefined,
  mark: { action: MarkAction; markedAt: string; clientId: string },
): Decision {
  if (current && !isLater(mark, current)) return current;
  return { present: mark.action === "mark", markedAt: mark.markedAt, clientId: mark.clientId };
}
