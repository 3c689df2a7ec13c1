// Personal link tokens are random and only their hash finds them; to show a link again (an email re-sent,
// an organiser copying it) the database also keeps the token sealed: AES-256-GCM under a key derived from
// a session secret, named by a short key id so any secret of SESSION_SECRETS can open what it sealed.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { getEnv } from "./env.server.ts";

type Key = { id: string; key: Buffer };

const keys = new Map<string, Key>();

function keyFor(secret: string): Key {
  let key = keys.get(secret);
  if (!key) {
    key = {
      // Not the secret, and not the key: a name to pick the right secret when unsealing.
      id: createHash("sha256").update(`shivir:seal-key-id:${secret}`).digest("base64url").slice(0, 8),
      key: Buffer.from(hkdfSync("sha256", secret, "shivir", "personal-link-seal:v1", 32)),
    };
    keys.set(secret, key);
  }
  return key;
}

/** `<key id>.<iv>.<ciphertext and tag>`, sealed with the newest secret. */
export function sealToken(token: string, secrets: readonly string[] = getEnv().SESSION_SECRETS): string {
  const { id, key } = keyFor(secrets[0]!);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(id));
  const sealed = Buffer.concat([cipher.update(token, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${id}.${iv.toString("base64url")}.${sealed.toString("base64url")}`;
}

/** The token a seal holds, or null when no secret of the ring made it (or it was tampered with). */
export function unsealToken(
  sealed: string,
  secrets: readonly string[] = getEnv().SESSION_SECRETS,
): string | null {
  const [id, iv, body] = sealed.split(".");
  if (!id || !iv || !body) return null;
  const key = secrets.map(keyFor).find((k) => k.id === id);
  if (!key) return null;
  try {
    const bytes = Buffer.from(body, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(id));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    return null;
  }
}

/** Whether a seal was made with an older secret (and should be sealed again while that secret is known). */
export function sealedWithOlderSecret(sealed: string, secrets: readonly string[] = getEnv().SESSION_SECRETS) {
  return !sealed.startsWith(`${keyFor(secrets[0]!).id}.`);
}
