// Invitations: who an event's audience reaches, publishing (one invitation per person, with a personal link
// and an invitation email), inviting a committee formed later, and what organisers do with the invitee list
// (follow each person's state, resend, fix a bounced address, share the link by hand or on WhatsApp, revoke).
import { createHash } from "node:crypto";
import { type RawBuilder, type Selectable, sql } from "kysely";
import type { Events } from "#db/types.ts";
import { type QueueEmailInput, queueEmail, queueEmails } from "#app/mail/outbox.server.ts";
import type { Database, Tx } from "#app/platform/db.server.ts";
import { type Result, refuse } from "#app/platform/result.ts";
import { isUniqueViolation } from "#app/platform/db-errors.server.ts";
import { getEnv } from "#app/platform/env.server.ts";
import type { AudienceRule } from "./audience.ts";
import { recordAudit } from "#app/models/organisation/audit.server.ts";
import { getEventInScope } from "./event-access.server.ts";
import { scheduleReminders } from "./event-notices.server.ts";
import {
  INVITATIONS_PAGE_SIZE,
  type InvitationListQuery,
  type InvitationState,
  invitationStates,
} from "./invitation.ts";
import { invitationUrl, liveInvitationUrl } from "#app/models/registration/personal-link.server.ts";
import { newSealedToken } from "#app/platform/token.server.ts";
import { cancelRegistration, currentRegistration } from "#app/models/registration/registration.server.ts";
import { pathInScope, type Scope } from "#app/models/organisation/scope.server.ts";

/** Who acts: the staff user (for the audit log) and what they may see. */
export type InvitationActor = { staffId: number; scope: Scope };

// ---- who the audience reaches ----

/** The rules of an audience: an event's stored rules, or rules not stored yet (a preview), each with a key. */
export type RulesSource = { eventId: number } | { rules: (AudienceRule & { key: number })[] };

/**
 * The common table expressions that resolve an audience, for a `with` clause:
 * - rules(rule_id, unit_id, levels, designations);
 * - matched_committees(rule_id, committee_id, status, level): every committee of a rule's subtree at a
 *   chosen level, formed or not, found as an index range on the unit path (a state-wide rule reads each of
 *   52,000 booth units once, nothing more);
 * - matched_people(rule_id, committee_id, level, appointee_id, designation): active members of the formed
 *   ones with a chosen designation (and, for a make-up camp's rule, who have not completed its module).
 *   Only formed committees are invited.
 * `committeeId` keeps one committee only (a committee formed after publishing).
 */
export function audienceCtes(source: RulesSource, committeeId?: number): RawBuilder<unknown> {
  let rules: RawBuilder<unknown>;
  if ("eventId" in source) {
    rules = sql`select id as rule_id, unit_id, levels, designations, missing_module_id
                  from event_audience_rules where event_id = ${source.eventId}`;
  } else if (source.rules.length === 0) {
    rules = sql`select null::bigint as rule_id, null::bigint as unit_id, null::text[] as levels,
                       null::text[] as designations, null::bigint as missing_module_id where false`;
  } else {
    const rows = source.rules.map(
      (r) =>
        sql`(${r.key}::bigint, ${r.unitId}::bigint, ${r.levels}::text[], ${r.designations}::text[], ${r.missingModuleId ?? null}::bigint)`,
    );
    rules = sql`select * from (values ${sql.join(rows)}) as v(rule_id, unit_id, levels, designations, missing_module_id)`;
  }
  return sql`
    rules as (${rules}),
    -- A make-up camp's rule reaches only those who have not completed its module (read live, so someone who
    -- completes it elsewhere drops out). Kept apart and materialised: inside the join it would mislead the
    -- planner's estimates into reading committees and units without the path index.
    done_missing as materialized (
      select r.rule_id, mc.appointee_id from rules r join module_completions mc on mc.module_id = r.missing_module_id
    ),
    matched_committees as (
      select r.rule_id, c.id as committee_id, c.status, u.level
        from rules r
        join units ru on ru.id = r.unit_id
        join units u on u.path ~>=~ ru.path and u.path ~<~ (left(ru.path, -1) || '0')
        join committees c on c.unit_id = u.id
       where (r.levels is null or u.level = any(r.levels))
         ${committeeId === undefined ? sql`` : sql`and c.id = ${committeeId}`}
    ),
    matched_people as (
      select m.rule_id, m.committee_id, m.level, a.appointee_id, a.designation
        from matched_committees m
        join rules r on r.rule_id = m.rule_id
        join appointments a on a.committee_id = m.committee_id and a.active
       where m.status = 'formed' and (r.designations is null or a.designation = any(r.designations))
         and not exists (
               select 1 from done_missing d where d.rule_id = m.rule_id and d.appointee_id = a.appointee_id)
    )`;
}

