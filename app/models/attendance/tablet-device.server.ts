// Tablets paired for one event: an organiser creates a short-lived code, the tablet exchanges it once for a
// device credential (a random token kept in a cookie; only its hash is stored) that opens that event's
// rosters and sync, until the organiser revokes it.
import { randomInt } from "node:crypto";
import { sql } from "kysely";
import QRCode from "qrcode";
import type { Database } from "#app/platform/db.server.ts";
import { isUniqueViolation } from "#app/platform/db-errors.server.ts";
import { hashToken, looksLikeToken, newToken } from "#app/platform/token.server.ts";
import { PAIRING_ALPHABET, PAIRING_CODE_LENGTH, PAIRING_MINUTES } from "./attendance.ts";
import { recordAudit } from "#app/models/organisation/audit.server.ts";
import { getEventInScope } from "#app/models/events/event-access.server.ts";
import { forgiveRateLimitHit, hitRateLimit } from "#app/platform/rate-limit.server.ts";
import type { Scope } from "#app/models/organisation/scope.server.ts";

export type TabletDevice = { id: number; eventId: number; name: string };
export type OrganiserActor = { staffId: number; scope: Scope };

// 31^8 ≈ 8.5·10^11 codes, 10 minutes, and at most 20 tries per address in 10 minutes.
export const pairingLimit = { limit: 20, windowSeconds: 10 * 60 };

function newPairingCode(): string {
  let code = "";
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)];
  return code;
}

/** A new pairing code for a tablet of the event (404 outside the scope). Shown once; only its hash is kept. */
export async function createPairingCode(
  db: Database,
  actor: OrganiserActor,
  eventId: number,
  deviceName: string,
): Promise<{ code: string; expiresAt: Date }> {
  return db.transaction().execute(async (trx) => {
    await getEventInScope(trx, actor.scope, eventId);
    for (;;) {
      const code = newPairingCode();
      try {
        const row = await trx
          .insertInto("tabletPairingCodes")
          .values({
            eventId,
            codeHash: hashToken(code),
            deviceName,
            createdByStaffId: actor.staffId,
            expiresAt: sql<Date>`now() + make_interval(mins => ${PAIRING_MINUTES})`,
          })
          .returning(["id", "expiresAt"])
          .executeTakeFirstOrThrow();
        await recordAudit(trx, {
          actorStaffId: actor.staffId,
          action: "tablet.pairing_code_created",
          entityType: "event",
          entityId: eventId,
          details: { pairingCodeId: row.id, deviceName },
        });
        return { code, expiresAt: row.expiresAt };
      } catch (error) {
        // A live code with the same hash already exists (vanishingly rare): draw another.
        if (!isUniqueViolation(error)) throw error;
      }
    }
  });
}

/** The pairing page address with the code filled in, as a QR code (inline SVG) the tablet's camera opens. */
export async function pairingQrSvg(publicUrl: string, code: string): Promise<{ url: string; svg: string }> {
  const url = `${publicUrl}/tablet/pair?code=${code}`;
  return { url, svg: await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 }) };
}

export type PairResult =
  | { ok: true; token: string; device: TabletDevice }
  | {
      ok: false;
      error: "tablet.errors.codeInvalid" | "tablet.errors.rateLimited";
      retryAfterSeconds?: number;
    };

