// Signs webhook bodies the way Resend (through Svix / Standard Webhooks) does, so tests can post "real"
// webhooks to our endpoint. Written independently of the verifier with node:crypto, so a test that signs
// here and verifies with the SDK checks both sides rather than one library against itself.
import { createHmac, randomBytes } from "node:crypto";

const SECRET_PREFIX = "whsec_";
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export type WebhookHeaders = { "svix-id": string; "svix-timestamp": string; "svix-signature": string };

/** A fresh secret in Resend's format: `whsec_` + base64 of 24 random bytes. */
export function randomWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString("base64");
}

/** The HMAC key behind a `whsec_<base64>` secret; throws on a malformed secret rather than signing with junk. */
function secretKey(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error(`webhook secret must start with "${SECRET_PREFIX}"`);
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (!BASE64.test(encoded)) throw new Error("webhook secret is not base64 after the whsec_ prefix");
  return Buffer.from(encoded, "base64");
}

/** Headers for `body`: signature = base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`)), sent as `v1,<sig>`. */
export function signWebhook(
  secret: string,
  body: string,
  opts: { id?: string; timestamp?: number } = {},
): WebhookHeaders {
  const id = opts.id ?? `msg_${randomBytes(16).toString("hex")}`;
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = createHmac("sha256", secretKey(secret))
    .update(`${id}.${timestamp}.${body}`)
    .digest("base64");
  return { "svix-id": id, "svix-timestamp": timestamp, "svix-signature": `v1,${signature}` };
}
