// A training programme for a unit with one module taught by a given session, a person present at that
// session (so they have completed it) and their current certificate: for the route tables of the
// authorisation matrix and the security-header test.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";
import { newCertificateCode } from "#app/models/programmes/certificate.server.ts";

export async function createProgrammeFixture(
  db: Database,
  options: {
    unitId: number;
    name: string;
    sessionId: number;
    appointeeId: number;
    committeeId: number;
    markedByStaffId: number;
  },
) {
  const session = await db
    .selectFrom("eventSessions")
    .select(sql<string>`to_char(starts_at at time zone 'Asia/Kolkata', 'YYYY-MM-DD')`.as("day"))
    .where("id", "=", options.sessionId)
    .executeTakeFirstOrThrow();
  const programme = await db
    .insertInto("programmes")
    .values({
      nameEn: options.name,
      nameHi: `${options.name} (हिन्दी)`,
      startsOn: session.day,
      endsOn: session.day,
      unitId: options.unitId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const module = await db
    .insertInto("programmeModules")
    .values({ programmeId: programme.id, nameEn: "Module", nameHi: "मॉड्यूल", required: true })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .updateTable("eventSessions")
    .set({ moduleId: module.id })
    .where("id", "=", options.sessionId)
    .execute();
  const clientId = randomUUID();
  const markedAt = new Date();
  const mark = await db
    .insertInto("attendanceMarks")
    .values({
      clientId,
      sessionId: options.sessionId,
      appointeeId: options.appointeeId,
      committeeId: options.committeeId,
      action: "mark",
      markedAt,
      deviceId: "fixture",
      staffUserId: options.markedByStaffId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("attendance")
    .values({
      sessionId: options.sessionId,
      appointeeId: options.appointeeId,
      committeeId: options.committeeId,
      present: true,
      decidedByMarkId: mark.id,
      decidedByClientId: clientId,
      markedAt,
    })
    .execute();
  const code = newCertificateCode();
  await db
    .insertInto("certificates")
    .values({
      code,
      programmeId: programme.id,
      appointeeId: options.appointeeId,
      details: {
        personName: "Fixture Person",
        designation: { hi: "सदस्य", en: "Member" },
        committee: { hi: "समिति", en: "Committee" },
        issuingUnit: { hi: "इकाई", en: "Unit" },
        programme: { hi: `${options.name} (हिन्दी)`, en: options.name },
        modules: [{ name: { hi: "मॉड्यूल", en: "Module" }, date: session.day, place: "Hall" }],
      } as never,
    })
    .execute();
  return { programmeId: programme.id, moduleId: module.id, code };
}
