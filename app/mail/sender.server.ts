// Sends the outbox. Rows are claimed in batches under a lease; a batch keeps its key (and so its
// Idempotency-Key) through every retry, so a crash between "provider accepted" and "we recorded it" never
// sends twice: the retry gets the provider's stored answer.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Selectable } from "kysely";
import type { Emails } from "#db/types.ts";
import { addJob } from "#app/platform/jobs.server.ts";
import { renderEmail } from "#app/mail/render.server.ts";
import type { Database, Tx } from "#app/platform/db.server.ts";
import { getEnv } from "#app/platform/env.server.ts";
import { logger } from "#app/platform/logger.server.ts";
import { acquireSendSlot, deferSendSlots } from "./send-rate.server.ts";
import type { OutgoingEmail, SendResult, Transport } from "./transport.server.ts";

export const BATCH_LIMIT = 100;

export type DrainOptions = {
  leaseSeconds: number;
  ratePerSecond: number;
  /** Messages per batch request, at most 100. */
  batchSize?: number;
  /** Claims of one message before it is given up as failed. */
  maxAttempts?: number;
  /** Quick retries of a transient error inside one claim. */
  retriesPerClaim?: number;
  backoffMs?: (retry: number) => number;
  from?: string;
};

type EmailRow = Selectable<Emails>;
type Claim = { key: string; alone: boolean; rows: EmailRow[] };

const defaultBackoff = (retry: number) => Math.min(30_000, 500 * 2 ** retry) * (0.75 + Math.random() / 2);

/**
 * Sends until nothing is claimable; returns how many messages it settled. One batch is claimed and rendered
 * ahead while the current one waits for its rate-limit slot, so rendering never slows the send rate.
 */
export async function drainOutbox(db: Database, transport: Transport, options: DrainOptions) {
  const settled = { sent: 0, failed: 0 };
  // Claims this run put off after repeated errors wait for a later run, not this loop.
  const deferred = new Set<string>();
  const prepareNext = async () => {
    const claim = await claimNext(db, options, deferred);
    return claim ? prepareClaim(db, claim, options) : null;
  };
  let next = prepareNext();
  let requeued = false;
  for (;;) {
    let prepared = await next;
    // The look-ahead found nothing, but the last batch put messages back in the queue to go alone.
    if (!prepared && requeued) prepared = await prepareNext();
    if (!prepared) break;
    next = prepareNext();
    const outcome = prepared.outgoing.length
      ? await deliverClaim(db, transport, prepared, options)
      : { sent: 0, failed: 0 };
    settled.sent += outcome.sent;
    settled.failed += outcome.failed + prepared.failed;
    if (outcome.deferred) deferred.add(prepared.claim.key);
    requeued = outcome.requeued ?? false;
  }
  await scheduleLeaseRecovery(db);
  return settled;
}

async function claimNext(db: Database, options: DrainOptions, skipKeys: Set<string>): Promise<Claim | null> {
  const { leaseSeconds } = options;
  const lease = sql<Date>`now() + make_interval(secs => ${leaseSeconds})`;
  return db.transaction().execute(async (trx) => {
    // 1. A batch whose worker died (its lease ran out): take it over whole, with the same key.
    const stale = await trx
      .selectFrom("emails")
      .select("batchKey")
      .where("status", "=", "sending")
      .where("leaseUntil", "<", sql<Date>`now()`)
      .$if(skipKeys.size > 0, (qb) => qb.where("batchKey", "not in", [...skipKeys]))
      .orderBy("leaseUntil")
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (stale?.batchKey) {
      const rows = await trx
        .updateTable("emails")
        .set({ leaseUntil: lease, attempts: sql`attempts + 1`, updatedAt: sql`now()` })
        .where("batchKey", "=", stale.batchKey)
        .where("status", "=", "sending")
        .where("leaseUntil", "<", sql<Date>`now()`)
        .returningAll()
        .execute();
      if (rows.length)
        return { key: stale.batchKey, alone: isAlone(rows[0]!), rows: rows.sort((a, b) => a.id - b.id) };
    }
    // 2. The oldest queued message decides: alone (attachment, or refused in a batch before) or a batch.
    const oldest = await trx
      .selectFrom("emails")
      .select(["id", "attachment", "sendAlone", "idempotencyKey"])
      .where("status", "=", "queued")
      .orderBy("id")
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!oldest) return null;
    const alone = oldest.attachment !== null || oldest.sendAlone;
    const key = alone ? `shivir-${oldest.idempotencyKey}` : `shivir-batch-${randomUUID()}`;
    const ids = alone
      ? [oldest.id]
      : (
          await trx
            .selectFrom("emails")
            .select("id")
            .where("status", "=", "queued")
            .where("attachment", "is", null)
            .where("sendAlone", "=", false)
            .orderBy("id")
            .limit(Math.min(BATCH_LIMIT, options.batchSize ?? BATCH_LIMIT))
            .forUpdate()
            .skipLocked()
            .execute()
        ).map((r) => r.id);
    const rows = await trx
      .updateTable("emails")
      .set({
        status: "sending",
        batchKey: key,
        leaseUntil: lease,
        attempts: sql`attempts + 1`,
        updatedAt: sql`now()`,
      })
      .where("id", "in", ids)
      .returningAll()
      .execute();
    return { key, alone, rows: rows.sort((a, b) => a.id - b.id) };
  });
}

