// An event's audience: its rules, adding and removing them (within the organiser's scope), and the live
// preview of whom they reach. Adding a rule to a published event invites the people it newly reaches at once,
// through the same code as publishing (inviteAudience).
import { sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";
import { type Refusal, type Result, refuse } from "#app/platform/result.ts";
import {
  type AudienceCounts,
  type AudienceRule,
  type AudienceRuleInput,
  CANDIDATE_RULE_KEY,
  emptyCounts,
  levelsAboveUnit,
  ruleUnitSelectLevels,
} from "./audience.ts";
import { recordAudit } from "#app/models/organisation/audit.server.ts";
import { getEventInScope, type ScopedEvent } from "./event-access.server.ts";
import { audienceCtes, type InvitationActor, inviteAudience, type RulesSource } from "./invitation.server.ts";
import { pathInScope, type Scope, unitInScope } from "#app/models/organisation/scope.server.ts";
import type { UnitLevel } from "#app/models/organisation/unit.ts";

export type RuleUnit = { id: number; code: string; level: UnitLevel; nameEn: string; nameHi: string };
export type StoredRule = AudienceRule & {
  id: number;
  unit: RuleUnit;
  inScope: boolean;
  missingModule: { nameEn: string; nameHi: string } | null;
};

/** The event's rules, oldest first, with their units (and whether the viewer may remove them). */
export async function listAudienceRules(db: Database, scope: Scope, eventId: number): Promise<StoredRule[]> {
  const rows = await db
    .selectFrom("eventAudienceRules as r")
    .innerJoin("units", "units.id", "r.unitId")
    .leftJoin("programmeModules", "programmeModules.id", "r.missingModuleId")
    .select([
      "r.id",
      "r.unitId",
      "r.levels",
      "r.designations",
      "r.missingModuleId",
      "programmeModules.nameEn as moduleNameEn",
      "programmeModules.nameHi as moduleNameHi",
      "units.code",
      "units.level",
      "units.nameEn",
      "units.nameHi",
      "units.path",
    ])
    .where("r.eventId", "=", eventId)
    .orderBy("r.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unitId,
    levels: r.levels,
    designations: r.designations,
    missingModuleId: r.missingModuleId,
    missingModule:
      r.moduleNameEn !== null && r.moduleNameHi !== null
        ? { nameEn: r.moduleNameEn, nameHi: r.moduleNameHi }
        : null,
    unit: { id: r.unitId, code: r.code, level: r.level, nameEn: r.nameEn, nameHi: r.nameHi },
    inScope: pathInScope(scope, r.path),
  }));
}

/** Units a rule can be rooted at from the select (state to block) in the scope, in tree order. */
export async function listRuleUnitOptions(db: Database, scope: Scope) {
  const rows = await db
    .selectFrom("units")
    .select(["id", "code", "level", "nameEn", "nameHi", "depth", "path"])
    .where("level", "in", [...ruleUnitSelectLevels])
    .where((eb) => unitInScope(eb, scope))
    // Byte order of the paths: every unit right after its parent, whatever the database's collation.
    .orderBy(sql`path collate "C"`)
    .limit(5000)
    .execute();
  return rows;
}

/** The unit a rule form names (a typed code wins over the select), if it exists in the scope. */
export async function resolveRuleUnit(
  db: Database,
  scope: Scope,
  input: Pick<AudienceRuleInput, "unitId" | "unitCode">,
): Promise<Result<RuleUnit>> {
  const field = input.unitCode ? "unitCode" : "unitId";
  const query = db.selectFrom("units").select(["id", "code", "level", "nameEn", "nameHi", "path"]);
  const unit = await (input.unitCode
    ? query.where("code", "=", input.unitCode)
    : query.where("id", "=", input.unitId ?? 0)
  ).executeTakeFirst();
  if (!unit || !pathInScope(scope, unit.path)) return refuse("audience.errors.unitNotFound", field);
  return {
    ok: true,
    id: unit.id,
    code: unit.code,
    level: unit.level,
    nameEn: unit.nameEn,
    nameHi: unit.nameHi,
  };
}

/** Checks a rule against the unit and the designations table; null when it is fine. */
async function checkRule(db: Database, unit: RuleUnit, input: AudienceRuleInput): Promise<Refusal | null> {
  if (levelsAboveUnit(unit.level, input.levels).length)
    return refuse("audience.errors.levelAboveUnit", "levels");
  if (input.designations) {
    const known = await db
      .selectFrom("designations")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("code", "in", input.designations)
      .executeTakeFirstOrThrow();
    if (known.n !== input.designations.length)
      return refuse("audience.errors.designationUnknown", "designations");
  }
  return null;
}

