// Who is signed in: a signed cookie carries the session token; the session itself lives in PostgreSQL.
import { createCookie, redirect } from "@remix-run/node";
import { getSessionStaff, type StaffUser } from "#app/models/staff/staff-session.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { getEnv } from "#app/platform/env.server.ts";

let cookie: ReturnType<typeof createCookie> | undefined;

/**
 * What every cookie of ours shares: signed with every session secret (the newest signs, all verify, so a
 * change of secret signs nobody out), and Secure when the portal is served over https.
 */
export function cookieBase() {
  const env = getEnv();
  const https = env.PUBLIC_URL.startsWith("https:");
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    // Secure in production whatever PUBLIC_URL says (fail closed); the `__Host-`/`__Secure-` names need a
    // portal that is really served over https, where browsers keep such cookies.
    secure: https || env.NODE_ENV === "production",
    prefixed: https,
    secrets: env.SESSION_SECRETS,
  };
}

function sessionCookie() {
  const { prefixed, ...base } = cookieBase();
  // `__Host-`: a Secure cookie for this host only, path /, which no subdomain or plain-http page can plant.
  cookie ??= createCookie(prefixed ? "__Host-session" : "__session", {
    ...base,
    path: "/",
    maxAge: 60 * 60 * 24 * 7,
  });
  return cookie;
}

export async function readSessionToken(request: Request): Promise<unknown> {
  return sessionCookie()
    .parse(request.headers.get("Cookie"))
    .catch(() => null);
}

export async function getStaff(request: Request): Promise<StaffUser | null> {
  return getSessionStaff(getDb(), await readSessionToken(request));
}

export async function sessionCookieHeader(token: string): Promise<string> {
  return sessionCookie().serialize(token);
}

export async function clearSessionCookieHeader(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0 });
}

/** The signed-in staff user with one of `roles`; otherwise sign-in (signed out) or 403 (wrong role). */
export async function requireStaff(request: Request, roles?: StaffUser["role"][]): Promise<StaffUser> {
  const staff = await getStaff(request);
  if (!staff) {
    const url = new URL(request.url);
    throw redirect(`/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (roles && !roles.includes(staff.role)) throw new Response("Forbidden", { status: 403 });
  return staff;
}

/** The client IP for rate limits, as server.ts puts it in the load context (proxies on private networks trusted). */
export function clientIp(context: unknown): string {
  const ip = (context as { clientIp?: unknown } | undefined)?.clientIp;
  return typeof ip === "string" && ip ? ip : "unknown";
}
