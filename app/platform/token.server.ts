import { createHash, randomBytes } from "node:crypto";
import { sealToken } from "./link-seal.server.ts";

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

export type SealedToken = { token: string; tokenHash: string; tokenSealed: string };

/**
 * A new random token for a link the portal must be able to show again (a personal link, a calendar feed):
 * the hash finds it, the seal keeps it readable only with a session secret. Nothing in the code or the
 * database alone can produce it.
 */
export function newSealedToken(): SealedToken {
  const token = newToken();
  return { token, tokenHash: hashToken(token), tokenSealed: sealToken(token) };
}
