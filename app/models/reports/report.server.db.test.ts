// Every figure of the reports on the hand-made fixture of tests/support/report-fixture.ts, compared exactly
// with values worked out by hand; then the summary tables kept by triggers through undos, verifications,
// cancellations, deletions, moves and concurrent marks, checked against a recount from scratch.
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { formatCsvRows, UTF8_BOM } from "#app/models/imports/csv.ts";
import type { Database } from "#app/platform/db.server.ts";
import { buildReportFixture, type ReportFixture, recountTraining } from "#tests/support/report-fixture.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { expectNotFound, personalLinkColumns } from "#tests/support/db-helpers.ts";
import { eventCsvColumns, eventCsvRows, type EventReportQuery } from "./report.ts";
import {
  getCommitteeReport,
  getDashboard,
  getEventReport,
  getRollup,
  listEventFigures,
} from "./report.server.ts";
import type { Scope } from "#app/models/organisation/scope.server.ts";
import { flushTraining } from "./training-summary.server.ts";

let db: Database;
let f: ReportFixture;
const all: Scope = { kind: "all" };
let scopeA: Scope;
let scopeB: Scope;

async function scopeOfUnit(unitId: number): Promise<Scope> {
  const unit = await db.selectFrom("units").select("path").where("id", "=", unitId).executeTakeFirstOrThrow();
  return { kind: "subtree", unitId, path: unit.path };
}

const byCode: EventReportQuery = { sort: "committee", dir: "asc", page: 1 };
const figures = (
  committees: number,
  formed: number,
  forming: number,
  untrained: number,
  seats: number,
  members: number,
  trained: number,
) => ({ committees, formed, forming, untrained, seats, members, trained });

async function summary() {
  await flushTraining(db);
  return db
    .selectFrom("committeeTraining")
    .select(["committeeId", "unitPath", "members", "trained"])
    .orderBy("committeeId")
    .execute();
}

async function trainedOf(committeeId: number) {
  await flushTraining(db);
  const row = await db
    .selectFrom("committeeTraining")
    .select(["members", "trained"])
    .where("committeeId", "=", committeeId)
    .executeTakeFirstOrThrow();
  return row;
}

