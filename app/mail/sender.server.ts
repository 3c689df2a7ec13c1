// Sends the outbox. Rows are claimed in batches under a short lease that the sender renews from the claim until
// the batch is settled or put off, so a dead worker's batch is taken over within seconds. A batch keeps its key (its
// Idempotency-Key) and its exact request (email_batches: the messages in order and the sender's address)
// through every retry, so a crash between "provider accepted" and "we recorded it" never sends twice: the
// retry sends the same bytes and gets the provider's stored answer. A failing batch is put off by itself
// (the next batch goes on), retries end by time inside the provider's 24-hour idempotency window, and
// "failed" is kept for what the provider refused. Transactional mail is claimed before bulk mail.
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
/** Retries stop this long after a message's first attempt: inside the provider's 24-hour idempotency window. */
export const RETRY_WINDOW_MS = 23 * 3_600_000;
/** A batch put off for at most this long is waited for by the same run; a longer wait ends the run. */
const DEFERRED_WAIT_MS = 10_000;

export type DrainOptions = {
  leaseSeconds: number;
  ratePerSecond: number;
  /** Messages per batch request, at most 100. */
  batchSize?: number;
  /** How long after its first attempt a message is still retried (default 23 hours). */
  retryWindowMs?: number;
  /** How long a batch that failed for the n-th time waits before its next try. */
  backoffMs?: (attempt: number) => number;
  from?: string;
};

type EmailRow = Selectable<Emails>;
type Claim = { key: string; alone: boolean; rows: EmailRow[] };

const defaultBackoff = (attempt: number) =>
  Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1)) * (0.75 + Math.random() / 2);

/**
 * Sends until nothing is claimable; returns how many messages it settled. One batch is claimed and rendered
 * ahead while the current one waits for its rate-limit slot, so rendering never slows the send rate.
 */
export async function drainOutbox(db: Database, transport: Transport, options: DrainOptions) {
  const settled = { sent: 0, failed: 0 };
  // Batches this run put off, with the moment their back-off ends: a short one is waited out in this run
  // (after the other batches); a longer one is left to the recovery job.
  const deferred = new Map<string, number>();
  // The next batch is claimed and rendered ahead, while the current one is sent. That promise is observed
  // the moment it is made, so a failure while nobody awaits it (the database gone in the middle of a send)
  // can never become an unhandled rejection, which would end the process (and the web server with it);
  // the loop still gets the failure, re-thrown, when it awaits the promise.
  // A claim's lease is renewed from the moment it is claimed until it is settled or put off, so a claim
  // that waits (the look-ahead, a slow answer) is never taken for a dead worker's; only a dead worker's
  // lapses, and the lease can be short.
  const prepareNext = () => {
    const next = claimNext(db, options).then(async (claim) => {
      if (!claim) return null;
      const release = renewWhileHeld(db, claim.key, options.leaseSeconds);
      try {
        return { ...(await prepareClaim(db, claim, options)), release };
      } catch (error) {
        await release();
        throw error;
      }
    });
    next.catch(() => {});
    return next;
  };
  let next = prepareNext();
  let requeued = false;
  try {
    for (;;) {
      let prepared = await next;
      // The look-ahead found nothing, but the last batch was split into halves that wait to be taken.
      if (!prepared && requeued) prepared = await prepareNext();
      if (!prepared) {
        const soonest = Math.min(...deferred.values());
        if (!(soonest - Date.now() <= DEFERRED_WAIT_MS)) break;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, soonest - Date.now()) + 20));
        deferred.clear();
        next = prepareNext();
        continue;
      }
      // The next batch is claimed and rendered while this one is sent (its lease keeps it from being claimed).
      next = prepareNext();
      let outcome: ClaimOutcome = { sent: 0, failed: 0 };
      if (prepared.outgoing.length) outcome = await deliverClaim(db, transport, prepared, options);
      else await prepared.release();
      if (outcome.retryAt) deferred.set(prepared.claim.key, outcome.retryAt);
      else deferred.delete(prepared.claim.key);
      settled.sent += outcome.sent;
      settled.failed += outcome.failed + prepared.failed;
      requeued = outcome.requeued ?? false;
    }
  } catch (error) {
    // The run failed (the job is retried). A look-ahead that also failed is never awaited now: it is logged
    // here rather than lost. A batch it claimed waits out its lease and is taken over like a dead worker's.
    next.then(
      (lookAhead) => lookAhead?.release(),
      (lookAheadError: unknown) => {
        if (lookAheadError !== error)
          logger.warn({ err: lookAheadError }, "mail look-ahead failed while the run was failing");
      },
    );
    throw error;
  }
  await scheduleLeaseRecovery(db);
  return settled;
}

