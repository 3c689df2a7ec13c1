// A state-sized organisation for the report benchmarks (npm run seed:scale, tests/bench/report.bench.ts):
// 50 districts, 200 assembly constituencies, 52,000 booths with their committees, about 515,000
// office-bearers, a district camp per district with about 2,000,000 attendance marks, a state convention,
// a cancelled camp, upcoming camps and a draft. Everything is set-based SQL over generate_series, in one
// transaction, so it takes minutes; the sizes are parameters so that a test can build a small copy.
//
// "Random" choices come from a multiplicative hash of ids (pct below): the same data on every run.
import { sql } from "kysely";
import type { Database } from "#app/platform/db.server.ts";

export type ScaleOptions = {
  districts: number;
  assembliesPerDistrict: number;
  boothsPerAssembly: number;
  log?: (message: string) => void;
};

export const stateScale: Omit<ScaleOptions, "log"> = {
  districts: 50,
  assembliesPerDistrict: 4,
  boothsPerAssembly: 260,
};

export const SCALE_ADMIN_EMAIL = "admin@scale.example";
/** An organiser scoped to the first district (SS-D01). */
export const SCALE_ORGANISER_EMAIL = "organiser.d01@scale.example";

export type ScaleCounts = {
  units: number;
  committees: number;
  appointees: number;
  appointments: number;
  events: number;
  sessions: number;
  invitations: number;
  registrations: number;
  marks: number;
  attendance: number;
  walkIns: number;
};

/** A number 0–99 from an integer expression, spread evenly and the same on every run. */
const pct = (expr: ReturnType<typeof sql>) => sql`((${expr})::bigint * 2654435761 % 1000003 % 100)`;

const given = [
  ["Ramesh", "रमेश"],
  ["Sunita", "सुनीता"],
  ["Mahesh", "महेश"],
  ["Kavita", "कविता"],
  ["Om Prakash", "ओम प्रकाश"],
  ["Geeta", "गीता"],
  ["Bhanwar", "भंवर"],
  ["Manju", "मंजू"],
  ["Kailash", "कैलाश"],
  ["Rekha", "रेखा"],
  ["Hemant", "हेमंत"],
] as const;
const family = [
  ["Sharma", "शर्मा"],
  ["Meena", "मीणा"],
  ["Rathore", "राठौड़"],
  ["Choudhary", "चौधरी"],
  ["Saini", "सैनी"],
  ["Gurjar", "गुर्जर"],
  ["Joshi", "जोशी"],
] as const;
const textArray = (values: readonly string[]) =>
  sql`array[${sql.join(values.map((v) => sql.lit(v)))}]::text[]`;

/**
 * Seeds the scale dataset into a migrated database without units, in one transaction, then vacuums
 * (index-only scans need the visibility map) and analyses it.
 */