describe("reports on the hand-made fixture", () => {
  const testDb = useTestDatabase();

  beforeAll(async () => {
    db = testDb().db;
    f = await buildReportFixture(db);
    scopeA = await scopeOfUnit(f.units.districtA);
    scopeB = await scopeOfUnit(f.units.districtB);
  });

  describe("roll-ups", () => {
    it("rolls the state up by district, a person on two committees counting on both", async () => {
      const rollup = await getRollup(db, all, null);
      expect(rollup.unit).toMatchObject({ id: f.units.state, code: "TS", level: "state" });
      expect(rollup.trail).toEqual([]);
      // Trained: Asha, Bharat, Deepa, Gita (verified walk-in), Indu. Asha sits on cA and cA1.
      expect(rollup.totals).toEqual(figures(7, 6, 1, 3, 25, 12, 6));
      expect(rollup.own).toEqual(figures(1, 1, 0, 1, 5, 1, 0));
      expect(rollup.children.map((c) => [c.code, c.nameHi])).toEqual([
        ["TS-A", "ज़िला क"],
        ["TS-B", "ज़िला ख"],
      ]);
      expect(rollup.children[0]).toMatchObject(figures(4, 3, 1, 1, 14, 9, 5));
      expect(rollup.children[1]).toMatchObject(figures(2, 2, 0, 1, 6, 2, 1));
      expect(rollup.untrained.total).toBe(3);
      expect(rollup.untrained.rows.map((c) => [c.unitCode, c.nameEn, c.members, c.seatQuota])).toEqual([
        ["TS", "State Executive", 1, 5],
        ["TS-A-1-B1", "Booth A1a Committee", 2, 3],
        ["TS-B-1", "Assembly B1 Committee", 1, 2],
      ]);
      expect(rollup.forming.total).toBe(1);
      expect(rollup.forming.rows).toEqual([
        {
          committeeId: f.committees.cA2,
          nameEn: "Assembly A2 Committee",
          nameHi: "विधानसभा क2 समिति",
          unitCode: "TS-A-2",
          unitLevel: "assembly",
          seatQuota: 4,
          members: 1,
        },
      ]);
    });

    it("starts a district organiser at their district and drills down inside it only", async () => {
      const rollup = await getRollup(db, scopeA, null);
      expect(rollup.unit?.id).toBe(f.units.districtA);
      expect(rollup.totals).toEqual(figures(4, 3, 1, 1, 14, 9, 5));
      expect(rollup.own).toEqual(figures(1, 1, 0, 0, 4, 3, 2));
      expect(rollup.children.map((c) => c.code)).toEqual(["TS-A-1", "TS-A-2"]);
      expect(rollup.children[0]).toMatchObject(figures(2, 2, 0, 1, 6, 5, 2));
      expect(rollup.children[1]).toMatchObject(figures(1, 0, 1, 0, 4, 1, 1));

      const assembly = await getRollup(db, scopeA, f.units.assemblyA1);
      expect(assembly.trail.map((u) => u.code)).toEqual(["TS-A"]);
      expect(assembly.own).toEqual(figures(1, 1, 0, 0, 3, 3, 2));
      expect(assembly.children).toHaveLength(1);
      expect(assembly.children[0]).toMatchObject({ code: "TS-A-1-B1", ...figures(1, 1, 0, 1, 3, 2, 0) });

      await expectNotFound(getRollup(db, scopeA, f.units.districtB));
      await expectNotFound(getRollup(db, scopeA, f.units.state));
      await expectNotFound(getRollup(db, scopeA, 999_999));
      expect((await getRollup(db, all, f.units.assemblyA1)).trail.map((u) => u.code)).toEqual(["TS", "TS-A"]);
    });
  });

  describe("per event", () => {
    it("counts camp A per committee: invited, registered, attended any and all required sessions", async () => {
      const report = await getEventReport(db, all, f.events.campA, byCode);
      expect(report.event).toMatchObject({ id: f.events.campA, titleEn: "Camp A", status: "completed" });
      expect(report.requiredSessions).toBe(2);
      // Lata's invitation was revoked; Chetan's mark was undone; Esha declined; Farid is waitlisted.
      expect(report.rows).toEqual([
        {
          committeeId: f.committees.cA,
          unitCode: "TS-A",
          unitLevel: "district",
          nameEn: "District A Committee",
          nameHi: "ज़िला क समिति",
          seatQuota: 4,
          members: 3,
          invited: 3,
          registered: 3,
          attended: 2,
          attendedAll: 1,
        },
        {
          committeeId: f.committees.cA1,
          unitCode: "TS-A-1",
          unitLevel: "assembly",
          nameEn: "Assembly A1 Committee",
          nameHi: "विधानसभा क1 समिति",
          seatQuota: 3,
          members: 3,
          invited: 1,
          registered: 1,
          attended: 1,
          attendedAll: 1,
        },
        {
          committeeId: f.committees.cA1a,
          unitCode: "TS-A-1-B1",
          unitLevel: "booth",
          nameEn: "Booth A1a Committee",
          nameHi: "बूथ क1अ समिति",
          seatQuota: 3,
          members: 2,
          invited: 2,
          registered: 0,
          attended: 0,
          attendedAll: 0,
        },
      ]);
      expect(report.totals).toEqual({
        committees: 3,
        seats: 10,
        members: 8,
        invited: 6,
        registered: 4,
        attended: 3,
        attendedAll: 2,
      });
      expect(report.sessions.map((s) => [s.titleEn, s.required, s.present, s.walkIns])).toEqual([
        ["Opening", true, 3, 2],
        ["Committee work", true, 2, 1],
        ["Social media", false, 1, 0],
      ]);
      // Gita and Hari came without an invitation; Gita was verified as the appointee.
      expect(report.walkIns).toEqual({ present: 2, verified: 1 });
      expect([report.page, report.pageCount]).toEqual([1, 1]);
    });

    it("sorts by any column in either direction, ties by code, and clamps the page", async () => {
      const codes = async (query: Partial<EventReportQuery>) =>
        (await getEventReport(db, all, f.events.campA, { ...byCode, ...query })).rows.map((r) => r.unitCode);
      expect(await codes({ sort: "committee", dir: "desc" })).toEqual(["TS-A-1-B1", "TS-A-1", "TS-A"]);
      expect(await codes({ sort: "attended", dir: "desc" })).toEqual(["TS-A", "TS-A-1", "TS-A-1-B1"]);
      expect(await codes({ sort: "invited", dir: "asc" })).toEqual(["TS-A-1", "TS-A-1-B1", "TS-A"]);
      // Rates 2/3, 1/1 and 0/2.
      expect(await codes({ sort: "rate", dir: "desc" })).toEqual(["TS-A-1", "TS-A", "TS-A-1-B1"]);
      expect(await codes({ sort: "members", dir: "asc" })).toEqual(["TS-A-1-B1", "TS-A", "TS-A-1"]);
      const far = await getEventReport(db, all, f.events.campA, { ...byCode, page: 40 });
      expect([far.page, far.rows.length]).toEqual([1, 3]);
    });

    it("is the same for the district's organiser and 404 for another district's", async () => {
      const mine = await getEventReport(db, scopeA, f.events.campA, byCode);
      expect(mine.totals).toEqual((await getEventReport(db, all, f.events.campA, byCode)).totals);
      await expectNotFound(getEventReport(db, scopeB, f.events.campA, byCode));
      await expectNotFound(getEventReport(db, scopeA, f.events.campB, byCode));
      await expectNotFound(getEventReport(db, all, null, byCode));
      await expectNotFound(listEventFigures(db, scopeB, f.events.campA));
    });

    it("counts camp B and the cancelled camp C as they were held", async () => {
      const b = await getEventReport(db, all, f.events.campB, byCode);
      expect(b.rows.map((r) => [r.unitCode, r.invited, r.registered, r.attended, r.attendedAll])).toEqual([
        ["TS-B", 1, 1, 1, 1],
        ["TS-B-1", 1, 0, 0, 0],
      ]);
      const c = await getEventReport(db, all, f.events.campC, byCode);
      expect(c.event.status).toBe("cancelled");
      expect(c.rows.map((r) => [r.unitCode, r.invited, r.registered, r.attended, r.attendedAll])).toEqual([
        ["TS-B-1", 1, 1, 1, 1],
      ]);
      expect(c.walkIns).toEqual({ present: 0, verified: 0 });
    });

    it("exports every committee row as the table shows it", async () => {
      const rows = await listEventFigures(db, scopeA, f.events.campA);
      const csv = UTF8_BOM + formatCsvRows([[...eventCsvColumns], ...eventCsvRows(rows)]);
      expect(csv).toBe(
        "\uFEFFcommittee,level,name_en,name_hi,seats,members,invited,registered,attended_any_session,attended_all_required,attendance_rate\r\n" +
          "TS-A,district,District A Committee,ज़िला क समिति,4,3,3,3,2,1,0.667\r\n" +
          "TS-A-1,assembly,Assembly A1 Committee,विधानसभा क1 समिति,3,3,1,1,1,1,1.000\r\n" +
          "TS-A-1-B1,booth,Booth A1a Committee,बूथ क1अ समिति,3,2,2,0,0,0,0.000\r\n",
      );
    });
  });

  describe("per committee", () => {
    it("gives each member's training history across events, and the committee's coverage", async () => {
      const report = await getCommitteeReport(db, all, f.committees.cA1);
      expect(report.committee).toEqual({
        id: f.committees.cA1,
        nameEn: "Assembly A1 Committee",
        nameHi: "विधानसभा क1 समिति",
        status: "formed",
        seatQuota: 3,
      });
      expect(report.unit.code).toBe("TS-A-1");
      // President first, then members by name. Asha was invited to camps A and D through cA.
      expect(report.members).toEqual([
        {
          appointeeId: f.people.deepa,
          name: "Deepa",
          nameHi: "दीपा",
          designation: "president",
          invited: 1,
          registered: 1,
          eventsAttended: 1,
          sessionsAttended: 3,
          lastAttendedAt: new Date("2026-11-02T14:00:00+05:30"),
        },
        {
          appointeeId: f.people.asha,
          name: "Asha",
          nameHi: "आशा",
          designation: "member",
          invited: 2,
          registered: 2,
          eventsAttended: 1,
          sessionsAttended: 2,
          lastAttendedAt: new Date("2026-11-02T11:30:00+05:30"),
        },
        {
          appointeeId: f.people.lata,
          name: "Lata",
          nameHi: "लता",
          designation: "member",
          invited: 0,
          registered: 0,
          eventsAttended: 0,
          sessionsAttended: 0,
          lastAttendedAt: null,
        },
      ]);
      expect(report.trained).toBe(2);
      expect(report.events).toEqual([
        {
          eventId: f.events.campA,
          titleEn: "Camp A",
          titleHi: "शिविर क",
          startsAt: new Date("2026-11-02T10:00:00+05:30"),
          status: "completed",
          inScope: true,
          invited: 1,
          registered: 1,
          attended: 1,
          attendedAll: 1,
        },
      ]);
    });

    it("counts a verified walk-in as trained and a cancelled camp as not", async () => {
      const forming = await getCommitteeReport(db, all, f.committees.cA2);
      expect(forming.members.map((m) => [m.name, m.invited, m.eventsAttended, m.sessionsAttended])).toEqual([
        ["Gita", 0, 1, 1],
      ]);
      expect(forming.trained).toBe(1);
      expect(forming.events).toEqual([]);

      const b1 = await getCommitteeReport(db, all, f.committees.cB1);
      expect(b1.members.map((m) => [m.name, m.invited, m.registered, m.eventsAttended])).toEqual([
        ["Jai", 1, 0, 0],
      ]);
      expect(b1.trained).toBe(0);
      expect(b1.events.map((e) => [e.titleEn, e.status, e.invited, e.registered, e.attended])).toEqual([
        ["Camp C", "cancelled", 1, 1, 1],
        ["Camp B", "completed", 1, 0, 0],
      ]);
    });

    it("agrees with the summary the roll-ups read, and is 404 outside the scope", async () => {
      for (const id of Object.values(f.committees)) {
        const report = await getCommitteeReport(db, all, id);
        expect({ members: report.members.length, trained: report.trained }).toEqual(await trainedOf(id));
      }
      await expectNotFound(getCommitteeReport(db, scopeA, f.committees.cB));
      await expectNotFound(getCommitteeReport(db, scopeA, f.committees.cS));
      await expectNotFound(getCommitteeReport(db, all, null));
      expect((await getCommitteeReport(db, scopeA, f.committees.cA1a)).trained).toBe(0);
    });
  });

  describe("the dashboard", () => {
    it("lists upcoming events with registrations against capacity, and formation by level", async () => {
      const admin = await getDashboard(db, all);
      expect(admin.upcoming).toEqual([
        {
          id: f.events.campD,
          titleEn: "Camp D",
          titleHi: "शिविर घ",
          startsAt: new Date("2030-01-15T10:00:00+05:30"),
          capacity: 50,
          invited: 2,
          registered: 1,
          waitlisted: 1,
        },
      ]);
      // Camp C was cancelled; camp D has not begun.
      expect(admin.recent).toEqual([
        {
          id: f.events.campB,
          titleEn: "Camp B",
          titleHi: "शिविर ख",
          startsAt: new Date("2026-11-05T10:00:00+05:30"),
          status: "completed",
          invited: 2,
          attended: 1,
        },
        {
          id: f.events.campA,
          titleEn: "Camp A",
          titleHi: "शिविर क",
          startsAt: new Date("2026-11-02T10:00:00+05:30"),
          status: "completed",
          invited: 6,
          attended: 3,
        },
      ]);
      expect(admin.formation).toEqual([
        { level: "state", committees: 1, formed: 1, seats: 5, members: 1, trained: 0 },
        { level: "district", committees: 2, formed: 2, seats: 8, members: 4, trained: 3 },
        { level: "assembly", committees: 3, formed: 2, seats: 9, members: 5, trained: 3 },
        { level: "booth", committees: 1, formed: 1, seats: 3, members: 2, trained: 0 },
      ]);
      expect(admin.mail.status).toBe("ok");

      const b = await getDashboard(db, scopeB);
      expect(b.upcoming).toEqual([]);
      expect(b.formation).toEqual([
        { level: "district", committees: 1, formed: 1, seats: 4, members: 1, trained: 1 },
        { level: "assembly", committees: 1, formed: 1, seats: 2, members: 1, trained: 0 },
      ]);
    });
  });

  describe("the summary kept by triggers", () => {
    it("follows a later undo and a re-mark", async () => {
      await f.remark(
        f.sessions.s1,
        f.people.bharat,
        f.committees.cA,
        "undo",
        new Date("2026-11-02T10:30:00+05:30"),
      );
      expect(await trainedOf(f.committees.cA)).toEqual({ members: 3, trained: 1 });
      expect((await getEventReport(db, all, f.events.campA, byCode)).totals.attended).toBe(2);
      await f.remark(
        f.sessions.s1,
        f.people.bharat,
        f.committees.cA,
        "mark",
        new Date("2026-11-02T10:40:00+05:30"),
      );
      expect(await trainedOf(f.committees.cA)).toEqual({ members: 3, trained: 2 });
    });

    it("follows a walk-in verified as a member", async () => {
      await db
        .updateTable("walkIns")
        .set({ verifiedAppointeeId: f.people.lata, verifiedAt: new Date() })
        .where("id", "=", f.walkIns.hari)
        .execute();
      expect(await trainedOf(f.committees.cA1)).toEqual({ members: 3, trained: 3 });
      expect((await getEventReport(db, all, f.events.campA, byCode)).walkIns).toEqual({
        present: 2,
        verified: 2,
      });
      const lata = (await getCommitteeReport(db, all, f.committees.cA1)).members.find(
        (m) => m.name === "Lata",
      );
      expect([lata?.eventsAttended, lata?.sessionsAttended]).toEqual([1, 2]);
    });

    it("follows an appointment ended and one added", async () => {
      await db
        .updateTable("appointments")
        .set({ active: false, endedAt: new Date() })
        .where("appointeeId", "=", f.people.asha)
        .where("committeeId", "=", f.committees.cA1)
        .execute();
      expect(await trainedOf(f.committees.cA1)).toEqual({ members: 2, trained: 2 });
      await db
        .insertInto("appointments")
        .values({ appointeeId: f.people.indu, committeeId: f.committees.cA1a, designation: "member" })
        .execute();
      expect(await trainedOf(f.committees.cA1a)).toEqual({ members: 3, trained: 1 });
      expect((await getRollup(db, all, null)).untrained.rows.map((c) => c.unitCode)).toEqual([
        "TS",
        "TS-B-1",
      ]);
    });

    it("follows an event cancelled and taken back", async () => {
      const setStatus = (status: "cancelled" | "completed") =>
        db
          .updateTable("events")
          .set({ status, cancelledAt: status === "cancelled" ? new Date() : null })
          .where("id", "=", f.events.campB)
          .execute();
      await setStatus("cancelled");
      expect(await trainedOf(f.committees.cB)).toEqual({ members: 1, trained: 0 });
      expect(await trainedOf(f.committees.cA1a)).toEqual({ members: 3, trained: 0 });
      await setStatus("completed");
      expect(await trainedOf(f.committees.cB)).toEqual({ members: 1, trained: 1 });
    });

    it("follows sessions and walk-ins deleted with their attendance", async () => {
      await db.deleteFrom("eventSessions").where("id", "=", f.sessions.s2).execute();
      // Lata came only as the walk-in Hari, at s1 and s2: s1 still counts.
      expect(await trainedOf(f.committees.cA1)).toEqual({ members: 2, trained: 2 });
      await db.deleteFrom("walkIns").where("id", "=", f.walkIns.gita).execute();
      expect(await trainedOf(f.committees.cA2)).toEqual({ members: 1, trained: 0 });
    });

    it("follows a unit moved to another district", async () => {
      await db
        .updateTable("units")
        .set({ parentId: f.units.districtB })
        .where("id", "=", f.units.assemblyA2)
        .execute();
      const rollup = await getRollup(db, all, null);
      expect(rollup.children.map((c) => [c.code, c.committees, c.forming])).toEqual([
        ["TS-A", 3, 0],
        ["TS-B", 3, 1],
      ]);
      await expectNotFound(getRollup(db, scopeA, f.units.assemblyA2));
    });

    it("counts marks the tablet sync writes in one statement for people and walk-ins", async () => {
      const walkIn = crypto.randomUUID();
      await db
        .insertInto("walkIns")
        .values({
          id: walkIn,
          eventId: f.events.campA,
          sessionId: f.sessions.s3,
          name: "Kiran at the door",
          phone: "+919800000010",
          deviceId: "tablet-3",
          staffUserId: f.trainerId,
          createdAt: new Date("2026-11-02T14:10:00+05:30"),
          verifiedAppointeeId: f.people.kiran,
        })
        .execute();
      const chetanMark = crypto.randomUUID();
      const walkInMark = crypto.randomUUID();
      await sql`
        with marks as (
          insert into attendance_marks (client_id, session_id, appointee_id, walk_in_id, committee_id, action,
                                        marked_at, device_id, staff_user_id)
          values (${chetanMark}::uuid, ${f.sessions.s3}, ${f.people.chetan}, null, ${f.committees.cA}, 'mark',
                  '2026-11-02T14:20:00+05:30', 'tablet-3', ${f.trainerId}),
                 (${walkInMark}::uuid, ${f.sessions.s3}, null, ${walkIn}::uuid, null, 'mark',
                  '2026-11-02T14:21:00+05:30', 'tablet-3', ${f.trainerId})
          returning id, client_id, session_id, appointee_id, walk_in_id, committee_id, marked_at
        ),
        people as (
          insert into attendance (session_id, appointee_id, committee_id, present, decided_by_mark_id,
                                  decided_by_client_id, marked_at)
          select session_id, appointee_id, committee_id, true, id, client_id, marked_at from marks
          where appointee_id is not null
          on conflict (session_id, appointee_id) where appointee_id is not null do update set present = true
          returning 1
        ),
        walk_ins as (
          insert into attendance (session_id, walk_in_id, present, decided_by_mark_id, decided_by_client_id, marked_at)
          select session_id, walk_in_id, true, id, client_id, marked_at from marks where walk_in_id is not null
          returning 1
        )
        select (select count(*) from people) + (select count(*) from walk_ins) as n`.execute(db);
      expect(await trainedOf(f.committees.cA)).toEqual({ members: 3, trained: 3 });
      expect(await trainedOf(f.committees.cS)).toEqual({ members: 1, trained: 1 });
    });

    /** Marks someone present at a session for the first time, as one sync would. */
    const markFirst = async (trx: Database, sessionId: number, appointeeId: number, committeeId: number) => {
      const clientId = crypto.randomUUID();
      const markedAt = new Date("2026-11-02T10:50:00+05:30");
      const mark = await trx
        .insertInto("attendanceMarks")
        .values({
          clientId,
          sessionId,
          appointeeId,
          committeeId,
          action: "mark",
          markedAt,
          deviceId: "tablet-9",
          staffUserId: f.trainerId,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("attendance")
        .values({
          sessionId,
          appointeeId,
          committeeId,
          present: true,
          decidedByMarkId: mark.id,
          decidedByClientId: clientId,
          markedAt,
        })
        .execute();
    };

    /** Runs `work` in a transaction left open until `commit`; fails if the work waits on a lock. */
    async function heldOpen(work: (trx: Database) => Promise<void>) {
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let written!: () => void;
      const done = new Promise<void>((resolve) => {
        written = resolve;
      });
      const transaction = db.transaction().execute(async (trx) => {
        await work(trx);
        written();
        await held;
      });
      const waited = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("the work waited for another transaction")), 5_000),
      );
      await Promise.race([done, transaction, waited]);
      return {
        commit: async () => {
          release();
          await transaction;
        },
      };
    }

    it("loses no update when two tablets mark two members of one committee at once", async () => {
      await flushTraining(db);
      // Esha and Farid of cA1a, marked for the first time in two open transactions: neither waits for the
      // other (a mark only leaves its person in training_pending), and a flush meanwhile takes neither.
      const one = await heldOpen((trx) => markFirst(trx, f.sessions.s1, f.people.esha, f.committees.cA1a));
      const two = await heldOpen((trx) => markFirst(trx, f.sessions.s1, f.people.farid, f.committees.cA1a));
      expect(await flushTraining(db)).toBe(0);
      await one.commit();
      await two.commit();
      // With Indu (trained at camp B, taken back from cancelled): all three.
      expect(await trainedOf(f.committees.cA1a)).toEqual({ members: 3, trained: 3 });
    });

    it("counts a person appointed while their first mark is being synced", async () => {
      // Jai's first counted attendance (camp B) is still open when he is appointed to cA1a: the appointment
      // counts him untrained, then the flush after the mark commits counts him on both committees.
      const mark = await heldOpen((trx) => markFirst(trx, f.sessions.b1, f.people.jai, f.committees.cB1));
      await db
        .insertInto("appointments")
        .values({ appointeeId: f.people.jai, committeeId: f.committees.cA1a, designation: "member" })
        .execute();
      await mark.commit();
      expect(await trainedOf(f.committees.cA1a)).toEqual({ members: 4, trained: 4 });
      expect(await trainedOf(f.committees.cB1)).toEqual({ members: 1, trained: 1 });
    });

    it("keeps a person pending while they wait, and the roll-up flushes before it reads", async () => {
      await flushTraining(db);
      const pending = async () =>
        (await sql<{ n: number }>`select count(*)::int as n from training_pending`.execute(db)).rows[0]!.n;
      const ownTrained = async () => (await getRollup(db, all, f.units.districtA)).own?.trained;
      const before = (await ownTrained())!;
      // Asha (cA), present only at s1 since s2 was deleted: undone, she waits in training_pending.
      const at = (time: string) => new Date(`2026-11-02T${time}:00+05:30`);
      await f.remark(f.sessions.s1, f.people.asha, f.committees.cA, "undo", at("11:00"));
      expect(await pending()).toBe(1);
      const summary = await db
        .selectFrom("committeeTraining")
        .select("trained")
        .where("committeeId", "=", f.committees.cA)
        .executeTakeFirstOrThrow();
      expect(summary.trained).toBe(before);
      expect(await ownTrained()).toBe(before - 1);
      expect(await pending()).toBe(0);
      await f.remark(f.sessions.s1, f.people.asha, f.committees.cA, "mark", at("11:10"));
      expect(await ownTrained()).toBe(before);
    });

    it("runs flushes one at a time: a second one waits and then takes what the first left", async () => {
      await flushTraining(db);
      const people = Object.values(f.people);
      await db
        .insertInto("trainingPending")
        .values(Array.from({ length: 25 }, (_, i) => ({ appointeeId: people[i % people.length]! })))
        .execute();
      let first!: () => void;
      const firstDone = new Promise<void>((resolve) => {
        first = resolve;
      });
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const one = db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ taken: number }>`select training_flush(10) as taken`.execute(trx);
        first();
        await held;
        return rows[0]!.taken;
      });
      await firstDone;
      const two = sql<{ taken: number }>`select training_flush(10) as taken`.execute(db);
      await new Promise((resolve) => setTimeout(resolve, 200));
      release();
      expect(await one).toBe(10);
      // Without the lock it would have picked the same ten rows, found them gone, and taken none.
      expect((await two).rows[0]!.taken).toBe(10);
      expect(await flushTraining(db)).toBe(5);
    });

    it("tells which of a committee's events the reader may open", async () => {
      const convention = await db
        .insertInto("events")
        .values({
          kind: "state_convention",
          unitId: f.units.state,
          titleEn: "State Convention",
          titleHi: "प्रदेश सम्मेलन",
          venueName: "Hall",
          startsAt: new Date("2026-11-20T10:00:00+05:30"),
          endsAt: new Date("2026-11-20T18:00:00+05:30"),
          registrationOpensAt: new Date("2026-11-01T10:00:00+05:30"),
          registrationClosesAt: new Date("2026-11-19T10:00:00+05:30"),
          capacity: 500,
          status: "completed",
          publishedAt: new Date("2026-11-01T10:00:00+05:30"),
          icalUid: "report-convention@test",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("invitations")
        .values({
          eventId: convention.id,
          appointeeId: f.people.deepa,
          committeeId: f.committees.cA1,
          designation: "president",
          ...personalLinkColumns(),
        })
        .execute();
      const events = (await getCommitteeReport(db, scopeA, f.committees.cA1)).events;
      expect(events.map((e) => [e.titleEn, e.inScope, e.invited])).toEqual([
        ["State Convention", false, 1],
        ["Camp A", true, 1],
      ]);
      expect((await getCommitteeReport(db, all, f.committees.cA1)).events.every((e) => e.inScope)).toBe(true);
      await expectNotFound(getEventReport(db, scopeA, convention.id, byCode));
    });

    it("matches a recount from the source tables after all of it", async () => {
      expect(await summary()).toEqual(await recountTraining(db));
    });
  });
});
