// New personal links for links that leaked or were forwarded: one person's (an organiser), or every link
// of an event (an admin). The old token stops working at once; the new link goes by email to whoever has
// an address, and the organiser sees it to share by hand.
import { sql } from "kysely";
import { queueEmail, queueEmails } from "#app/mail/outbox.server.ts";
import { recordAudit } from "#app/models/organisation/audit.server.ts";
import type { Database } from "#app/platform/db.server.ts";
import { getEnv } from "#app/platform/env.server.ts";
import { type Result, refuse } from "#app/platform/result.ts";
import { newSealedToken } from "#app/platform/token.server.ts";
import { getEventInScope } from "./event-access.server.ts";
import {
  type InvitationActor,
  invitationEmail,
  lockInvitation,
  type MailRow,
  withdrawQueuedInvitationEmails,
} from "./invitation.server.ts";

export type ReissuedLink = Result<{ url: string; emailed: boolean; name: string; nameHi: string | null }>;

/** Whether links of this event can still be used: published and not over. */
function linksLive(event: { status: string; endsAt: Date }) {
  return event.status === "published" && event.endsAt.getTime() > Date.now();
}

/** One person's new link; the old one is dead from this moment, and mail carrying it is withdrawn. */
export async function reissueInvitationLink(
  db: Database,
  actor: InvitationActor,
  eventId: number,
  invitationId: number,
): Promise<ReissuedLink> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockInvitation(trx, actor.scope, eventId, invitationId);
    if (!locked) return refuse("audience.errors.invitationUnknown");
    const { event, row } = locked;
    if (row.revoked) return refuse("audience.errors.revoked");
    if (!linksLive(event)) return refuse("audience.errors.reissueClosed");
    const fresh = newSealedToken();
    const linkVersion = row.linkVersion + 1;
    await withdrawQueuedInvitationEmails(trx, [row.id], "withdrawn: the link was re-issued");
    const url = `${getEnv().PUBLIC_URL}/i/${fresh.token}`;
    const emailId = row.email
      ? await queueEmail(
          trx,
          invitationEmail(event, { ...row, linkVersion }, `invitation:${row.id}:v${linkVersion}`, url),
        )
      : null;
    await trx
      .updateTable("invitations")
      .set({
        tokenHash: fresh.tokenHash,
        tokenSealed: fresh.tokenSealed,
        linkVersion,
        ...(emailId ? { emailId } : {}),
      })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "invitation.link_reissued",
      entityType: "invitation",
      entityId: row.id,
      details: { eventId, emailId },
    });
    return { ok: true as const, url, emailed: emailId !== null, name: row.name, nameHi: row.nameHi };
  });
}

/**
 * Every live link of an event, new (an admin's answer to a leaked list): all old tokens die together, queued
 * invitation mail with them is withdrawn, and everyone with an address is sent their new link.
 */
export async function reissueEventLinks(
  db: Database,
  actor: InvitationActor,
  eventId: number,
): Promise<Result<{ reissued: number; emailed: number }>> {
  return db.transaction().execute(async (trx) => {
    const event = await getEventInScope(trx, actor.scope, eventId, true);
    if (!linksLive(event)) return refuse("audience.errors.reissueClosed");
    const { rows } = await sql<MailRow>`
      select i.id, i.appointee_id, i.link_version + 1 as link_version, null as token_sealed, i.email_id,
             p.name, p.name_hi, p.email, p.phone, p.preferred_language,
             c.name_en as committee_name_en, c.name_hi as committee_name_hi,
             coalesce(d.name_en, i.designation) as designation_name_en,
             coalesce(d.name_hi, i.designation) as designation_name_hi
        from invitations i
        join appointees p on p.id = i.appointee_id
        join committees c on c.id = i.committee_id
        left join designations d on d.code = i.designation
       where i.event_id = ${eventId} and i.revoked_at is null
       order by i.id
         for update of i`.execute(trx);
    const ids = rows.map((r) => r.id);
    await withdrawQueuedInvitationEmails(trx, ids, "withdrawn: the event's links were re-issued");
    const tokens = rows.map(() => newSealedToken());
    const publicUrl = getEnv().PUBLIC_URL;
    const withEmail = rows.flatMap((row, i) => (row.email ? [{ row, token: tokens[i]! }] : []));
    const emailIds = await queueEmails(
      trx,
      withEmail.map(({ row, token }) =>
        invitationEmail(
          event,
          row,
          `invitation:${row.id}:v${row.linkVersion}`,
          `${publicUrl}/i/${token.token}`,
        ),
      ),
    );
    const emailIdOf = new Map(withEmail.map(({ row }, i) => [row.id, emailIds[i]!]));
    await sql`
      update invitations i
         set token_hash = v.token_hash, token_sealed = v.token_sealed, link_version = i.link_version + 1,
             email_id = coalesce(v.email_id, i.email_id)
        from unnest(${ids}::int8[], ${tokens.map((t) => t.tokenHash)}::text[],
                    ${tokens.map((t) => t.tokenSealed)}::text[],
                    ${ids.map((id) => emailIdOf.get(id) ?? null)}::int8[]) as v(id, token_hash, token_sealed, email_id)
       where i.id = v.id`.execute(trx);
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "event.links_reissued",
      entityType: "event",
      entityId: eventId,
      details: { reissued: rows.length, emailed: withEmail.length },
    });
    return { ok: true as const, reissued: rows.length, emailed: withEmail.length };
  });
}
