// Programme completion for a unit's subtree: how many of the people the programme is for have completed it,
// per unit below (rolled up the tree), how many still need each module, and the committees where no one
// has completed it yet. People are counted once per unit even when they sit on several committees there.
import { sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";
import { getUnitInScope, type Scope } from "#app/models/organisation/scope.server.ts";
import { getProgramme } from "./programme.server.ts";

export type CompletionFigures = { people: number; complete: number };

async function reportBasis(db: Database, scope: Scope, programmeId: number | null, unitId: number | null) {
  const { programme, modules } = await getProgramme(db, programmeId, scope);
  const unit = await getUnitInScope(
    db,
    scope,
    unitId ?? (scope.kind === "subtree" ? scope.unitId : programme.unitId),
  );
  // The people counted: those the programme is for, inside the chosen unit.
  const members = sql`
    select distinct a.appointee_id, c.id as committee_id, u.path
    from appointments a
    join committees c on c.id = a.committee_id
    join units u on u.id = c.unit_id
    where a.active and starts_with(u.path, ${unit.path}) and starts_with(u.path, ${programme.unitPath})
      and (${programme.levels}::text[] is null or u.level = any(${programme.levels}::text[]))`;
  const completed = sql`
    select mc.appointee_id from module_completions mc
    join programme_modules m on m.id = mc.module_id and m.required
    where mc.programme_id = ${programme.id}
    group by mc.appointee_id
    having count(*) = (select count(*) from programme_modules where programme_id = ${programme.id} and required)`;
  return { programme, modules, unit, members, completed };
}

export async function getProgrammeReport(
  db: Database,
  scope: Scope,
  programmeId: number | null,
  unitId: number | null,
) {
  const { programme, modules, unit, members, completed } = await reportBasis(db, scope, programmeId, unitId);

  const [totals, children, needs, zero] = await Promise.all([
    sql<CompletionFigures>`
      with members as (${members}), completed as (${completed})
      select count(distinct m.appointee_id)::int as people,
             count(distinct m.appointee_id) filter (where c.appointee_id is not null)::int as complete
      from members m left join completed c using (appointee_id)`.execute(db),
    sql<CompletionFigures & { id: number; code: string; nameHi: string; nameEn: string; level: string }>`
      with members as (${members}), completed as (${completed})
      select ch.id, ch.code, ch.name_hi, ch.name_en, ch.level,
             count(distinct m.appointee_id)::int as people,
             count(distinct m.appointee_id) filter (where c.appointee_id is not null)::int as complete
      from units ch
      left join members m on starts_with(m.path, ch.path)
      left join completed c on c.appointee_id = m.appointee_id
      where ch.parent_id = ${unit.id}
      group by ch.id
      order by ch.path`.execute(db),
    sql<{ moduleId: number; need: number }>`
      with members as (${members}), people as (select distinct appointee_id from members)
      select m.id as module_id,
             (select count(*) from people p where not exists (
                select 1 from module_completions mc where mc.appointee_id = p.appointee_id and mc.module_id = m.id
             ))::int as need
      from programme_modules m where m.programme_id = ${programme.id}`.execute(db),
    sql<{ id: number; nameHi: string; nameEn: string; unitCode: string; people: number }>`
      with members as (${members}), completed as (${completed})
      select co.id, co.name_hi, co.name_en, u.code as unit_code, count(distinct m.appointee_id)::int as people
      from members m
      join committees co on co.id = m.committee_id
      join units u on u.id = co.unit_id
      left join completed c on c.appointee_id = m.appointee_id
      group by co.id, u.code, u.path
      having count(c.appointee_id) = 0
      order by u.path, co.id
      limit 200`.execute(db),
  ]);
  return {
    programme,
    unit: { id: unit.id, code: unit.code, nameHi: unit.nameHi, nameEn: unit.nameEn, level: unit.level },
    totals: totals.rows[0] ?? { people: 0, complete: 0 },
    children: children.rows,
    modules: modules.map((m) => ({
      id: m.id,
      nameHi: m.nameHi,
      nameEn: m.nameEn,
      required: m.required,
      need: needs.rows.find((n) => n.moduleId === m.id)?.need ?? 0,
    })),
    zeroCompletion: zero.rows,
  };
}

/** One row per committee of the unit's subtree: its people, how many completed, and who still needs each module. */
export async function listProgrammeCommittees(
  db: Database,
  scope: Scope,
  programmeId: number | null,
  unitId: number | null,
) {
  const { programme, modules, unit, members, completed } = await reportBasis(db, scope, programmeId, unitId);
  const { rows } = await sql<
    CompletionFigures & {
      nameHi: string;
      nameEn: string;
      unitCode: string;
      level: string;
      needs: Record<string, number>;
    }
  >`
    with members as (${members}), completed as (${completed})
    select co.name_hi, co.name_en, u.code as unit_code, u.level,
           count(distinct m.appointee_id)::int as people,
           count(distinct m.appointee_id) filter (where c.appointee_id is not null)::int as complete,
           (select coalesce(json_object_agg(md.id, (
              select count(distinct m2.appointee_id) from members m2
              where m2.committee_id = co.id and not exists (
                select 1 from module_completions mc where mc.appointee_id = m2.appointee_id and mc.module_id = md.id)
            )), '{}') from programme_modules md where md.programme_id = ${programme.id}) as needs
    from members m
    join committees co on co.id = m.committee_id
    join units u on u.id = co.unit_id
    left join completed c on c.appointee_id = m.appointee_id
    group by co.id, u.code, u.level, u.path
    order by u.path, co.id`.execute(db);
  return { programme, unit, modules, rows };
}