/** Exchanges a pairing code (once, before it expires) for a device credential of the code's event. */
export async function pairTablet(db: Database, input: { code: string; ip: string }): Promise<PairResult> {
  return db.transaction().execute(async (trx): Promise<PairResult> => {
    const limitKey = `tablet-pair:ip:${input.ip}`;
    const limit = await hitRateLimit(trx, limitKey, pairingLimit);
    if (!limit.allowed) {
      return { ok: false, error: "tablet.errors.rateLimited", retryAfterSeconds: limit.retryAfterSeconds };
    }
    const pairing = await trx
      .updateTable("tabletPairingCodes")
      .set({ usedAt: sql`now()` })
      .where("codeHash", "=", hashToken(input.code))
      .where("usedAt", "is", null)
      .where("expiresAt", ">", sql<Date>`now()`)
      .returning(["id", "eventId", "deviceName", "createdByStaffId"])
      .executeTakeFirst();
    if (!pairing) return { ok: false, error: "tablet.errors.codeInvalid" };
    // Only wrong codes count: a venue pairs many tablets behind one address.
    await forgiveRateLimitHit(trx, limitKey, pairingLimit);
    const token = newToken();
    const device = await trx
      .insertInto("tabletDevices")
      .values({
        eventId: pairing.eventId,
        name: pairing.deviceName,
        tokenHash: hashToken(token),
        createdByStaffId: pairing.createdByStaffId,
        lastSeenAt: sql<Date>`now()`,
      })
      .returning(["id", "eventId", "name"])
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("tabletPairingCodes")
      .set({ deviceId: device.id })
      .where("id", "=", pairing.id)
      .execute();
    await recordAudit(trx, {
      actorStaffId: null,
      action: "tablet.paired",
      entityType: "event",
      entityId: device.eventId,
      details: { deviceId: device.id, deviceName: device.name },
    });
    return { ok: true, token, device };
  });
}

/** The live (not revoked) tablet a credential belongs to, or null; notes when it was last seen. */
export async function findTabletByToken(db: Database, token: unknown): Promise<TabletDevice | null> {
  if (!looksLikeToken(token)) return null;
  const device = await db
    .selectFrom("tabletDevices")
    .select(["id", "eventId", "name", sql<boolean>`last_seen_at < now() - interval '1 minute'`.as("stale")])
    .where("tokenHash", "=", hashToken(token))
    .where("revokedAt", "is", null)
    .executeTakeFirst();
  if (!device) return null;
  // At most one write a minute per tablet, so polling does not turn every read into a write.
  if (device.stale) {
    await db
      .updateTable("tabletDevices")
      .set({ lastSeenAt: sql`now()` })
      .where("id", "=", device.id)
      .execute();
  }
  return { id: device.id, eventId: device.eventId, name: device.name };
}

/** The tablets paired for an event (404 outside the scope), newest first. */
export async function listTablets(db: Database, scope: Scope, eventId: number) {
  await getEventInScope(db, scope, eventId);
  return db
    .selectFrom("tabletDevices")
    .leftJoin("staffUsers", "staffUsers.id", "tabletDevices.createdByStaffId")
    .select([
      "tabletDevices.id",
      "tabletDevices.name",
      "tabletDevices.createdAt",
      "tabletDevices.lastSeenAt",
      "tabletDevices.revokedAt",
      "staffUsers.name as createdByName",
    ])
    .where("tabletDevices.eventId", "=", eventId)
    .orderBy("tabletDevices.id", "desc")
    .execute();
}

export type RevokeResult = { ok: true } | { ok: false; error: "tablet.errors.deviceNotFound" };

/** Revokes a tablet's credential at once: its next request is refused. Marks it already sent stay. */
export async function revokeTablet(
  db: Database,
  actor: OrganiserActor,
  eventId: number,
  deviceId: number,
): Promise<RevokeResult> {
  return db.transaction().execute(async (trx): Promise<RevokeResult> => {
    await getEventInScope(trx, actor.scope, eventId);
    const device = await trx
      .updateTable("tabletDevices")
      .set({ revokedAt: sql`now()` })
      .where("id", "=", deviceId)
      .where("eventId", "=", eventId)
      .where("revokedAt", "is", null)
      .returning(["id", "name"])
      .executeTakeFirst();
    if (!device) return { ok: false, error: "tablet.errors.deviceNotFound" };
    await recordAudit(trx, {
      actorStaffId: actor.staffId,
      action: "tablet.revoked",
      entityType: "event",
      entityId: eventId,
      details: { deviceId: device.id, deviceName: device.name },
    });
    return { ok: true };
  });
}