// ---- invitation emails ----

type InvitingEvent = Pick<
  Selectable<Events>,
  | "id"
  | "kind"
  | "titleEn"
  | "titleHi"
  | "startsAt"
  | "endsAt"
  | "registrationOpensAt"
  | "registrationClosesAt"
  | "venueName"
  | "venueAddress"
  | "venueMapUrl"
>;

/** What an invitation email needs of one invitation, its person, committee and designation. */
export type MailRow = {
  id: number;
  appointeeId: number;
  linkVersion: number;
  tokenSealed: string | null;
  emailId: number | null;
  name: string;
  nameHi: string | null;
  email: string | null;
  phone: string | null;
  preferredLanguage: "hi" | "en";
  committeeNameEn: string;
  committeeNameHi: string;
  designationNameEn: string;
  designationNameHi: string;
};

const mailColumns = sql`
  i.id, i.appointee_id, i.link_version, i.token_sealed, i.email_id, p.name, p.name_hi, p.email, p.phone, p.preferred_language,
  c.name_en as committee_name_en, c.name_hi as committee_name_hi,
  coalesce(d.name_en, i.designation) as designation_name_en,
  coalesce(d.name_hi, i.designation) as designation_name_hi`;
const mailJoins = sql`
  join appointees p on p.id = i.appointee_id
  join committees c on c.id = i.committee_id
  left join designations d on d.code = i.designation`;

export function invitationEmail(
  event: InvitingEvent,
  row: MailRow,
  idempotencyKey: string,
  url = invitationUrl(getEnv().PUBLIC_URL, row),
): QueueEmailInput {
  const opensLater = event.registrationOpensAt.getTime() > Date.now();
  return {
    to: row.email!,
    locale: row.preferredLanguage,
    template: "invitation",
    idempotencyKey,
    props: {
      name: row.name,
      nameHi: row.nameHi,
      event: {
        kind: event.kind,
        titleEn: event.titleEn,
        titleHi: event.titleHi,
        startsAt: event.startsAt.toISOString(),
        endsAt: event.endsAt.toISOString(),
        registrationOpensAt: opensLater ? event.registrationOpensAt.toISOString() : null,
        registrationClosesAt: event.registrationClosesAt.toISOString(),
        venueName: event.venueName,
        venueAddress: event.venueAddress,
        venueMapUrl: event.venueMapUrl,
      },
      committee: { nameEn: row.committeeNameEn, nameHi: row.committeeNameHi },
      designation: { nameEn: row.designationNameEn, nameHi: row.designationNameHi },
      url,
    },
  };
}

/** A list of ids or tokens as one parameter, split in the database (cheaper than an array parameter). */
const joined = (values: (string | number | null)[]) => values.map((v) => v ?? "").join(",");

/**
 * Invites everyone the event's audience reaches who is not invited yet: one invitation per person (the
 * committee recorded is their highest-level one, then the lowest committee id), its link token's hash, and
 * an invitation email to each person with an address, all inside the caller's transaction. Publishing, a
 * rule added after publishing and a committee formed later all come through here; the unique
 * (event, person) pair makes a second run invite no one twice.
 */
