import { getEnv } from "#app/platform/env.server.ts";
import { getStaff, requireStaff } from "./auth.server.ts";

/**
 * The outbox holds every message, sign-in links included, so only admins may read it. The one exception is
 * a developer's portal: without a Resend key and outside production, mail never leaves the machine and the
 * local outbox is how anyone (the demo admin first of all) receives it.
 */
export async function requireOutboxReader(request: Request): Promise<void> {
  if (isDeveloperOutbox()) return;
  await requireStaff(request, ["admin"]);
}

export function isDeveloperOutbox(): boolean {
  const env = getEnv();
  return !env.RESEND_API_KEY && env.NODE_ENV !== "production";
}

export async function canReadOutbox(request: Request): Promise<boolean> {
  return isDeveloperOutbox() || (await getStaff(request))?.role === "admin";
}
