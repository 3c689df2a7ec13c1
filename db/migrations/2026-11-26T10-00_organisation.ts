// Frozen once landed: change the schema with a new migration, never by editing this one.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // Levels of the organisation tree, outermost first; a child is always at a deeper level.
  await sql`
    create function unit_level_rank(level text) returns int language sql immutable strict as $$
      select array_position(array['state','district','assembly','block','panchayat','booth'], level)
    $$`.execute(db);

  await db.schema
    .createTable("units")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("parent_id", "bigint", (c) => c.references("units.id").onDelete("restrict"))
    .addColumn("level", "text", (c) => c.notNull().check(sql`unit_level_rank(level) is not null`))
    .addColumn("code", "text", (c) => c.notNull().unique().check(sql`code ~ '^[A-Z0-9][A-Z0-9-]{0,39}$'`))
    .addColumn("name_en", "text", (c) => c.notNull().check(sql`length(btrim(name_en)) between 1 and 200`))
    .addColumn("name_hi", "text", (c) => c.notNull().check(sql`length(btrim(name_hi)) between 1 and 200`))
    // Materialised path of ids, '/1/12/140/': a subtree is `path like '/1/12/%'` on a text_pattern_ops index.
    .addColumn("path", "text", (c) => c.notNull().unique())
    .addColumn("depth", "smallint", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("units_root_is_state", sql`(parent_id is null) = (level = 'state')`)
    .execute();
  await sql`create index units_path_prefix_idx on units (path text_pattern_ops)`.execute(db);
  await db.schema.createIndex("units_parent_idx").on("units").column("parent_id").execute();
  await db.schema.createIndex("units_level_idx").on("units").column("level").execute();

  // The path is derived in the database so that no writer can get it wrong; moving a unit rewrites its subtree.
  await sql`
    create function units_set_path() returns trigger language plpgsql as $$
    declare
      parent units%rowtype;
    begin
      if new.parent_id is null then
        new.path := '/' || new.id || '/';
        new.depth := 0;
      else
        select * into parent from units where id = new.parent_id;
        if parent.path like '%/' || new.id || '/%' then
          raise exception 'unit % cannot move below its own descendant %', new.id, new.parent_id
            using errcode = 'check_violation';
        end if;
        if unit_level_rank(new.level) <= unit_level_rank(parent.level) then
          raise exception 'a % unit cannot sit below a % unit', new.level, parent.level
            using errcode = 'check_violation';
        end if;
        new.path := parent.path || new.id || '/';
        new.depth := parent.depth + 1;
      end if;
      if tg_op = 'UPDATE' and exists (
        select 1 from units child
         where child.parent_id = new.id and unit_level_rank(child.level) <= unit_level_rank(new.level)
      ) then
        raise exception 'unit % has children at level % or above', new.id, new.level
          using errcode = 'check_violation';
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger units_set_path before insert or update of parent_id, level on units
    for each row execute function units_set_path()`.execute(db);
  await sql`
    create function units_move_subtree() returns trigger language plpgsql as $$
    begin
      update units
         set path = new.path || substr(path, length(old.path) + 1),
             depth = depth + (new.depth - old.depth)
       where path like old.path || '%' and id <> new.id;
      return null;
    end $$`.execute(db);
  // Not "after update of path": the path changes in the BEFORE trigger, which "update of" does not see.
  // Descendants rewritten here fire it again and find nothing left to move.
  await sql`
    create trigger units_move_subtree after update on units
    for each row when (old.path is distinct from new.path) execute function units_move_subtree()`.execute(db);

  await db.schema
    .createTable("committees")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("unit_id", "bigint", (c) => c.notNull().unique().references("units.id").onDelete("restrict"))
    .addColumn("name_en", "text", (c) => c.notNull().check(sql`length(btrim(name_en)) between 1 and 200`))
    .addColumn("name_hi", "text", (c) => c.notNull().check(sql`length(btrim(name_hi)) between 1 and 200`))
    .addColumn("seat_quota", "integer", (c) => c.notNull().check(sql`seat_quota between 1 and 1000`))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("forming").check(sql`status in ('forming', 'formed')`),
    )
    .addColumn("formed_at", "timestamptz")
    .addColumn("formed_override_reason", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("committees_formed_at_iff_formed", sql`(status = 'formed') = (formed_at is not null)`)
    .execute();
  await db.schema.createIndex("committees_status_idx").on("committees").column("status").execute();

  await db.schema
    .createTable("appointees")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    // One name field: many office-bearers use a single name.
    .addColumn("name", "text", (c) => c.notNull().check(sql`length(btrim(name)) between 1 and 200`))
    .addColumn("name_hi", "text", (c) => c.check(sql`length(btrim(name_hi)) between 1 and 200`))
    .addColumn("phone", "text", (c) => c.unique().check(sql`phone ~ '^\\+[1-9][0-9]{7,14}$'`))
    .addColumn("email", "text", (c) =>
      c.check(
        sql`email = lower(btrim(email)) and email ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' and length(email) <= 254`,
      ),
    )
    .addColumn("preferred_language", "text", (c) =>
      c.notNull().defaultTo("hi").check(sql`preferred_language in ('hi', 'en')`),
    )
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("appointees_email_key").on("appointees").column("email").unique().execute();

  await db.schema
    .createTable("appointments")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("appointee_id", "bigint", (c) => c.notNull().references("appointees.id").onDelete("restrict"))
    .addColumn("committee_id", "bigint", (c) => c.notNull().references("committees.id").onDelete("restrict"))
    .addColumn("designation", "text", (c) => c.notNull().check(sql`designation ~ '^[a-z][a-z0-9_]{0,39}$'`))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("appointed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("ended_at", "timestamptz")
    .addCheckConstraint("appointments_ended_iff_inactive", sql`active = (ended_at is null)`)
    .execute();
  await sql`
    create unique index appointments_one_active_per_committee
      on appointments (appointee_id, committee_id) where active`.execute(db);
  await db.schema
    .createIndex("appointments_committee_idx")
    .on("appointments")
    .column("committee_id")
    .execute();

  await db.schema
    .createTable("staff_users")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("email", "text", (c) =>
      c.notNull().unique().check(sql`email = lower(btrim(email)) and email ~ '^[^@\\s]+@[^@\\s]+$'`),
    )
    .addColumn("name", "text", (c) => c.notNull().check(sql`length(btrim(name)) between 1 and 200`))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('admin', 'organiser', 'trainer')`))
    .addColumn("scope_unit_id", "bigint", (c) => c.references("units.id").onDelete("restrict"))
    .addColumn("preferred_language", "text", (c) =>
      c.notNull().defaultTo("hi").check(sql`preferred_language in ('hi', 'en')`),
    )
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("staff_organiser_has_scope", sql`role <> 'organiser' or scope_unit_id is not null`)
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("actor_staff_id", "bigint", (c) => c.references("staff_users.id").onDelete("set null"))
    .addColumn("action", "text", (c) => c.notNull().check(sql`action ~ '^[a-z][a-z0-9_.]{0,79}$'`))
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "bigint")
    .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .createIndex("audit_log_entity_idx")
    .on("audit_log")
    .columns(["entity_type", "entity_id", "at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audit_log").execute();
  await db.schema.dropTable("staff_users").execute();
  await db.schema.dropTable("appointments").execute();
  await db.schema.dropTable("appointees").execute();
  await db.schema.dropTable("committees").execute();
  await db.schema.dropTable("units").execute();
  await sql`drop function units_move_subtree()`.execute(db);
  await sql`drop function units_set_path()`.execute(db);
  await sql`drop function unit_level_rank(text)`.execute(db);
}
