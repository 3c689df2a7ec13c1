import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#app/platform/db.server.ts";
import { seedDemo } from "#db/seed/demo.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { expectNotFound, unitId } from "#tests/support/db-helpers.ts";
import {
  appointExistingAppointee,
  appointNewAppointee,
  type CommitteeActor,
  changeAppointmentDesignation,
  createCommittee,
  endAppointment,
  findAppointCandidates,
  getCommitteePage,
  getNewCommitteeForm,
  listCommitteeHistory,
  markCommitteeFormed,
  reopenCommittee,
  updateCommittee,
} from "./committee.server.ts";
import { nameInitials } from "./masked-person.ts";
import { scopeOf } from "./scope.server.ts";

async function addStaff(
  db: Database,
  email: string,
  role: "admin" | "organiser" | "trainer",
  scopeCode?: string,
) {
  const scopeUnitId = scopeCode ? await unitId(db, scopeCode) : null;
  const staff = await db
    .insertInto("staffUsers")
    .values({ email, name: email.split("@")[0]!, role, scopeUnitId })
    .returning(["id", "email", "name", "role", "scopeUnitId", "preferredLanguage"])
    .executeTakeFirstOrThrow();
  return { staffId: staff.id, scope: await scopeOf(db, staff) } satisfies CommitteeActor;
}

