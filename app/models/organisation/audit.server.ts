// Who changed what, when: written in the same transaction as the change itself.
import type { Database, Tx } from "#app/platform/db.server.ts";

export type AuditEntry = {
  actorStaffId: number | null;
  action: string; // e.g. "committee.formed"
  entityType: string; // e.g. "committee"
  entityId: number | null;
  details?: Record<string, unknown>;
};

export async function recordAudit(db: Tx, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("auditLog")
    .values({ ...entry, details: (entry.details ?? {}) as never })
    .execute();
}

/** The history of one entity, newest first, with the actor's name. */
export async function listAudit(db: Database, entityType: string, entityId: number, limit = 100) {
  return db
    .selectFrom("auditLog")
    .leftJoin("staffUsers", "staffUsers.id", "auditLog.actorStaffId")
    .select([
      "auditLog.id",
      "auditLog.at",
      "auditLog.action",
      "auditLog.details",
      "staffUsers.name as actorName",
    ])
    .where("auditLog.entityType", "=", entityType)
    .where("auditLog.entityId", "=", entityId)
    .orderBy("auditLog.id", "desc")
    .limit(limit)
    .execute();
}
