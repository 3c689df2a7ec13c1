import { createHash, createHmac, randomBytes } from "node:crypto";

// 256 random bits, URL-safe: unguessable, and only the hash is ever stored.
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A string that could be one of our tokens; anything else is refused without a database lookup. */
export function looksLikeToken(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/**
 * A personal link token derived from a record id and version: 256 bits of HMAC, so it is as unguessable as
 * a random token, and only its hash is stored. Deriving (not storing) it lets an organiser copy the same link
 * again and the appointee's page show their calendar feed; bumping the version revokes the old link.
 * Rotating SESSION_SECRET invalidates every personal link.
 */
export function derivePersonalToken(
  secret: string,
  purpose: "invitation" | "calendar-feed",
  id: number,
  version: number,
): string {
  return createHmac("sha256", secret).update(`shivir:${purpose}:${id}:${version}`).digest("base64url");
}