/** Why the audience of this event cannot change now, if it cannot. */
function cannotChangeAudience(event: ScopedEvent): string | null {
  if (event.status !== "draft" && event.status !== "published") return "audience.errors.eventClosed";
  return null;
}

export type AddRuleResult = Result<{ ruleId: number; invited: number; emailed: number }>;

/**
 * Adds a rule to a draft or published event. Its unit must lie in the organiser's scope. On a published event
 * whose registration is still to close, the people it newly reaches are invited in the same transaction.
 */
export async function addAudienceRule(
  db: Database,
  actor: InvitationActor,
  eventId: number,
  input: AudienceRuleInput,
): Promise<AddRuleResult> {
  return db.transaction().execute(async (trx) => {
    const event = await getEventInScope(trx, actor.scope, eventId, true);
    const closed = cannotChangeAudience(event);
    if (closed) return refuse(closed);
    const published = event.status === "published";
    if (published && event.registrationClosesAt.getTime() <= Date.now())
      return refuse("audience.errors.registrationClosed");
    const unit = await resolveRuleUnit(trx, actor.scope, input);
    if (!unit.ok) return unit;
    const refusal = await checkRule(trx, unit, input);
    if (refusal) return refusal;
    const missingModuleId = input.missingModuleId ?? null;
    if (
      missingModuleId !== null &&
      !(await trx
        .selectFrom("programmeModules")
        .select("id")
        .where("id", "=", missingModuleId)
        .executeTakeFirst())
    )
      return refuse("audience.errors.moduleUnknown");
    const duplicate = await trx
      .selectFrom("eventAudienceRules")
      .select("id")
      .where("eventId", "=", eventId)
      .where("unitId", "=", unit.id)
      .where(sql<boolean>`levels is not distinct from ${input.levels}::text[]`)
      .where(sql<boolean>`designations is not distinct from ${input.designations}::text[]`)
      .where(sql<boolean>`missing_module_id is not distinct from ${missingModuleId}::bigint`)
      .executeTakeFirst();
    if (duplicate) return refuse("audience.errors.duplicateRule");

    const rule = await trx
      .insertInto("eventAudienceRules")
      .values({
        eventId,
        unitId: unit.id,
        levels: input.levels,
        designations: input.designations,
        missingModuleId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const outcome = published ? await inviteAudience(trx, event) : { invited: 0, emailed: 0 };
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "event.audience_rule_added",
      entityType: "event",
      entityId: eventId,
      details: {
        ruleId: rule.id,
        unitId: unit.id,
        levels: input.levels,
        designations: input.designations,
        missingModuleId,
        ...outcome,
      },
    });
    return { ok: true as const, ruleId: rule.id, ...outcome };
  });
}

/**
 * Removes a rule of a draft or published event (its unit must lie in the scope). On a published event the
 * invitations it brought stay: a person once invited keeps their link.
 */
export async function removeAudienceRule(
  db: Database,
  actor: InvitationActor,
  eventId: number,
  ruleId: number,
): Promise<Result> {
  return db.transaction().execute(async (trx) => {
    const event = await getEventInScope(trx, actor.scope, eventId, true);
    const closed = cannotChangeAudience(event);
    if (closed) return refuse(closed);
    const rule = await trx
      .selectFrom("eventAudienceRules")
      .innerJoin("units", "units.id", "eventAudienceRules.unitId")
      .select([
        "eventAudienceRules.id",
        "eventAudienceRules.unitId",
        "eventAudienceRules.levels",
        "eventAudienceRules.designations",
      ])
      .where("eventAudienceRules.id", "=", ruleId)
      .where("eventAudienceRules.eventId", "=", eventId)
      .where((eb) => unitInScope(eb, actor.scope))
      .executeTakeFirst();
    if (!rule) return refuse("audience.errors.ruleUnknown");
    await trx.deleteFrom("eventAudienceRules").where("id", "=", rule.id).execute();
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "event.audience_rule_removed",
      entityType: "event",
      entityId: eventId,
      details: { ruleId: rule.id, unitId: rule.unitId, levels: rule.levels, designations: rule.designations },
    });
    return { ok: true as const };
  });
}

