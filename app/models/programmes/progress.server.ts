// A person's progress in the programmes that concern them: each module done (where, when) or pending.
// A programme concerns a person who holds an active appointment in a committee it is for, or who has done
// one of its modules.
import { sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";
import { isComplete, type ModuleProgress } from "./programme.ts";

export type ProgrammeProgress = {
  programmeId: number;
  nameHi: string;
  nameEn: string;
  startsOn: string;
  endsOn: string;
  modules: ModuleProgress[];
  complete: boolean;
  certificate: { code: string; issuedAt: Date } | null;
};

/** The active appointments of the person that a programme is for (a join of appointments, committees, units). */
export const inProgramme = sql<boolean>`exists (
  select 1 from appointments a
  join committees c on c.id = a.committee_id
  join units u on u.id = c.unit_id
  join units pu on pu.id = programmes.unit_id
  where a.appointee_id = people.id and a.active and starts_with(u.path, pu.path)
    and (programmes.levels is null or u.level = any(programmes.levels))
)`;

export async function progressOf(db: Database, appointeeId: number): Promise<ProgrammeProgress[]> {
  const programmes = await db
    .selectFrom("programmes")
    .innerJoin("appointees as people", (join) => join.on("people.id", "=", appointeeId))
    .select([
      "programmes.id",
      "programmes.nameHi",
      "programmes.nameEn",
      "programmes.startsOn",
      "programmes.endsOn",
    ])
    .where((eb) =>
      eb.or([
        inProgramme,
        eb.exists(
          eb
            .selectFrom("moduleCompletions")
            .select("moduleId")
            .whereRef("moduleCompletions.programmeId", "=", "programmes.id")
            .where("moduleCompletions.appointeeId", "=", appointeeId),
        ),
      ]),
    )
    .orderBy("programmes.startsOn")
    .orderBy("programmes.id")
    .execute();
  if (programmes.length === 0) return [];
  const ids = programmes.map((p) => p.id);
  const [modules, done, certificates] = await Promise.all([
    db
      .selectFrom("programmeModules")
      .select(["id", "programmeId", "nameHi", "nameEn", "required"])
      .where("programmeId", "in", ids)
      .orderBy("position")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("moduleCompletions")
      .innerJoin("events", "events.id", "moduleCompletions.eventId")
      .select([
        "moduleCompletions.moduleId",
        "moduleCompletions.startsAt",
        "events.id as eventId",
        "events.titleHi",
        "events.titleEn",
        "events.venueName",
      ])
      .where("moduleCompletions.appointeeId", "=", appointeeId)
      .where("moduleCompletions.programmeId", "in", ids)
      .execute(),
    db
      .selectFrom("certificates")
      .select(["programmeId", "code", "issuedAt"])
      .where("appointeeId", "=", appointeeId)
      .where("revokedAt", "is", null)
      .where("programmeId", "in", ids)
      .execute(),
  ]);
  return programmes.map((p) => {
    const progress: ModuleProgress[] = modules
      .filter((m) => m.programmeId === p.id)
      .map((m) => {
        const d = done.find((x) => x.moduleId === m.id);
        return {
          moduleId: m.id,
          nameHi: m.nameHi,
          nameEn: m.nameEn,
          required: m.required,
          done: d
            ? {
                on: istDate(d.startsAt),
                eventId: d.eventId,
                eventTitleHi: d.titleHi,
                eventTitleEn: d.titleEn,
                place: d.venueName,
              }
            : null,
        };
      });
    // A certificate whose completion no longer holds is not offered while it waits to be revoked.
    const complete = isComplete(progress);
    const certificate = complete ? certificates.find((c) => c.programmeId === p.id) : undefined;
    return {
      programmeId: p.id,
      nameHi: p.nameHi,
      nameEn: p.nameEn,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      modules: progress,
      complete,
      certificate: certificate ? { code: certificate.code, issuedAt: certificate.issuedAt } : null,
    };
  });
}

/** The calendar day of an instant in IST, "2026-12-09". */
export function istDate(at: Date): string {
  return new Date(at.getTime() + 330 * 60_000).toISOString().slice(0, 10);
}
