// The Cookie headers a portal started with SESSION_SECRET = `secret` accepts: a signed-in staff member's
// session and a paired tablet's credential, as app/utils/auth.server.ts and tablet-auth.server.ts set them.
import { createCookie } from "@remix-run/node";
import { createStaffSession } from "#app/models/staff-session.server.ts";
import type { Database } from "#app/utils/db.server.ts";

export function tabletTestCookies(secret: string) {
  const options = { secrets: [secret], httpOnly: true, sameSite: "lax" as const };
  const session = createCookie("__session", { ...options, path: "/" });
  const tablet = createCookie("__tablet", { ...options, path: "/tablet" });
  return {
    /** `__session=…` of a new session for the staff member. */
    staff: async (db: Database, staffId: number) =>
      (await session.serialize(await createStaffSession(db, staffId))).split(";")[0]!,
    /** `__tablet=…` carrying a device token. */
    device: async (token: string) => (await tablet.serialize(token)).split(";")[0]!,
  };
}