export async function inviteAudience(
  trx: Tx,
  event: InvitingEvent,
  options: { committeeId?: number } = {},
): Promise<{ invited: number; emailed: number }> {
  const { rows } = await sql<MailRow>`
    with ${audienceCtes({ eventId: event.id }, options.committeeId)},
    inserted as (
      insert into invitations (event_id, appointee_id, committee_id, designation)
      select distinct on (appointee_id) ${event.id}::bigint, appointee_id, committee_id, designation
        from matched_people
       order by appointee_id, unit_level_rank(level), committee_id
      on conflict (event_id, appointee_id) do nothing
      returning id, appointee_id, committee_id, designation, link_version, token_sealed, email_id
    )
    select ${mailColumns} from inserted i ${mailJoins} order by i.id`.execute(trx);
  if (rows.length === 0) return { invited: 0, emailed: 0 };

  // Each invitation gets its random link token now; the email carries the token, the row its hash and seal.
  const tokens = new Map(rows.map((r) => [r.id, newSealedToken()]));
  const publicUrl = getEnv().PUBLIC_URL;
  const withEmail = rows.filter((r) => r.email);
  const emailIds = await queueEmails(
    trx,
    withEmail.map((r) =>
      invitationEmail(
        event,
        r,
        `invitation:${r.id}:v${r.linkVersion}`,
        `${publicUrl}/i/${tokens.get(r.id)!.token}`,
      ),
    ),
  );
  const emailIdOf = new Map(withEmail.map((r, i) => [r.id, emailIds[i]!]));
  await sql`
    update invitations i set token_hash = v.token_hash, token_sealed = v.token_sealed, email_id = v.email_id
      from unnest(
             string_to_array(${joined(rows.map((r) => r.id))}, ',')::int8[],
             string_to_array(${joined(rows.map((r) => tokens.get(r.id)!.tokenHash))}, ','),
             string_to_array(${joined(rows.map((r) => tokens.get(r.id)!.tokenSealed))}, ','),
             string_to_array(${joined(rows.map((r) => emailIdOf.get(r.id) ?? null))}, ',', '')::int8[]
           ) as v(id, token_hash, token_sealed, email_id)
     where i.id = v.id`.execute(trx);
  return { invited: rows.length, emailed: withEmail.length };
}

// ---- publishing ----

export type PublishResult = Result<{ invited: number; emailed: number }>;

/**
 * Publishes a draft event: at least one audience rule and a registration window still to close are
 * required. Invites the whole audience, queues the invitation emails and schedules the reminders, all or
 * nothing.
 */
export async function publishEvent(
  db: Database,
  actor: InvitationActor,
  eventId: number,
): Promise<PublishResult> {
  return db.transaction().execute(async (trx) => {
    const event = await getEventInScope(trx, actor.scope, eventId, true);
    if (event.status !== "draft") return refuse("audience.errors.notDraft");
    if (event.registrationClosesAt.getTime() <= Date.now())
      return refuse("audience.errors.registrationClosed");
    const rules = await trx
      .selectFrom("eventAudienceRules")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("eventId", "=", eventId)
      .executeTakeFirstOrThrow();
    if (rules.n === 0) return refuse("audience.errors.noRules");

    await trx
      .updateTable("events")
      .set({ status: "published", publishedAt: sql`now()`, updatedAt: sql`now()` })
      .where("id", "=", eventId)
      .execute();
    const outcome = await inviteAudience(trx, event);
    await scheduleReminders(trx, eventId);
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "event.published",
      entityType: "event",
      entityId: eventId,
      details: outcome,
    });
    return { ok: true as const, ...outcome };
  });
}

/**
 * Invites the people a published event's audience reaches but who have no invitation yet (someone appointed
 * to a formed committee after publishing, say), as publishing would have.
 */
export async function inviteRemainingAudience(
  db: Database,
  actor: InvitationActor,
  eventId: number,
): Promise<PublishResult> {
  return db.transaction().execute(async (trx) => {
    const event = await getEventInScope(trx, actor.scope, eventId, true);
    if (event.status !== "published") return refuse("audience.errors.notPublished");
    if (event.registrationClosesAt.getTime() <= Date.now())
      return refuse("audience.errors.registrationClosed");
    const outcome = await inviteAudience(trx, event);
    if (outcome.invited > 0) {
      await recordAudit(trx, {
        actorStaffId: actor.staffId,
        action: "event.audience_invited",
        entityType: "event",
        entityId: eventId,
        details: outcome,
      });
    }
    return { ok: true as const, ...outcome };
  });
}

