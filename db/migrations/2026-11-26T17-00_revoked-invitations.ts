// Every tablet asks every few seconds which of its event's invitations were withdrawn since it last looked:
// a small index of the withdrawn ones answers that without walking all of the event's invitations.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index invitations_revoked_idx on invitations (event_id, revoked_at)
    where revoked_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index invitations_revoked_idx`.execute(db);
}
