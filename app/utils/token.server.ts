import { createHash, randomBytes } from "node:crypto";

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
