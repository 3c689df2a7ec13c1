// Staff administration: admins invite staff users (an account plus an emailed sign-in link that works for
// three days), change their role, scope and language, deactivate them and send the invitation again.
import { isUniqueViolation } from "#app/platform/db-errors.server.ts";
import { sql } from "kysely";
import { z } from "zod";
import type { Database, Tx } from "#app/platform/db.server.ts";
import type { Result } from "#app/platform/result.ts";
import { listAudit, recordAudit } from "#app/models/organisation/audit.server.ts";
import {
  INVITATION_MINUTES,
  type SelfChangeProblem,
  STAFF_PAGE_SIZE,
  type StaffInvite,
  type StaffRole,
  type StaffUpdate,
  scopeCodeForRole,
  selfChangeProblem,
} from "./staff.ts";
import { issueSignInLink } from "./sign-in.server.ts";
import type { StaffUser } from "./staff-session.server.ts";
import type { UnitLevel } from "#app/models/organisation/unit.ts";

export type ScopeUnit = { id: number; code: string; level: UnitLevel; nameEn: string; nameHi: string };

/** Why a form was refused: the field it concerns (none: the whole form) and a translation key. */
export type StaffProblem =
  | { field: "email"; error: "staff.errors.duplicate"; existingId: number }
  | { field: "scopeUnitCode"; error: "staff.errors.unknownUnit" | "staff.errors.scopeRequired" }
  | { field?: undefined; error: SelfChangeProblem | "staff.errors.resendInactive" };

export type StaffResult = Result<{ id: number }, StaffProblem>;

type InvitationOptions = { publicUrl: string; expiresInMinutes?: number };

const userColumns = [
  "staffUsers.id",
  "staffUsers.email",
  "staffUsers.name",
  "staffUsers.role",
  "staffUsers.preferredLanguage",
  "staffUsers.active",
  "staffUsers.createdAt",
] as const;
const unitColumns = [
  "units.id as unitId",
  "units.code as unitCode",
  "units.level as unitLevel",
  "units.nameEn as unitNameEn",
  "units.nameHi as unitNameHi",
] as const;

function toScopeUnit(row: {
  unitId: number | null;
  unitCode: string | null;
  unitLevel: string | null;
  unitNameEn: string | null;
  unitNameHi: string | null;
}): ScopeUnit | null {
  if (row.unitId === null) return null;
  return {
    id: row.unitId,
    code: row.unitCode ?? "",
    level: row.unitLevel as UnitLevel,
    nameEn: row.unitNameEn ?? "",
    nameHi: row.unitNameHi ?? "",
  };
}

function baseQuery(db: Database) {
  return (
    db
      .selectFrom("staffUsers")
      .leftJoin("units", "units.id", "staffUsers.scopeUnitId")
      .select(userColumns)
      .select(unitColumns)
      // The newest session is the last sign-in: one index lookup per listed user (staff_sessions_user_idx).
      .select((eb) =>
        eb
          .selectFrom("staffSessions")
          .select(sql<Date | null>`max(staff_sessions.created_at)`.as("m"))
          .whereRef("staffSessions.staffUserId", "=", "staffUsers.id")
          .as("lastSignInAt"),
      )
  );
}

function toStaffRow<
  R extends {
    unitId: number | null;
    unitCode: string | null;
    unitLevel: string | null;
    unitNameEn: string | null;
    unitNameHi: string | null;
  },
>(row: R) {
  const { unitId: _, unitCode: __, unitLevel: ___, unitNameEn: ____, unitNameHi: _____, ...rest } = row;
  return { ...rest, scope: toScopeUnit(row) };
}

/** One page of staff users: active ones first, then by name. */
const StaffListFilterSchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  invited: z.coerce.number().int().positive().optional().catch(undefined),
});

/** The staff list's ?page=&invited= (anything unknown: page 1, no banner). */
export function readStaffListFilter(params: URLSearchParams) {
  return StaffListFilterSchema.parse({
    page: params.get("page") ?? 1,
    invited: params.get("invited") ?? undefined,
  });
}

