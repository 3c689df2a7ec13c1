import { getEnv } from "#app/platform/env.server.ts";
import { getStaff, requireStaff } from "./auth.server.ts";

/**
 * The outbox holds every message, sign-in links and personal links included, so only admins may read it,
 * on every portal (a developer's first sign-in link is printed in the terminal instead).
 */
export async function requireOutboxReader(request: Request): Promise<void> {
  await requireStaff(request, ["admin"]);
}

/** A developer's portal: without a Resend key and outside production, mail never leaves the machine. */
export function isDeveloperOutbox(): boolean {
  const env = getEnv();
  return !env.RESEND_API_KEY && env.NODE_ENV !== "production";
}

export async function canReadOutbox(request: Request): Promise<boolean> {
  return (await getStaff(request))?.role === "admin";
}