export async function seedScale(db: Database, options: ScaleOptions): Promise<ScaleCounts> {
  const counts = await insertScale(db, options);
  const started = performance.now();
  await sql`vacuum (analyze)`.execute(db);
  options.log?.(`vacuum analyze: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return counts;
}

async function insertScale(db: Database, options: ScaleOptions): Promise<ScaleCounts> {
  const log = options.log ?? (() => {});
  const { districts, assembliesPerDistrict, boothsPerAssembly } = options;
  return db.transaction().execute(async (trx) => {
    const existing = await sql<{ n: number }>`select count(*)::int as n from units`.execute(trx);
    if (existing.rows[0]!.n > 0)
      throw new Error("the database already has units: scale data goes only into an empty one");
    // Big sorts and hashes in memory; no JIT compile for one-off statements.
    await sql`set local work_mem = '256MB'`.execute(trx);
    await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
    await sql`set local jit = off`.execute(trx);

    let started = performance.now();
    const step = async (label: string, statement: ReturnType<typeof sql>) => {
      const result = await statement.execute(trx);
      const now = performance.now();
      log(
        `${label}: ${result.numAffectedRows ?? result.rows.length} rows in ${((now - started) / 1000).toFixed(1)} s`,
      );
      started = now;
      return result;
    };
    const analyze = (tables: string[]) =>
      step(`analyze ${tables.join(", ")}`, sql`analyze ${sql.join(tables.map((t) => sql.table(t)))}`);

    // The tree: SS, SS-D01…, SS-D01-A1…, SS-D01-A1-B001… (the path trigger fills path and depth).
    await step(
      "state",
      sql`insert into units (level, code, name_en, name_hi) values ('state', 'SS', 'Scale State', 'स्केल प्रदेश')`,
    );
    await step(
      "districts",
      sql`insert into units (parent_id, level, code, name_en, name_hi)
          select s.id, 'district', 'SS-D' || lpad(d::text, 2, '0'), 'District ' || lpad(d::text, 2, '0'),
                 'ज़िला ' || lpad(d::text, 2, '0')
          from units s, generate_series(1, ${districts}) d where s.code = 'SS' order by d`,
    );
    await step(
      "assemblies",
      sql`insert into units (parent_id, level, code, name_en, name_hi)
          select u.id, 'assembly', u.code || '-A' || a, 'Assembly ' || substr(u.code, 5) || '-' || a,
                 'विधानसभा ' || substr(u.code, 5) || '-' || a
          from units u, generate_series(1, ${assembliesPerDistrict}) a where u.level = 'district' order by u.id, a`,
    );
    await step(
      "booths",
      sql`insert into units (parent_id, level, code, name_en, name_hi)
          select u.id, 'booth', u.code || '-B' || lpad(b::text, 3, '0'),
                 'Booth ' || substr(u.code, 5) || '-' || lpad(b::text, 3, '0'),
                 'बूथ ' || substr(u.code, 5) || '-' || lpad(b::text, 3, '0')
          from units u, generate_series(1, ${boothsPerAssembly}) b where u.level = 'assembly' order by u.id, b`,
    );
    await analyze(["units"]);

    // One committee per unit. 4% of booth committees are still forming (partly filled); the rest are formed.
    await step(
      "committees",
      sql`insert into committees (unit_id, name_en, name_hi, seat_quota, status, formed_at)
          select u.id, u.name_en || ' Committee', u.name_hi || ' समिति',
                 case u.level when 'state' then 50 when 'district' then 40 else 10 end,
                 case when u.level = 'booth' and ${pct(sql`u.id`)} < 4 then 'forming' else 'formed' end,
                 case when u.level = 'booth' and ${pct(sql`u.id`)} < 4 then null
                      else now() - interval '60 days' end
          from units u order by u.id`,
    );
    await analyze(["committees"]);

    // New people for every committee but the assemblies': a formed booth committee fills its 10 seats, a
    // forming one 5–9. The phone encodes committee and seat, so the appointments come from the same rows.
    await step(
      "appointees and appointments",
      sql`with plan as (
            select c.id as committee_id, seat
            from committees c join units u on u.id = c.unit_id,
                 generate_series(1, case when u.level = 'booth' and c.status = 'forming'
                                         then 5 + ${pct(sql`c.id * 7`)} % 5 else c.seat_quota end) seat
            where u.level <> 'assembly'
          ),
          people as (
            insert into appointees (name, name_hi, phone, email, preferred_language)
            select (${textArray(given.map((g) => g[0]))})[1 + n % ${given.length}] || ' ' ||
                     (${textArray(family.map((f) => f[0]))})[1 + (n / ${given.length}) % ${family.length}] || ' ' || n,
                   (${textArray(given.map((g) => g[1]))})[1 + n % ${given.length}] || ' ' ||
                     (${textArray(family.map((f) => f[1]))})[1 + (n / ${given.length}) % ${family.length}],
                   '+91' || (6000000000 + n)::text,
                   case when ${pct(sql`n`)} < 85 then 'p' || n || '@scale.example' end,
                   case when n % 10 < 7 then 'hi' else 'en' end
            from (select committee_id * 64 + seat as n from plan) p
            order by n
            returning id, phone
          )
          insert into appointments (appointee_id, committee_id, designation, appointed_at)
          select id, (substr(phone, 4)::bigint - 6000000000) / 64,
                 case (substr(phone, 4)::bigint - 6000000000) % 64
                   when 1 then 'president' when 2 then 'vice_president' when 3 then 'general_secretary'
                   when 4 then 'secretary' when 9 then 'fact_check_team' when 10 then 'research_team'
                   else 'member' end,
                 now() - interval '60 days'
          from people`,
    );
    // An assembly committee is the presidents of its first ten booths: each holds two seats.
    await step(
      "assembly appointments",
      sql`insert into appointments (appointee_id, committee_id, designation, appointed_at)
          select a.appointee_id, ac.id,
                 case when row_number() over w = 1 then 'president' else 'member' end,
                 now() - interval '60 days'
          from committees ac
          join units au on au.id = ac.unit_id and au.level = 'assembly'
          join units bu on bu.parent_id = au.id
          join committees bc on bc.unit_id = bu.id
          join appointments a on a.committee_id = bc.id and a.designation = 'president'
          where bu.code <= au.code || '-B010'
          window w as (partition by ac.id order by bu.code)`,
    );
    await analyze(["appointees", "appointments"]);

    await step(
      "staff",
      sql`insert into staff_users (email, name, role, scope_unit_id, preferred_language)
          select ${SCALE_ADMIN_EMAIL}, 'Scale Admin', 'admin', null, 'en'
          union all
          select ${SCALE_ORGANISER_EMAIL}, 'District 01 Organiser', 'organiser', id, 'hi' from units where code = 'SS-D01'
          union all
          select 'trainer@scale.example', 'Scale Trainer', 'trainer', null, 'hi'`,
    );

    // Events: a finished camp per district (5 sessions, the expert one optional), a finished state
    // convention (2 sessions), a cancelled camp, five upcoming camps and a draft.
    await step(
      "events",
      sql`insert into events (kind, unit_id, title_en, title_hi, venue_name, starts_at, ends_at,
                              registration_opens_at, registration_closes_at, capacity, status,
                              published_at, cancelled_at, ical_uid)
          select kind, unit_id, title_en, title_hi, venue, starts, starts + interval '8 hours',
                 starts - interval '20 days', starts - interval '1 day', capacity, status,
                 case when status <> 'draft' then starts - interval '21 days' end,
                 case when status = 'cancelled' then starts - interval '3 days' end,
                 'scale-' || tag || '@shivir'
          from (
            select 'district_camp' as kind, u.id as unit_id, u.name_en || ' Training Camp' as title_en,
                   u.name_hi || ' प्रशिक्षण शिविर' as title_hi, u.name_en || ' Town Hall' as venue,
                   date_trunc('day', now()) - interval '40 days' + (row_number() over (order by u.id)) * interval '12 hours'
                     + interval '4 hours 30 minutes' as starts,
                   15000 as capacity, 'completed' as status, 'camp-' || u.code as tag
            from units u where u.level = 'district'
            union all
            select 'state_convention', u.id, 'State Convention', 'प्रदेश सम्मेलन', 'State Convention Centre',
                   date_trunc('day', now()) - interval '50 days' + interval '4 hours 30 minutes', 8000, 'completed',
                   'convention' from units u where u.level = 'state'
            union all
            select 'district_camp', u.id, u.name_en || ' Camp (cancelled)', u.name_hi || ' शिविर (रद्द)',
                   u.name_en || ' Stadium', date_trunc('day', now()) - interval '45 days' + interval '4 hours 30 minutes',
                   15000, 'cancelled', 'cancelled-' || u.code from units u where u.code = 'SS-D02'
            union all
            select 'district_camp', u.id, u.name_en || ' Refresher Camp', u.name_hi || ' पुनश्चर्या शिविर',
                   u.name_en || ' Town Hall', date_trunc('day', now()) + (10 + row_number() over (order by u.id)) * interval '1 day'
                     + interval '4 hours 30 minutes',
                   6000, 'published', 'refresher-' || u.code
            from units u where u.level = 'district' and u.code <= 'SS-D05'
            union all
            select 'other', u.id, 'Planning meeting', 'योजना बैठक', 'State Office',
                   date_trunc('day', now()) + interval '30 days 4 hours 30 minutes', 100, 'draft', 'draft'
            from units u where u.level = 'state'
          ) e`,
    );
    await step(
      "sessions",
      sql`insert into event_sessions (event_id, kind, title_en, title_hi, room, starts_at, ends_at, required, ical_uid)
          select e.id, s.kind, s.title_en, s.title_hi, 'Hall ' || s.n,
                 e.starts_at + (s.n - 1) * interval '90 minutes', e.starts_at + (s.n - 1) * interval '90 minutes' + interval '75 minutes',
                 s.required, 'scale-' || e.id || '-' || s.n || '@shivir'
          from events e
          join (values
            (1, 'plenary', 'Opening plenary', 'उद्घाटन सत्र', true),
            (2, 'training', 'The work of a committee', 'समिति का काम', true),
            (3, 'training', 'Booth management', 'बूथ प्रबंधन', true),
            (4, 'expert', 'Social media', 'सोशल मीडिया', false),
            (5, 'plenary', 'Closing plenary', 'समापन सत्र', true)
          ) s(n, kind, title_en, title_hi, required)
            on s.n <= case e.kind when 'state_convention' then 2 when 'other' then 1
                                  else case e.status when 'published' then 3 else 5 end end`,
    );
    await analyze(["events", "event_sessions"]);

    // Invitations: a district camp invites its district's formed committees; the convention the state's,
    // the districts' and the assemblies'. One per person, through the first committee that reaches them.
    await step(
      "invitations",
      sql`insert into invitations (event_id, appointee_id, committee_id, designation, created_at)
          select distinct on (e.id, a.appointee_id) e.id, a.appointee_id, c.id, a.designation, e.published_at
          from events e
          join units eu on eu.id = e.unit_id
          join units u on u.path like eu.path || '%'
          join committees c on c.unit_id = u.id and c.status = 'formed'
          join appointments a on a.committee_id = c.id and a.active
          where e.status <> 'draft' and (e.kind = 'district_camp' or u.level in ('state', 'district', 'assembly'))
          order by e.id, a.appointee_id, c.id`,
    );
    await analyze(["invitations"]);
    // Registrations: at finished camps 78% registered, 5% declined, 3% waitlisted, 2% cancelled; at upcoming
    // camps 45% registered so far.
    await step(
      "registrations",
      sql`insert into registrations (invitation_id, event_id, appointee_id, status, pass_id, waitlisted_at, registered_at, created_at)
          select i.id, i.event_id, i.appointee_id, r.status, 'scale-' || i.id,
                 case when r.status = 'waitlisted' then e.published_at + interval '2 days' end,
                 case when r.status in ('registered', 'cancelled') then e.published_at + interval '1 day' end,
                 e.published_at + interval '1 day'
          from invitations i join events e on e.id = i.event_id
          cross join lateral (select ${pct(sql`i.id`)} as p) h
          cross join lateral (select case
            when e.status = 'published' then case when h.p < 45 then 'registered' end
            when h.p < 78 then 'registered' when h.p < 83 then 'declined'
            when h.p < 86 then 'waitlisted' when h.p < 88 then 'cancelled' end as status) r
          where r.status is not null`,
    );
    await step(
      "tablets",
      sql`insert into tablet_devices (event_id, name, token_hash)
          select e.id, 'Tablet ' || t, 'scale-' || e.id || '-' || t
          from events e, generate_series(1, 2) t where e.status = 'completed' order by e.id, t`,
    );
    await analyze(["registrations", "tablet_devices"]);

    // Who was marked where: 88% of the registered came; each was present at a session 92% of the time.
    // r decides the marks: < 5 marked then undone (absent); 5–14 marked twice (two tablets); 15–19
    // marked, undone and marked again; otherwise one mark.
    await step(
      "attendance plan",
      sql`create temporary table scale_plan on commit drop as
          select s.id as session_id, i.appointee_id, i.committee_id, s.starts_at, t.tablet_id,
                 ${pct(sql`i.id * 13 + s.id * 17`)} as r
          from registrations g
          join invitations i on i.id = g.invitation_id
          join events e on e.id = i.event_id and e.status = 'completed'
          join (select event_id, min(id) as tablet_id from tablet_devices group by event_id) t on t.event_id = e.id
          join event_sessions s on s.event_id = e.id
          where g.status = 'registered' and ${pct(sql`i.id * 7`)} < 88 and ${pct(sql`i.id * 31 + s.id`)} < 92`,
    );
    await step(
      "attendance marks",
      sql`insert into attendance_marks (client_id, session_id, appointee_id, committee_id, action, marked_at,
                                        device_id, tablet_device_id, received_at)
          select md5(m.n || ':' || p.session_id || ':' || p.appointee_id)::uuid, p.session_id, p.appointee_id,
                 p.committee_id, m.action, p.starts_at + m.offset_at + (p.r % 10) * interval '1 minute',
                 'tablet-' || (p.tablet_id + m.tablet), p.tablet_id + m.tablet,
                 p.starts_at + m.offset_at + interval '30 minutes'
          from scale_plan p
          join (values (1, 'mark', interval '0', 0), (2, 'undo', interval '5 minutes', 0),
                       (3, 'mark', interval '10 minutes', 0), (4, 'mark', interval '-1 minute', 1))
               m(n, action, offset_at, tablet)
            on m.n = 1 or (m.n = 2 and (p.r < 5 or p.r between 15 and 19))
               or (m.n = 3 and p.r between 15 and 19) or (m.n = 4 and p.r between 5 and 14)`,
    );
    await analyze(["attendance_marks"]);
    await step(
      "attendance",
      sql`insert into attendance (session_id, appointee_id, committee_id, present, decided_by_mark_id,
                                  decided_by_client_id, marked_at, updated_at)
          select m.session_id, m.appointee_id, m.committee_id, m.action = 'mark', m.id, m.client_id, m.marked_at,
                 m.received_at
          from scale_plan p
          join attendance_marks m on m.client_id = md5(
            (case when p.r < 5 then 2 when p.r between 15 and 19 then 3 else 1 end) || ':' || p.session_id || ':' || p.appointee_id
          )::uuid`,
    );

    // At each finished district camp, eight walk-ins at the opening session; half of them turn out to be
    // members of a forming booth committee (not invited) and are verified by phone.
    await step(
      "walk-ins",
      sql`with camp as (
            select e.id as event_id, s.id as session_id, s.starts_at, eu.path,
                   (select min(t.id) from tablet_devices t where t.event_id = e.id) as tablet_id
            from events e join units eu on eu.id = e.unit_id
            join event_sessions s on s.event_id = e.id and s.title_en = 'Opening plenary'
            where e.kind = 'district_camp' and e.status = 'completed'
          ),
          verifiable as (
            select camp.event_id, p.id as appointee_id, p.phone,
                   row_number() over (partition by camp.event_id order by p.id) as k
            from camp
            join units u on u.path like camp.path || '%'
            join committees c on c.unit_id = u.id and c.status = 'forming'
            join appointments a on a.committee_id = c.id and a.active
            join appointees p on p.id = a.appointee_id
          )
          insert into walk_ins (id, event_id, session_id, name, phone, device_id, tablet_device_id, created_at,
                                verified_appointee_id, verified_at)
          select md5('walk-in:' || camp.event_id || ':' || w)::uuid, camp.event_id, camp.session_id,
                 'Walk-in ' || camp.event_id || '-' || w,
                 coalesce(v.phone, '+9150' || lpad((camp.event_id * 10 + w)::text, 8, '0')),
                 'tablet-' || camp.tablet_id, camp.tablet_id, camp.starts_at + w * interval '1 minute',
                 v.appointee_id, case when v.appointee_id is not null then camp.starts_at + interval '1 day' end
          from camp cross join generate_series(1, 8) w
          left join verifiable v on v.event_id = camp.event_id and v.k = w and w <= 4`,
    );
    await step(
      "walk-in marks",
      sql`insert into attendance_marks (client_id, session_id, walk_in_id, action, marked_at, device_id,
                                        tablet_device_id, received_at)
          select md5('mark:' || w.id)::uuid, w.session_id, w.id, 'mark', w.created_at, w.device_id,
                 w.tablet_device_id, w.received_at
          from walk_ins w`,
    );
    await step(
      "walk-in attendance",
      sql`insert into attendance (session_id, walk_in_id, present, decided_by_mark_id, decided_by_client_id, marked_at)
          select m.session_id, m.walk_in_id, true, m.id, m.client_id, m.marked_at
          from attendance_marks m where m.walk_in_id is not null`,
    );
    await analyze(["attendance", "attendance_marks", "walk_ins"]);
    // The attendance triggers left everyone present in training_pending: recount them all in one go.
    await step("report summaries", sql`select training_flush(2147483647)`);

    const counts = await sql<ScaleCounts>`
      select (select count(*)::int from units) as units,
             (select count(*)::int from committees) as committees,
             (select count(*)::int from appointees) as appointees,
             (select count(*)::int from appointments) as appointments,
             (select count(*)::int from events) as events,
             (select count(*)::int from event_sessions) as sessions,
             (select count(*)::int from invitations) as invitations,
             (select count(*)::int from registrations) as registrations,
             (select count(*)::int from attendance_marks) as marks,
             (select count(*)::int from attendance) as attendance,
             (select count(*)::int from walk_ins) as "walkIns"`.execute(trx);
    return counts.rows[0]!;
  });
}