// ---- a committee formed later ----

/**
 * The job "audience:invite-committee": a committee was marked formed, so its matching members are invited to
 * every published event whose audience holds it and whose registration has not closed (registration that
 * has not opened yet counts: publishing invites before it opens too). Running it twice invites no one twice.
 */
export async function inviteNewlyFormedCommittee(db: Database, committeeId: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // FOR SHARE: an event being cancelled meanwhile is seen cancelled, and invites no one.
    const events = await trx
      .selectFrom("events")
      .select([
        "id",
        "kind",
        "titleEn",
        "titleHi",
        "startsAt",
        "endsAt",
        "registrationOpensAt",
        "registrationClosesAt",
        "venueName",
        "venueAddress",
        "venueMapUrl",
      ])
      .where("status", "=", "published")
      .where("registrationClosesAt", ">", sql<Date>`now()`)
      .where(
        sql<boolean>`exists (
          select 1
            from committees c
            join units u on u.id = c.unit_id
            join event_audience_rules r on r.event_id = events.id
            join units ru on ru.id = r.unit_id
           where c.id = ${committeeId} and c.status = 'formed'
             and u.path ~>=~ ru.path and u.path ~<~ (left(ru.path, -1) || '0'))`,
      )
      .orderBy("id")
      .forShare()
      .execute();
    let invited = 0;
    for (const event of events) {
      const outcome = await inviteAudience(trx, event, { committeeId });
      if (outcome.invited === 0) continue;
      invited += outcome.invited;
      await recordAudit(trx, {
        actorStaffId: null,
        action: "event.committee_invited",
        entityType: "event",
        entityId: event.id,
        details: { committeeId, ...outcome },
      });
    }
    return invited;
  });
}

// ---- the invitee list ----

// What became of an invitation (see invitationStates), and whether any channel has reached the person.
const stateSql = sql<InvitationState>`case
  when i.revoked_at is not null then 'revoked'
  when r.status is not null then r.status
  when i.link_opened_at is not null then 'opened'
  when e.id is null then 'no_email'
  when e.status in ('queued', 'sending') then 'queued'
  when e.status in ('sent', 'delayed') then 'sent'
  else e.status
end`;
// coalesce: without an email, "e.status in (…)" is null, and "not null" would drop the row from a filter.
const reachedSql = sql<boolean>`(
  coalesce(e.status in ('sent', 'delayed', 'delivered'), false) or i.shared_at is not null
  or i.link_opened_at is not null or r.id is not null)`;
// Whom an organiser still has to reach: a revoked invitation needs no channel.
const notReachedSql = sql<boolean>`(i.revoked_at is null and not ${reachedSql})`;

export type InviteeRow = {
  id: number;
  appointeeId: number;
  name: string;
  nameHi: string | null;
  phone: string | null;
  email: string | null;
  preferredLanguage: "hi" | "en";
  committeeId: number;
  committeeNameEn: string;
  committeeNameHi: string;
  designationNameEn: string;
  designationNameHi: string;
  state: InvitationState;
  reached: boolean;
  emailId: number | null;
  emailError: string | null;
  sharedVia: "copy" | "whatsapp" | null;
  sharedAt: Date | null;
};

export type InvitationList = {
  event: { id: number; titleEn: string; titleHi: string; status: string; registrationClosesAt: Date };
  rows: InviteeRow[];
  hasMore: boolean;
  counts: Record<InvitationState, number>;
  total: number;
  notReached: number;
};