/** A snapshot of everything a committee use case may change. */
async function snapshot(db: Database) {
  const [committees, appointments, appointees, audit] = await Promise.all([
    db.selectFrom("committees").selectAll().orderBy("id").execute(),
    db.selectFrom("appointments").selectAll().orderBy("id").execute(),
    db.selectFrom("appointees").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
    db.selectFrom("auditLog").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { committees, appointments, appointees: appointees.n, audit: audit.n };
}

async function activeCount(db: Database, committeeId: number) {
  const row = await db
    .selectFrom("appointments")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("committeeId", "=", committeeId)
    .where("active", "=", true)
    .executeTakeFirstOrThrow();
  return row.n;
}

describe("committees", () => {
  const testDb = useTestDatabase();
  let db: Database;
  let admin: CommitteeActor;
  let jaipur: CommitteeActor;
  let jodhpur: CommitteeActor;
  let blockId: number;
  let committeeId: number;
  let demoPerson: { id: number; phone: string; email: string | null };

  beforeAll(async () => {
    db = testDb().db;
    await seedDemo(db);
    admin = await addStaff(db, "admin2@shivir.example", "admin");
    jaipur = await addStaff(db, "jaipur@shivir.example", "organiser", "RJ-JP");
    jodhpur = await addStaff(db, "jodhpur@shivir.example", "organiser", "RJ-JD");
    const block = await db
      .insertInto("units")
      .values({
        parentId: await unitId(db, "RJ-JP"),
        level: "block",
        code: "RJ-JP-BL-AMR",
        nameEn: "Amber",
        nameHi: "आमेर",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    blockId = block.id;
    // A demo office-bearer of Jodhpur: people are found by phone across districts.
    const person = await db
      .selectFrom("appointees")
      .innerJoin("appointments", "appointments.appointeeId", "appointees.id")
      .innerJoin("committees", "committees.id", "appointments.committeeId")
      .innerJoin("units", "units.id", "committees.unitId")
      .select(["appointees.id", "appointees.phone", "appointees.email"])
      .where("units.code", "=", "RJ-JD")
      .where("appointees.phone", "is not", null)
      .orderBy("appointees.id")
      .executeTakeFirstOrThrow();
    demoPerson = { id: person.id, phone: person.phone!, email: person.email };
  });

  it("offers default names and the level's quota from level_settings, and creates the committee", async () => {
    await db
      .updateTable("levelSettings")
      .set({ defaultSeatQuota: 12 })
      .where("level", "=", "block")
      .execute();
    const form = await getNewCommitteeForm(db, jaipur.scope, blockId);
    expect(form.existingCommitteeId).toBeNull();
    expect(form.unit).toMatchObject({ id: blockId, level: "block", nameEn: "Amber" });
    expect(form.defaults).toEqual({
      nameEn: "Amber Block Committee",
      nameHi: "आमेर ब्लॉक समिति",
      seatQuota: 12,
    });

    const created = await createCommittee(db, jaipur, blockId, { ...form.defaults, seatQuota: 3 });
    if (!created.ok) throw new Error(created.error);
    committeeId = created.committeeId;
    const row = await db
      .selectFrom("committees")
      .selectAll()
      .where("id", "=", committeeId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ unitId: blockId, seatQuota: 3, status: "forming", formedAt: null });

    const audit = await db
      .selectFrom("auditLog")
      .selectAll()
      .where("entityType", "=", "committee")
      .where("entityId", "=", committeeId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "committee.created", actorStaffId: jaipur.staffId });
    expect(audit[0]!.details).toMatchObject({ unitId: blockId, seatQuota: 3 });

    // One committee per unit: the form now points at it, and a second create is refused.
    expect((await getNewCommitteeForm(db, admin.scope, blockId)).existingCommitteeId).toBe(committeeId);
    expect(await createCommittee(db, admin, blockId, form.defaults)).toEqual({
      ok: false,
      error: "committees.errors.alreadyExists",
      existingCommitteeId: committeeId,
    });
  });

  it("appoints new and known people and refuses duplicates with the existing person's id", async () => {
    const first = await appointNewAppointee(db, jaipur, committeeId, {
      name: "Kamla Devi",
      nameHi: "कमला देवी",
      phone: "+919829000001",
      email: undefined,
      preferredLanguage: "hi",
      designation: "president",
    });
    if (!first.ok) throw new Error(first.error);
    const person = await db
      .selectFrom("appointees")
      .selectAll()
      .where("id", "=", first.appointeeId)
      .executeTakeFirstOrThrow();
    expect(person).toMatchObject({ name: "Kamla Devi", nameHi: "कमला देवी", phone: "+919829000001" });

    // A new person whose phone is already recorded: refused, pointing at the recorded person.
    const before = await snapshot(db);
    expect(
      await appointNewAppointee(db, jaipur, committeeId, {
        name: "Kamla D.",
        phone: "+919829000001",
        preferredLanguage: "en",
        designation: "member",
      } as never),
    ).toEqual({
      ok: false,
      error: "committees.errors.personExists",
      field: "phone",
      existingAppointeeId: first.appointeeId,
    });
    // …and by email (case already folded by the form schema).
    if (!demoPerson.email) throw new Error("the demo person has no email");
    expect(
      await appointNewAppointee(db, jaipur, committeeId, {
        name: "Someone",
        email: demoPerson.email,
        preferredLanguage: "hi",
        designation: "member",
      } as never),
    ).toMatchObject({ ok: false, field: "email", existingAppointeeId: demoPerson.id });
    // Appointing the same person twice is refused.
    expect(
      await appointExistingAppointee(db, jaipur, committeeId, {
        contact: { phone: "+919829000001" },
        designation: "member",
      }),
    ).toEqual({
      ok: false,
      error: "committees.errors.alreadyMember",
      field: "contact",
      existingAppointeeId: first.appointeeId,
    });
    // Unknown people and retired designations are refused too.
    expect(
      await appointExistingAppointee(db, jaipur, committeeId, {
        contact: { email: "nobody@example.in" },
        designation: "member",
      }),
    ).toMatchObject({ ok: false, error: "committees.errors.personNotFound" });
    await db.updateTable("designations").set({ active: false }).where("code", "=", "research_team").execute();
    expect(
      await appointExistingAppointee(db, jaipur, committeeId, {
        contact: { phone: demoPerson.phone },
        designation: "research_team",
      }),
    ).toMatchObject({ ok: false, error: "committees.errors.designationInvalid" });
    expect(await snapshot(db)).toEqual(before);

    // A known person (a Jodhpur office-bearer) found by phone.
    const known = await appointExistingAppointee(db, jaipur, committeeId, {
      contact: { phone: demoPerson.phone },
      designation: "secretary",
    });
    expect(known).toMatchObject({ ok: true, appointeeId: demoPerson.id });

    const third = await appointNewAppointee(db, jaipur, committeeId, {
      name: "Arjun",
      nameHi: "अर्जुन",
      email: "arjun@example.in",
      preferredLanguage: "en",
      designation: "member",
    } as never);
    expect(third.ok).toBe(true);
    expect(await activeCount(db, committeeId)).toBe(3);

    // Full: 3 of 3 seats. Neither a known nor a new person gets in, and nothing changes.
    const full = await snapshot(db);
    const other = await db
      .selectFrom("appointees")
      .select("phone")
      .where("phone", "is not", null)
      .where("id", "not in", [first.appointeeId, demoPerson.id])
      .executeTakeFirstOrThrow();
    expect(
      await appointExistingAppointee(db, jaipur, committeeId, {
        contact: { phone: other.phone! },
        designation: "member",
      }),
    ).toEqual({ ok: false, error: "committees.errors.full" });
    expect(
      await appointNewAppointee(db, jaipur, committeeId, {
        name: "Late",
        phone: "+919829000099",
        preferredLanguage: "hi",
        designation: "member",
      } as never),
    ).toEqual({ ok: false, error: "committees.errors.full" });
    expect(await snapshot(db)).toEqual(full);

    // The page lists members by designation order, then name, with both scripts.
    const page = await getCommitteePage(db, jaipur.scope, committeeId);
    expect(page.activeMembers).toBe(3);
    expect(page.members.map((m) => m.designation)).toEqual(["president", "secretary", "member"]);
    expect(page.members[0]).toMatchObject({ name: "Kamla Devi", nameHi: "कमला देवी", phone: "+919829000001" });
  });

  it("writes an audit row with the actor for every appointment, and a history with names", async () => {
    const history = await listCommitteeHistory(db, committeeId);
    expect(history.map((h) => h.action)).toEqual([
      "committee.appointed",
      "committee.appointed",
      "committee.appointed",
      "committee.created",
    ]);
    expect(history[0]).toMatchObject({ actorName: "jaipur", appointeeName: "Arjun", designation: "member" });
    expect(history[2]).toMatchObject({ appointeeName: "Kamla Devi", appointeeNameHi: "कमला देवी" });
    const rows = await db
      .selectFrom("auditLog")
      .select(["action", "actorStaffId", "details"])
      .where("action", "=", "committee.appointed")
      .where("entityId", "=", committeeId)
      .execute();
    expect(rows.every((r) => r.actorStaffId === jaipur.staffId)).toBe(true);
    expect(rows.map((r) => r.details)).toContainEqual(
      expect.objectContaining({ appointeeId: demoPerson.id, designation: "secretary" }),
    );
  });

  it("keeps the quota at or above the members, and records name and quota changes", async () => {
    const before = await snapshot(db);
    expect(
      await updateCommittee(db, jaipur, committeeId, {
        nameEn: "Amber BC",
        nameHi: "आमेर समिति",
        seatQuota: 2,
      }),
    ).toEqual({ ok: false, error: "committees.errors.quotaBelowMembers", field: "seatQuota" });
    expect(await snapshot(db)).toEqual(before);

    expect(
      await updateCommittee(db, jaipur, committeeId, {
        nameEn: "Amber BC",
        nameHi: "आमेर समिति",
        seatQuota: 4,
      }),
    ).toEqual({ ok: true });
    const [last] = await listCommitteeHistory(db, committeeId, 1);
    expect(last).toMatchObject({ action: "committee.updated", fromSeatQuota: 3, seatQuota: 4 });
  });

  it("marks formed only with every seat filled or with a reason, and reopens", async () => {
    // 3 of 4 seats: no reason, no formation.
    const before = await snapshot(db);
    expect(await markCommitteeFormed(db, jaipur, committeeId, {})).toEqual({
      ok: false,
      error: "committees.errors.formedNeedsReason",
      field: "overrideReason",
    });
    expect(await markCommitteeFormed(db, jaipur, committeeId, { overrideReason: "  " })).toMatchObject({
      ok: false,
    });
    expect(await snapshot(db)).toEqual(before);

    expect(
      await markCommitteeFormed(db, jaipur, committeeId, { overrideReason: "Fourth seat reserved" }),
    ).toEqual({
      ok: true,
    });
    let row = await db
      .selectFrom("committees")
      .selectAll()
      .where("id", "=", committeeId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("formed");
    expect(row.formedAt).toBeInstanceOf(Date);
    expect(row.formedOverrideReason).toBe("Fourth seat reserved");
    expect(await markCommitteeFormed(db, jaipur, committeeId, {})).toEqual({
      ok: false,
      error: "committees.errors.alreadyFormed",
    });

    expect(await reopenCommittee(db, jaipur, committeeId)).toEqual({ ok: true });
    row = await db
      .selectFrom("committees")
      .selectAll()
      .where("id", "=", committeeId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "forming", formedAt: null, formedOverrideReason: null });
    expect(await reopenCommittee(db, jaipur, committeeId)).toEqual({
      ok: false,
      error: "committees.errors.notFormed",
    });

    // Full again (quota back to 3): formed without a reason, and no reason is stored.
    await updateCommittee(db, jaipur, committeeId, { nameEn: "Amber BC", nameHi: "आमेर समिति", seatQuota: 3 });
    expect(await markCommitteeFormed(db, admin, committeeId, { overrideReason: "ignored" })).toEqual({
      ok: true,
    });
    row = await db
      .selectFrom("committees")
      .selectAll()
      .where("id", "=", committeeId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "formed", formedOverrideReason: null });

    const history = await listCommitteeHistory(db, committeeId, 5);
    expect(history.map((h) => [h.action, h.actorName])).toEqual([
      ["committee.formed", "admin2"],
      ["committee.updated", "jaipur"],
      ["committee.reopened", "jaipur"],
      ["committee.formed", "jaipur"],
      ["committee.updated", "jaipur"],
    ]);
    expect(history[3]).toMatchObject({
      activeMembers: 3,
      seatQuota: 4,
      overrideReason: "Fourth seat reserved",
    });
  });

  it("changes a designation and ends an appointment, once", async () => {
    const page = await getCommitteePage(db, jaipur.scope, committeeId);
    const arjun = page.members.find((m) => m.name === "Arjun")!;
    expect(
      await changeAppointmentDesignation(db, jaipur, committeeId, arjun.appointmentId, "vice_president"),
    ).toEqual({ ok: true });
    expect(
      await changeAppointmentDesignation(db, jaipur, committeeId, arjun.appointmentId, "nonsense"),
    ).toEqual({
      ok: false,
      error: "committees.errors.designationInvalid",
      field: "designation",
    });
    let [last] = await listCommitteeHistory(db, committeeId, 1);
    expect(last).toMatchObject({
      action: "committee.designation_changed",
      fromDesignation: "member",
      designation: "vice_president",
      appointeeName: "Arjun",
    });

    expect(await endAppointment(db, jaipur, committeeId, arjun.appointmentId)).toEqual({ ok: true });
    expect(await endAppointment(db, jaipur, committeeId, arjun.appointmentId)).toEqual({
      ok: false,
      error: "committees.errors.appointmentNotFound",
    });
    const ended = await db
      .selectFrom("appointments")
      .selectAll()
      .where("id", "=", arjun.appointmentId)
      .executeTakeFirstOrThrow();
    expect(ended.active).toBe(false);
    expect(ended.endedAt).toBeInstanceOf(Date);
    [last] = await listCommitteeHistory(db, committeeId, 1);
    expect(last).toMatchObject({ action: "committee.appointment_ended", designation: "vice_president" });

    // An appointment of another committee cannot be ended from this one.
    const foreign = await db
      .selectFrom("appointments")
      .select("id")
      .where("committeeId", "<>", committeeId)
      .where("active", "=", true)
      .executeTakeFirstOrThrow();
    expect(await endAppointment(db, jaipur, committeeId, foreign.id)).toMatchObject({ ok: false });

    // The person can be appointed again after their appointment ended.
    expect(
      await appointExistingAppointee(db, jaipur, committeeId, {
        contact: { email: "arjun@example.in" },
        designation: "member",
      }),
    ).toMatchObject({ ok: true, appointeeId: arjun.appointeeId });
  });

  it("answers 404 to an organiser of another district, and changes nothing", async () => {
    const before = await snapshot(db);
    const person = {
      name: "X",
      phone: "+919829000077",
      preferredLanguage: "hi" as const,
      designation: "member",
    };
    const form = { nameEn: "Hijack", nameHi: "कब्ज़ा", seatQuota: 5 };
    await expectNotFound(getNewCommitteeForm(db, jodhpur.scope, blockId));
    await expectNotFound(getCommitteePage(db, jodhpur.scope, committeeId));
    await expectNotFound(createCommittee(db, jodhpur, blockId, form));
    await expectNotFound(updateCommittee(db, jodhpur, committeeId, form));
    await expectNotFound(
      appointExistingAppointee(db, jodhpur, committeeId, {
        contact: { phone: demoPerson.phone },
        designation: "member",
      }),
    );
    await expectNotFound(appointNewAppointee(db, jodhpur, committeeId, person));
    await expectNotFound(
      findAppointCandidates(db, jodhpur.scope, committeeId, {
        kind: "contact",
        lookup: { phone: demoPerson.phone },
      }),
    );
    const appointment = (await getCommitteePage(db, jaipur.scope, committeeId)).members[0]!;
    await expectNotFound(endAppointment(db, jodhpur, committeeId, appointment.appointmentId));
    await expectNotFound(
      changeAppointmentDesignation(db, jodhpur, committeeId, appointment.appointmentId, "member"),
    );
    await expectNotFound(markCommitteeFormed(db, jodhpur, committeeId, { overrideReason: "x" }));
    await expectNotFound(reopenCommittee(db, jodhpur, committeeId));
    // Unknown ids look the same as hidden ones.
    await expectNotFound(getCommitteePage(db, admin.scope, 9_999_999));
    await expectNotFound(getCommitteePage(db, admin.scope, null));
    await expectNotFound(getNewCommitteeForm(db, admin.scope, 9_999_999));
    expect(await snapshot(db)).toEqual(before);

    // The Jodhpur organiser does see Jodhpur's committee; the Jaipur organiser does not.
    const jd = await db
      .selectFrom("committees")
      .innerJoin("units", "units.id", "committees.unitId")
      .select("committees.id")
      .where("units.code", "=", "RJ-JD")
      .executeTakeFirstOrThrow();
    expect((await getCommitteePage(db, jodhpur.scope, jd.id)).unit.nameEn).toBe("Jodhpur");
    await expectNotFound(getCommitteePage(db, jaipur.scope, jd.id));
  });

  it("shows a person of another district masked to appoint-existing, appoints them, and never changes their details", async () => {
    // A Jodhpur office-bearer with a name no Jaipur person has, a phone and an email.
    const row = await db
      .selectFrom("appointees")
      .innerJoin("appointments", "appointments.appointeeId", "appointees.id")
      .innerJoin("committees", "committees.id", "appointments.committeeId")
      .innerJoin("units", "units.id", "committees.unitId")
      .select("appointees.id")
      .where("units.code", "=", "RJ-JD")
      .where("appointees.phone", "is not", null)
      .where("appointees.id", "<>", demoPerson.id)
      .orderBy("appointees.id")
      .executeTakeFirstOrThrow();
    const stranger = await db
      .updateTable("appointees")
      .set({ name: "Zorawar Singh Bhati", nameHi: "ज़ोरावर सिंह भाटी", email: "zorawar.bhati@example.in" })
      .where("id", "=", row.id)
      .returning(["id", "name", "nameHi", "phone", "email"])
      .executeTakeFirstOrThrow();
    const phone = stranger.phone!;
    const email = stranger.email!;
    const strangerRow = () =>
      db.selectFrom("appointees").selectAll().where("id", "=", stranger.id).executeTakeFirstOrThrow();
    const original = await strangerRow();
    // A Jaipur committee with free seats.
    const unit = await db
      .insertInto("units")
      .values({
        parentId: blockId,
        level: "panchayat",
        code: "RJ-JP-PN-SCOPE",
        nameEn: "Scope",
        nameHi: "स्कोप",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const created = await createCommittee(db, admin, unit.id, {
      nameEn: "Scope",
      nameHi: "स्कोप",
      seatQuota: 10,
    });
    if (!created.ok) throw new Error(created.error);
    const target = created.committeeId;

    const masked = {
      inScope: false,
      initials: nameInitials(stranger.name),
      phone: `••••••••${phone.slice(-2)}`,
    };
    expect(masked.initials).toBe("Z. S. B.");
    // Found by phone: masked; the only phone digits in the answer are the ones the organiser typed.
    const byPhone = await findAppointCandidates(db, jaipur.scope, target, {
      kind: "contact",
      lookup: { phone },
    });
    expect(byPhone).toEqual({ candidates: [{ ...masked, contact: phone }], more: false });
    for (const secret of [stranger.name, stranger.nameHi!, email, "Zorawar", "Bhati"]) {
      expect(JSON.stringify(byPhone)).not.toContain(secret);
    }
    // Found by email: masked, and the phone does not come with it.
    const byEmail = await findAppointCandidates(db, jaipur.scope, target, {
      kind: "contact",
      lookup: { email },
    });
    expect(byEmail).toEqual({ candidates: [{ ...masked, contact: email }], more: false });
    for (const secret of [stranger.name, stranger.nameHi!, phone, phone.slice(3), "Zorawar"]) {
      expect(JSON.stringify(byEmail)).not.toContain(secret);
    }
    // By name: not found at all outside the scope, in either script.
    for (const text of ["Zorawar", "ज़ोरावर"]) {
      const byName = await findAppointCandidates(db, jaipur.scope, target, { kind: "name", text });
      expect(byName).toEqual({ candidates: [], more: false });
    }
    // Their own district's organiser and an admin see them in full, details editable.
    const full = {
      inScope: true,
      id: stranger.id,
      name: stranger.name,
      nameHi: stranger.nameHi,
      phone,
      email,
    };
    const jd = await db
      .selectFrom("committees")
      .innerJoin("units", "units.id", "committees.unitId")
      .select("committees.id")
      .where("units.code", "=", "RJ-JD")
      .executeTakeFirstOrThrow();
    for (const viewer of [admin, jodhpur]) {
      const seen = await findAppointCandidates(db, viewer.scope, jd.id, {
        kind: "name",
        text: "Zorawar",
      });
      expect(seen.candidates).toEqual([
        { ...full, contactsEditable: true, alreadyMember: expect.any(Boolean) },
      ]);
    }

    // Appointing with a changed email (or any other detail) is refused, and nothing changes.
    const before = await snapshot(db);
    const hijack = { name: stranger.name, email: "hijack@example.in" };
    for (const details of [
      hijack,
      { email: "hijack@example.in" },
      { phone: "+919829000555" },
      { name: "Someone Else" },
    ]) {
      expect(
        await appointExistingAppointee(db, jaipur, target, {
          contact: { phone },
          designation: "member",
          details,
        }),
      ).toEqual({ ok: false, error: "committees.errors.contactNotEditable" });
    }
    // By id, someone outside the scope is not found at all (an id is not a phone number the organiser knows).
    expect(
      await appointExistingAppointee(db, jaipur, target, { appointeeId: stranger.id, designation: "member" }),
    ).toMatchObject({ ok: false, error: "committees.errors.personNotFound" });
    expect(await snapshot(db)).toEqual(before);
    expect(await strangerRow()).toEqual(original);

    // Appointing them as they are is allowed: the same person, not a duplicate.
    const appointed = await appointExistingAppointee(db, jaipur, target, {
      contact: { email },
      designation: "member",
    });
    expect(appointed).toMatchObject({ ok: true, appointeeId: stranger.id });
    expect((await snapshot(db)).appointees).toBe(before.appointees);
    expect(await strangerRow()).toEqual(original);

    // Now in Jaipur and in Jodhpur: the Jaipur organiser sees them, but their details stay Jodhpur's too.
    const again = await findAppointCandidates(db, jaipur.scope, target, {
      kind: "contact",
      lookup: { phone },
    });
    expect(again.candidates).toEqual([{ ...full, contactsEditable: false, alreadyMember: true }]);
    const afterAppointing = await snapshot(db);
    expect(
      await appointExistingAppointee(db, jaipur, committeeId, {
        contact: { phone },
        designation: "member",
        details: hijack,
      }),
    ).toEqual({ ok: false, error: "committees.errors.contactNotEditable" });
    expect(await snapshot(db)).toEqual(afterAppointing);
    expect((await strangerRow()).email).toBe(email);
  });

  it("lets an organiser correct the details of their own person while appointing them", async () => {
    const unit = await db
      .insertInto("units")
      .values({ parentId: blockId, level: "panchayat", code: "RJ-JP-PN-OWN", nameEn: "Own", nameHi: "अपना" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const created = await createCommittee(db, admin, unit.id, {
      nameEn: "Own",
      nameHi: "अपना",
      seatQuota: 10,
    });
    if (!created.ok) throw new Error(created.error);
    const first = await appointNewAppointee(db, jaipur, created.committeeId, {
      name: "Hemlata Saini",
      phone: "+919829000601",
      preferredLanguage: "hi",
      designation: "member",
    } as never);
    if (!first.ok) throw new Error(first.error);
    const secondUnit = await db
      .insertInto("units")
      .values({
        parentId: blockId,
        level: "panchayat",
        code: "RJ-JP-PN-OWN2",
        nameEn: "Own 2",
        nameHi: "अपना 2",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const second = await createCommittee(db, admin, secondUnit.id, {
      nameEn: "Own 2",
      nameHi: "अपना 2",
      seatQuota: 10,
    });
    if (!second.ok) throw new Error(second.error);

    const found = await findAppointCandidates(db, jaipur.scope, second.committeeId, {
      kind: "name",
      text: "Hemlata",
    });
    expect(found.candidates).toEqual([
      {
        inScope: true,
        id: first.appointeeId,
        name: "Hemlata Saini",
        nameHi: null,
        phone: "+919829000601",
        email: null,
        contactsEditable: true,
        alreadyMember: false,
      },
    ]);
    // An email another person has is refused without saying whose it is; nothing changes.
    const before = await snapshot(db);
    expect(
      await appointExistingAppointee(db, jaipur, second.committeeId, {
        appointeeId: first.appointeeId,
        designation: "member",
        details: { name: "Hemlata Saini", phone: "+919829000601", email: demoPerson.email! },
      }),
    ).toEqual({ ok: false, error: "committees.errors.contactTaken" });
    expect(await snapshot(db)).toEqual(before);

    const done = await appointExistingAppointee(db, jaipur, second.committeeId, {
      appointeeId: first.appointeeId,
      designation: "member",
      details: {
        name: "Hemlata Saini",
        nameHi: "हेमलता सैनी",
        phone: "+919829000601",
        email: "hemlata@example.in",
      },
    });
    expect(done).toMatchObject({ ok: true, appointeeId: first.appointeeId });
    const person = await db
      .selectFrom("appointees")
      .select(["name", "nameHi", "phone", "email"])
      .where("id", "=", first.appointeeId)
      .executeTakeFirstOrThrow();
    expect(person).toEqual({
      name: "Hemlata Saini",
      nameHi: "हेमलता सैनी",
      phone: "+919829000601",
      email: "hemlata@example.in",
    });
    const audit = await db
      .selectFrom("auditLog")
      .select(["action", "actorStaffId", "details"])
      .where("entityType", "=", "appointee")
      .where("entityId", "=", first.appointeeId)
      .where("action", "=", "appointee.updated")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actorStaffId: jaipur.staffId,
      details: { changes: { nameHi: [null, "हेमलता सैनी"], email: [null, "hemlata@example.in"] } },
    });
  });

  it("lets exactly one of two simultaneous appointments take the last seat", async () => {
    const unit = await db
      .insertInto("units")
      .values({ parentId: blockId, level: "panchayat", code: "RJ-JP-PN-RACE", nameEn: "Race", nameHi: "रेस" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const created = await createCommittee(db, admin, unit.id, { nameEn: "Race", nameHi: "रेस", seatQuota: 1 });
    if (!created.ok) throw new Error(created.error);
    const results = await Promise.all(
      [1, 2, 3].map((n) =>
        appointNewAppointee(db, jaipur, created.committeeId, {
          name: `Racer ${n}`,
          phone: `+91982900020${n}`,
          preferredLanguage: "hi",
          designation: "member",
        } as never),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error)).toEqual([
      "committees.errors.full",
      "committees.errors.full",
    ]);
    expect(await activeCount(db, created.committeeId)).toBe(1);

    // Two volunteers recording the same new phone at once for two committees (two different row locks):
    // the unique index decides; one appointment, one refusal naming the person.
    const committees: number[] = [];
    for (const code of ["RJ-JP-PN-DUP1", "RJ-JP-PN-DUP2"]) {
      const u = await db
        .insertInto("units")
        .values({ parentId: blockId, level: "panchayat", code, nameEn: code, nameHi: "डुप" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const c = await createCommittee(db, admin, u.id, { nameEn: code, nameHi: "डुप", seatQuota: 5 });
      if (!c.ok) throw new Error(c.error);
      committees.push(c.committeeId);
    }
    const twins = await Promise.all(
      committees.map((id) =>
        appointNewAppointee(db, admin, id, {
          name: "Twin",
          phone: "+919829000300",
          preferredLanguage: "hi",
          designation: "member",
        } as never),
      ),
    );
    const winner = twins.find((r) => r.ok);
    const refused = twins.find((r) => !r.ok);
    expect(winner?.ok && refused).toEqual({
      ok: false,
      error: "committees.errors.personExists",
      field: "phone",
      existingAppointeeId: winner?.ok ? winner.appointeeId : -1,
    });
    const twinsRecorded = await db
      .selectFrom("appointees")
      .select("id")
      .where("phone", "=", "+919829000300")
      .execute();
    expect(twinsRecorded).toHaveLength(1);
  });
});
