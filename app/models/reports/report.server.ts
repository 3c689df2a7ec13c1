// Reports: attendance against every committee, per event, per committee and rolled up the tree, and the
// organiser's dashboard. Every query filters by the reader's scope; outside it is 404.
//
// Definitions (docs/decisions/006-reports.md):
// - members: a committee's active appointments (a person on two committees is a member of both);
// - trained: a person present at ≥1 session of an event that is not cancelled, on the roster or as a
//   walk-in verified as them; a committee's trained members are its members who are trained;
// - per event, a person counts against the committee they were invited through, as the tablet recorded it;
//   unverified walk-ins count for the event only, not for any committee;
// - attended all required sessions: present at every session marked required (with none required, at any).
// Roll-ups read committee_training, which triggers keep current (db/migrations/2026-11-26T16-00_reports.ts);
// attendance reaches it through training_pending, so readers of `trained` flush that first.
import { sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";
import { getMailHealth, type MailHealth } from "#app/mail/health.server.ts";
import { getEventInScope } from "#app/models/events/event-access.server.ts";
import { flushTraining, READER_FLUSH_BATCHES } from "./training-summary.server.ts";
import {
  childPathPart,
  type EventCommitteeFigures,
  type EventReportQuery,
  type EventSortKey,
  REPORT_PAGE_SIZE,
  ROLLUP_LIST_LIMIT,
} from "./report.ts";
import { getUnitInScope, type Scope } from "#app/models/organisation/scope.server.ts";
import { subtreeUpperBound, type UnitLevel, visibleAncestorIds } from "#app/models/organisation/unit.ts";

const notFound = () => new Response("Not found", { status: 404 });

/** A where-clause on a materialised path column: the subtree of `path`, as an index range (see 003). */
function inSubtree(column: string, path: string) {
  const ref = sql.ref(column);
  return sql<boolean>`(${ref} ~>=~ ${path} and ${ref} ~<~ ${subtreeUpperBound(path)})`;
}

/** The scope as a where-clause on a path column; true for an admin. */
function scopeClause(column: string, scope: Scope) {
  return scope.kind === "all" ? sql<boolean>`true` : inSubtree(column, scope.path);
}

// ---------------------------------------------------------------------------------------------------------
// Roll-ups

export type ReportUnit = { id: number; code: string; level: UnitLevel; nameEn: string; nameHi: string };

export type Figures = {
  committees: number;
  formed: number;
  forming: number;
  /** Formed committees none of whose members is trained. */
  untrained: number;
  seats: number;
  members: number;
  trained: number;
};

export type ListedCommittee = {
  committeeId: number;
  nameEn: string;
  nameHi: string;
  unitCode: string;
  unitLevel: UnitLevel;
  seatQuota: number;
  members: number;
};

export type Rollup = {
  /** The unit looked at; null for an admin's view of several top units. */
  unit: ReportUnit | null;
  /** Its ancestors the reader may see, outermost first. */
  trail: ReportUnit[];
  totals: Figures;
  /** The unit's own committee, when it has one. */
  own: Figures | null;
  children: (ReportUnit & Figures)[];
  untrained: { rows: ListedCommittee[]; total: number };
  forming: { rows: ListedCommittee[]; total: number };
};

const emptyFigures = (): Figures => ({
  committees: 0,
  formed: 0,
  forming: 0,
  untrained: 0,
  seats: 0,
  members: 0,
  trained: 0,
});

function addFigures(into: Figures, more: Figures) {
  for (const key of Object.keys(into) as (keyof Figures)[]) into[key] += more[key];
}

const unitColumns = ["units.id", "units.code", "units.level", "units.nameEn", "units.nameHi"] as const;

/**
 * The roll-up of a unit's subtree (default: the reader's scope root; an admin with several states sees them
 * side by side): totals, a line per unit directly below, the formed committees where no one is trained and
 * the committees still forming (the first ROLLUP_LIST_LIMIT of each, by code, with the exact count).
 */
export async function getRollup(db: Database, scope: Scope, unitId: number | null): Promise<Rollup> {
  await flushTraining(db, READER_FLUSH_BATCHES);
  return db.transaction().execute(async (trx) => {
    let unit: (ReportUnit & { path: string; depth: number }) | null = null;
    if (unitId !== null) unit = await getUnitInScope(trx, scope, unitId);
    else if (scope.kind === "subtree") unit = await getUnitInScope(trx, scope, scope.unitId);
    else {
      const roots = await trx
        .selectFrom("units")
        .selectAll()
        .where("parentId", "is", null)
        .limit(2)
        .execute();
      if (roots.length === 1) unit = roots[0]!;
    }

    const where = unit ? inSubtree("unit_path", unit.path) : sql<boolean>`true`;
    const part = childPathPart(unit ? unit.depth : null);
    // One pass over the subtree's summary rows, then the buckets and both lists from it.
    const result = await sql<{
      buckets: (Figures & { bucket: string })[];
      untrained: { committeeId: number }[] | null;
      forming: { committeeId: number }[] | null;
    }>`
      with c as materialized (
        select committee_id, unit_path, unit_code, status, seat_quota, members, trained
        from committee_training where ${where}
      )
      select
        (select coalesce(json_agg(b), '[]') from (
          select split_part(unit_path, '/', ${part}) as bucket,
                 count(*)::int as committees,
                 count(*) filter (where status = 'formed')::int as formed,
                 count(*) filter (where status = 'forming')::int as forming,
                 count(*) filter (where status = 'formed' and trained = 0)::int as untrained,
                 sum(seat_quota)::int as seats, sum(members)::int as members, sum(trained)::int as trained
          from c group by 1) b) as buckets,
        (select json_agg(x) from (
          select committee_id from c where status = 'formed' and trained = 0
          order by unit_code limit ${ROLLUP_LIST_LIMIT}) x) as untrained,
        (select json_agg(x) from (
          select committee_id from c where status = 'forming'
          order by unit_code limit ${ROLLUP_LIST_LIMIT}) x) as forming`.execute(trx);
    const row = result.rows[0]!;

    const totals = emptyFigures();
    const byBucket = new Map<string, Figures>();
    for (const { bucket, ...figures } of row.buckets) {
      addFigures(totals, figures);
      byBucket.set(bucket, figures);
    }

    const childUnits = await trx
      .selectFrom("units")
      .select(unitColumns)
      .$if(unit !== null, (q) => q.where("parentId", "=", unit!.id))
      .$if(unit === null, (q) => q.where("parentId", "is", null))
      .orderBy("code")
      .execute();
    const trailIds = unit ? visibleAncestorIds(unit.path, scope.kind === "subtree" ? scope.path : null) : [];
    const listedIds = [...(row.untrained ?? []), ...(row.forming ?? [])].map((r) => r.committeeId);
    const [trailRows, listed] = await Promise.all([
      trailIds.length
        ? trx.selectFrom("units").select(unitColumns).where("id", "in", trailIds).execute()
        : Promise.resolve([]),
      listedIds.length
        ? trx
            .selectFrom("committeeTraining")
            .innerJoin("committees", "committees.id", "committeeTraining.committeeId")
            .select([
              "committeeTraining.committeeId",
              "committees.nameEn",
              "committees.nameHi",
              "committeeTraining.unitCode",
              "committeeTraining.unitLevel",
              "committeeTraining.seatQuota",
              "committeeTraining.members",
            ])
            .where("committeeTraining.committeeId", "in", listedIds)
            .execute()
        : Promise.resolve([]),
    ]);
    const listedById = new Map(listed.map((c) => [c.committeeId, c]));
    const pick = (ids: { committeeId: number }[] | null) =>
      (ids ?? []).map((r) => listedById.get(r.committeeId)).filter((c): c is ListedCommittee => !!c);

    return {
      unit: unit ? toReportUnit(unit) : null,
      trail: trailIds
        .map((id) => trailRows.find((u) => u.id === id))
        .filter((u): u is (typeof trailRows)[number] => !!u)
        .map(toReportUnit),
      totals,
      own: byBucket.get("") ?? null,
      children: childUnits.map((child) => ({
        ...toReportUnit(child),
        ...(byBucket.get(String(child.id)) ?? emptyFigures()),
      })),
      untrained: { rows: pick(row.untrained), total: totals.untrained },
      forming: { rows: pick(row.forming), total: totals.forming },
    };
  });
}

function toReportUnit(u: { id: number; code: string; level: string; nameEn: string; nameHi: string }) {
  return { id: u.id, code: u.code, level: u.level as UnitLevel, nameEn: u.nameEn, nameHi: u.nameHi };
}

// ---------------------------------------------------------------------------------------------------------
// Per event

export type EventTotals = {
  committees: number;
  seats: number;
  members: number;
  invited: number;
  registered: number;
  attended: number;
  attendedAll: number;
};

export type EventSessionFigures = {
  id: number;
  titleEn: string;
  titleHi: string;
  startsAt: Date;
  required: boolean;
  /** People on the roster (of committees in scope) present. */
  present: number;
  /** Walk-ins present. */
  walkIns: number;
};

export type EventReport = {
  event: {
    id: number;
    titleEn: string;
    titleHi: string;
    status: "draft" | "published" | "completed" | "cancelled";
    startsAt: Date;
    endsAt: Date;
    capacity: number;
    unitNameEn: string;
    unitNameHi: string;
  };
  requiredSessions: number;
  sessions: EventSessionFigures[];
  totals: EventTotals;
  walkIns: { present: number; verified: number };
  rows: EventCommitteeFigures[];
  page: number;
  pageCount: number;
};

const sortColumn: Record<EventSortKey, ReturnType<typeof sql>> = {
  committee: sql`unit_code`,
  seats: sql`seat_quota`,
  members: sql`members`,
  invited: sql`invited`,
  registered: sql`registered`,
  attended: sql`attended`,
  attendedAll: sql`attended_all`,
  rate: sql`(attended::float8 / nullif(invited, 0))`,
};

/**
 * The committees of an event (those people were invited through, or marked present through) that lie in
 * the reader's scope, with their figures. A CTE query for the callers below to select from.
 */
function eventFigures(eventId: number, requiredSessions: number, scope: Scope) {
  return sql`
    with inv as (
      select i.committee_id, count(*)::int as invited,
             count(*) filter (where r.status = 'registered')::int as registered
      from invitations i left join registrations r on r.invitation_id = i.id
      where i.event_id = ${eventId} and i.revoked_at is null
      group by i.committee_id
    ),
    per_person as (
      select a.committee_id, a.appointee_id, count(*) filter (where s.required) as required_present
      from attendance a join event_sessions s on s.id = a.session_id
      where s.event_id = ${eventId} and a.present and a.appointee_id is not null
      group by a.committee_id, a.appointee_id
    ),
    att as (
      select committee_id, count(*)::int as attended,
             count(*) filter (where required_present >= ${requiredSessions})::int as attended_all
      from per_person group by committee_id
    ),
    figures as (
      select c.id as committee_id, u.code as unit_code, u.level as unit_level, c.name_en, c.name_hi,
             c.seat_quota, coalesce(ct.members, 0) as members,
             coalesce(inv.invited, 0) as invited, coalesce(inv.registered, 0) as registered,
             coalesce(att.attended, 0) as attended, coalesce(att.attended_all, 0) as attended_all
      from (select committee_id from inv union select committee_id from att) k
      join committees c on c.id = k.committee_id
      join units u on u.id = c.unit_id
      left join committee_training ct on ct.committee_id = c.id
      left join inv on inv.committee_id = c.id
      left join att on att.committee_id = c.id
      where ${scopeClause("u.path", scope)}
    )`;
}

async function loadEvent(db: Database, scope: Scope, eventId: number | null) {
  const event = await getEventInScope(db, scope, eventId);
  const required = await db
    .selectFrom("eventSessions")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("eventId", "=", event.id)
    .where("required", "=", true)
    .executeTakeFirstOrThrow();
  return { event, requiredSessions: required.n };
}

/** One event's report: totals, sessions, walk-ins and a sorted page of its committees. */
export async function getEventReport(
  db: Database,
  scope: Scope,
  eventId: number | null,
  query: EventReportQuery,
): Promise<EventReport> {
  return db.transaction().execute(async (trx) => {
    const { event, requiredSessions } = await loadEvent(trx, scope, eventId);
    const figures = eventFigures(event.id, requiredSessions, scope);
    const [totalsResult, sessions, walkIns] = await Promise.all([
      sql<EventTotals>`${figures}
        select count(*)::int as committees, coalesce(sum(seat_quota), 0)::int as seats,
               coalesce(sum(members), 0)::int as members, coalesce(sum(invited), 0)::int as invited,
               coalesce(sum(registered), 0)::int as registered, coalesce(sum(attended), 0)::int as attended,
               coalesce(sum(attended_all), 0)::int as "attendedAll"
        from figures`.execute(trx),
      sql<EventSessionFigures>`
        select s.id, s.title_en, s.title_hi, s.starts_at, s.required,
               count(a.id) filter (where a.appointee_id is not null and ${scopeClause("u.path", scope)})::int as present,
               count(a.id) filter (where a.walk_in_id is not null)::int as "walkIns"
        from event_sessions s
        left join attendance a on a.session_id = s.id and a.present
        left join committees c on c.id = a.committee_id
        left join units u on u.id = c.unit_id
        where s.event_id = ${event.id}
        group by s.id
        order by s.starts_at, s.id`.execute(trx),
      sql<{ present: number; verified: number }>`
        select count(distinct w.id)::int as present,
               count(distinct w.id) filter (where w.verified_appointee_id is not null)::int as verified
        from walk_ins w join attendance a on a.walk_in_id = w.id and a.present
        where w.event_id = ${event.id}`.execute(trx),
    ]);
    const totals = totalsResult.rows[0]!;
    const pageCount = Math.max(1, Math.ceil(totals.committees / REPORT_PAGE_SIZE));
    const page = Math.min(query.page, pageCount);
    const direction = query.dir === "asc" ? sql`asc` : sql`desc`;
    const rows = await sql<EventCommitteeFigures>`${figures}
      select * from figures
      order by ${sortColumn[query.sort]} ${direction} nulls last, unit_code, committee_id
      limit ${REPORT_PAGE_SIZE} offset ${(page - 1) * REPORT_PAGE_SIZE}`.execute(trx);
    return {
      event: {
        id: event.id,
        titleEn: event.titleEn,
        titleHi: event.titleHi,
        status: event.status,
        startsAt: event.startsAt,
        endsAt: event.endsAt,
        capacity: event.capacity,
        unitNameEn: event.unitNameEn,
        unitNameHi: event.unitNameHi,
      },
      requiredSessions,
      sessions: sessions.rows,
      totals,
      walkIns: walkIns.rows[0]!,
      rows: rows.rows,
      page,
      pageCount,
    };
  });
}

/** Every committee row of an event's report (for the CSV), by committee code. */
export async function listEventFigures(
  db: Database,
  scope: Scope,
  eventId: number | null,
): Promise<EventCommitteeFigures[]> {
  return db.transaction().execute(async (trx) => {
    const { event, requiredSessions } = await loadEvent(trx, scope, eventId);
    const rows = await sql<EventCommitteeFigures>`${eventFigures(event.id, requiredSessions, scope)}
      select * from figures order by unit_code, committee_id`.execute(trx);
    return rows.rows;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Per committee

export type MemberHistory = {
  appointeeId: number;
  name: string;
  nameHi: string | null;
  designation: string;
  /** Events (not cancelled) they were invited to, through any committee. */
  invited: number;
  /** …and registered for. */
  registered: number;
  /** Events (not cancelled) where they were present at ≥1 session. */
  eventsAttended: number;
  sessionsAttended: number;
  lastAttendedAt: Date | null;
};

export type CommitteeEventFigures = {
  eventId: number;
  titleEn: string;
  titleHi: string;
  startsAt: Date;
  status: "draft" | "published" | "completed" | "cancelled";
  /** Whether the reader may open the event (its unit lies in their scope). */
  inScope: boolean;
  invited: number;
  registered: number;
  attended: number;
  attendedAll: number;
};

export type CommitteeReport = {
  committee: { id: number; nameEn: string; nameHi: string; status: "forming" | "formed"; seatQuota: number };
  unit: ReportUnit;
  members: MemberHistory[];
  trained: number;
  events: CommitteeEventFigures[];
  designations: { code: string; nameEn: string; nameHi: string }[];
};

/** A committee's members with their training history, and the committee's figures at each event. */
export async function getCommitteeReport(
  db: Database,
  scope: Scope,
  committeeId: number | null,
): Promise<CommitteeReport> {
  if (!committeeId) throw notFound();
  return db.transaction().execute(async (trx) => {
    const committee = await trx
      .selectFrom("committees")
      .innerJoin("units", "units.id", "committees.unitId")
      .select([
        "committees.id",
        "committees.nameEn",
        "committees.nameHi",
        "committees.status",
        "committees.seatQuota",
        "units.id as unitId",
        "units.code",
        "units.level",
        "units.nameEn as unitNameEn",
        "units.nameHi as unitNameHi",
      ])
      .where("committees.id", "=", committeeId)
      .where(() => scopeClause("units.path", scope))
      .executeTakeFirst();
    if (!committee) throw notFound();

    const [members, events, designations] = await Promise.all([
      sql<MemberHistory>`
        select p.id as appointee_id, p.name, p.name_hi, a.designation,
               (select count(*) from invitations i join events e on e.id = i.event_id
                 where i.appointee_id = p.id and i.revoked_at is null and e.status <> 'cancelled')::int as invited,
               (select count(*) from registrations r join events e on e.id = r.event_id
                 where r.appointee_id = p.id and r.status = 'registered' and e.status <> 'cancelled')::int as registered,
               h.events_attended, h.sessions_attended, h.last_attended_at
        from appointments a
        join appointees p on p.id = a.appointee_id
        left join designations d on d.code = a.designation
        cross join lateral (
          select count(distinct s.event_id)::int as events_attended,
                 count(distinct s.id)::int as sessions_attended,
                 max(s.starts_at) as last_attended_at
          from (
            select x.session_id from attendance x where x.appointee_id = p.id and x.present
            union all
            select x.session_id from walk_ins w join attendance x on x.walk_in_id = w.id
            where w.verified_appointee_id = p.id and x.present
          ) m
          join event_sessions s on s.id = m.session_id
          join events e on e.id = s.event_id and e.status <> 'cancelled'
        ) h
        where a.committee_id = ${committee.id} and a.active
        order by d.sort_order nulls last, p.name, p.id`.execute(trx),
      sql<CommitteeEventFigures>`
        with inv as (
          select i.event_id, count(*)::int as invited,
                 count(*) filter (where r.status = 'registered')::int as registered
          from invitations i left join registrations r on r.invitation_id = i.id
          where i.committee_id = ${committee.id} and i.revoked_at is null
          group by i.event_id
        ),
        per_person as (
          select s.event_id, a.appointee_id, count(*) filter (where s.required) as required_present
          from invitations i
          join attendance a on a.appointee_id = i.appointee_id and a.committee_id = i.committee_id and a.present
          join event_sessions s on s.id = a.session_id and s.event_id = i.event_id
          where i.committee_id = ${committee.id}
          group by s.event_id, a.appointee_id
        ),
        att as (
          select p.event_id, count(*)::int as attended,
                 count(*) filter (where p.required_present >= (
                   select count(*) from event_sessions r where r.event_id = p.event_id and r.required))::int
                   as attended_all
          from per_person p group by p.event_id
        )
        select e.id as event_id, e.title_en, e.title_hi, e.starts_at, e.status,
               ${scopeClause("eu.path", scope)} as in_scope,
               coalesce(inv.invited, 0) as invited, coalesce(inv.registered, 0) as registered,
               coalesce(att.attended, 0) as attended, coalesce(att.attended_all, 0) as attended_all
        from (select event_id from inv union select event_id from att) k
        join events e on e.id = k.event_id
        join units eu on eu.id = e.unit_id
        left join inv on inv.event_id = e.id
        left join att on att.event_id = e.id
        order by e.starts_at desc, e.id desc`.execute(trx),
      trx.selectFrom("designations").select(["code", "nameEn", "nameHi"]).execute(),
    ]);
    return {
      committee: {
        id: committee.id,
        nameEn: committee.nameEn,
        nameHi: committee.nameHi,
        status: committee.status,
        seatQuota: committee.seatQuota,
      },
      unit: toReportUnit({
        id: committee.unitId,
        code: committee.code,
        level: committee.level,
        nameEn: committee.unitNameEn,
        nameHi: committee.unitNameHi,
      }),
      members: members.rows,
      trained: members.rows.filter((m) => m.sessionsAttended > 0).length,
      events: events.rows,
      designations,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------
// The organiser's dashboard

export type UpcomingEvent = {
  id: number;
  titleEn: string;
  titleHi: string;
  startsAt: Date;
  capacity: number;
  invited: number;
  registered: number;
  waitlisted: number;
};

export type RecentEvent = {
  id: number;
  titleEn: string;
  titleHi: string;
  startsAt: Date;
  status: "published" | "completed";
  invited: number;
  /** Invited people present at ≥1 session. */
  attended: number;
};

export type FormationByLevel = {
  level: UnitLevel;
  committees: number;
  formed: number;
  seats: number;
  members: number;
  trained: number;
};

export type Dashboard = {
  upcoming: UpcomingEvent[];
  recent: RecentEvent[];
  formation: FormationByLevel[];
  mail: MailHealth;
};

export const DASHBOARD_EVENTS = 10;

/**
 * Published events in scope that have not ended, the latest that have begun (with their attendance),
 * committee formation by level, and mail health.
 */
export async function getDashboard(db: Database, scope: Scope): Promise<Dashboard> {
  await flushTraining(db, READER_FLUSH_BATCHES);
  const [upcoming, recent, formation, mail] = await Promise.all([
    sql<UpcomingEvent>`
      select e.id, e.title_en, e.title_hi, e.starts_at, e.capacity,
             (select count(*) from invitations i where i.event_id = e.id and i.revoked_at is null)::int as invited,
             (select count(*) from registrations r where r.event_id = e.id and r.status = 'registered')::int
               as registered,
             (select count(*) from registrations r where r.event_id = e.id and r.status = 'waitlisted')::int
               as waitlisted
      from events e join units u on u.id = e.unit_id
      where e.status = 'published' and e.ends_at >= now() and ${scopeClause("u.path", scope)}
      order by e.starts_at, e.id
      limit ${DASHBOARD_EVENTS}`.execute(db),
    sql<RecentEvent>`
      select e.id, e.title_en, e.title_hi, e.starts_at, e.status,
             (select count(*) from invitations i where i.event_id = e.id and i.revoked_at is null)::int as invited,
             (select count(distinct a.appointee_id) from attendance a join event_sessions s on s.id = a.session_id
               where s.event_id = e.id and a.present and a.appointee_id is not null)::int as attended
      from events e join units u on u.id = e.unit_id
      where e.status in ('published', 'completed') and e.starts_at < now() and ${scopeClause("u.path", scope)}
      order by e.starts_at desc, e.id desc
      limit ${DASHBOARD_EVENTS}`.execute(db),
    sql<FormationByLevel>`
      select unit_level as level, count(*)::int as committees,
             count(*) filter (where status = 'formed')::int as formed,
             sum(seat_quota)::int as seats, sum(members)::int as members, sum(trained)::int as trained
      from committee_training
      where ${scopeClause("unit_path", scope)}
      group by unit_level
      order by unit_level_rank(unit_level)`.execute(db),
    getMailHealth(db),
  ]);
  return { upcoming: upcoming.rows, recent: recent.rows, formation: formation.rows, mail };
}
