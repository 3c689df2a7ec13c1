// Who is using a tablet page: a signed-in staff user (trainer, organiser, admin) or a tablet paired for one
// event, whose credential is a signed cookie sent only to /tablet.
import { createCookie, redirect } from "@remix-run/node";
import type { TabletActor } from "#app/models/attendance/attendance.server.ts";
import { scopeOf } from "#app/models/organisation/scope.server.ts";
import { findTabletByToken } from "#app/models/attendance/tablet-device.server.ts";
import { cookieBase, getStaff } from "./auth.server.ts";
import { getDb } from "#app/platform/db.server.ts";

let cookie: ReturnType<typeof createCookie> | undefined;

function tabletCookie() {
  const { prefixed, ...base } = cookieBase();
  // Sent only to /tablet, so `__Secure-` (a `__Host-` cookie must have path /).
  cookie ??= createCookie(prefixed ? "__Secure-tablet" : "__tablet", {
    ...base,
    path: "/tablet",
    // The tablet stays paired until an organiser revokes it; a year bounds a forgotten one.
    maxAge: 60 * 60 * 24 * 365,
  });
  return cookie;
}

export async function tabletCookieHeader(token: string): Promise<string> {
  return tabletCookie().serialize(token);
}

export async function clearTabletCookieHeader(): Promise<string> {
  return tabletCookie().serialize("", { maxAge: 0 });
}

type Lookup = { actor: TabletActor } | { actor: null; revoked: boolean };

async function lookup(request: Request): Promise<Lookup> {
  const staff = await getStaff(request);
  const db = getDb();
  if (staff) {
    return {
      actor: { kind: "staff", staff, scope: staff.role === "trainer" ? null : await scopeOf(db, staff) },
    };
  }
  const token = await tabletCookie()
    .parse(request.headers.get("Cookie"))
    .catch(() => null);
  if (!token) return { actor: null, revoked: false };
  const device = await findTabletByToken(db, token);
  return device ? { actor: { kind: "device", device } } : { actor: null, revoked: true };
}

/** For tablet pages: signed-out visitors go to sign-in; a tablet whose pairing was revoked goes to pairing. */
export async function requireTabletActor(request: Request): Promise<TabletActor> {
  const found = await lookup(request);
  if (found.actor) return found.actor;
  if (found.revoked) {
    throw redirect("/tablet/pair?revoked=1", { headers: { "Set-Cookie": await clearTabletCookieHeader() } });
  }
  const url = new URL(request.url);
  throw redirect(`/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** For the tablet's JSON endpoints: 401 with a reason the tablet can show, never a redirect. */
export async function requireTabletApiActor(request: Request): Promise<TabletActor> {
  const found = await lookup(request);
  if (found.actor) return found.actor;
  throw Response.json({ error: found.revoked ? "revoked" : "signed-out" }, { status: 401 });
}
