// What part of the organisation a staff user may see and change. Every organisation query filters by it,
// so scope holds even for a request no page links to.
import { type ExpressionBuilder, sql } from "kysely";
import type { DB } from "#db/types.ts";
import type { Database } from "#app/platform/db.server.ts";
import type { StaffUser } from "#app/models/staff/staff-session.server.ts";

/** Admins see everything; an organiser sees the subtree of their scope unit (itself included). */
export type Scope = { kind: "all" } | { kind: "subtree"; unitId: number; path: string };

export async function scopeOf(db: Database, staff: StaffUser): Promise<Scope> {
  if (staff.role === "admin") return { kind: "all" };
  if (staff.role !== "organiser" || !staff.scopeUnitId) throw new Response("Forbidden", { status: 403 });
  const unit = await db
    .selectFrom("units")
    .select(["id", "path"])
    .where("id", "=", staff.scopeUnitId)
    .executeTakeFirst();
  if (!unit) throw new Response("Forbidden", { status: 403 });
  return { kind: "subtree", unitId: unit.id, path: unit.path };
}

/**
 * A where-clause for any query that joins `units`: keeps rows whose unit lies in the scope.
 * Use as `.where((eb) => unitInScope(eb, scope))`; `table` names the joined units table or its alias.
 */
export function unitInScope<T extends keyof DB>(eb: ExpressionBuilder<DB, T>, scope: Scope, table = "units") {
  if (scope.kind === "all") return sql<boolean>`true`;
  // A byte range rather than LIKE: a prepared statement's generic plan cannot use the index for LIKE $1.
  // '/1/12/' ≤ path < '/1/120' is exactly the paths that start with '/1/12/' ('0' follows '/').
  const ref = sql.ref(`${table}.path`);
  return sql<boolean>`(${ref} ~>=~ ${scope.path} and ${ref} ~<~ ${`${scope.path.slice(0, -1)}0`})`;
}

export function pathInScope(scope: Scope, path: string): boolean {
  return scope.kind === "all" || path.startsWith(scope.path);
}

/**
 * The unit if it exists and lies in the scope; otherwise a 404 (never a 403, which would tell an organiser
 * that a unit exists in another district).
 */
export async function getUnitInScope(db: Database, scope: Scope, unitId: number | null) {
  const unit = unitId
    ? await db.selectFrom("units").selectAll().where("id", "=", unitId).executeTakeFirst()
    : undefined;
  if (!unit || !pathInScope(scope, unit.path)) throw new Response("Not found", { status: 404 });
  return unit;
}
