// The check-in pass: a QR code that carries only a random pass id and its signature, so a lost or
// photographed pass reveals nothing about its holder, and a tablet can tell a real pass from a made-up one
// before it looks anything up (also offline, with the roster preloaded).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import QRCode from "qrcode";
import type { Database } from "#app/platform/db.server.ts";
import { PASS_PREFIX, parsePassCode, passIdPattern } from "#app/models/registration/pass.ts";
import { getEnv } from "#app/platform/env.server.ts";

// The pass id has 128 random bits; the signature is truncated to 128 bits as well (a smaller QR code).

/** A new random pass id (registrations.pass_id). */
export function newPassId(): string {
  return randomBytes(16).toString("base64url");
}

function signature(passId: string, secret: string): Buffer {
  // Domain-separated from every other use of the secret (sessions, sealed link tokens).
  return createHmac("sha256", secret).update(`shivir:pass:v1:${passId}`).digest().subarray(0, 16);
}

/** The text of the QR code: `SHIVIR-PASS:1:<passId>.<signature>`, signed with the newest secret. */
export function encodePass(passId: string): string {
  if (!passIdPattern.test(passId)) throw new Error("not a pass id");
  return `${PASS_PREFIX}${passId}.${signature(passId, getEnv().SESSION_SECRETS[0]).toString("base64url")}`;
}

/** The pass id of a scanned code signed with any secret of the ring, or null for anything else. */
export function verifyPassCode(code: unknown): string | null {
  if (typeof code !== "string") return null;
  const parsed = parsePassCode(code);
  if (!parsed) return null;
  const { passId } = parsed;
  const actual = Buffer.from(parsed.signature, "base64url");
  const signed = getEnv().SESSION_SECRETS.some((secret) => {
    const expected = signature(passId, secret);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  });
  return signed ? passId : null;
}

/**
 * The pass image's address for email: `/pass/<pass id>.<signature>.png`. It carries the pass and nothing
 * else (the picture shows the same code), so mail image proxies and their logs never see a personal link.
 */
export function passImageUrl(publicUrl: string, passId: string): string {
  return `${publicUrl}/pass/${encodePass(passId).slice(PASS_PREFIX.length)}.png`;
}

/** The registration a pass belongs to (any status: the caller decides whether it admits), or null. */
export async function findRegistrationByPass(db: Database, passId: string) {
  if (!passIdPattern.test(passId)) return null;
  const row = await db
    .selectFrom("registrations")
    .select(["id", "eventId", "appointeeId", "invitationId", "status", "passId"])
    .where("passId", "=", passId)
    .executeTakeFirst();
  return row ?? null;
}

/** The QR code as a PNG, for email (many mail clients block data: images, so it is served by URL). */
export async function passPng(code: string): Promise<Buffer> {
  return QRCode.toBuffer(code, { type: "png", errorCorrectionLevel: "M", margin: 4, scale: 8 });
}

/**
 * The QR code as the path of its dark modules (one unit per module, a 4-module quiet zone), for an SVG
 * the page draws itself: sharp at any size and in print.
 */
export function passQrPath(code: string): { size: number; d: string } {
  const { modules } = QRCode.create(code, { errorCorrectionLevel: "M" });
  const margin = 4;
  const parts: string[] = [];
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) {
      if (modules.get(x, y)) parts.push(`M${x + margin} ${y + margin}h1v1h-1z`);
    }
  }
  return { size: modules.size + 2 * margin, d: parts.join("") };
}
