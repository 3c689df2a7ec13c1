import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_ADMIN_EMAIL, seedDemo } from "#db/seed/demo.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { unitId } from "#tests/support/db-helpers.ts";
import { hashToken } from "#app/platform/token.server.ts";
import { inspectSignInToken, signInWithToken } from "./sign-in.server.ts";
import { getStaffUser, inviteStaff, listStaff, resendInvitation, updateStaff } from "./staff.server.ts";
import { type StaffInvite, StaffInviteSchema, type StaffUpdate } from "./staff.ts";
import { createStaffSession, getSessionStaff, type StaffUser } from "./staff-session.server.ts";

const publicUrl = "https://shivir.example.org";
const TOKEN_URL = new RegExp(`^${publicUrl}/sign-in/([A-Za-z0-9_-]{43})$`);

describe("staff administration", () => {
  const testDb = useTestDatabase();
  const db = () => testDb().db;
  let admin: StaffUser;

  beforeAll(async () => {
    await seedDemo(db());
    const row = await db()
      .selectFrom("staffUsers")
      .select(["id", "email", "name", "role", "scopeUnitId", "preferredLanguage"])
      .where("email", "=", DEMO_ADMIN_EMAIL)
      .executeTakeFirstOrThrow();
    admin = row;
  });

  const invite = (overrides: Partial<StaffInvite> = {}, options: { expiresInMinutes?: number } = {}) =>
    inviteStaff(
      db(),
      admin,
      StaffInviteSchema.parse({
        email: "Ramesh.Sharma@Example.in",
        name: "रमेश शर्मा",
        role: "organiser",
        scopeUnitCode: "rj-jp",
        preferredLanguage: "en",
        ...overrides,
      }),
      { publicUrl, ...options },
    );

  async function counts() {
    const count = (table: "staffUsers" | "signInTokens" | "emails" | "auditLog") =>
      db()
        .selectFrom(table)
        .select(sql<number>`count(*)::int`.as("n"))
        .executeTakeFirstOrThrow()
        .then((r) => r.n);
    const [users, tokens, emails, audit] = await Promise.all([
      count("staffUsers"),
      count("signInTokens"),
      count("emails"),
      count("auditLog"),
    ]);
    return { users, tokens, emails, audit };
  }

  async function latestEmailTo(recipient: string) {
    return db()
      .selectFrom("emails")
      .select(["id", "template", "locale", "props", "idempotencyKey", "subject"])
      .where("recipient", "=", recipient)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
  }

  async function auditFor(id: number) {
    return db()
      .selectFrom("auditLog")
      .select(["action", "actorStaffId", "details"])
      .where("entityType", "=", "staff_user")
      .where("entityId", "=", id)
      .orderBy("id")
      .execute();
  }

  const update = (id: number, values: Partial<StaffUpdate>, actor = admin) =>
    updateStaff(db(), actor, id, {
      name: "रमेश शर्मा",
      role: "organiser",
      scopeUnitCode: "RJ-JP",
      preferredLanguage: "en",
      active: true,
      ...values,
    });

  let rameshId: number;
  // Ramesh after the update test below.
  const current = { name: "Ramesh Sharma", scopeUnitCode: "RJ-JP-AC-SNG", preferredLanguage: "hi" as const };

  it("invites: creates the user, a 72-hour sign-in token and the queued email in their language, and audits", async () => {
    const before = await counts();
    const result = await invite();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    rameshId = result.id;

    const user = await db()
      .selectFrom("staffUsers")
      .selectAll()
      .where("id", "=", result.id)
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({
      email: "ramesh.sharma@example.in",
      name: "रमेश शर्मा",
      role: "organiser",
      scopeUnitId: await unitId(db(), "RJ-JP"),
      preferredLanguage: "en",
      active: true,
    });

    const email = await latestEmailTo("ramesh.sharma@example.in");
    expect(email.template).toBe("staff-invite");
    expect(email.locale).toBe("en");
    expect(email.subject).toBe("You are invited to Shivir · शिविर में आपको आमंत्रित किया गया है");
    const props = email.props as Record<string, unknown>;
    expect(props).toMatchObject({
      name: "रमेश शर्मा",
      inviterName: "Demo Admin",
      role: "organiser",
      scope: { code: "RJ-JP", level: "district", nameEn: "Jaipur", nameHi: "जयपुर" },
      expiresInMinutes: 72 * 60,
    });
    const token = TOKEN_URL.exec(String(props.url))?.[1];
    expect(token, String(props.url)).toBeDefined();

    const tokenRow = await db()
      .selectFrom("signInTokens")
      .select([
        "id",
        "staffUserId",
        "usedAt",
        sql<number>`extract(epoch from expires_at - now())::int`.as("secondsLeft"),
      ])
      .where("tokenHash", "=", hashToken(token!))
      .executeTakeFirstOrThrow();
    expect(tokenRow.staffUserId).toBe(result.id);
    expect(tokenRow.usedAt).toBeNull();
    expect(tokenRow.secondsLeft).toBeGreaterThan(72 * 3600 - 120);
    expect(tokenRow.secondsLeft).toBeLessThanOrEqual(72 * 3600);
    expect(email.idempotencyKey).toBe(`staff-invite-${tokenRow.id}`);

    expect(await counts()).toEqual({
      users: before.users + 1,
      tokens: before.tokens + 1,
      emails: before.emails + 1,
      audit: before.audit + 1,
    });
    expect(await auditFor(result.id)).toEqual([
      {
        action: "staff.invited",
        actorStaffId: admin.id,
        details: {
          email: "ramesh.sharma@example.in",
          role: "organiser",
          scopeUnitCode: "RJ-JP",
          tokenId: tokenRow.id,
        },
      },
    ]);

    // The link is an ordinary sign-in link: it signs the organiser in, with the Jaipur scope.
    expect(await inspectSignInToken(db(), token)).toBe("valid");
    const signedIn = await signInWithToken(db(), token);
    expect(signedIn.ok).toBe(true);
    if (!signedIn.ok) return;
    expect(await getSessionStaff(db(), signedIn.sessionToken)).toMatchObject({
      id: result.id,
      role: "organiser",
      scopeUnitId: await unitId(db(), "RJ-JP"),
    });
  });

  it("takes another validity, and puts Hindi first for a Hindi reader", async () => {
    const result = await invite(
      { email: "trainer@example.in", role: "trainer", scopeUnitCode: undefined, preferredLanguage: "hi" },
      { expiresInMinutes: 90 },
    );
    expect(result.ok).toBe(true);
    const email = await latestEmailTo("trainer@example.in");
    expect(email.locale).toBe("hi");
    expect(email.subject.startsWith("शिविर में आपको")).toBe(true);
    expect(email.props).toMatchObject({ role: "trainer", scope: null, expiresInMinutes: 90 });
    const row = await db()
      .selectFrom("signInTokens")
      .select(sql<number>`extract(epoch from expires_at - created_at)::int`.as("seconds"))
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(row.seconds).toBe(90 * 60);
  });

  it("refuses an address that already has an account, in any case, naming that account", async () => {
    const before = await counts();
    for (const email of ["ramesh.sharma@example.in", "RAMESH.SHARMA@EXAMPLE.IN", DEMO_ADMIN_EMAIL]) {
      const result = await invite({ email: email.toLowerCase(), role: "trainer" });
      expect(result).toEqual({
        ok: false,
        field: "email",
        error: "staff.errors.duplicate",
        existingId: email === DEMO_ADMIN_EMAIL ? admin.id : rameshId,
      });
    }
    expect(await counts()).toEqual(before);
  });

  it("answers an invitation that loses a race for the address as a duplicate, not an error (23505)", async () => {
    const before = await counts();
    // Another transaction has inserted the address but not committed: the invitation's own check cannot see
    // it, and its insert waits on the unique index until that transaction commits.
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    let other!: (id: number) => void;
    const otherId = new Promise<number>((resolve) => (other = resolve));
    const holder = db()
      .transaction()
      .execute(async (trx) => {
        const row = await trx
          .insertInto("staffUsers")
          .values({ email: "race@example.in", name: "Race", role: "trainer" })
          .returning("id")
          .executeTakeFirstOrThrow();
        other(row.id);
        await committed;
      });
    const existingId = await otherId;
    const racing = invite({ email: "race@example.in", role: "trainer" });
    await expect
      .poll(async () => {
        const waiting = await sql<{ n: number }>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`.execute(db());
        return waiting.rows[0]?.n;
      })
      .toBe(1);
    commit();
    await holder;
    expect(await racing).toEqual({ ok: false, field: "email", error: "staff.errors.duplicate", existingId });
    // Only the other transaction's row: no token, email or audit row from the loser.
    expect(await counts()).toEqual({ ...before, users: before.users + 1 });
  });

  it("refuses an organiser without a unit or with an unknown unit, and changes nothing", async () => {
    const before = await counts();
    expect(
      StaffInviteSchema.safeParse({
        email: "noscope@example.in",
        name: "No Scope",
        role: "organiser",
        preferredLanguage: "hi",
      }).success,
    ).toBe(false);
    // The model checks it as well, for callers that skip the form schema.
    const bare = await inviteStaff(
      db(),
      admin,
      { email: "noscope@example.in", name: "No Scope", role: "organiser", preferredLanguage: "hi" },
      { publicUrl },
    );
    expect(bare).toEqual({ ok: false, field: "scopeUnitCode", error: "staff.errors.scopeRequired" });
    const unknown = await invite({ email: "noscope@example.in", scopeUnitCode: "RJ-XX" });
    expect(unknown).toEqual({ ok: false, field: "scopeUnitCode", error: "staff.errors.unknownUnit" });
    const unknownTrainer = await invite({
      email: "noscope@example.in",
      role: "trainer",
      scopeUnitCode: "RJ-XX",
    });
    expect(unknownTrainer).toEqual({ ok: false, field: "scopeUnitCode", error: "staff.errors.unknownUnit" });
    expect(await counts()).toEqual(before);
  });

  it("ignores a unit for an admin", async () => {
    const result = await invite({ email: "second.admin@example.in", role: "admin", scopeUnitCode: "RJ-JP" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const row = await db()
      .selectFrom("staffUsers")
      .select(["role", "scopeUnitId"])
      .where("id", "=", result.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ role: "admin", scopeUnitId: null });
    expect((await latestEmailTo("second.admin@example.in")).props).toMatchObject({
      role: "admin",
      scope: null,
    });
  });

  it("updates name, role, scope and language, and audits what changed", async () => {
    const result = await update(rameshId, {
      name: "Ramesh Sharma",
      scopeUnitCode: "RJ-JP-AC-SNG",
      preferredLanguage: "hi",
    });
    expect(result).toEqual({ ok: true, id: rameshId });
    const staff = await getStaffUser(db(), rameshId);
    expect(staff).toMatchObject({
      name: "Ramesh Sharma",
      role: "organiser",
      preferredLanguage: "hi",
      active: true,
      scope: { code: "RJ-JP-AC-SNG", level: "assembly", nameEn: "Sanganer", nameHi: "सांगानेर" },
    });
    expect(staff?.lastSignInAt).not.toBeNull();
    expect(staff?.history[0]).toMatchObject({
      action: "staff.updated",
      actorName: "Demo Admin",
      details: {
        changes: {
          name: { from: "रमेश शर्मा", to: "Ramesh Sharma" },
          scopeUnitCode: { from: "RJ-JP", to: "RJ-JP-AC-SNG" },
          preferredLanguage: { from: "en", to: "hi" },
        },
      },
    });

    // Saving the same values again changes and records nothing.
    const audit = (await auditFor(rameshId)).length;
    expect(await update(rameshId, current)).toEqual({ ok: true, id: rameshId });
    expect(await auditFor(rameshId)).toHaveLength(audit);

    // An organiser's unit cannot be removed or made unknown.
    expect(await update(rameshId, { ...current, scopeUnitCode: undefined })).toEqual({
      ok: false,
      field: "scopeUnitCode",
      error: "staff.errors.scopeRequired",
    });
    expect(await update(rameshId, { ...current, scopeUnitCode: "NOPE" })).toEqual({
      ok: false,
      field: "scopeUnitCode",
      error: "staff.errors.unknownUnit",
    });
    expect((await getStaffUser(db(), rameshId))?.scope?.code).toBe("RJ-JP-AC-SNG");
    expect(await update(999_999, {})).toBeNull();
  });

  it("deactivating revokes every session and voids unused links; the user is then signed out", async () => {
    const sessions = [await createStaffSession(db(), rameshId), await createStaffSession(db(), rameshId)];
    for (const s of sessions) expect(await getSessionStaff(db(), s)).not.toBeNull();
    expect(await resendInvitation(db(), admin, rameshId, { publicUrl })).toEqual({ ok: true, id: rameshId });
    const pending = TOKEN_URL.exec(
      String(((await latestEmailTo("ramesh.sharma@example.in")).props as { url: string }).url),
    )?.[1];
    expect(await inspectSignInToken(db(), pending)).toBe("valid");

    const result = await update(rameshId, { ...current, active: false });
    expect(result).toEqual({ ok: true, id: rameshId });
    for (const s of sessions) expect(await getSessionStaff(db(), s)).toBeNull();
    const open = await db()
      .selectFrom("staffSessions")
      .select("id")
      .where("staffUserId", "=", rameshId)
      .where("revokedAt", "is", null)
      .execute();
    expect(open).toEqual([]);
    const audit = await auditFor(rameshId);
    expect(audit.at(-1)).toMatchObject({
      action: "staff.deactivated",
      actorStaffId: admin.id,
      details: { sessionsRevoked: 3, linksVoided: 1 }, // two here, one from the sign-in in the first test
    });
    // Deactivation alone: no staff.updated row beside it.
    expect(audit.at(-2)?.action).toBe("staff.invitation_resent");

    // Inactive: no new invitation; and reactivating does not bring the old link back.
    expect(await resendInvitation(db(), admin, rameshId, { publicUrl })).toEqual({
      ok: false,
      error: "staff.errors.resendInactive",
    });
    expect(await update(rameshId, { ...current, active: true })).toEqual({
      ok: true,
      id: rameshId,
    });
    expect(await inspectSignInToken(db(), pending)).toBe("expired");
    expect((await auditFor(rameshId)).at(-1)).toMatchObject({
      action: "staff.updated",
      details: { changes: { active: { from: false, to: true } } },
    });
  });

  it("resends an invitation: a new token and a new email with its own idempotency key", async () => {
    const before = await counts();
    expect(await resendInvitation(db(), admin, rameshId, { publicUrl })).toEqual({ ok: true, id: rameshId });
    const email = await latestEmailTo("ramesh.sharma@example.in");
    const token = await db()
      .selectFrom("signInTokens")
      .select("id")
      .where("staffUserId", "=", rameshId)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(email).toMatchObject({
      template: "staff-invite",
      locale: "hi",
      idempotencyKey: `staff-invite-${token.id}`,
    });
    expect(email.props).toMatchObject({ scope: { code: "RJ-JP-AC-SNG" }, name: "Ramesh Sharma" });
    expect((await auditFor(rameshId)).at(-1)).toMatchObject({
      action: "staff.invitation_resent",
      details: { tokenId: token.id },
    });
    expect(await counts()).toEqual({
      users: before.users,
      tokens: before.tokens + 1,
      emails: before.emails + 1,
      audit: before.audit + 1,
    });
    expect(await resendInvitation(db(), admin, 999_999, { publicUrl })).toBeNull();
  });

  it("refuses an admin deactivating or demoting themselves, changing nothing", async () => {
    const before = await counts();
    const self = { name: admin.name, scopeUnitCode: undefined, preferredLanguage: admin.preferredLanguage };
    expect(await update(admin.id, { ...self, role: "admin", active: false })).toEqual({
      ok: false,
      error: "staff.errors.selfDeactivate",
    });
    expect(
      await update(admin.id, { ...self, role: "organiser", scopeUnitCode: "RJ-JP", active: true }),
    ).toEqual({
      ok: false,
      error: "staff.errors.selfDemote",
    });
    expect(await update(admin.id, { ...self, role: "trainer", active: true })).toEqual({
      ok: false,
      error: "staff.errors.selfDemote",
    });
    const row = await db()
      .selectFrom("staffUsers")
      .select(["role", "active"])
      .where("id", "=", admin.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ role: "admin", active: true });
    expect(await counts()).toEqual(before);

    // Another admin may demote this one, and the change drops nothing it should keep.
    const other = await db()
      .selectFrom("staffUsers")
      .select(["id", "email", "name", "role", "scopeUnitId", "preferredLanguage"])
      .where("email", "=", "second.admin@example.in")
      .executeTakeFirstOrThrow();
    expect(await update(other.id, { ...self, name: other.name, role: "trainer", active: true })).toEqual({
      ok: true,
      id: other.id,
    });
    // Renaming oneself is fine.
    expect(await update(admin.id, { ...self, name: "Demo Admin", role: "admin", active: true })).toEqual({
      ok: true,
      id: admin.id,
    });
  });

  it("lists staff 50 to a page, active first, with role, scope and last sign-in", async () => {
    await db()
      .insertInto("staffUsers")
      .values(
        Array.from({ length: 55 }, (_, i) => ({
          email: `trainer${String(i).padStart(2, "0")}@example.in`,
          name: `Trainer ${String(i).padStart(2, "0")}`,
          role: "trainer" as const,
        })),
      )
      .execute();
    const first = await listStaff(db(), { page: 1 });
    expect(first.rows).toHaveLength(50);
    expect(first.hasMore).toBe(true);
    const total = first.total;
    const second = await listStaff(db(), { page: 2 });
    expect(second.rows).toHaveLength(total - 50);
    expect(second.hasMore).toBe(false);
    const all = [...first.rows, ...second.rows];
    expect(new Set(all.map((r) => r.id)).size).toBe(total);
    // Active first: every inactive user comes after every active one.
    const firstInactive = all.findIndex((r) => !r.active);
    expect(firstInactive === -1 || all.slice(firstInactive).every((r) => !r.active)).toBe(true);
    expect(first.activeCount).toBe(all.filter((r) => r.active).length);

    const ramesh = all.find((r) => r.id === rameshId);
    expect(ramesh).toMatchObject({
      email: "ramesh.sharma@example.in",
      role: "organiser",
      scope: { code: "RJ-JP-AC-SNG", nameHi: "सांगानेर" },
    });
    expect(ramesh?.lastSignInAt).toBeInstanceOf(Date);
    expect(all.find((r) => r.email === "trainer00@example.in")).toMatchObject({
      scope: null,
      lastSignInAt: null,
    });
  });
});
