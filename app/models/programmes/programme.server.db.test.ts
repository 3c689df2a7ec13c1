// Programme completion and certificates on the hand-made report fixture (tests/support/report-fixture.ts):
// modules taken at three different events, an undone mark that flips completion and revokes the certificate,
// a merge that moves attendance, optional modules not needed, and the refusals of bad input.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#app/platform/db.server.ts";
import { mergeAppointees } from "#app/models/organisation/appointee.server.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { buildReportFixture, type ReportFixture } from "#tests/support/report-fixture.ts";
import { addAudienceRule } from "#app/models/events/audience.server.ts";
import { publishEvent } from "#app/models/events/invitation.server.ts";
import { reconcileCertificates, verifyCertificate } from "./certificate.server.ts";
import { inviteMakeUpAudiences } from "./make-up.server.ts";
import { ProgrammeFormSchema } from "./programme.ts";
import {
  addModule,
  createProgramme,
  getProgramme,
  removeModule,
  setModuleRequired,
  tagSession,
  untagSession,
} from "./programme.server.ts";
import { progressOf } from "./progress.server.ts";

describe("training programmes", () => {
  const database = useTestDatabase();
  let db: Database;
  let f: ReportFixture;
  let programmeId: number;
  let modules: { fact: number; platform: number; booth: number; optional: number };
  let stateSession: number;
  const day = (s: string) => new Date(`${s}+05:30`);

  async function present(sessionId: number, appointeeId: number, committeeId: number, at: string) {
    const clientId = randomUUID();
    const mark = await db
      .insertInto("attendanceMarks")
      .values({
        clientId,
        sessionId,
        appointeeId,
        committeeId,
        action: "mark",
        markedAt: day(at),
        deviceId: "tablet-9",
        staffUserId: f.trainerId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("attendance")
      .values({
        sessionId,
        appointeeId,
        committeeId,
        present: true,
        decidedByMarkId: mark.id,
        decidedByClientId: clientId,
        markedAt: day(at),
      })
      .execute();
  }

  const admin = () => ({ staffId: f.adminId });
  const moduleStates = async (appointeeId: number) =>
    (await progressOf(db, appointeeId)).flatMap((p) => p.modules.map((m) => [m.nameEn, m.done?.on ?? null]));

  beforeAll(async () => {
    db = database().db;
    f = await buildReportFixture(db);
    // A third event, a state convention, with a session of its own.
    const convention = await db
      .insertInto("events")
      .values({
        kind: "state_convention",
        unitId: f.units.state,
        titleEn: "State Convention",
        titleHi: "प्रदेश सम्मेलन",
        venueName: "Birla Auditorium",
        startsAt: day("2026-11-20T10:00:00"),
        endsAt: day("2026-11-20T18:00:00"),
        registrationOpensAt: day("2026-11-01T10:00:00"),
        registrationClosesAt: day("2026-11-19T10:00:00"),
        capacity: 500,
        status: "completed",
        publishedAt: day("2026-10-30T10:00:00"),
        icalUid: "convention@test",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    stateSession = (
      await db
        .insertInto("eventSessions")
        .values({
          eventId: convention.id,
          kind: "training",
          titleEn: "Booth network",
          titleHi: "बूथ नेटवर्क",
          startsAt: day("2026-11-20T11:00:00"),
          endsAt: day("2026-11-20T12:00:00"),
          icalUid: "convention-s1@test",
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;

    const form = ProgrammeFormSchema.parse({
      nameHi: "डिजिटल प्रशिक्षण",
      nameEn: "Digital training",
      startsOn: "2026-11-01",
      endsOn: "2026-11-30",
      unitId: f.units.state,
      modules: [
        { nameHi: "तथ्य-जाँच", nameEn: "Fact-checking", required: true },
        { nameHi: "मंच कौशल", nameEn: "Platform skills", required: true },
        { nameHi: "बूथ डिजिटल नेटवर्क", nameEn: "Booth digital network", required: true },
        { nameHi: "वैकल्पिक", nameEn: "Optional extra" },
      ],
    });
    const created = await createProgramme(db, admin(), form);
    if (!created.ok) throw new Error(created.error);
    programmeId = created.programmeId;
    const { modules: rows } = await getProgramme(db, programmeId);
    modules = { fact: rows[0]!.id, platform: rows[1]!.id, booth: rows[2]!.id, optional: rows[3]!.id };
    // Fact-checking at camp A, platform skills at camp B, the booth network at the state convention.
    for (const [moduleId, sessionId] of [
      [modules.fact, f.sessions.s1],
      [modules.platform, f.sessions.b1],
      [modules.booth, stateSession],
      [modules.optional, f.sessions.s3],
    ] as const)
      expect(await tagSession(db, admin(), programmeId, moduleId, sessionId)).toEqual({ ok: true });
    // Asha (District A) takes the other two parts at events of another district and of the state.
    await present(f.sessions.b1, f.people.asha, f.committees.cA, "2026-11-05T10:10:00");
    await present(stateSession, f.people.asha, f.committees.cA, "2026-11-20T11:05:00");
  });

  describe("programme completion", () => {
    it("counts modules taken at three different events, without the optional one", async () => {
      expect(await moduleStates(f.people.asha)).toEqual([
        ["Fact-checking", "2026-11-02"],
        ["Platform skills", "2026-11-05"],
        ["Booth digital network", "2026-11-20"],
        ["Optional extra", null],
      ]);
      const [progress] = await progressOf(db, f.people.asha);
      expect(progress).toMatchObject({ complete: true, certificate: null });
      expect(progress!.modules[1]!.done).toMatchObject({ eventTitleEn: "Camp B", place: "Camp B Hall" });
      // Deepa did fact-checking and the optional module only: not complete.
      const [deepa] = await progressOf(db, f.people.deepa);
      expect(deepa!.complete).toBe(false);
      expect(deepa!.modules.map((m) => m.done !== null)).toEqual([true, false, false, true]);
      // A walk-in verified as Gita counts for her.
      expect((await moduleStates(f.people.gita))[0]).toEqual(["Fact-checking", "2026-11-02"]);
    });

    it("issues a certificate to whoever completed, with what it certifies, and only once", async () => {
      const first = await reconcileCertificates(db, programmeId);
      expect(first.issued).toHaveLength(1);
      expect(first.revoked).toEqual([]);
      expect(await reconcileCertificates(db, programmeId)).toEqual({ issued: [], revoked: [] });
      const [progress] = await progressOf(db, f.people.asha);
      const code = progress!.certificate!.code;
      expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      const verified = await verifyCertificate(db, code);
      expect(verified).toMatchObject({ revokedAt: null, revokedReason: null });
      expect(verified!.details).toEqual({
        personName: "Asha",
        // Her highest appointment the programme is for: president of the district committee.
        designation: { hi: "अध्यक्ष", en: "President" },
        committee: { hi: "ज़िला क समिति", en: "District A Committee" },
        issuingUnit: { hi: "परीक्षण प्रदेश", en: "Test State" },
        programme: { hi: "डिजिटल प्रशिक्षण", en: "Digital training" },
        modules: [
          { name: { hi: "तथ्य-जाँच", en: "Fact-checking" }, date: "2026-11-02", place: "Camp A Hall" },
          { name: { hi: "मंच कौशल", en: "Platform skills" }, date: "2026-11-05", place: "Camp B Hall" },
          {
            name: { hi: "बूथ डिजिटल नेटवर्क", en: "Booth digital network" },
            date: "2026-11-20",
            place: "Birla Auditorium",
          },
        ],
      });
    });

    it("an undone mark flips completion and revokes the certificate; a new mark issues a new one", async () => {
      const [before] = await progressOf(db, f.people.asha);
      const oldCode = before!.certificate!.code;
      await f.remark(f.sessions.b1, f.people.asha, f.committees.cA, "undo", day("2026-11-05T12:00:00"));
      const [after] = await progressOf(db, f.people.asha);
      expect(after).toMatchObject({ complete: false, certificate: null });
      expect((await reconcileCertificates(db, programmeId)).revoked).toHaveLength(1);
      expect(await verifyCertificate(db, oldCode)).toMatchObject({ revokedReason: "incomplete" });
      expect((await verifyCertificate(db, oldCode))!.revokedAt).toBeInstanceOf(Date);

      await f.remark(f.sessions.b1, f.people.asha, f.committees.cA, "mark", day("2026-11-05T12:30:00"));
      expect((await reconcileCertificates(db, programmeId)).issued).toHaveLength(1);
      const [again] = await progressOf(db, f.people.asha);
      expect(again!.certificate!.code).not.toBe(oldCode);
      expect(await verifyCertificate(db, oldCode)).toMatchObject({ revokedReason: "incomplete" });
    });

    it("a merge that moves attendance completes the kept person, and revokes a merged-away person's certificate", async () => {
      // Deepa's other record took the two modules she lacked.
      const dup = await db
        .insertInto("appointees")
        .values({ name: "Deepa K", phone: "+919800000099" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await present(f.sessions.b1, dup.id, f.committees.cA1, "2026-11-05T10:20:00");
      await present(stateSession, dup.id, f.committees.cA1, "2026-11-20T11:10:00");
      expect((await progressOf(db, f.people.deepa))[0]!.complete).toBe(false);
      const choices = {
        name: "this",
        nameHi: "this",
        phone: "this",
        email: "this",
        preferredLanguage: "this",
      } as const;
      const merged = await mergeAppointees(
        db,
        { staffId: f.adminId, scope: { kind: "all" } },
        f.people.deepa,
        {
          otherId: dup.id,
          ...choices,
        },
      );
      expect(merged.ok).toBe(true);
      expect((await progressOf(db, f.people.deepa))[0]!.complete).toBe(true);
      expect((await reconcileCertificates(db, programmeId)).issued).toHaveLength(1);

      // Asha merged into Bharat: her certificate is revoked (the record is gone); Bharat now holds her
      // attendance and appointments, and is complete in turn.
      const ashaCode = (await progressOf(db, f.people.asha))[0]!.certificate!.code;
      const outcome = await mergeAppointees(
        db,
        { staffId: f.adminId, scope: { kind: "all" } },
        f.people.bharat,
        {
          otherId: f.people.asha,
          ...choices,
        },
      );
      expect(outcome.ok).toBe(true);
      const result = await reconcileCertificates(db, programmeId);
      expect(result.revoked).toHaveLength(1);
      expect(result.issued).toHaveLength(1);
      expect(await verifyCertificate(db, ashaCode)).toMatchObject({ revokedReason: "person_merged" });
      expect((await progressOf(db, f.people.bharat))[0]!.certificate).not.toBeNull();
    });
  });

  describe("make-up camps", () => {
    it("invites exactly the people who still need a module, and keeps that current while registration is open", async () => {
      const actor = { staffId: f.adminId, scope: { kind: "all" as const } };
      const camp = await db
        .insertInto("events")
        .values({
          kind: "other",
          unitId: f.units.state,
          titleEn: "Make-up: platform skills",
          titleHi: "पूरक: मंच कौशल",
          venueName: "State office",
          startsAt: day("2030-02-01T10:00:00"),
          endsAt: day("2030-02-01T17:00:00"),
          registrationOpensAt: day("2026-01-01T10:00:00"),
          registrationClosesAt: day("2030-01-31T10:00:00"),
          capacity: 100,
          icalUid: "make-up@test",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const rule = {
        unitId: f.units.state,
        levels: null,
        designations: null,
        missingModuleId: modules.platform,
      };
      expect(await addAudienceRule(db, actor, camp.id, { ...rule, missingModuleId: 999999 })).toMatchObject({
        ok: false,
        error: "audience.errors.moduleUnknown",
      });
      expect(await addAudienceRule(db, actor, camp.id, rule)).toMatchObject({ ok: true });
      expect(await publishEvent(db, actor, camp.id)).toMatchObject({ ok: true });
      const invited = async () =>
        (
          await db.selectFrom("invitations").select("appointeeId").where("eventId", "=", camp.id).execute()
        ).map((i) => i.appointeeId);
      // The oracle: active members of formed committees in the state without platform skills done.
      const { rows } = await sql<{ id: number }>`
        select distinct a.appointee_id as id from appointments a join committees c on c.id = a.committee_id
        where a.active and c.status = 'formed' and not exists (
          select 1 from module_completions mc where mc.appointee_id = a.appointee_id and mc.module_id = ${modules.platform})`.execute(
        db,
      );
      const expected = rows.map((r) => r.id).sort((a, b) => a - b);
      expect((await invited()).sort((a, b) => a - b)).toEqual(expected);
      // Indu did platform skills at camp B: not invited. Chetan did not: invited.
      expect(await invited()).not.toContain(f.people.indu);
      expect(await invited()).toContain(f.people.chetan);

      // Indu's mark is undone: she newly needs the module and is invited on the next round; a person appointed
      // now who already did it elsewhere is not.
      await f.remark(f.sessions.b1, f.people.indu, f.committees.cB, "undo", day("2026-11-05T13:00:00"));
      const done = await db
        .insertInto("appointees")
        .values({ name: "Omkar", phone: "+919800000077" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("appointments")
        .values({ appointeeId: done.id, committeeId: f.committees.cB1, designation: "member" })
        .execute();
      await present(f.sessions.b1, done.id, f.committees.cB1, "2026-11-05T10:40:00");
      expect(await inviteMakeUpAudiences(db)).toBe(1);
      expect(await invited()).toContain(f.people.indu);
      expect(await invited()).not.toContain(done.id);
      expect(await inviteMakeUpAudiences(db)).toBe(0);
    });
  });

  describe("bad input to programmes", () => {
    it("refuses a programme with no required module, or with none at all, naming the field", () => {
      const base = { nameHi: "क", nameEn: "K", startsOn: "2026-11-01", endsOn: "2026-11-30", unitId: 1 };
      const optionalOnly = ProgrammeFormSchema.safeParse({
        ...base,
        modules: [{ nameHi: "क", nameEn: "K" }],
      });
      expect(optionalOnly.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
        ["modules", "programmes.errors.noRequiredModule"],
      ]);
      const none = ProgrammeFormSchema.safeParse({ ...base, modules: [{ nameHi: " ", nameEn: "" }] });
      expect(none.error?.issues[0]?.message).toBe("programmes.errors.noModules");
      const backwards = ProgrammeFormSchema.safeParse({
        ...base,
        endsOn: "2026-10-01",
        modules: [{ nameHi: "क", nameEn: "K", required: true }],
      });
      expect(backwards.error?.issues[0]).toMatchObject({
        path: ["endsOn"],
        message: "programmes.errors.endsBeforeStart",
      });
      const halfRow = ProgrammeFormSchema.safeParse({ ...base, modules: [{ nameHi: "क", required: true }] });
      expect(halfRow.error?.issues[0]).toMatchObject({ path: ["modules", 0, "nameEn"] });
      const badDate = ProgrammeFormSchema.safeParse({ ...base, startsOn: "2026-02-30", modules: [] });
      expect(badDate.error?.issues.map((i) => i.message)).toContain("programmes.errors.startsOnRequired");
    });

    it("keeps at least one required module: the last one cannot be made optional or removed", async () => {
      const created = await createProgramme(db, admin(), {
        nameHi: "एक",
        nameEn: "One",
        startsOn: "2026-11-01",
        endsOn: "2026-11-30",
        unitId: f.units.districtB,
        levels: null,
        modules: [{ nameHi: "क", nameEn: "K", required: true }],
      });
      if (!created.ok) throw new Error(created.error);
      const [only] = (await getProgramme(db, created.programmeId)).modules;
      const before = await db
        .selectFrom("auditLog")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirst();
      expect(await setModuleRequired(db, admin(), created.programmeId, only!.id, false)).toMatchObject({
        ok: false,
        error: "programmes.errors.noRequiredModule",
      });
      expect(await removeModule(db, admin(), created.programmeId, only!.id)).toMatchObject({ ok: false });
      expect(
        await db
          .selectFrom("auditLog")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirst(),
      ).toEqual(before);
      expect((await getProgramme(db, created.programmeId)).modules).toHaveLength(1);
      // With a second required module it may go.
      expect(
        await addModule(db, admin(), created.programmeId, { nameHi: "ख", nameEn: "Kh", required: true }),
      ).toMatchObject({
        ok: true,
      });
      expect(await removeModule(db, admin(), created.programmeId, only!.id)).toEqual({ ok: true });
    });

    it("refuses to tag a session with a module of another programme, a cancelled event, or outside the dates", async () => {
      const other = await createProgramme(db, admin(), {
        nameHi: "अन्य",
        nameEn: "Other",
        startsOn: "2026-12-01",
        endsOn: "2026-12-31",
        unitId: f.units.state,
        levels: null,
        modules: [{ nameHi: "क", nameEn: "K", required: true }],
      });
      if (!other.ok) throw new Error(other.error);
      const otherModule = (await getProgramme(db, other.programmeId)).modules[0]!.id;
      const tagged = async () =>
        (await db.selectFrom("eventSessions").select(["id", "moduleId"]).orderBy("id").execute()).map((s) => [
          s.id,
          s.moduleId,
        ]);
      const before = await tagged();
      expect(await tagSession(db, admin(), programmeId, otherModule, f.sessions.s2)).toMatchObject({
        ok: false,
        error: "programmes.errors.moduleOfOtherProgramme",
        field: "moduleId",
      });
      expect(await tagSession(db, admin(), programmeId, modules.fact, f.sessions.c1)).toMatchObject({
        error: "programmes.errors.sessionCancelled",
      });
      expect(await tagSession(db, admin(), other.programmeId, otherModule, f.sessions.s2)).toMatchObject({
        error: "programmes.errors.sessionOutsideDates",
      });
      expect(await tagSession(db, admin(), programmeId, modules.fact, 987654)).toMatchObject({
        error: "programmes.errors.sessionUnknown",
      });
      expect(await untagSession(db, admin(), other.programmeId, f.sessions.s1)).toMatchObject({ ok: false });
      expect(await tagged()).toEqual(before);
    });
  });
});