/** One page of an event's invitees (by name), filtered by state and "not reached", with counts per state. */
export async function listInvitations(
  db: Database,
  scope: Scope,
  eventId: number | null,
  query: InvitationListQuery,
): Promise<InvitationList> {
  const event = await getEventInScope(db, scope, eventId);
  const base = db
    .selectFrom("invitations as i")
    .innerJoin("appointees as p", "p.id", "i.appointeeId")
    .innerJoin("committees as c", "c.id", "i.committeeId")
    .leftJoin("designations as d", "d.code", "i.designation")
    .leftJoin("registrations as r", "r.invitationId", "i.id")
    .leftJoin("emails as e", "e.id", "i.emailId")
    .where("i.eventId", "=", event.id);
  let page = base
    .select([
      "i.id",
      "i.appointeeId",
      "p.name",
      "p.nameHi",
      "p.phone",
      "p.email",
      "p.preferredLanguage",
      "i.committeeId",
      "c.nameEn as committeeNameEn",
      "c.nameHi as committeeNameHi",
      sql<string>`coalesce(d.name_en, i.designation)`.as("designationNameEn"),
      sql<string>`coalesce(d.name_hi, i.designation)`.as("designationNameHi"),
      stateSql.as("state"),
      reachedSql.as("reached"),
      "i.emailId",
      "e.lastError as emailError",
      "i.sharedVia",
      "i.sharedAt",
    ])
    .orderBy("p.name")
    .orderBy("i.id")
    .limit(INVITATIONS_PAGE_SIZE + 1)
    .offset((query.page - 1) * INVITATIONS_PAGE_SIZE);
  if (query.state) page = page.where(stateSql, "=", query.state);
  if (query.notReached) page = page.where(notReachedSql);
  const [rows, countRows] = await Promise.all([
    page.execute(),
    base
      .select([
        stateSql.as("state"),
        sql<number>`count(*)::int`.as("n"),
        sql<number>`(count(*) filter (where ${notReachedSql}))::int`.as("notReached"),
      ])
      .groupBy(sql`1`)
      .execute(),
  ]);
  const counts = Object.fromEntries(invitationStates.map((s) => [s, 0])) as Record<InvitationState, number>;
  let notReached = 0;
  for (const c of countRows) {
    counts[c.state] = c.n;
    notReached += c.notReached;
  }
  return {
    event: {
      id: event.id,
      titleEn: event.titleEn,
      titleHi: event.titleHi,
      status: event.status,
      registrationClosesAt: event.registrationClosesAt,
    },
    rows: rows.slice(0, INVITATIONS_PAGE_SIZE) as InviteeRow[],
    hasMore: rows.length > INVITATIONS_PAGE_SIZE,
    counts,
    // Invited means not revoked, as on the event page and in the reports.
    total: Object.values(counts).reduce((a, b) => a + b, 0) - counts.revoked,
    notReached,
  };
}

// ---- one invitation: resend, fix the address, share the link, revoke ----

export type LockedInvitation = {
  event: Awaited<ReturnType<typeof getEventInScope>>;
  row: MailRow & { revoked: boolean; committeeUnitPath: string };
};

/**
 * The event (404 outside scope) and one of its invitations, locked; null if the event has no such invitation.
 * `lockEvent` takes the event row lock first, as every seat change does.
 */
export async function lockInvitation(
  trx: Tx,
  scope: Scope,
  eventId: number,
  invitationId: number,
  lockEvent = false,
): Promise<LockedInvitation | null> {
  const event = await getEventInScope(trx, scope, eventId, lockEvent);
  const { rows } = await sql<LockedInvitation["row"]>`
    select ${mailColumns}, i.revoked_at is not null as revoked, cu.path as committee_unit_path
      from invitations i ${mailJoins}
      join units cu on cu.id = c.unit_id
     where i.id = ${invitationId} and i.event_id = ${eventId}
       for update of i`.execute(trx);
  return rows[0] ? { event, row: rows[0] } : null;
}

/** Why an invitation cannot be sent again now, if it cannot. */
export function cannotSend({ event, row }: LockedInvitation): string | null {
  if (event.status !== "published") return "audience.errors.notPublished";
  if (event.registrationClosesAt.getTime() <= Date.now()) return "audience.errors.registrationClosed";
  if (row.revoked) return "audience.errors.revoked";
  // Sealed with a secret since removed from SESSION_SECRETS: the link still opens but cannot be sent again.
  if (!liveInvitationUrl("", row)) return "audience.errors.linkUnreadable";
  return null;
}

