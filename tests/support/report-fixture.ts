// A hand-made organisation, its events and attendance, for the report tests: small enough that every
// figure can be worked out by hand (the expected values sit in the tests), built with plain inserts, and
// attendance rows exactly as the tablet sync writes them (a log of marks, a current state per person).
//
//   TS  State          committee cS  (formed, 5 seats)  Kiran
//   ├─ TS-A District A committee cA  (formed, 4 seats)  Asha (president), Bharat, Chetan
//   │  ├─ TS-A-1       committee cA1 (formed, 3 seats)  Asha (again: one person, two committees), Deepa, Lata
//   │  │  └─ TS-A-1-B1 committee cA1a (formed, 3 seats) Esha, Farid
//   │  └─ TS-A-2       committee cA2 (forming, 4 seats) Gita
//   └─ TS-B District B committee cB  (formed, 4 seats)  Indu
//      └─ TS-B-1       committee cB1 (formed, 2 seats)  Jai
//
// Camp A (District A, completed; sessions s1 and s2 required, s3 optional):
//   invited Asha, Bharat, Chetan (through cA), Deepa (cA1), Esha, Farid (cA1a); Lata's invitation revoked.
//   Asha present s1 s2; Bharat s1; Chetan marked at s1 and undone; Deepa s1 s2 s3; Esha declined; Farid
//   waitlisted. Walk-ins at s1: Gita (verified as the appointee Gita of the forming cA2) and Hari
//   (unverified, also at s2).
// Camp B (District B, completed; b1 required): Indu (cB) registered and present; Jai (cB1) invited only.
// Camp C (District B, cancelled after it was held): Jai registered and present at c1 — which no longer counts.
// Camp D (District A, published, in the future, 50 places): Asha registered, Bharat waitlisted.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";
import { personalLinkColumns } from "#tests/support/db-helpers.ts";

const day = (iso: string) => new Date(`${iso}+05:30`);

export type ReportFixture = Awaited<ReturnType<typeof buildReportFixture>>;

