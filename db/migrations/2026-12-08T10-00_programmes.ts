// Frozen once landed: change the schema with a new migration, never by editing this one.
// Training programmes (issue 14): a programme has modules; a session teaches at most one module; a person
// completes a module by being present at any session of it, at any event, within the programme's dates.
// Completion is derived (the view module_completions), never stored, so an undone mark or a merge that
// moves attendance changes it at once; certificates are the one stored consequence, reconciled with it.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table programmes (
      id bigint generated always as identity primary key,
      name_hi text not null check (length(btrim(name_hi)) between 1 and 200),
      name_en text not null check (length(btrim(name_en)) between 1 and 200),
      starts_on date not null,
      ends_on date not null,
      -- Who it is for: the committees of this unit's subtree, at these levels (null: every level).
      unit_id bigint not null references units (id) on delete restrict,
      levels text[] check (levels is null or cardinality(levels) > 0),
      created_by_staff_id bigint references staff_users (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_on >= starts_on)
    )`.execute(db);
  await sql`
    create table programme_modules (
      id bigint generated always as identity primary key,
      programme_id bigint not null references programmes (id) on delete cascade,
      name_hi text not null check (length(btrim(name_hi)) between 1 and 200),
      name_en text not null check (length(btrim(name_en)) between 1 and 200),
      required boolean not null default true,
      position integer not null default 0
    )`.execute(db);
  await sql`create index programme_modules_programme_idx on programme_modules (programme_id, position)`.execute(
    db,
  );
  await sql`alter table event_sessions add column module_id bigint references programme_modules (id)
    on delete set null`.execute(db);
  await sql`create index event_sessions_module_idx on event_sessions (module_id) where module_id is not null`.execute(
    db,
  );

  // A make-up camp's audience: the people a rule reaches who have not completed this module (kept current:
  // see module_completions below and app/models/events/invitation.server.ts audienceCtes).
  await sql`alter table event_audience_rules add column missing_module_id bigint references programme_modules (id)
    on delete cascade`.execute(db);

  // Who completed which module: the earliest session of it they were present at (their own attendance, or a
  // walk-in's verified as them) at an event that is not cancelled, within the programme's dates in IST.
  await sql`
    create view module_completions as
    select distinct on (m.person, s.module_id)
      m.person as appointee_id, s.module_id, md.programme_id, s.id as session_id, s.event_id, s.starts_at
    from (
      select a.appointee_id as person, a.session_id from attendance a
      where a.present and a.appointee_id is not null
      union all
      select w.verified_appointee_id, a.session_id
      from attendance a join walk_ins w on w.id = a.walk_in_id
      where a.present and w.verified_appointee_id is not null
    ) m
    join event_sessions s on s.id = m.session_id and s.module_id is not null
    join programme_modules md on md.id = s.module_id
    join programmes p on p.id = md.programme_id
    join events e on e.id = s.event_id and e.status <> 'cancelled'
    where (s.starts_at at time zone 'Asia/Kolkata')::date between p.starts_on and p.ends_on
    order by m.person, s.module_id, s.starts_at, s.id`.execute(db);

  // A certificate keeps what it certified (details) so that the verification page shows what was issued.
  // One current (unrevoked) certificate per person and programme; a revoked one stays, with its reason.
  await sql`
    create table certificates (
      id bigint generated always as identity primary key,
      code text not null unique check (code ~ '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'),
      programme_id bigint not null references programmes (id) on delete cascade,
      appointee_id bigint references appointees (id) on delete set null,
      details jsonb not null,
      issued_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_reason text,
      email_id bigint references emails (id) on delete set null,
      check ((revoked_at is null) = (revoked_reason is null))
    )`.execute(db);
  await sql`create unique index certificates_current_idx on certificates (programme_id, appointee_id)
    where revoked_at is null`.execute(db);
  await sql`create index certificates_appointee_idx on certificates (appointee_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table certificates`.execute(db);
  await sql`drop view module_completions`.execute(db);
  await sql`alter table event_audience_rules drop column missing_module_id`.execute(db);
  await sql`alter table event_sessions drop column module_id`.execute(db);
  await sql`drop table programme_modules`.execute(db);
  await sql`drop table programmes`.execute(db);
}
