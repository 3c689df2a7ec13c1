// The check-in pass's text, "SHIVIR-PASS:1:<pass id>.<signature>": one definition for the server that signs
// and checks it (app/models/registration/registration-pass.server.ts) and the tablet that reads it. The tablet cannot
// check the signature offline (the secret stays on the server), but a pass id is 128 random bits that only
// its holder got, so finding it on the preloaded roster is proof enough; a pass the roster does not know is
// asked of the server when online.
export const PASS_PREFIX = "SHIVIR-PASS:1:";
/** 128 random bits in base64url. */
export const passIdPattern = /^[A-Za-z0-9_-]{22}$/;
const passCode = /^SHIVIR-PASS:1:([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/;

/** The pass id and signature a scanned text carries, or null if the text is no Shivir pass. */
export function parsePassCode(text: string): { passId: string; signature: string } | null {
  const match = passCode.exec(text.trim());
  return match ? { passId: match[1]!, signature: match[2]! } : null;
}

/** The pass id a scanned text carries, or null. */
export function passIdOf(text: string): string | null {
  return parsePassCode(text)?.passId ?? null;
}