export async function buildReportFixture(db: Database) {
  const staff = await db
    .insertInto("staffUsers")
    .values([
      { email: "report.admin@example.in", name: "Report Admin", role: "admin" },
      { email: "report.trainer@example.in", name: "Report Trainer", role: "trainer" },
    ])
    .returning(["id", "email"])
    .execute();
  const trainerId = staff[1]!.id;

  const unit = async (parentId: number | null, level: string, code: string, nameEn: string, nameHi: string) =>
    (
      await db
        .insertInto("units")
        .values({ parentId, level: level as "state", code, nameEn, nameHi })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const state = await unit(null, "state", "TS", "Test State", "परीक्षण प्रदेश");
  const districtA = await unit(state, "district", "TS-A", "District A", "ज़िला क");
  const assemblyA1 = await unit(districtA, "assembly", "TS-A-1", "Assembly A1", "विधानसभा क1");
  const boothA1a = await unit(assemblyA1, "booth", "TS-A-1-B1", "Booth A1a", "बूथ क1अ");
  const assemblyA2 = await unit(districtA, "assembly", "TS-A-2", "Assembly A2", "विधानसभा क2");
  const districtB = await unit(state, "district", "TS-B", "District B", "ज़िला ख");
  const assemblyB1 = await unit(districtB, "assembly", "TS-B-1", "Assembly B1", "विधानसभा ख1");

  const formedAt = day("2026-10-01T10:00:00");
  const committee = async (unitId: number, name: string, nameHi: string, seatQuota: number, formed = true) =>
    (
      await db
        .insertInto("committees")
        .values({
          unitId,
          nameEn: name,
          nameHi,
          seatQuota,
          status: formed ? "formed" : "forming",
          formedAt: formed ? formedAt : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const cS = await committee(state, "State Executive", "प्रदेश कार्यकारिणी", 5);
  const cA = await committee(districtA, "District A Committee", "ज़िला क समिति", 4);
  const cA1 = await committee(assemblyA1, "Assembly A1 Committee", "विधानसभा क1 समिति", 3);
  const cA1a = await committee(boothA1a, "Booth A1a Committee", "बूथ क1अ समिति", 3);
  const cA2 = await committee(assemblyA2, "Assembly A2 Committee", "विधानसभा क2 समिति", 4, false);
  const cB = await committee(districtB, "District B Committee", "ज़िला ख समिति", 4);
  const cB1 = await committee(assemblyB1, "Assembly B1 Committee", "विधानसभा ख1 समिति", 2);

  const person = async (name: string, nameHi: string, phone: string) =>
    (
      await db
        .insertInto("appointees")
        .values({ name, nameHi, phone, email: `${name.toLowerCase()}@example.in` })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const asha = await person("Asha", "आशा", "+919800000001");
  const bharat = await person("Bharat", "भरत", "+919800000002");
  const chetan = await person("Chetan", "चेतन", "+919800000003");
  const deepa = await person("Deepa", "दीपा", "+919800000004");
  const esha = await person("Esha", "ईशा", "+919800000005");
  const farid = await person("Farid", "फ़रीद", "+919800000006");
  const gita = await person("Gita", "गीता", "+919800000007");
  const indu = await person("Indu", "इंदु", "+919800000008");
  const jai = await person("Jai", "जय", "+919800000009");
  const kiran = await person("Kiran", "किरण", "+919800000010");
  const lata = await person("Lata", "लता", "+919800000011");

  await db
    .insertInto("appointments")
    .values([
      { appointeeId: kiran, committeeId: cS, designation: "president" },
      { appointeeId: asha, committeeId: cA, designation: "president" },
      { appointeeId: bharat, committeeId: cA, designation: "secretary" },
      { appointeeId: chetan, committeeId: cA, designation: "member" },
      { appointeeId: asha, committeeId: cA1, designation: "member" },
      { appointeeId: deepa, committeeId: cA1, designation: "president" },
      { appointeeId: lata, committeeId: cA1, designation: "member" },
      { appointeeId: esha, committeeId: cA1a, designation: "president" },
      { appointeeId: farid, committeeId: cA1a, designation: "member" },
      { appointeeId: gita, committeeId: cA2, designation: "president" },
      { appointeeId: indu, committeeId: cB, designation: "president" },
      { appointeeId: jai, committeeId: cB1, designation: "president" },
    ])
    .execute();

  let uid = 0;
  const event = async (
    unitId: number,
    titleEn: string,
    titleHi: string,
    startsAt: Date,
    status: "published" | "completed",
    capacity = 100,
  ) => {
    const endsAt = new Date(startsAt.getTime() + 8 * 3600_000);
    return (
      await db
        .insertInto("events")
        .values({
          kind: "district_camp",
          unitId,
          titleEn,
          titleHi,
          venueName: `${titleEn} Hall`,
          startsAt,
          endsAt,
          registrationOpensAt: new Date(startsAt.getTime() - 20 * 86400_000),
          registrationClosesAt: new Date(startsAt.getTime() - 86400_000),
          capacity,
          status,
          publishedAt: new Date(startsAt.getTime() - 21 * 86400_000),
          icalUid: `report-event-${++uid}@test`,
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  };
  const session = async (eventId: number, titleEn: string, startsAt: Date, required: boolean) =>
    (
      await db
        .insertInto("eventSessions")
        .values({
          eventId,
          kind: required ? "training" : "expert",
          titleEn,
          titleHi: `${titleEn} (हिन्दी)`,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 3600_000),
          required,
          icalUid: `report-session-${++uid}@test`,
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;

  const campA = await event(districtA, "Camp A", "शिविर क", day("2026-11-02T10:00:00"), "completed");
  const s1 = await session(campA, "Opening", day("2026-11-02T10:00:00"), true);
  const s2 = await session(campA, "Committee work", day("2026-11-02T11:30:00"), true);
  const s3 = await session(campA, "Social media", day("2026-11-02T14:00:00"), false);
  const campB = await event(districtB, "Camp B", "शिविर ख", day("2026-11-05T10:00:00"), "completed");
  const b1 = await session(campB, "Opening B", day("2026-11-05T10:00:00"), true);
  const campC = await event(districtB, "Camp C", "शिविर ग", day("2026-11-08T10:00:00"), "completed");
  const c1 = await session(campC, "Opening C", day("2026-11-08T10:00:00"), true);
  const campD = await event(districtA, "Camp D", "शिविर घ", day("2030-01-15T10:00:00"), "published", 50);
  await session(campD, "Opening D", day("2030-01-15T10:00:00"), true);

  const invite = async (eventId: number, appointeeId: number, committeeId: number, revoked = false) =>
    (
      await db
        .insertInto("invitations")
        .values({
          eventId,
          appointeeId,
          committeeId,
          designation: "member",
          ...personalLinkColumns(),
          revokedAt: revoked ? day("2026-10-20T10:00:00") : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const register = async (
    invitationId: number,
    eventId: number,
    appointeeId: number,
    status: "registered" | "waitlisted" | "declined",
  ) => {
    await db
      .insertInto("registrations")
      .values({
        invitationId,
        eventId,
        appointeeId,
        status,
        passId: `pass-${invitationId}`,
        registeredAt: status === "registered" ? day("2026-10-21T10:00:00") : null,
        waitlistedAt: status === "waitlisted" ? day("2026-10-21T10:00:00") : null,
      })
      .execute();
  };
  await register(await invite(campA, asha, cA), campA, asha, "registered");
  await register(await invite(campA, bharat, cA), campA, bharat, "registered");
  await register(await invite(campA, chetan, cA), campA, chetan, "registered");
  await register(await invite(campA, deepa, cA1), campA, deepa, "registered");
  await register(await invite(campA, esha, cA1a), campA, esha, "declined");
  await register(await invite(campA, farid, cA1a), campA, farid, "waitlisted");
  await invite(campA, lata, cA1, true);
  await register(await invite(campB, indu, cB), campB, indu, "registered");
  await invite(campB, jai, cB1);
  await register(await invite(campC, jai, cB1), campC, jai, "registered");
  await register(await invite(campD, asha, cA), campD, asha, "registered");
  await register(await invite(campD, bharat, cA), campD, bharat, "waitlisted");

  const walkIn = async (
    eventId: number,
    sessionId: number,
    name: string,
    phone: string,
    verifiedAs?: number,
  ) => {
    const id = randomUUID();
    await db
      .insertInto("walkIns")
      .values({
        id,
        eventId,
        sessionId,
        name,
        phone,
        deviceId: "tablet-1",
        staffUserId: trainerId,
        createdAt: day("2026-11-02T10:05:00"),
        verifiedAppointeeId: verifiedAs ?? null,
        verifiedAt: verifiedAs ? day("2026-11-03T10:00:00") : null,
      })
      .execute();
    return id;
  };
  const gitaWalkIn = await walkIn(campA, s1, "Gita", "+919800000007", gita);
  const hariWalkIn = await walkIn(campA, s1, "Hari", "+919811111111");

  /** The marks of one person at one session, in order, then the current state the latest one decides. */
  const attend = async (
    sessionId: number,
    who: { appointeeId: number; committeeId: number } | { walkInId: string },
    actions: ("mark" | "undo")[],
    at: Date,
  ) => {
    let last: { id: number; clientId: string; markedAt: Date; action: "mark" | "undo" } | undefined;
    for (const [i, action] of actions.entries()) {
      const clientId = randomUUID();
      const markedAt = new Date(at.getTime() + i * 60_000);
      const mark = await db
        .insertInto("attendanceMarks")
        .values({
          clientId,
          sessionId,
          appointeeId: "appointeeId" in who ? who.appointeeId : null,
          committeeId: "appointeeId" in who ? who.committeeId : null,
          walkInId: "walkInId" in who ? who.walkInId : null,
          action,
          markedAt,
          deviceId: "tablet-1",
          staffUserId: trainerId,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      last = { id: mark.id, clientId, markedAt, action };
    }
    await db
      .insertInto("attendance")
      .values({
        sessionId,
        appointeeId: "appointeeId" in who ? who.appointeeId : null,
        committeeId: "appointeeId" in who ? who.committeeId : null,
        walkInId: "walkInId" in who ? who.walkInId : null,
        present: last!.action === "mark",
        decidedByMarkId: last!.id,
        decidedByClientId: last!.clientId,
        markedAt: last!.markedAt,
      })
      .execute();
  };
  const at = (sessionStart: string) => day(sessionStart);
  await attend(s1, { appointeeId: asha, committeeId: cA }, ["mark"], at("2026-11-02T10:01:00"));
  await attend(s2, { appointeeId: asha, committeeId: cA }, ["mark"], at("2026-11-02T11:31:00"));
  await attend(s1, { appointeeId: bharat, committeeId: cA }, ["mark"], at("2026-11-02T10:02:00"));
  await attend(s1, { appointeeId: chetan, committeeId: cA }, ["mark", "undo"], at("2026-11-02T10:03:00"));
  await attend(s1, { appointeeId: deepa, committeeId: cA1 }, ["mark"], at("2026-11-02T10:04:00"));
  await attend(s2, { appointeeId: deepa, committeeId: cA1 }, ["mark"], at("2026-11-02T11:34:00"));
  await attend(s3, { appointeeId: deepa, committeeId: cA1 }, ["mark"], at("2026-11-02T14:04:00"));
  await attend(s1, { walkInId: gitaWalkIn }, ["mark"], at("2026-11-02T10:05:00"));
  await attend(s1, { walkInId: hariWalkIn }, ["mark"], at("2026-11-02T10:06:00"));
  await attend(s2, { walkInId: hariWalkIn }, ["mark"], at("2026-11-02T11:36:00"));
  await attend(b1, { appointeeId: indu, committeeId: cB }, ["mark"], at("2026-11-05T10:01:00"));
  await attend(c1, { appointeeId: jai, committeeId: cB1 }, ["mark"], at("2026-11-08T10:01:00"));
  // Camp C is cancelled after the fact: its attendance stays recorded but trains no one.
  await db
    .updateTable("events")
    .set({ status: "cancelled", cancelledAt: day("2026-11-09T10:00:00") })
    .where("id", "=", campC)
    .execute();

  return {
    adminId: staff[0]!.id,
    trainerId,
    units: { state, districtA, assemblyA1, boothA1a, assemblyA2, districtB, assemblyB1 },
    committees: { cS, cA, cA1, cA1a, cA2, cB, cB1 },
    people: { asha, bharat, chetan, deepa, esha, farid, gita, indu, jai, kiran, lata },
    events: { campA, campB, campC, campD },
    sessions: { s1, s2, s3, b1, c1 },
    walkIns: { gita: gitaWalkIn, hari: hariWalkIn },
    /** Records one more mark and lets it decide the current state, as a later sync would. */
    async remark(
      sessionId: number,
      appointeeId: number,
      committeeId: number,
      action: "mark" | "undo",
      at: Date,
    ) {
      const clientId = randomUUID();
      const mark = await db
        .insertInto("attendanceMarks")
        .values({
          clientId,
          sessionId,
          appointeeId,
          committeeId,
          action,
          markedAt: at,
          deviceId: "tablet-2",
          staffUserId: trainerId,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .updateTable("attendance")
        .set({
          present: action === "mark",
          decidedByMarkId: mark.id,
          decidedByClientId: clientId,
          markedAt: at,
        })
        .where("sessionId", "=", sessionId)
        .where("appointeeId", "=", appointeeId)
        .execute();
    },
  };
}

/** What committee_training should hold (members and trained per committee), recounted from the source tables. */
export async function recountTraining(db: Database) {
  const result = await sql<{ committeeId: number; unitPath: string; members: number; trained: number }>`
    with trained as (
      select distinct coalesce(a.appointee_id, w.verified_appointee_id) as person
      from attendance a
      join event_sessions s on s.id = a.session_id
      join events e on e.id = s.event_id and e.status <> 'cancelled'
      left join walk_ins w on w.id = a.walk_in_id
      where a.present
    )
    select c.id as committee_id, u.path as unit_path, count(ap.id)::int as members,
           count(ap.id) filter (where ap.appointee_id in (select person from trained where person is not null))::int
             as trained
    from committees c join units u on u.id = c.unit_id
    left join appointments ap on ap.committee_id = c.id and ap.active
    group by c.id, u.path order by c.id`.execute(db);
  return result.rows;
}