async function claimNext(db: Database, options: DrainOptions): Promise<Claim | null> {
  const { leaseSeconds } = options;
  const lease = sql<Date>`now() + make_interval(secs => ${leaseSeconds})`;
  return db.transaction().execute(async (trx) => {
    // 1. A batch whose worker died or whose back-off ended (its lease ran out): take it over whole, same key.
    // Its rows are locked in id order, as every writer of several rows does (two writers never deadlock); a
    // worker that took it over first has renewed the lease meanwhile, so its rows no longer qualify.
    const stale = await trx
      .selectFrom("emails")
      .select("batchKey")
      .where("status", "=", "sending")
      .where("leaseUntil", "<", sql<Date>`now()`)
      .orderBy("priority")
      .orderBy("leaseUntil")
      .limit(1)
      .executeTakeFirst();
    if (stale?.batchKey) {
      const lapsed = await trx
        .selectFrom("emails")
        .select("id")
        .where("batchKey", "=", stale.batchKey)
        .where("status", "=", "sending")
        .where("leaseUntil", "<", sql<Date>`now()`)
        .orderBy("id")
        .forUpdate()
        .execute();
      const rows = lapsed.length
        ? await trx
            .updateTable("emails")
            .set({ leaseUntil: lease, attempts: sql`attempts + 1`, updatedAt: sql`now()` })
            .where(
              "id",
              "in",
              lapsed.map((r) => r.id),
            )
            .returningAll()
            .execute()
        : [];
      if (rows.length)
        return { key: stale.batchKey, alone: isAlone(rows[0]!), rows: rows.sort((a, b) => a.id - b.id) };
    }
    // 2. The first queued message (transactional before bulk) decides: alone (attachment, or refused in a
    // batch before) or a batch of its priority.
    const first = await trx
      .selectFrom("emails")
      .select(["id", "attachment", "sendAlone", "idempotencyKey", "priority"])
      .where("status", "=", "queued")
      .orderBy("priority")
      .orderBy("id")
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!first) return null;
    const alone = first.attachment !== null || first.sendAlone;
    const key = alone ? `shivir-${first.idempotencyKey}` : `shivir-batch-${randomUUID()}`;
    const ids = alone
      ? [first.id]
      : (
          await trx
            .selectFrom("emails")
            .select("id")
            .where("status", "=", "queued")
            .where("priority", "=", first.priority)
            .where("attachment", "is", null)
            .where("sendAlone", "=", false)
            .orderBy("priority")
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
        firstAttemptAt: sql`coalesce(first_attempt_at, now())`,
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

type ClaimOutcome = { sent: number; failed: number; retryAt?: number; requeued?: boolean };
type PreparedClaim = {
  claim: Claim;
  outgoing: OutgoingEmail[];
  ids: number[];
  failed: number;
  /** Stops renewing the claim's lease (before it is settled or put off). */
  release: () => Promise<void>;
};

/**
 * The request of a claim: the stored one when this key was tried before (the same messages in the same order
 * from the same sender, whatever happened to them since), else the claim's messages rendered (once) and
 * stored under the key before anything is sent.
 */
async function prepareClaim(
  db: Database,
  claim: Claim,
  options: DrainOptions,
): Promise<Omit<PreparedClaim, "release">> {
  const stored = await db
    .selectFrom("emailBatches")
    .select(["emailIds", "sender"])
    .where("key", "=", claim.key)
    .executeTakeFirst();
  if (stored) {
    const rows = await db.selectFrom("emails").selectAll().where("id", "in", stored.emailIds).execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    const ordered = stored.emailIds.map((id) => byId.get(id)).filter((row) => row !== undefined);
    return {
      claim,
      outgoing: ordered.map((row) => outgoingOf(row, stored.sender, row.html ?? "", row.text ?? "")),
      ids: ordered.map((row) => row.id),
      failed: 0,
    };
  }
  const sender = options.from ?? getEnv().MAIL_FROM;
  const { outgoing, sendable } = await renderOnce(db, claim.rows, sender);
  const ids = sendable.map((row) => row.id);
  if (ids.length) {
    await db
      .insertInto("emailBatches")
      .values({ key: claim.key, alone: claim.alone, emailIds: ids, sender })
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
  }
  return { claim: { ...claim, rows: sendable }, outgoing, ids, failed: claim.rows.length - sendable.length };
}

async function deliverClaim(
  db: Database,
  transport: Transport,
  prepared: PreparedClaim,
  options: DrainOptions,
): Promise<ClaimOutcome> {
  try {
    return await sendClaim(db, transport, prepared, options);
  } finally {
    await prepared.release();
  }
}

async function sendClaim(
  db: Database,
  transport: Transport,
  { claim, outgoing, ids, release }: PreparedClaim,
  options: DrainOptions,
): Promise<ClaimOutcome> {
  let result: SendResult = { ok: false, kind: "transient", message: "not sent" };
  for (let waits = 0; ; waits++) {
    if (transport.name !== "local") await acquireSendSlot(db, options.ratePerSecond);
    result = await (claim.alone
      ? transport.sendOne(outgoing[0]!, claim.key)
      : transport.sendBatch(outgoing, claim.key));
    if (result.ok) {
      await markSent(db, ids, result.providerIds, transport.name);
      return { sent: ids.length, failed: 0 };
    }
    // A 429 is about the rate, not this batch: every sender waits out retry-after, then this batch goes.
    if (result.kind === "rate_limited" && waits < 20) {
      await deferSendSlots(db, result.retryAfterMs);
      continue;
    }
    break;
  }

  if (result.kind === "already_accepted") {
    // The provider holds this key from an earlier request of ours (our keys are ours alone): it was accepted.
    // Its ids are unknown here; delivery webhooks find the messages by their outbox id tag.
    logger.warn(
      { key: claim.key, error: result.message },
      "mail batch was accepted before; recorded as sent",
    );
    await markSent(db, ids, [], transport.name);
    return { sent: ids.length, failed: 0 };
  }
  if (result.kind === "permanent") {
    if (!claim.alone && ids.length > 1) {
      // The provider refused the whole request, so nothing of it was sent: it is split in two halves, each a
      // batch of its own under a key derived from this one, taken at once (an expired lease). Halves that
      // are refused split again, so one bad address among 100 costs about 14 requests, not 100, and only
      // the bad ones fail.
      const half = Math.ceil(ids.length / 2);
      await db.transaction().execute(async (trx) => {
        await lockRows(trx, ids);
        for (const [i, part] of [ids.slice(0, half), ids.slice(half)].entries()) {
          await trx
            .updateTable("emails")
            .set({
              batchKey: `${claim.key}.${i + 1}`,
              leaseUntil: sql`now() - interval '1 second'`,
              lastError: result.message,
              updatedAt: sql`now()`,
            })
            .where("id", "in", part)
            .where("status", "=", "sending")
            .execute();
        }
      });
      return { sent: 0, failed: 0, requeued: true };
    }
    await markFailed(db, ids, result.message);
    return { sent: 0, failed: ids.length };
  }
  // Still failing (a 5xx, a timeout, a lost answer, an outage): this batch alone waits out its back-off and
  // is tried again with the same key and bytes; other batches go on meanwhile.
  const firstAttempt = Math.min(...claim.rows.map((row) => (row.firstAttemptAt ?? new Date()).getTime()));
  if (Date.now() - firstAttempt > (options.retryWindowMs ?? RETRY_WINDOW_MS)) {
    await markFailed(
      db,
      ids,
      `gave up after retrying for ${formatWindow(options.retryWindowMs)}: ${result.message}`,
    );
    return { sent: 0, failed: ids.length };
  }
  const attempts = Math.max(1, ...claim.rows.map((row) => row.attempts));
  const waitMs = (options.backoffMs ?? defaultBackoff)(attempts);
  logger.warn({ key: claim.key, attempts, waitMs, error: result.message }, "mail send deferred");
  // No renewal may land after this and cut the back-off short (or make it longer).
  await release();
  await db.transaction().execute(async (trx) => {
    await lockRows(trx, ids);
    await trx
      .updateTable("emails")
      .set({
        lastError: result.message,
        leaseUntil: sql`now() + make_interval(secs => ${waitMs / 1000})`,
        updatedAt: sql`now()`,
      })
      .where("batchKey", "=", claim.key)
      .where("status", "=", "sending")
      .execute();
  });
  return { sent: 0, failed: 0, retryAt: Date.now() + waitMs };
}

function formatWindow(ms = RETRY_WINDOW_MS) {
  if (ms >= 3_600_000) return `${Math.round(ms / 3_600_000)} h`;
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

/**
 * Renews the lease of a claim every third of its length until the returned function is called; that
 * function resolves once no renewal is in flight any more (it may be called more than once).
 */
function renewWhileHeld(db: Database, key: string, leaseSeconds: number): () => Promise<void> {
  let inFlight: Promise<void> = Promise.resolve();
  const timer = setInterval(
    () => {
      inFlight = renewLease(db, key, leaseSeconds).catch((error) =>
        logger.warn({ key, error: (error as Error).message }, "mail lease renewal failed"),
      );
    },
    Math.max(250, (leaseSeconds * 1000) / 3),
  );
  return async () => {
    clearInterval(timer);
    await inFlight;
  };
}

function outgoingOf(row: EmailRow, from: string, html: string, text: string): OutgoingEmail {
  return {
    from,
    to: row.recipient,
    subject: row.subject,
    html,
    text,
    outboxId: row.id,
    attachment: row.attachment as OutgoingEmail["attachment"],
  };
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
    outgoing.push(outgoingOf(row, from, html, text));
  }
  if (fresh.length) {
    await db.transaction().execute(async (trx) => {
      await lockRows(
        trx,
        fresh.map((f) => f.id),
      );
      await sql`
        update emails e set html = v.html, text = v.text
          from unnest(${fresh.map((f) => f.id)}::bigint[], ${fresh.map((f) => f.html)}::text[], ${fresh.map((f) => f.text)}::text[])
               as v(id, html, text)
         where e.id = v.id`.execute(trx);
    });
  }
  return { outgoing, sendable };
}

async function markSent(
  db: Database,
  ids: number[],
  providerIds: (string | null)[],
  transport: "resend" | "local",
) {
  // A webhook may already have moved a row on (delivered): never move it back to "sent".
  await db.transaction().execute(async (trx) => {
    await lockRows(trx, ids);
    await sql`
    update emails e
       set status = case when e.status = 'sending' then 'sent' else e.status end,
           status_at = case when e.status = 'sending' then now() else e.status_at end,
           provider_id = coalesce(v.provider_id, e.provider_id), transport = ${transport}, sent_at = now(),
           lease_until = null, last_error = null, updated_at = now()
      from unnest(${ids}::bigint[], ${ids.map((_, i) => providerIds[i] ?? null)}::text[])
           as v(id, provider_id)
     where e.id = v.id`.execute(trx);
  });
}

async function markFailed(db: Database, ids: number[], reason: string) {
  await db.transaction().execute(async (trx) => {
    await lockRows(trx, ids);
    await trx
      .updateTable("emails")
      .set({
        status: "failed",
        statusAt: sql`now()`,
        lastError: reason.slice(0, 1000),
        leaseUntil: null,
        updatedAt: sql`now()`,
      })
      .where("id", "in", ids)
      // A webhook may already have said it was delivered: that stays.
      .where("status", "in", ["queued", "sending"])
      .execute();
  });
}

/** Every writer of several outbox rows locks them in id order first, so that two writers never deadlock. */
async function lockRows(trx: Tx, ids: number[]) {
  await sql`select id from emails where id = any(${ids}::bigint[]) order by id for update`.execute(trx);
}

async function renewLease(db: Database, key: string, leaseSeconds: number) {
  // In id order, and never waiting: rows another writer holds are settled or renewed by it.
  await sql`
    update emails set lease_until = now() + make_interval(secs => ${leaseSeconds})
     where id in (select id from emails where batch_key = ${key} and status = 'sending'
                   order by id for update skip locked)`.execute(db);
}

/**
 * With more than a batch waiting, a second drain job (a "helper") is added, so that another worker (or the
 * same worker's other slot) sends alongside this one: both share the provider's rate, but one slow answer,
 * one batch being rendered or one worker dying no longer holds up the rest. Helpers add no helpers.
 */
export async function addDrainHelperIfBacklog(db: Database, batchSize = BATCH_LIMIT) {
  const backlog = await db
    .selectFrom("emails")
    .select("id")
    .where("status", "=", "queued")
    .limit(1)
    .offset(Math.min(BATCH_LIMIT, batchSize))
    .executeTakeFirst();
  if (!backlog) return false;
  await db
    .transaction()
    .execute((trx) => addJob(trx, "mail:drain", { jobKey: "mail:drain-helper", payload: { helper: true } }));
  return true;
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