export async function listStaff(db: Database, filter: { page: number }) {
  const [rows, totals] = await Promise.all([
    baseQuery(db)
      .orderBy("staffUsers.active", "desc")
      .orderBy("staffUsers.name")
      .orderBy("staffUsers.id")
      .limit(STAFF_PAGE_SIZE + 1)
      .offset((filter.page - 1) * STAFF_PAGE_SIZE)
      .execute(),
    db
      .selectFrom("staffUsers")
      .select([
        sql<number>`count(*)::int`.as("total"),
        sql<number>`(count(*) filter (where active))::int`.as("active"),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.slice(0, STAFF_PAGE_SIZE).map(toStaffRow),
    hasMore: rows.length > STAFF_PAGE_SIZE,
    total: totals.total,
    activeCount: totals.active,
  };
}

/** One staff user with their scope unit, last sign-in and recent history; null if there is none. */
export async function getStaffUser(db: Database, id: number) {
  const row = await baseQuery(db)
    .select((eb) =>
      eb
        .selectFrom("signInTokens")
        .select(sql<Date | null>`max(sign_in_tokens.created_at)`.as("m"))
        .whereRef("signInTokens.staffUserId", "=", "staffUsers.id")
        .as("lastLinkAt"),
    )
    .where("staffUsers.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const history = await listAudit(db, "staff_user", id, 20);
  return { ...toStaffRow(row), history };
}

async function findUnitByCode(db: Database, code: string | null): Promise<ScopeUnit | null | "unknown"> {
  if (!code) return null;
  const unit = await db
    .selectFrom("units")
    .select(["id", "code", "level", "nameEn", "nameHi"])
    .where("code", "=", code)
    .executeTakeFirst();
  return unit ? { ...unit, level: unit.level as UnitLevel } : "unknown";
}

/** The scope unit a role gets from the form, or the problem with it (organisers must have one that exists). */
async function resolveScope(
  db: Database,
  input: { role: StaffRole; scopeUnitCode?: string | undefined },
): Promise<Result<{ scope: ScopeUnit | null }, StaffProblem>> {
  const scope = await findUnitByCode(db, scopeCodeForRole(input));
  if (scope === "unknown") return { ok: false, field: "scopeUnitCode", error: "staff.errors.unknownUnit" };
  // The schema says so too; checked here as well, so no caller can hit the database's CHECK with a 500.
  if (input.role === "organiser" && !scope)
    return { ok: false, field: "scopeUnitCode", error: "staff.errors.scopeRequired" };
  return { ok: true, scope };
}

async function findStaffIdByEmail(db: Database, email: string): Promise<number | null> {
  const row = await db.selectFrom("staffUsers").select("id").where("email", "=", email).executeTakeFirst();
  return row?.id ?? null;
}

/**
 * A sign-in link for `staff` (issued as requestSignInLink issues one, so /sign-in/<token> takes it) and the
 * invitation email carrying it, queued in the caller's transaction. Returns the token's id.
 */
async function queueInvitation(
  trx: Tx,
  staff: { id: number; email: string; name: string; role: StaffRole; preferredLanguage: "hi" | "en" },
  scope: ScopeUnit | null,
  inviter: StaffUser,
  options: InvitationOptions,
): Promise<number> {
  return issueSignInLink(trx, staff, {
    minutes: options.expiresInMinutes ?? INVITATION_MINUTES,
    publicUrl: options.publicUrl,
    template: "staff-invite",
    props: {
      name: staff.name,
      inviterName: inviter.name,
      role: staff.role,
      scope: scope
        ? { code: scope.code, level: scope.level, nameEn: scope.nameEn, nameHi: scope.nameHi }
        : null,
    },
  });
}

/**
 * Creates a staff user and emails them an invitation (a sign-in link valid for three days by default), in one
 * transaction. An address that already has an account is refused, naming that account.
 */
export async function inviteStaff(
  db: Database,
  actor: StaffUser,
  input: StaffInvite,
  options: InvitationOptions,
): Promise<StaffResult> {
  const email = input.email.trim().toLowerCase();
  try {
    return await db.transaction().execute(async (trx): Promise<StaffResult> => {
      const existingId = await findStaffIdByEmail(trx, email);
      if (existingId) return { ok: false, field: "email", error: "staff.errors.duplicate", existingId };
      const resolved = await resolveScope(trx, input);
      if (!resolved.ok) return resolved;
      const { scope } = resolved;

      const staff = await trx
        .insertInto("staffUsers")
        .values({
          email,
          name: input.name,
          role: input.role,
          scopeUnitId: scope?.id ?? null,
          preferredLanguage: input.preferredLanguage,
        })
        .returning(["id", "email", "name", "role", "preferredLanguage"])
        .executeTakeFirstOrThrow();
      const tokenId = await queueInvitation(trx, staff, scope, actor, options);
      await recordAudit(trx, {
        actorStaffId: actor.id,
        action: "staff.invited",
        entityType: "staff_user",
        entityId: staff.id,
        details: { email, role: staff.role, scopeUnitCode: scope?.code ?? null, tokenId },
      });
      return { ok: true, id: staff.id };
    });
  } catch (error) {
    // Two admins inviting the same address at once: the loser gets the same answer as a plain duplicate.
    if (!isUniqueViolation(error)) throw error;
    const existingId = await findStaffIdByEmail(db, email);
    if (!existingId) throw error;
    return { ok: false, field: "email", error: "staff.errors.duplicate", existingId };
  }
}

/**
 * Changes a staff user's name, role, scope, language and whether they are active. Deactivating also revokes
 * every session and voids every unused sign-in link. Returns null when there is no such user.
 */
export async function updateStaff(
  db: Database,
  actor: StaffUser,
  id: number,
  input: StaffUpdate,
): Promise<StaffResult | null> {
  const problem = selfChangeProblem(actor.id, id, input);
  return db.transaction().execute(async (trx): Promise<StaffResult | null> => {
    const before = await trx
      .selectFrom("staffUsers")
      .leftJoin("units", "units.id", "staffUsers.scopeUnitId")
      .select(["staffUsers.name", "staffUsers.role", "staffUsers.preferredLanguage", "staffUsers.active"])
      .select("units.code as scopeUnitCode")
      .where("staffUsers.id", "=", id)
      .forUpdate("staffUsers")
      .executeTakeFirst();
    if (!before) return null;
    if (problem) return { ok: false, error: problem };
    const resolved = await resolveScope(trx, input);
    if (!resolved.ok) return resolved;
    const { scope } = resolved;

    const after = {
      name: input.name,
      role: input.role,
      preferredLanguage: input.preferredLanguage,
      active: input.active,
      scopeUnitCode: scope?.code ?? null,
    };
    const deactivated = before.active && !after.active;
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(after) as (keyof typeof after)[]) {
      if (key === "active" && deactivated) continue; // recorded as staff.deactivated
      if (before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
    }
    if (!deactivated && Object.keys(changes).length === 0) return { ok: true, id };

    await trx
      .updateTable("staffUsers")
      .set({
        name: after.name,
        role: after.role,
        preferredLanguage: after.preferredLanguage,
        active: after.active,
        scopeUnitId: scope?.id ?? null,
        updatedAt: sql`now()`,
      })
      .where("id", "=", id)
      .execute();
    if (Object.keys(changes).length > 0) {
      await recordAudit(trx, {
        actorStaffId: actor.id,
        action: "staff.updated",
        entityType: "staff_user",
        entityId: id,
        details: { changes },
      });
    }
    if (deactivated) {
      const sessions = await trx
        .updateTable("staffSessions")
        .set({ revokedAt: sql`now()` })
        .where("staffUserId", "=", id)
        .where("revokedAt", "is", null)
        .where("expiresAt", ">", sql<Date>`now()`)
        .executeTakeFirst();
      // Links already sent must not come back to life if the account is activated again.
      const links = await trx
        .updateTable("signInTokens")
        .set({ expiresAt: sql`now()` })
        .where("staffUserId", "=", id)
        .where("usedAt", "is", null)
        .where("expiresAt", ">", sql<Date>`now()`)
        .executeTakeFirst();
      await recordAudit(trx, {
        actorStaffId: actor.id,
        action: "staff.deactivated",
        entityType: "staff_user",
        entityId: id,
        details: {
          sessionsRevoked: Number(sessions.numUpdatedRows),
          linksVoided: Number(links.numUpdatedRows),
        },
      });
    }
    return { ok: true, id };
  });
}

/** A new invitation (new link, new email) for an active staff user; null when there is no such user. */
export async function resendInvitation(
  db: Database,
  actor: StaffUser,
  id: number,
  options: InvitationOptions,
): Promise<StaffResult | null> {
  return db.transaction().execute(async (trx): Promise<StaffResult | null> => {
    const staff = await trx
      .selectFrom("staffUsers")
      .leftJoin("units", "units.id", "staffUsers.scopeUnitId")
      .select(["staffUsers.id", "staffUsers.email", "staffUsers.name", "staffUsers.role"])
      .select(["staffUsers.preferredLanguage", "staffUsers.active"])
      .select(unitColumns)
      .where("staffUsers.id", "=", id)
      .executeTakeFirst();
    if (!staff) return null;
    // An inactive user's link would not sign anyone in.
    if (!staff.active) return { ok: false, error: "staff.errors.resendInactive" };
    const tokenId = await queueInvitation(trx, staff, toScopeUnit(staff), actor, options);
    await recordAudit(trx, {
      actorStaffId: actor.id,
      action: "staff.invitation_resent",
      entityType: "staff_user",
      entityId: id,
      details: { tokenId },
    });
    return { ok: true, id };
  });
}
