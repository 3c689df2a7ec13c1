// A development portal's own secret: random on first start, kept beside its data (mode 0600), so that no
// secret published in the repository ever signs a session or seals a link, and links survive a restart.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const hasValue = (value: string | undefined) => value !== undefined && value.trim() !== "";

/**
 * Sets `env.SESSION_SECRET` from `<dataDir>/session-secret`, creating the file on first use, when no secret
 * is configured outside production. Returns the file's path, or null when it did nothing (production must
 * be told its secret; parseEnv stops it otherwise).
 */
export function ensureDevelopmentSecret(
  env: Record<string, string | undefined>,
  dataDir: string,
): string | null {
  if (env.NODE_ENV === "production" || hasValue(env.SESSION_SECRET) || hasValue(env.SESSION_SECRETS))
    return null;
  const file = path.resolve(dataDir, "session-secret");
  let secret: string;
  try {
    secret = readFileSync(file, "utf8").trim();
    // Only its owner may read it, whatever a copy or an editor did to the mode.
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    mkdirSync(path.dirname(file), { recursive: true });
    secret = randomBytes(48).toString("base64url");
    // "wx": two processes starting at once must not each write their own.
    try {
      writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== "EEXIST") throw raced;
      secret = readFileSync(file, "utf8").trim();
    }
  }
  env.SESSION_SECRET = secret;
  return file;
}