function isAlone(row: EmailRow) {
  return row.attachment !== null || row.sendAlone;
}

type ClaimOutcome = { sent: number; failed: number; deferred?: boolean; requeued?: boolean };
type PreparedClaim = { claim: Claim; outgoing: OutgoingEmail[]; failed: number };

/** Fails what is past the attempts limit or cannot be rendered; renders the rest (once). */
async function prepareClaim(db: Database, claim: Claim, options: DrainOptions): Promise<PreparedClaim> {
  const maxAttempts = options.maxAttempts ?? 8;
  const exhausted = claim.rows.filter((r) => r.attempts > maxAttempts);
  if (exhausted.length) {
    await markFailed(
      db,
      exhausted.map((r) => r.id),
      `gave up after ${maxAttempts} attempts: ${exhausted[0]?.lastError ?? ""}`,
    );
  }
  const live = claim.rows.filter((r) => r.attempts <= maxAttempts);
  const { outgoing, sendable } = await renderOnce(db, live, options.from ?? getEnv().MAIL_FROM);
  return { claim: { ...claim, rows: sendable }, outgoing, failed: claim.rows.length - sendable.length };
}

async function deliverClaim(
  db: Database,
  transport: Transport,
  { claim, outgoing }: PreparedClaim,
  options: DrainOptions,
): Promise<ClaimOutcome> {
  const retries = options.retriesPerClaim ?? 3;
  const backoff = options.backoffMs ?? defaultBackoff;
  const ids = claim.rows.map((r) => r.id);
  let result: SendResult = { ok: false, kind: "transient", message: "not sent" };
  for (let retry = 0; ; retry++) {
    if (transport.name !== "local") await acquireSendSlot(db, options.ratePerSecond);
    result = claim.alone
      ? await transport.sendOne(outgoing[0]!, claim.key)
      : await transport.sendBatch(outgoing, claim.key);
    if (result.ok) {
      await markSent(db, claim.rows, result.providerIds, transport.name);
      return { sent: claim.rows.length, failed: 0 };
    }
    if (result.kind === "rate_limited" && retry < 20) {
      await deferSendSlots(db, result.retryAfterMs);
      continue;
    }
    if (result.kind === "transient" && retry < retries) {
      logger.warn({ key: claim.key, retry, error: result.message }, "mail send failed; retrying");
      await sleep(backoff(retry));
      await renewLease(db, claim.key, options.leaseSeconds);
      continue;
    }
    break;
  }

  if (result.kind === "permanent") {
    if (!claim.alone && claim.rows.length > 1) {
      // One bad message must not sink its batch: each is tried alone, and only bad ones fail.
      await db
        .updateTable("emails")
        .set({
          status: "queued",
          sendAlone: true,
          batchKey: null,
          leaseUntil: null,
          lastError: result.message,
          updatedAt: sql`now()`,
        })
        .where("id", "in", ids)
        .execute();
      return { sent: 0, failed: 0, requeued: true };
    }
    await markFailed(db, ids, result.message);
    return { sent: 0, failed: ids.length };
  }
  // Still failing: keep the claim (same key) and let it be taken over after a back-off.
  logger.warn({ key: claim.key, error: result.message }, "mail send deferred");
  await db
    .updateTable("emails")
    .set({
      lastError: result.message,
      leaseUntil: sql`now() + make_interval(secs => ${backoff(claim.rows[0]?.attempts ?? 1) / 1000})`,
      updatedAt: sql`now()`,
    })
    .where("batchKey", "=", claim.key)
    .where("status", "=", "sending")
    .execute();
  return { sent: 0, failed: 0, deferred: true };
}

