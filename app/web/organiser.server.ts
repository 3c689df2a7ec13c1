// The guard of every organisation page and action: signed-out visitors go to sign-in, trainers get 403,
// organisers get their scope (admins: everything).
import { type Scope, scopeOf } from "#app/models/organisation/scope.server.ts";
import type { StaffUser } from "#app/models/staff/staff-session.server.ts";
import { requireStaff } from "./auth.server.ts";
import { getDb } from "#app/platform/db.server.ts";

export async function requireOrganiser(request: Request): Promise<{ staff: StaffUser; scope: Scope }> {
  const staff = await requireStaff(request, ["admin", "organiser"]);
  return { staff, scope: await scopeOf(getDb(), staff) };
}

export async function requireAdmin(request: Request): Promise<StaffUser> {
  return requireStaff(request, ["admin"]);
}