export type AudiencePreview = {
  /** The whole audience; `notYetInvited` are those publishing (or adding the rule) would invite now. */
  total: AudienceCounts & { notYetInvited: number };
  /** Each rule on its own, by rule id (the candidate rule of a form under key 0). */
  perRule: Record<number, AudienceCounts>;
};

type CountRow = AudienceCounts & { ruleId: number | null; notYetInvited: number };

/**
 * Counts what rules reach: committees formed and forming, people who will be invited, and of them those
 * without an email (and without any contact). `invitedTo` discounts the people an event invited already.
 * Two aggregates over the audience CTEs, for the total and per rule at once (grouping sets).
 */
export async function previewAudience(
  db: Database,
  source: RulesSource,
  invitedTo?: number,
): Promise<AudiencePreview> {
  const notInvited = invitedTo
    ? sql`not exists (select 1 from invitations i where i.event_id = ${invitedTo} and i.appointee_id = m.appointee_id)`
    : sql`true`;
  const { rows } = await sql<CountRow>`
    with ${audienceCtes(source)},
    committee_counts as (
      select rule_id,
             (count(distinct committee_id) filter (where status = 'formed'))::int as committees_formed,
             (count(distinct committee_id) filter (where status = 'forming'))::int as committees_forming
        from matched_committees
       group by grouping sets ((rule_id), ())
    ),
    people_counts as (
      select m.rule_id,
             count(distinct m.appointee_id)::int as people,
             (count(distinct m.appointee_id) filter (where p.email is null))::int as without_email,
             (count(distinct m.appointee_id) filter (where p.email is null and p.phone is null))::int
               as without_contact,
             (count(distinct m.appointee_id) filter (where ${notInvited}))::int as not_yet_invited
        from matched_people m
        join appointees p on p.id = m.appointee_id
       group by grouping sets ((m.rule_id), ())
    )
    select c.rule_id, c.committees_formed, c.committees_forming,
           coalesce(pc.people, 0) as people, coalesce(pc.without_email, 0) as without_email,
           coalesce(pc.without_contact, 0) as without_contact,
           coalesce(pc.not_yet_invited, 0) as not_yet_invited
      from committee_counts c
      left join people_counts pc on pc.rule_id is not distinct from c.rule_id`.execute(db);
  const preview: AudiencePreview = { total: { ...emptyCounts, notYetInvited: 0 }, perRule: {} };
  for (const { ruleId, notYetInvited, ...counts } of rows) {
    if (ruleId === null) preview.total = { ...counts, notYetInvited };
    else preview.perRule[ruleId] = counts;
  }
  return preview;
}

export type AudiencePage = {
  event: ScopedEvent;
  rules: StoredRule[];
  preview: AudiencePreview;
  /** The audience with the form's rule added, when the form names a valid one. */
  candidate: { unit: RuleUnit; preview: AudiencePreview } | null;
  candidateError: Refusal | null;
  invited: number;
};

/**
 * Everything the audience page shows: the event (404 outside scope), its rules, the preview of the stored
 * audience and, when the add-rule form holds a rule, the preview with that rule added.
 */
export async function getAudiencePage(
  db: Database,
  scope: Scope,
  eventId: number | null,
  candidateInput: AudienceRuleInput | null,
): Promise<AudiencePage> {
  const event = await getEventInScope(db, scope, eventId);
  const [rules, preview, invited] = await Promise.all([
    listAudienceRules(db, scope, event.id),
    previewAudience(db, { eventId: event.id }, event.id),
    db
      .selectFrom("invitations")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("eventId", "=", event.id)
      .executeTakeFirstOrThrow(),
  ]);
  let candidate: AudiencePage["candidate"] = null;
  let candidateError: Refusal | null = null;
  if (candidateInput) {
    const unit = await resolveRuleUnit(db, scope, candidateInput);
    candidateError = unit.ok ? await checkRule(db, unit, candidateInput) : unit;
    if (unit.ok && !candidateError) {
      const { ok: _, ...ruleUnit } = unit;
      const source: RulesSource = {
        rules: [
          ...rules.map((r) => ({ ...r, key: r.id })),
          { ...candidateInput, key: CANDIDATE_RULE_KEY, unitId: unit.id },
        ],
      };
      candidate = { unit: ruleUnit, preview: await previewAudience(db, source, event.id) };
    }
  }
  return { event, rules, preview, candidate, candidateError, invited: invited.n };
}