export type ResendResult = Result<{ queued: boolean }>;

/**
 * Sends the invitation email again, under a new idempotency key. `seenEmailId` is the email the organiser's
 * page showed: if a newer one exists (a second click, or a colleague was quicker), nothing more is sent.
 */
export async function resendInvitation(
  db: Database,
  actor: InvitationActor,
  eventId: number,
  input: { invitationId: number; seenEmailId: number | null },
): Promise<ResendResult> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockInvitation(trx, actor.scope, eventId, input.invitationId);
    if (!locked) return refuse("audience.errors.invitationUnknown");
    const refusal = cannotSend(locked);
    if (refusal) return refuse(refusal);
    const { event, row } = locked;
    if (!row.email) return refuse("audience.errors.noEmail");
    if (row.emailId !== input.seenEmailId) return { ok: true as const, queued: false };
    const emailId = await queueEmail(
      trx,
      invitationEmail(event, row, `invitation:${row.id}:v${row.linkVersion}:after:${row.emailId ?? 0}`),
    );
    await trx.updateTable("invitations").set({ emailId }).where("id", "=", row.id).execute();
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "invitation.resent",
      entityType: "invitation",
      entityId: row.id,
      details: { eventId, emailId },
    });
    return { ok: true as const, queued: true };
  });
}

/**
 * Corrects the person's email address (it bounced, failed, was marked spam, or there was none) and sends the
 * invitation to the new one. The address must be free among appointees. Changing a person is allowed only
 * when their committee lies in the organiser's scope.
 */
export async function fixAddressAndResend(
  db: Database,
  actor: InvitationActor,
  eventId: number,
  input: { invitationId: number; seenEmailId: number | null; email: string },
): Promise<ResendResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const locked = await lockInvitation(trx, actor.scope, eventId, input.invitationId);
      if (!locked || !pathInScope(actor.scope, locked.row.committeeUnitPath))
        return refuse("audience.errors.invitationUnknown");
      const refusal = cannotSend(locked);
      if (refusal) return refuse(refusal);
      const { event, row } = locked;
      if (row.emailId !== input.seenEmailId) {
        // A second submission of the same correction: it is done already.
        if (row.email === input.email) return { ok: true as const, queued: false };
        return refuse("audience.errors.changedMeanwhile");
      }
      if (row.email === input.email) return refuse("audience.errors.sameAddress", "email");
      const taken = await trx
        .selectFrom("appointees")
        .select("id")
        .where("email", "=", input.email)
        .executeTakeFirst();
      if (taken) return refuse("audience.errors.emailTaken", "email");

      await trx
        .updateTable("appointees")
        .set({ email: input.email, updatedAt: sql`now()` })
        .where("id", "=", row.appointeeId)
        .execute();
      const addressKey = createHash("sha256").update(input.email).digest("hex").slice(0, 16);
      const emailId = await queueEmail(
        trx,
        invitationEmail(
          event,
          { ...row, email: input.email },
          `invitation:${row.id}:v${row.linkVersion}:to:${addressKey}:after:${row.emailId ?? 0}`,
        ),
      );
      await trx.updateTable("invitations").set({ emailId }).where("id", "=", row.id).execute();
      await recordAudit(trx, {
        actorStaffId: actor.staffId,
        action: "appointee.email_fixed",
        entityType: "appointee",
        entityId: row.appointeeId,
        details: { eventId, invitationId: row.id, from: row.email, to: input.email, emailId },
      });
      return { ok: true as const, queued: true };
    });
  } catch (error) {
    // Someone else recorded the address for another person at the same moment.
    if (isUniqueViolation(error, "appointees_email_key"))
      return refuse("audience.errors.emailTaken", "email");
    throw error;
  }
}

export type SharedLink = {
  url: string;
  phone: string | null;
  language: "hi" | "en";
  name: string;
  nameHi: string | null;
  event: { titleEn: string; titleHi: string; startsAt: Date };
};

/**
 * The person's invitation link, for an organiser to pass on by hand (copy) or on WhatsApp; records that it
 * was shared, which counts as reaching the person. WhatsApp needs a phone number.
 */
