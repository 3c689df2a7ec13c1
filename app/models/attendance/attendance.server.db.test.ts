import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#app/platform/db.server.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { expectNotFound } from "#tests/support/db-helpers.ts";
import { createTabletFixture, type TabletFixture } from "#tests/support/tablet-fixture.ts";
import { type SyncBatch, SyncBatchSchema } from "./attendance.ts";
import {
  getRosterChanges,
  getTabletEvent,
  getTabletRoster,
  listTabletEvents,
  listWalkIns,
  moveAttendance,
  resolvePass,
  sessionAttendanceCounts,
  syncMarks,
  type TabletActor,
  verifyWalkIn,
} from "./attendance.server.ts";
import { encodePass } from "#app/models/registration/registration-pass.server.ts";
import { nameInitials } from "#app/models/organisation/masked-person.ts";
import { scopeOf } from "#app/models/organisation/scope.server.ts";
import type { StaffUser } from "#app/models/staff/staff-session.server.ts";

let db: Database;
let f: TabletFixture;

async function staffActor(id: number): Promise<TabletActor & { kind: "staff" }> {
  const staff = (await db
    .selectFrom("staffUsers")
    .select(["id", "email", "name", "role", "scopeUnitId", "preferredLanguage"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow()) as StaffUser;
  return { kind: "staff", staff, scope: staff.role === "trainer" ? null : await scopeOf(db, staff) };
}

// Marks made in the last hours (the server refuses times from the future).
const base = Date.now() - 6 * 3_600_000;
let clock = base;
/** A mark as a tablet sends it; each new one is a second later than the last unless `at` says when. */
type Mark = {
  clientId: string;
  sessionId: number;
  appointeeId: number | null;
  walkInId: string | null;
  action: "mark" | "undo";
  markedAt: string;
};

function mark(
  person: number | string,
  action: "mark" | "undo" = "mark",
  at?: number,
  session?: number,
): Mark {
  clock += 1000;
  return {
    clientId: randomUUID(),
    sessionId: session ?? f.sessionIds[0],
    appointeeId: typeof person === "number" ? person : null,
    walkInId: typeof person === "string" ? person : null,
    action,
    markedAt: new Date(at ?? clock).toISOString(),
  };
}

function batch(marks: Mark[], extra: Partial<Record<"walkIns" | "deviceId", unknown>> = {}) {
  return SyncBatchSchema.parse({ deviceId: "tablet-1", marks, ...extra }) as SyncBatch;
}

async function state(appointeeId: number, sessionId = f.sessionIds[0]) {
  return db
    .selectFrom("attendance")
    .selectAll()
    .where("sessionId", "=", sessionId)
    .where("appointeeId", "=", appointeeId)
    .executeTakeFirst();
}

async function markCount() {
  const row = await db
    .selectFrom("attendanceMarks")
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

describe("attendance", () => {
  const testDb = useTestDatabase();
  beforeAll(async () => {
    db = testDb().db;
    f = await createTabletFixture(db, { people: 12, committees: 3 });
  });

  describe("syncMarks", () => {
    it("stores a batch once however often it is sent", async () => {
      const trainer = await staffActor(f.trainerId);
      const before = await markCount();
      const sent = batch(f.people.slice(0, 5).map((p) => mark(p.id)));
      expect(await syncMarks(db, trainer, sent)).toEqual({ accepted: 5, duplicates: 0, rejected: [] });
      expect(await syncMarks(db, trainer, sent)).toEqual({ accepted: 0, duplicates: 5, rejected: [] });
      // Sent again in one request together with one new mark.
      const again = batch([
        ...sent.marks.map((m) => ({ ...m, markedAt: m.markedAt.toISOString() })),
        mark(f.people[5]!.id),
      ]);
      expect(await syncMarks(db, trainer, again)).toEqual({ accepted: 1, duplicates: 5, rejected: [] });
      expect((await markCount()) - before).toBe(6);
      for (const p of f.people.slice(0, 6)) expect((await state(p.id))?.present).toBe(true);
    });

    it("counts a person marked on two tablets once and keeps both marks in the log", async () => {
      const trainer = await staffActor(f.trainerId);
      const person = f.people[6]!;
      await syncMarks(db, trainer, batch([mark(person.id)], { deviceId: "tablet-a" }));
      await syncMarks(db, trainer, batch([mark(person.id)], { deviceId: "tablet-b" }));
      const log = await db
        .selectFrom("attendanceMarks")
        .select(["deviceId", "action"])
        .where("appointeeId", "=", person.id)
        .execute();
      expect(log.map((m) => m.deviceId).sort()).toEqual(["tablet-a", "tablet-b"]);
      const rows = await db
        .selectFrom("attendance")
        .selectAll()
        .where("appointeeId", "=", person.id)
        .execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.present).toBe(true);
      const counts = await sessionAttendanceCounts(db, f.eventId);
      const committee = counts[0]!.committees.find((c) => c.committeeId === person.committeeId)!;
      const presentInCommittee = await db
        .selectFrom("attendance")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("committeeId", "=", person.committeeId)
        .where("sessionId", "=", f.sessionIds[0])
        .where("present", "=", true)
        .executeTakeFirstOrThrow();
      expect(committee.present).toBe(presentInCommittee.n);
    });

    it("decides a mark and an undo from different tablets by the time of marking, whatever arrives first", async () => {
      const trainer = await staffActor(f.trainerId);
      const [a, b] = [f.people[7]!, f.people[8]!];
      const t = base + 3_600_000;
      // a: tablet 1 marks at t, tablet 2 undoes at t+5 s; the undo arrives first.
      const markA = mark(a.id, "mark", t);
      const undoA = mark(a.id, "undo", t + 5000);
      await syncMarks(db, trainer, batch([undoA], { deviceId: "tablet-2" }));
      await syncMarks(db, trainer, batch([markA], { deviceId: "tablet-1" }));
      expect((await state(a.id))?.present).toBe(false);
      expect((await state(a.id))?.decidedByClientId).toBe(undoA.clientId);
      // b: an undo at t and a mark at t+5 s, arriving in the order made.
      await syncMarks(db, trainer, batch([mark(b.id, "undo", t)], { deviceId: "tablet-2" }));
      await syncMarks(db, trainer, batch([mark(b.id, "mark", t + 5000)], { deviceId: "tablet-1" }));
      expect((await state(b.id))?.present).toBe(true);
      // Inside one batch too: the latest wins.
      const c = f.people[9]!;
      await syncMarks(db, trainer, batch([mark(c.id, "undo", t + 9000), mark(c.id, "mark", t + 1000)]));
      expect((await state(c.id))?.present).toBe(false);
      const log = await db
        .selectFrom("attendanceMarks")
        .select("action")
        .where("appointeeId", "in", [a.id, c.id])
        .execute();
      expect(log).toHaveLength(4);
    });

    it("breaks a tie of equal times by client id, the same way on every server", async () => {
      const trainer = await staffActor(f.trainerId);
      const person = f.people[10]!;
      const at = base + 2 * 3_600_000;
      const one = { ...mark(person.id, "mark", at), clientId: "00000000-0000-4000-8000-000000000001" };
      const two = { ...mark(person.id, "undo", at), clientId: "ffffffff-0000-4000-8000-000000000001" };
      await syncMarks(db, trainer, batch([two]));
      await syncMarks(db, trainer, batch([one]));
      expect((await state(person.id))?.present).toBe(false);
    });

    it("refuses marks of people not invited and at sessions the actor may not mark, and keeps the rest", async () => {
      const trainer = await staffActor(f.trainerId);
      const before = await markCount();
      const ok = mark(f.people[11]!.id, "mark", undefined, f.sessionIds[1]);
      const notInvited = mark(f.uninvitedIds[0]!);
      const otherEvent = mark(f.otherEvent.personId, "mark", undefined, f.otherEvent.sessionId);
      const result = await syncMarks(db, trainer, batch([ok, notInvited, otherEvent]));
      expect(result.accepted).toBe(1);
      expect(result.rejected).toEqual(
        expect.arrayContaining([
          { clientId: notInvited.clientId, reason: "not_invited" },
          { clientId: otherEvent.clientId, reason: "forbidden" },
        ]),
      );
      expect((await markCount()) - before).toBe(1);
      // An organiser of another district may not mark here; the paired tablet of the other event neither.
      const other = await staffActor(f.otherOrganiserId);
      const refused = await syncMarks(db, other, batch([mark(f.people[0]!.id, "undo")]));
      expect(refused.rejected).toHaveLength(1);
      expect((await state(f.people[0]!.id))?.present).toBe(true);
      const device: TabletActor = {
        kind: "device",
        device: { id: 0, eventId: f.otherEvent.eventId, name: "x" },
      };
      expect((await syncMarks(db, device, batch([mark(f.people[0]!.id, "undo")]))).rejected[0]?.reason).toBe(
        "forbidden",
      );
    });

    it("refuses marks and passes of a person whose invitation was withdrawn", async () => {
      const trainer = await staffActor(f.trainerId);
      const person = f.people.find((p) => p.pass && p !== f.people[0])!;
      expect(await resolvePass(db, trainer, f.eventId, encodePass(person.pass!))).toEqual({
        result: "this-event",
        appointeeId: person.id,
      });
      // Marked present at the second session before the invitation is withdrawn.
      const before = mark(person.id, "mark", undefined, f.sessionIds[1]);
      expect((await syncMarks(db, trainer, batch([before]))).accepted).toBe(1);
      await db
        .updateTable("invitations")
        .set({ revokedAt: new Date() })
        .where("eventId", "=", f.eventId)
        .where("appointeeId", "=", person.id)
        .execute();
      const late = mark(person.id, "mark", undefined, f.sessionIds[1]);
      expect((await syncMarks(db, trainer, batch([late]))).rejected).toEqual([
        { clientId: late.clientId, reason: "not_invited" },
      ]);
      // A mistaken mark can still be undone after the invitation is withdrawn.
      const undo = mark(person.id, "undo", undefined, f.sessionIds[1]);
      expect(await syncMarks(db, trainer, batch([undo]))).toMatchObject({ accepted: 1, rejected: [] });
      expect((await state(person.id, f.sessionIds[1]))?.present).toBe(false);
      expect(await resolvePass(db, trainer, f.eventId, encodePass(person.pass!))).toEqual({
        result: "not-invited",
      });
      await db
        .updateTable("invitations")
        .set({ revokedAt: null })
        .where("eventId", "=", f.eventId)
        .where("appointeeId", "=", person.id)
        .execute();
    });

    it("records walk-ins made offline with their marks, once", async () => {
      const trainer = await staffActor(f.trainerId);
      const walkInId = randomUUID();
      const walkIn = {
        id: walkInId,
        sessionId: f.sessionIds[0],
        name: "  Bhanwar   Lal ",
        phone: "98290 12345",
        createdAt: new Date(clock).toISOString(),
      };
      const sent = batch([mark(walkInId)], { walkIns: [walkIn] });
      expect(await syncMarks(db, trainer, sent)).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
      expect((await syncMarks(db, trainer, sent)).duplicates).toBe(1);
      const stored = await db.selectFrom("walkIns").selectAll().where("id", "=", walkInId).execute();
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({
        name: "Bhanwar Lal",
        phone: "+919829012345",
        staffUserId: f.trainerId,
      });
      const counts = await sessionAttendanceCounts(db, f.eventId);
      expect(counts[0]!.walkIns).toBe(1);
      // A walk-in of another event's session is not stored, so its mark is refused.
      const stranger = randomUUID();
      const result = await syncMarks(
        db,
        trainer,
        batch([mark(stranger, "mark", undefined, f.otherEvent.sessionId)], {
          walkIns: [{ ...walkIn, id: stranger, sessionId: f.otherEvent.sessionId }],
        }),
      );
      expect(result.rejected).toEqual([{ clientId: expect.any(String), reason: "forbidden" }]);
      expect(await db.selectFrom("walkIns").select("id").where("id", "=", stranger).execute()).toEqual([]);
    });
  });

  describe("counts, roster and access", () => {
    it("counts present, registered and invited per session and committee", async () => {
      const counts = await sessionAttendanceCounts(db, f.eventId);
      expect(counts.map((c) => c.sessionId)).toEqual(f.sessionIds);
      const [first, second] = counts;
      expect(first!.invited).toBe(12);
      expect(first!.registered).toBe(f.people.filter((p) => p.pass).length);
      const present = await db
        .selectFrom("attendance")
        .select(["appointeeId", "committeeId"])
        .where("sessionId", "=", f.sessionIds[0])
        .where("present", "=", true)
        .where("appointeeId", "is not", null)
        .execute();
      expect(first!.present).toBe(present.length);
      for (const committee of first!.committees) {
        expect(committee.present).toBe(present.filter((p) => p.committeeId === committee.committeeId).length);
        expect(committee.invited).toBe(
          f.people.filter((p) => p.committeeId === committee.committeeId).length,
        );
      }
      expect(second!.present).toBe(1);
    });

    it("gives a trainer, an organiser in scope and the event's tablet the roster; others a 404", async () => {
      const trainer = await staffActor(f.trainerId);
      const roster = await getTabletRoster(db, trainer, f.eventId);
      expect(roster.people).toHaveLength(12);
      expect(roster.sessions.map((s) => s.id)).toEqual(f.sessionIds);
      expect(roster.people.find((p) => p.id === f.people[0]!.id)?.pass).toBe(f.people[0]!.pass);
      expect(
        roster.attendance.filter((a) => a.present && a.sessionId === f.sessionIds[0]).length,
      ).toBeGreaterThan(5);
      expect((await getTabletRoster(db, await staffActor(f.organiserId), f.eventId)).people).toHaveLength(12);
      expect((await getTabletRoster(db, await staffActor(f.adminId), f.eventId)).people).toHaveLength(12);
      const device: TabletActor = { kind: "device", device: { id: 0, eventId: f.eventId, name: "x" } };
      expect((await getTabletEvent(db, device, f.eventId)).id).toBe(f.eventId);

      await expectNotFound(getTabletRoster(db, await staffActor(f.otherTrainerId), f.eventId));
      await expectNotFound(getTabletRoster(db, await staffActor(f.otherOrganiserId), f.eventId));
      const otherDevice: TabletActor = {
        kind: "device",
        device: { id: 0, eventId: f.otherEvent.eventId, name: "x" },
      };
      await expectNotFound(getTabletRoster(db, otherDevice, f.eventId));
      await expectNotFound(getTabletRoster(db, trainer, null));
    });

    it("lists a trainer's events with their own sessions flagged", async () => {
      const events = await listTabletEvents(db, await staffActor(f.trainerId));
      expect(events.map((e) => e.id)).toEqual([f.eventId]);
      expect(events[0]!.sessions.map((s) => [s.id, s.mine])).toEqual([
        [f.sessionIds[0], true],
        [f.sessionIds[1], false],
      ]);
      const organiserEvents = await listTabletEvents(db, await staffActor(f.otherOrganiserId));
      expect(organiserEvents.map((e) => e.id)).toEqual([f.otherEvent.eventId]);
    });

    it("tells a tablet what changed since it last looked", async () => {
      const trainer = await staffActor(f.trainerId);
      const start = await getRosterChanges(db, trainer, f.eventId, new Date(Date.now() + 60_000));
      expect(start.attendance).toEqual([]);
      const since = new Date(Date.parse(start.serverTime) - 1);
      const person = f.people[1]!;
      const undo = mark(person.id, "undo", Date.now());
      await syncMarks(db, trainer, batch([undo]));
      const changes = await getRosterChanges(db, trainer, f.eventId, since);
      expect(changes.attendance).toEqual([
        expect.objectContaining({ appointeeId: person.id, present: false, clientId: undo.clientId }),
      ]);
      expect(changes.withdrawn).toEqual([]);
      // An invitation withdrawn meanwhile takes the person off the tablet's roster.
      const withdrawn = f.people[2]!;
      const revoke = (revokedAt: Date | null) =>
        db
          .updateTable("invitations")
          .set({ revokedAt })
          .where("eventId", "=", f.eventId)
          .where("appointeeId", "=", withdrawn.id)
          .execute();
      await revoke(new Date());
      expect((await getRosterChanges(db, trainer, f.eventId, since)).withdrawn).toEqual([withdrawn.id]);
      expect((await getTabletRoster(db, trainer, f.eventId)).people.map((p) => p.id)).not.toContain(
        withdrawn.id,
      );
      await revoke(null);
    });

    it("moves a duplicate's marks to the kept person on a merge, the later decision winning per session", async () => {
      const trainer = await staffActor(f.trainerId);
      const [kept, duplicate] = [f.people[4]!, f.people[5]!];
      const t = base + 4 * 3_600_000;
      // Both marked at session 1 (the duplicate later, as absent); only the duplicate at session 2.
      await syncMarks(db, trainer, batch([mark(kept.id, "mark", t), mark(duplicate.id, "undo", t + 1000)]));
      await syncMarks(db, trainer, batch([mark(duplicate.id, "mark", t, f.sessionIds[1])]));
      const marksBefore = await markCount();
      await db.transaction().execute((trx) => moveAttendance(trx, duplicate.id, kept.id));
      expect(await state(duplicate.id)).toBeUndefined();
      expect((await state(kept.id))?.present).toBe(false);
      expect((await state(kept.id, f.sessionIds[1]))?.present).toBe(true);
      expect(await markCount()).toBe(marksBefore);
      const left = await db
        .selectFrom("attendanceMarks")
        .select("id")
        .where("appointeeId", "=", duplicate.id)
        .execute();
      expect(left).toEqual([]);
    });

    it("lets an organiser link a walk-in to the appointee with the same phone", async () => {
      const organiser = await staffActor(f.organiserId);
      const actor = { staffId: f.organiserId, scope: organiser.scope! };
      const person = f.people[2]!;
      const walkInId = randomUUID();
      await syncMarks(
        db,
        await staffActor(f.trainerId),
        batch([mark(walkInId)], {
          walkIns: [
            {
              id: walkInId,
              sessionId: f.sessionIds[0],
              name: "Walk In",
              phone: person.phone,
              createdAt: new Date(clock).toISOString(),
            },
          ],
        }),
      );
      const list = await listWalkIns(db, organiser.scope!, f.eventId);
      const row = list.find((w) => w.id === walkInId)!;
      expect(row.match).toEqual({ id: person.id, inScope: true, name: person.name, nameHi: person.nameHi });
      expect(await verifyWalkIn(db, actor, f.eventId, { walkInId, appointeeId: f.people[3]!.id })).toEqual({
        ok: false,
        error: "tablet.errors.walkInNotFound",
      });
      expect(await verifyWalkIn(db, actor, f.eventId, { walkInId, appointeeId: person.id })).toEqual({
        ok: true,
      });
      expect(
        (await listWalkIns(db, organiser.scope!, f.eventId)).find((w) => w.id === walkInId)?.verified?.id,
      ).toBe(person.id);
      const other = await staffActor(f.otherOrganiserId);
      await expectNotFound(listWalkIns(db, other.scope!, f.eventId));
    });

    it("shows a walk-in's match from another district masked, before and after linking, and nothing more", async () => {
      const organiser = await staffActor(f.organiserId);
      const actor = { staffId: f.organiserId, scope: organiser.scope! };
      // The Jodhpur office-bearer, with an email too: none of it may reach the Jaipur organiser.
      const stranger = await db
        .updateTable("appointees")
        .set({ email: "stranger.jodhpur@example.in" })
        .where("id", "=", f.otherEvent.personId)
        .returning(["id", "name", "nameHi", "phone", "email"])
        .executeTakeFirstOrThrow();
      const secrets = [stranger.name, stranger.nameHi!, stranger.phone!, stranger.email!];
      const walkInId = randomUUID();
      await syncMarks(
        db,
        await staffActor(f.trainerId),
        batch([mark(walkInId)], {
          walkIns: [
            {
              id: walkInId,
              sessionId: f.sessionIds[0],
              name: "Walk In Two",
              phone: stranger.phone,
              createdAt: new Date(clock).toISOString(),
            },
          ],
        }),
      );
      const masked = {
        id: stranger.id,
        inScope: false,
        initials: nameInitials(stranger.name),
        phone: `••••••••${stranger.phone!.slice(-2)}`,
      };
      const appointeesOf = async () => {
        const row = (await listWalkIns(db, organiser.scope!, f.eventId)).find((w) => w.id === walkInId)!;
        // The walk-in's own phone is what the trainer typed at this event; the appointee's data is not.
        return JSON.stringify({ match: row.match, verified: row.verified });
      };
      const before = (await listWalkIns(db, organiser.scope!, f.eventId)).find((w) => w.id === walkInId)!;
      expect(before.match).toEqual(masked);
      expect(before.verified).toBeNull();
      for (const secret of secrets) expect(await appointeesOf()).not.toContain(secret);

      // Linking is allowed (the phone matched), and the answer says only that it worked.
      const outcome = await verifyWalkIn(db, actor, f.eventId, { walkInId, appointeeId: stranger.id });
      expect(outcome).toEqual({ ok: true });
      const after = (await listWalkIns(db, organiser.scope!, f.eventId)).find((w) => w.id === walkInId)!;
      expect(after.verified).toEqual(masked);
      expect(after.match).toBeNull();
      for (const secret of secrets) expect(await appointeesOf()).not.toContain(secret);

      // An admin sees the person in full.
      const admin = await staffActor(f.adminId);
      const adminRow = (await listWalkIns(db, admin.scope!, f.eventId)).find((w) => w.id === walkInId)!;
      expect(adminRow.verified).toEqual({
        id: stranger.id,
        inScope: true,
        name: stranger.name,
        nameHi: stranger.nameHi,
      });
    });
  });
});
