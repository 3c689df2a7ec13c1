// Whom an organiser may see in full, and whose contact details they may change, as where-clauses on an
// appointee id. Walk-in matching and "appoint existing" look people up by phone or email across the whole
// organisation (so no one is recorded twice); these clauses decide whether the match is shown or masked.
import { type RawBuilder, sql } from "kysely";
import type { Scope } from "./scope.server.ts";

/** The path at `ref` lies in the subtree at `path` (the index-friendly byte range of unitInScope). */
function pathWithin(ref: string, path: string) {
  const upper = `${path.slice(0, -1)}0`;
  return sql<boolean>`(${sql.ref(ref)} ~>=~ ${path} and ${sql.ref(ref)} ~<~ ${upper})`;
}

function activeAppointment(ref: string, where: RawBuilder<boolean>) {
  return sql<boolean>`exists (
    select 1 from appointments sp
      join committees sc on sc.id = sp.committee_id
      join units su on su.id = sc.unit_id
     where sp.appointee_id = ${sql.ref(ref)} and sp.active and ${where})`;
}

/**
 * The appointee whose id is at `ref` holds an active appointment in the scope: the organiser may see them
 * (the same rule as the appointee pages). Admins see everyone.
 */
export function appointeeInScope(scope: Scope, ref: string): RawBuilder<boolean> {
  if (scope.kind === "all") return sql<boolean>`true`;
  return activeAppointment(ref, pathWithin("su.path", scope.path));
}

/**
 * The appointee at `ref` is in the scope and holds no active appointment outside it: only then may the
 * organiser change their name, phone or email, which other districts' invitations and links also use.
 */
export function contactsInScope(scope: Scope, ref: string): RawBuilder<boolean> {
  if (scope.kind === "all") return sql<boolean>`true`;
  const outside = activeAppointment(ref, sql<boolean>`not ${pathWithin("su.path", scope.path)}`);
  return sql<boolean>`(${appointeeInScope(scope, ref)} and not ${outside})`;
}
