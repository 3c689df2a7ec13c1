// Reads a scanned check-in pass (app/models/registration-pass.server.ts writes it:
// "SHIVIR-PASS:1:<pass id>.<signature>"). The tablet cannot check the signature offline (the secret stays
// on the server), but a pass id is 128 random bits that only its holder got, so finding it on the
// preloaded roster is proof enough; a pass the roster does not know is asked of the server when online.
const passCode = /^SHIVIR-PASS:1:([A-Za-z0-9_-]{22})\.[A-Za-z0-9_-]{22}$/;

/** The pass id a scanned text carries, or null if the text is no Shivir pass. */
export function passIdOf(text: string): string | null {
  return passCode.exec(text.trim())?.[1] ?? null;
}