export async function recordLinkShared(
  db: Database,
  actor: InvitationActor,
  eventId: number,
  input: { invitationId: number; via: "copy" | "whatsapp" },
): Promise<Result<SharedLink>> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockInvitation(trx, actor.scope, eventId, input.invitationId);
    if (!locked) return refuse("audience.errors.invitationUnknown");
    const { event, row } = locked;
    if (event.status !== "published") return refuse("audience.errors.notPublished");
    if (row.revoked) return refuse("audience.errors.revoked");
    if (input.via === "whatsapp" && !row.phone) return refuse("audience.errors.noPhone");
    const url = liveInvitationUrl(getEnv().PUBLIC_URL, row);
    if (!url) return refuse("audience.errors.linkUnreadable");
    await trx
      .updateTable("invitations")
      .set({ sharedVia: input.via, sharedAt: sql`now()` })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "invitation.link_shared",
      entityType: "invitation",
      entityId: row.id,
      details: { eventId, via: input.via },
    });
    return {
      ok: true as const,
      url,
      phone: row.phone,
      language: row.preferredLanguage,
      name: row.name,
      nameHi: row.nameHi,
      event: { titleEn: event.titleEn, titleHi: event.titleHi, startsAt: event.startsAt },
    };
  });
}

export type RevokeResult = Result<{ revoked: boolean; freedSeat: boolean }>;

/**
 * Takes an invitation back while the event is published and not over. A seat the person holds is cancelled
 * as an organiser's cancel does it (their calendar cancellation is queued and the first person waiting is
 * promoted and emailed), a waitlist place is given up, and the personal link dies for good: revoked, and its
 * version raised so the old token would match nothing even if the invitation were restored. All under the
 * event lock, like every seat change. Revoking again changes nothing (`revoked: false`).
 */
export async function revokeInvitation(
  db: Database,
  actor: InvitationActor,
  eventId: number,
  invitationId: number,
  reason: string | null = null,
): Promise<RevokeResult> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockInvitation(trx, actor.scope, eventId, invitationId, true);
    if (!locked) return refuse("audience.errors.invitationUnknown");
    const { event, row } = locked;
    if (row.revoked) return { ok: true as const, revoked: false, freedSeat: false };
    if (event.status === "draft") return refuse("audience.errors.notPublished");
    if (event.status !== "published" || event.endsAt.getTime() <= Date.now())
      return refuse("audience.errors.revokeClosed");

    const registration = await currentRegistration(trx, row.id);
    const held =
      registration?.status === "registered" || registration?.status === "waitlisted" ? registration : null;
    if (held) await cancelRegistration(trx, held, { actorStaffId: actor.staffId, revoked: true });
    // The link's hash and seal go: nothing can open or show it again, even if the invitation were restored.
    await trx
      .updateTable("invitations")
      .set((eb) => ({
        revokedAt: sql`now()`,
        linkVersion: eb(eb.ref("linkVersion"), "+", 1),
        tokenHash: null,
        tokenSealed: null,
      }))
      .where("id", "=", row.id)
      .execute();
    await withdrawQueuedInvitationEmails(trx, [row.id], "withdrawn: the invitation was revoked");
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "invitation.revoked",
      entityType: "invitation",
      entityId: row.id,
      details: { eventId, reason, registration: held?.status ?? null },
    });
    return { ok: true as const, revoked: true, freedSeat: held?.status === "registered" };
  });
}

/** Invitation emails not yet handed to the provider, which would carry a link that no longer works. */
export async function withdrawQueuedInvitationEmails(trx: Tx, invitationIds: number[], why: string) {
  if (invitationIds.length === 0) return;
  // Invitation mail is keyed `invitation:<invitation id>:…` (see inviteAudience and resendInvitation).
  await sql`
    update emails set status = 'failed', last_error = ${why}, updated_at = now(), status_at = now()
     where status = 'queued' and idempotency_key like 'invitation:%'
       and split_part(idempotency_key, ':', 2) = any(${invitationIds.map(String)}::text[])`.execute(trx);
}