/**
 * Renders each message once and stores it, so a retry sends the same bytes under the same key. A message
 * that cannot be rendered (unknown template, bad props) fails at once with the reason; the rest go on.
 */
async function renderOnce(db: Database, rows: EmailRow[], from: string) {
  const outgoing: OutgoingEmail[] = [];
  const sendable: EmailRow[] = [];
  const fresh: { id: number; html: string; text: string }[] = [];
  for (const row of rows) {
    let { html, text } = row;
    if (html === null || text === null) {
      try {
        ({ html, text } = await renderEmail({
          template: row.template,
          locale: row.locale,
          props: row.props,
        }));
      } catch (error) {
        await markFailed(db, [row.id], `cannot render: ${(error as Error).message}`);
        continue;
      }
      fresh.push({ id: row.id, html, text });
      // Rendering is synchronous work; between messages the current batch's rate-limit timer may fire, so
      // that rendering the next batch never delays a send (a late send bunches with the next one → 429).
      await new Promise((resolve) => setImmediate(resolve));
    }
    sendable.push(row);
    outgoing.push({
      from,
      to: row.recipient,
      subject: row.subject,
      html,
      text,
      outboxId: row.id,
      attachment: row.attachment as OutgoingEmail["attachment"],
    });
  }
  if (fresh.length) {
    await sql`
      update emails e set html = v.html, text = v.text
        from unnest(${fresh.map((f) => f.id)}::bigint[], ${fresh.map((f) => f.html)}::text[], ${fresh.map((f) => f.text)}::text[])
             as v(id, html, text)
       where e.id = v.id`.execute(db);
  }
  return { outgoing, sendable };
}

async function markSent(
  db: Database,
  rows: EmailRow[],
  providerIds: (string | null)[],
  transport: "resend" | "local",
) {
  // A webhook may already have moved a row on (delivered): never move it back to "sent".
  await sql`
    update emails e
       set status = case when e.status = 'sending' then 'sent' else e.status end,
           status_at = case when e.status = 'sending' then now() else e.status_at end,
           provider_id = v.provider_id, transport = ${transport}, sent_at = now(),
           lease_until = null, last_error = null, updated_at = now()
      from unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((_, i) => providerIds[i] ?? null)}::text[])
           as v(id, provider_id)
     where e.id = v.id`.execute(db);
}

async function markFailed(db: Database, ids: number[], reason: string) {
  await db
    .updateTable("emails")
    .set({
      status: "failed",
      statusAt: sql`now()`,
      lastError: reason.slice(0, 1000),
      leaseUntil: null,
      updatedAt: sql`now()`,
    })
    .where("id", "in", ids)
    .execute();
}

async function renewLease(db: Database, key: string, leaseSeconds: number) {
  await db
    .updateTable("emails")
    .set({ leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where("batchKey", "=", key)
    .where("status", "=", "sending")
    .execute();
}

/** Mail held by another (maybe dead) worker: look again when its lease runs out. */
async function scheduleLeaseRecovery(db: Database) {
  const next = await db
    .selectFrom("emails")
    .select(sql<Date | null>`min(lease_until)`.as("at"))
    .where("status", "=", "sending")
    .executeTakeFirst();
  if (next?.at) {
    const runAt = new Date(new Date(next.at).getTime() + 500);
    await db
      .transaction()
      .execute((trx) => addJob(trx, "mail:drain", { jobKey: "mail:drain-recovery", runAt }));
  }
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
