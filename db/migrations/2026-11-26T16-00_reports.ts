// Frozen once landed: change the schema with a new migration, never by editing this one.
// Reports: who has been trained, kept per person and per committee by triggers so that a state's roll-up
// over 52,000 committees reads 52,000 summary rows instead of 520,000 appointments and 2,000,000 marks.
//
// appointee_training.present_sessions: the person's present attendance rows at sessions of events that are
// not cancelled (their own rows, and those of walk-ins verified as them). "Trained" is present_sessions > 0.
// committee_training: the committee's active appointments (members) and how many of those people are trained.
// Rows are derived data: every one can be recounted from the source tables (see the functions below).
//
// Every change recounts the people and committees it touches from the source tables, after locking their
// summary rows in id order (creating missing ones): a concurrent change to the same person or committee waits
// and then counts with the first one's rows committed, so no update is lost, and the id order keeps two
// transactions from deadlocking over them. People's rows are always locked before committees' rows.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table appointee_training (
      appointee_id bigint primary key references appointees (id) on delete cascade,
      present_sessions integer not null default 0 check (present_sessions >= 0),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // One row per committee, with the copies of its unit's path, code and level and its own status and quota
  // that a roll-up needs: a state's roll-up then reads this one table.
  await sql`
    create table committee_training (
      committee_id bigint primary key references committees (id) on delete cascade,
      unit_id bigint not null references units (id) on delete cascade,
      unit_path text not null,
      unit_code text not null,
      unit_level text not null,
      status text not null,
      seat_quota integer not null,
      members integer not null default 0 check (members >= 0),
      trained integer not null default 0 check (trained between 0 and members),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index committee_training_path_idx on committee_training (unit_path text_pattern_ops)`.execute(
    db,
  );
  // The recounts look attendance up by person and by walk-in, and walk-ins by the person they were verified as.
  await sql`create index attendance_appointee_idx on attendance (appointee_id) where appointee_id is not null`.execute(
    db,
  );
  await sql`create index attendance_walk_in_idx on attendance (walk_in_id) where walk_in_id is not null`.execute(
    db,
  );
  await sql`create index walk_ins_verified_idx on walk_ins (verified_appointee_id)
    where verified_appointee_id is not null`.execute(db);

  // Locks (creating where missing) the people's summary rows in id order. "do update … where false" takes the
  // row lock without writing a new row version.
  await sql`
    create function training_lock_appointees(ids bigint[]) returns void language sql as $$
      insert into appointee_training as t (appointee_id)
      select p.id from appointees p where p.id = any(ids) order by p.id
      on conflict (appointee_id) do update set present_sessions = t.present_sessions where false
    $$`.execute(db);

  await sql`
    create function training_refresh_committees(ids bigint[]) returns void language plpgsql as $$
    begin
      if coalesce(cardinality(ids), 0) = 0 then return; end if;
      insert into committee_training as t (committee_id, unit_id, unit_path, unit_code, unit_level, status, seat_quota)
      select c.id, u.id, u.path, u.code, u.level, c.status, c.seat_quota
      from committees c join units u on u.id = c.unit_id
      where c.id = any(ids) order by c.id
      on conflict (committee_id) do update set members = t.members where false;
      -- A new statement, so a new snapshot: it sees whatever the transactions we waited for committed.
      update committee_training t
      set unit_id = x.unit_id, unit_path = x.path, unit_code = x.code, unit_level = x.level, status = x.status,
          seat_quota = x.seat_quota, members = x.members, trained = x.trained, updated_at = now()
      from (
        select c.id, u.id as unit_id, u.path, u.code, u.level, c.status, c.seat_quota,
               count(a.id)::int as members,
               count(a.id) filter (where p.present_sessions > 0)::int as trained
        from committees c
        join units u on u.id = c.unit_id
        left join appointments a on a.committee_id = c.id and a.active
        left join appointee_training p on p.appointee_id = a.appointee_id
        where c.id = any(ids)
        group by c.id, u.id
      ) x
      where t.committee_id = x.id
        and (t.unit_id, t.unit_path, t.unit_code, t.unit_level, t.status, t.seat_quota, t.members, t.trained)
            is distinct from (x.unit_id, x.path, x.code, x.level, x.status, x.seat_quota, x.members, x.trained);
    end $$`.execute(db);

  // Recounts people; where someone became trained or stopped being trained, recounts their committees.
  await sql`
    create function training_refresh_appointees(ids bigint[]) returns void language plpgsql as $$
    declare
      committee_ids bigint[];
    begin
      if coalesce(cardinality(ids), 0) = 0 then return; end if;
      perform training_lock_appointees(ids);
      with counted as (
        select p.id, coalesce(x.n, 0)::int as n
        from appointees p
        left join (
          select m.person, count(*) as n
          from (
            select a.appointee_id as person, a.session_id
            from attendance a where a.appointee_id = any(ids) and a.present
            union all
            select w.verified_appointee_id, a.session_id
            from walk_ins w join attendance a on a.walk_in_id = w.id
            where w.verified_appointee_id = any(ids) and a.present
          ) m
          join event_sessions s on s.id = m.session_id
          join events e on e.id = s.event_id and e.status <> 'cancelled'
          group by m.person
        ) x on x.person = p.id
        where p.id = any(ids)
      ),
      changed as (
        update appointee_training t set present_sessions = c.n, updated_at = now()
        from counted c, appointee_training prior
        where t.appointee_id = c.id and prior.appointee_id = c.id and t.present_sessions <> c.n
        returning t.appointee_id, (prior.present_sessions > 0) <> (c.n > 0) as flipped
      )
      select array_agg(distinct a.committee_id order by a.committee_id) into committee_ids
      from changed join appointments a on a.appointee_id = changed.appointee_id and a.active
      where changed.flipped;
      perform training_refresh_committees(committee_ids);
    end $$`.execute(db);

  // Attendance: the people of rows that are or were present (a walk-in counts for the person it was verified
  // as) wait in training_pending, and training_flush recounts them later. A tablet's sync thus writes one
  // unindexed row per person instead of recounting them (that recount took ~40% of the sync's time); the
  // reports flush before they read, and the worker flushes every minute.
  // Correct under concurrency without locks: a flush deletes only the pending rows it can see (committed), so
  // a row whose sync has not committed yet stays for the next flush, which then also sees that sync's rows.
  await sql`create table training_pending (appointee_id bigint not null)`.execute(db);
  await sql`
    create function training_flush(batch integer) returns integer language plpgsql as $$
    declare
      ids bigint[];
      taken integer;
    begin
      -- One flush at a time: a second one waits, then takes what the first left (rather than skipping the
      -- rows the first holds and reading before they are counted).
      perform pg_advisory_xact_lock(hashtext('training_flush'));
      with gone as (
        delete from training_pending
        where ctid = any(array(select ctid from training_pending limit batch))
        returning appointee_id
      )
      select array_agg(distinct appointee_id order by appointee_id), count(*) into ids, taken from gone;
      perform training_refresh_appointees(ids);
      return taken;
    end $$`.execute(db);
  await sql`
    create function training_after_attendance() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into training_pending (appointee_id)
        select distinct coalesce(n.appointee_id, w.verified_appointee_id)
        from new_rows n left join walk_ins w on w.id = n.walk_in_id
        where n.present and coalesce(n.appointee_id, w.verified_appointee_id) is not null;
      elsif tg_op = 'UPDATE' then
        insert into training_pending (appointee_id)
        select distinct x.person from (
          select coalesce(r.appointee_id, w.verified_appointee_id) as person
          from old_rows o join new_rows n on n.id = o.id
          cross join lateral (values (o.appointee_id, o.walk_in_id), (n.appointee_id, n.walk_in_id)) r(appointee_id, walk_in_id)
          left join walk_ins w on w.id = r.walk_in_id
          where (o.present or n.present)
            and (o.present, o.session_id, o.appointee_id, o.walk_in_id)
                is distinct from (n.present, n.session_id, n.appointee_id, n.walk_in_id)
        ) x where x.person is not null;
      else
        insert into training_pending (appointee_id)
        select distinct coalesce(o.appointee_id, w.verified_appointee_id)
        from old_rows o left join walk_ins w on w.id = o.walk_in_id
        where o.present and coalesce(o.appointee_id, w.verified_appointee_id) is not null;
      end if;
      return null;
    end $$`.execute(db);
  for (const [op, referencing] of [
    ["insert", "new table as new_rows"],
    ["update", "old table as old_rows new table as new_rows"],
    ["delete", "old table as old_rows"],
  ] as const) {
    await sql
      .raw(
        `create trigger attendance_training_${op} after ${op} on attendance referencing ${referencing}
         for each statement execute function training_after_attendance()`,
      )
      .execute(db);
  }

  // A walk-in verified as someone (or no longer), or deleted (its attendance rows went with it).
  await sql`
    create function training_after_walk_ins() returns trigger language plpgsql as $$
    declare
      ids bigint[];
    begin
      if tg_op = 'UPDATE' then
        select array_agg(distinct x.person) into ids from (
          select unnest(array[o.verified_appointee_id, n.verified_appointee_id]) as person
          from old_rows o join new_rows n on n.id = o.id
          where o.verified_appointee_id is distinct from n.verified_appointee_id
        ) x where x.person is not null;
      else
        select array_agg(distinct o.verified_appointee_id) into ids
        from old_rows o where o.verified_appointee_id is not null;
      end if;
      perform training_refresh_appointees(ids);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger walk_ins_training_update after update on walk_ins
    referencing old table as old_rows new table as new_rows
    for each statement execute function training_after_walk_ins()`.execute(db);
  await sql`
    create trigger walk_ins_training_delete after delete on walk_ins referencing old table as old_rows
    for each statement execute function training_after_walk_ins()`.execute(db);

  // An event cancelled (or taken back from cancelled): everyone present at its sessions.
  await sql`
    create function training_after_events() returns trigger language plpgsql as $$
    declare
      ids bigint[];
    begin
      select array_agg(distinct x.person) into ids from (
        select coalesce(a.appointee_id, w.verified_appointee_id) as person
        from old_rows o
        join new_rows n on n.id = o.id
        join event_sessions s on s.event_id = n.id
        join attendance a on a.session_id = s.id and a.present
        left join walk_ins w on w.id = a.walk_in_id
        where (o.status = 'cancelled') <> (n.status = 'cancelled')
      ) x where x.person is not null;
      perform training_refresh_appointees(ids);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger events_training_update after update on events
    referencing old table as old_rows new table as new_rows
    for each statement execute function training_after_events()`.execute(db);

  // Appointments: the committees that gain or lose a member. The people are locked first, so that a
  // concurrent first attendance of theirs either finishes before (and is counted here) or sees this appointment.
  await sql`
    create function training_after_appointments() returns trigger language plpgsql as $$
    declare
      people bigint[];
      committee_ids bigint[];
    begin
      if tg_op = 'INSERT' then
        select array_agg(distinct n.appointee_id), array_agg(distinct n.committee_id)
          into people, committee_ids
        from new_rows n where n.active;
      elsif tg_op = 'UPDATE' then
        select array_agg(distinct r.appointee_id), array_agg(distinct r.committee_id)
          into people, committee_ids
        from old_rows o join new_rows n on n.id = o.id
        cross join lateral (values (o.appointee_id, o.committee_id), (n.appointee_id, n.committee_id))
          r(appointee_id, committee_id)
        where (o.active or n.active)
          and (o.active, o.appointee_id, o.committee_id) is distinct from (n.active, n.appointee_id, n.committee_id);
      else
        select array_agg(distinct o.appointee_id), array_agg(distinct o.committee_id)
          into people, committee_ids
        from old_rows o where o.active;
      end if;
      if coalesce(cardinality(committee_ids), 0) = 0 then return null; end if;
      -- People this very transaction created (an import's new office-bearers) cannot be marked present by
      -- anyone else yet: they need no lock, and a 100,000-row import writes no summary rows for them.
      perform training_lock_appointees(array(
        select p.id from appointees p where p.id = any(people) and p.xmin <> pg_current_xact_id()::xid));
      perform training_refresh_committees(committee_ids);
      return null;
    end $$`.execute(db);
  for (const [op, referencing] of [
    ["insert", "new table as new_rows"],
    ["update", "old table as old_rows new table as new_rows"],
    ["delete", "old table as old_rows"],
  ] as const) {
    await sql
      .raw(
        `create trigger appointments_training_${op} after ${op} on appointments referencing ${referencing}
         for each statement execute function training_after_appointments()`,
      )
      .execute(db);
  }

  // A new committee gets its row at once; a change of status, quota or unit is copied.
  await sql`
    create function training_after_committees() returns trigger language plpgsql as $$
    declare
      ids bigint[];
    begin
      if tg_op = 'INSERT' then
        select array_agg(n.id) into ids from new_rows n;
      else
        select array_agg(n.id) into ids from old_rows o join new_rows n on n.id = o.id
        where (o.status, o.seat_quota, o.unit_id) is distinct from (n.status, n.seat_quota, n.unit_id);
      end if;
      perform training_refresh_committees(ids);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger committees_training_insert after insert on committees referencing new table as new_rows
    for each statement execute function training_after_committees()`.execute(db);
  await sql`
    create trigger committees_training_update after update on committees
    referencing old table as old_rows new table as new_rows
    for each statement execute function training_after_committees()`.execute(db);

  // A unit moved (its path changes, and its descendants' paths with it), renamed in code, or changed level.
  await sql`
    create function training_after_units() returns trigger language plpgsql as $$
    declare
      ids bigint[];
    begin
      select array_agg(c.id) into ids
      from old_rows o join new_rows n on n.id = o.id join committees c on c.unit_id = n.id
      where (o.path, o.code, o.level) is distinct from (n.path, n.code, n.level);
      perform training_refresh_committees(ids);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger units_training_update after update on units
    referencing old table as old_rows new table as new_rows
    for each statement execute function training_after_units()`.execute(db);

  // Whatever exists already (a database migrated with data in it).
  await sql`
    select training_refresh_appointees(array_agg(id)) from appointees
    where exists (select 1 from appointments a where a.appointee_id = appointees.id)
       or exists (select 1 from attendance a where a.appointee_id = appointees.id)`.execute(db);
  await sql`select training_refresh_committees(array_agg(id)) from committees`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const op of ["insert", "update", "delete"]) {
    await sql.raw(`drop trigger appointments_training_${op} on appointments`).execute(db);
    await sql.raw(`drop trigger attendance_training_${op} on attendance`).execute(db);
  }
  await sql`drop trigger events_training_update on events`.execute(db);
  await sql`drop trigger units_training_update on units`.execute(db);
  await sql`drop trigger committees_training_update on committees`.execute(db);
  await sql`drop trigger committees_training_insert on committees`.execute(db);
  await sql`drop trigger walk_ins_training_update on walk_ins`.execute(db);
  await sql`drop trigger walk_ins_training_delete on walk_ins`.execute(db);
  await sql`drop function training_after_units()`.execute(db);
  await sql`drop function training_after_committees()`.execute(db);
  await sql`drop function training_after_appointments()`.execute(db);
  await sql`drop function training_after_events()`.execute(db);
  await sql`drop function training_after_walk_ins()`.execute(db);
  await sql`drop function training_after_attendance()`.execute(db);
  await sql`drop function training_flush(integer)`.execute(db);
  await sql`drop table training_pending`.execute(db);
  await sql`drop function training_refresh_appointees(bigint[])`.execute(db);
  await sql`drop function training_refresh_committees(bigint[])`.execute(db);
  await sql`drop function training_lock_appointees(bigint[])`.execute(db);
  await sql`drop index walk_ins_verified_idx`.execute(db);
  await sql`drop index attendance_walk_in_idx`.execute(db);
  await sql`drop index attendance_appointee_idx`.execute(db);
  await sql`drop table committee_training`.execute(db);
  await sql`drop table appointee_training`.execute(db);
}
