// Certificates follow completion: reconcileCertificates issues one to each person who has completed a
// programme and holds none, and revokes (with the reason) any whose completion no longer holds: a mark
// undone, attendance moved away by a merge, an appointment ended. Completion itself is never stored (the
// view module_completions), so reconciling is always against the truth; the worker runs it every minute.
import { randomInt } from "node:crypto";
import { sql } from "kysely";
import type { Database, Tx } from "#app/platform/db.server.ts";
import type { CertificateDetails, RevocationReason } from "./certificate-details.ts";
import { istDate } from "./progress.server.ts";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 60 random bits in Crockford's base32, "K7QM-2XPA-9D4F". */
export function newCertificateCode(): string {
  const chars = Array.from({ length: 12 }, () => CROCKFORD[randomInt(32)]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** Each person the programme is for, and whether they have done every required module. */
export async function programmeStanding(db: Database, programmeId: number) {
  const { rows } = await sql<{ appointeeId: number; complete: boolean; missing: number }>`
    with p as (
      select programmes.id, programmes.levels, u.path from programmes join units u on u.id = programmes.unit_id
      where programmes.id = ${programmeId}
    ),
    people as (
      select distinct a.appointee_id
      from p, appointments a
      join committees c on c.id = a.committee_id
      join units u on u.id = c.unit_id
      where a.active and starts_with(u.path, p.path) and (p.levels is null or u.level = any(p.levels))
    ),
    required as (select id from programme_modules where programme_id = ${programmeId} and required),
    done as (
      select mc.appointee_id, count(*)::int as n from module_completions mc
      where mc.programme_id = ${programmeId} and mc.module_id in (select id from required)
      group by mc.appointee_id
    )
    select people.appointee_id, (select count(*) from required)::int - coalesce(done.n, 0) as missing,
           (select count(*) from required) > 0 and coalesce(done.n, 0) = (select count(*) from required) as complete
    from people left join done using (appointee_id)`.execute(db);
  return rows;
}

export type Reconciled = { issued: number[]; revoked: number[] };

/** Brings one programme's certificates in line with completion (or every programme's without an id). */
export async function reconcileCertificates(db: Database, programmeId?: number): Promise<Reconciled> {
  const ids =
    programmeId === undefined
      ? (await db.selectFrom("programmes").select("id").orderBy("id").execute()).map((p) => p.id)
      : [programmeId];
  const total: Reconciled = { issued: [], revoked: [] };
  for (const id of ids) {
    const done = await db.transaction().execute((trx) => reconcileOne(trx, id));
    total.issued.push(...done.issued);
    total.revoked.push(...done.revoked);
  }
  return total;
}

async function reconcileOne(trx: Tx, programmeId: number): Promise<Reconciled> {
  // One reconciler per programme at a time: two would both issue to the same newly complete person.
  await sql`select pg_advisory_xact_lock(hashtext('certificates'), ${programmeId}::int)`.execute(trx);
  const standing = await programmeStanding(trx, programmeId);
  const complete = new Set(standing.filter((s) => s.complete).map((s) => s.appointeeId));
  const inProgramme = new Set(standing.map((s) => s.appointeeId));
  const current = await trx
    .selectFrom("certificates")
    .select(["id", "appointeeId"])
    .where("programmeId", "=", programmeId)
    .where("revokedAt", "is", null)
    .execute();

  const revoked: number[] = [];
  for (const certificate of current) {
    const person = certificate.appointeeId;
    if (person !== null && complete.has(person)) continue;
    const reason: RevocationReason =
      person === null ? "person_merged" : inProgramme.has(person) ? "incomplete" : "not_in_programme";
    await trx
      .updateTable("certificates")
      .set({ revokedAt: sql`now()`, revokedReason: reason })
      .where("id", "=", certificate.id)
      .execute();
    revoked.push(certificate.id);
  }

  const holders = new Set(current.map((c) => c.appointeeId));
  const toIssue = [...complete].filter((person) => !holders.has(person));
  const issued: number[] = [];
  if (toIssue.length > 0) {
    const details = await detailsFor(trx, programmeId, toIssue);
    for (const [appointeeId, d] of details) {
      const row = await trx
        .insertInto("certificates")
        .values({ code: newCertificateCode(), programmeId, appointeeId, details: d as never })
        .returning("id")
        .executeTakeFirstOrThrow();
      issued.push(row.id);
    }
  }
  return { issued, revoked };
}

/** What each person's certificate will say: their highest appointment the programme is for, and the modules. */
async function detailsFor(trx: Tx, programmeId: number, people: number[]) {
  const programme = await trx
    .selectFrom("programmes")
    .innerJoin("units", "units.id", "programmes.unitId")
    .select([
      "programmes.nameHi",
      "programmes.nameEn",
      "programmes.levels",
      "units.path",
      "units.nameHi as unitNameHi",
      "units.nameEn as unitNameEn",
    ])
    .where("programmes.id", "=", programmeId)
    .executeTakeFirstOrThrow();
  const { rows: appointments } = await sql<{
    appointeeId: number;
    personName: string;
    designationHi: string;
    designationEn: string;
    committeeHi: string;
    committeeEn: string;
  }>`
    select distinct on (a.appointee_id) a.appointee_id, p.name as person_name,
      coalesce(d.name_hi, a.designation) as designation_hi, coalesce(d.name_en, a.designation) as designation_en,
      c.name_hi as committee_hi, c.name_en as committee_en
    from appointments a
    join appointees p on p.id = a.appointee_id
    join committees c on c.id = a.committee_id
    join units u on u.id = c.unit_id
    left join designations d on d.code = a.designation
    where a.appointee_id = any(${people}::bigint[]) and a.active and starts_with(u.path, ${programme.path})
      and (${programme.levels}::text[] is null or u.level = any(${programme.levels}::text[]))
    order by a.appointee_id, u.depth, a.id`.execute(trx);
  const modules = await trx
    .selectFrom("moduleCompletions")
    .innerJoin("programmeModules", "programmeModules.id", "moduleCompletions.moduleId")
    .innerJoin("events", "events.id", "moduleCompletions.eventId")
    .select([
      "moduleCompletions.appointeeId",
      "programmeModules.nameHi",
      "programmeModules.nameEn",
      "moduleCompletions.startsAt",
      "events.venueName",
    ])
    .where("moduleCompletions.programmeId", "=", programmeId)
    .where("moduleCompletions.appointeeId", "in", people)
    .orderBy("programmeModules.position")
    .orderBy("programmeModules.id")
    .execute();
  const details = new Map<number, CertificateDetails>();
  for (const a of appointments) {
    details.set(a.appointeeId, {
      personName: a.personName,
      designation: { hi: a.designationHi, en: a.designationEn },
      committee: { hi: a.committeeHi, en: a.committeeEn },
      issuingUnit: { hi: programme.unitNameHi, en: programme.unitNameEn },
      programme: { hi: programme.nameHi, en: programme.nameEn },
      modules: modules
        .filter((m) => m.appointeeId === a.appointeeId)
        .map((m) => ({
          name: { hi: m.nameHi, en: m.nameEn },
          date: istDate(m.startsAt),
          place: m.venueName,
        })),
    });
  }
  return details;
}

export type Verification = {
  code: string;
  details: CertificateDetails;
  issuedAt: Date;
  revokedAt: Date | null;
  revokedReason: RevocationReason | null;
};

/** What the public verification page shows for a canonical code, or null for an unknown one. */
export async function verifyCertificate(db: Database, code: string): Promise<Verification | null> {
  const row = await db
    .selectFrom("certificates")
    .select(["code", "details", "issuedAt", "revokedAt", "revokedReason"])
    .where("code", "=", code)
    .executeTakeFirst();
  if (!row) return null;
  return { ...row, revokedReason: row.revokedReason as RevocationReason | null };
}

/** A person's current certificate of a programme, or null (for the personal page's download). */
export async function currentCertificate(db: Database, programmeId: number, appointeeId: number) {
  return (
    (await db
      .selectFrom("certificates")
      .select(["id", "code", "details", "issuedAt"])
      .where("programmeId", "=", programmeId)
      .where("appointeeId", "=", appointeeId)
      .where("revokedAt", "is", null)
      .executeTakeFirst()) ?? null
  );
}
