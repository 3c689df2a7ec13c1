import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#app/platform/db.server.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { expectNotFound } from "#tests/support/db-helpers.ts";
import { createTabletFixture, type TabletFixture } from "#tests/support/tablet-fixture.ts";
import { scopeOf } from "#app/models/organisation/scope.server.ts";
import type { StaffUser } from "#app/models/staff/staff-session.server.ts";
import {
  createPairingCode,
  findTabletByToken,
  listTablets,
  type OrganiserActor,
  pairingLimit,
  pairTablet,
  revokeTablet,
} from "./tablet-device.server.ts";

describe("tablet pairing", () => {
  const testDb = useTestDatabase();
  let db: Database;
  let f: TabletFixture;
  let organiser: OrganiserActor;
  let other: OrganiserActor;

  async function actor(id: number): Promise<OrganiserActor> {
    const staff = (await db
      .selectFrom("staffUsers")
      .select(["id", "email", "name", "role", "scopeUnitId", "preferredLanguage"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow()) as StaffUser;
    return { staffId: id, scope: await scopeOf(db, staff) };
  }

  beforeAll(async () => {
    db = testDb().db;
    f = await createTabletFixture(db, { people: 4 });
    organiser = await actor(f.organiserId);
    other = await actor(f.otherOrganiserId);
  });

  it("pairs a tablet once per code, for the code's event only, and stores only hashes", async () => {
    const { code, expiresAt } = await createPairingCode(db, organiser, f.eventId, "Hall A");
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
    const stored = await db.selectFrom("tabletPairingCodes").select("codeHash").execute();
    expect(stored.map((s) => s.codeHash)).not.toContain(code);

    const paired = await pairTablet(db, { code, ip: "10.0.0.1" });
    if (!paired.ok) throw new Error(paired.error);
    expect(paired.device).toMatchObject({ eventId: f.eventId, name: "Hall A" });
    expect(await pairTablet(db, { code, ip: "10.0.0.1" })).toEqual({
      ok: false,
      error: "tablet.errors.codeInvalid",
    });
    expect(await findTabletByToken(db, paired.token)).toEqual(paired.device);
    expect(await findTabletByToken(db, "not-a-token")).toBeNull();
    const devices = await db.selectFrom("tabletDevices").select("tokenHash").execute();
    expect(devices.map((d) => d.tokenHash)).not.toContain(paired.token);
  });

  it("refuses an expired code", async () => {
    const { code } = await createPairingCode(db, organiser, f.eventId, "Hall B");
    await sql`update tablet_pairing_codes set expires_at = now() - interval '1 second' where used_at is null`.execute(
      db,
    );
    expect(await pairTablet(db, { code, ip: "10.0.0.2" })).toEqual({
      ok: false,
      error: "tablet.errors.codeInvalid",
    });
  });

  it("withdraws a tablet at once and lists it as withdrawn", async () => {
    const { code } = await createPairingCode(db, organiser, f.eventId, "Desk 2");
    const paired = await pairTablet(db, { code, ip: "10.0.0.3" });
    if (!paired.ok) throw new Error(paired.error);
    await expectNotFound(revokeTablet(db, other, f.eventId, paired.device.id));
    expect(await findTabletByToken(db, paired.token)).not.toBeNull();
    await expectNotFound(revokeTablet(db, organiser, f.otherEvent.eventId, paired.device.id));
    expect(await revokeTablet(db, organiser, f.eventId, paired.device.id)).toEqual({ ok: true });
    expect(await findTabletByToken(db, paired.token)).toBeNull();
    expect(await revokeTablet(db, organiser, f.eventId, paired.device.id)).toEqual({
      ok: false,
      error: "tablet.errors.deviceNotFound",
    });
    const list = await listTablets(db, organiser.scope, f.eventId);
    expect(list.find((d) => d.id === paired.device.id)?.revokedAt).toBeInstanceOf(Date);
    await expectNotFound(listTablets(db, other.scope, f.eventId));
    await expectNotFound(createPairingCode(db, other, f.eventId, "Sneaky"));
  });

  it("limits guesses per address, counting only wrong codes", async () => {
    // A venue pairs more tablets than the limit behind one address.
    for (let i = 0; i <= pairingLimit.limit; i++) {
      const { code } = await createPairingCode(db, organiser, f.eventId, `Tablet ${i}`);
      expect((await pairTablet(db, { code, ip: "10.9.9.9" })).ok).toBe(true);
    }
    for (let i = 0; i < pairingLimit.limit; i++) {
      expect((await pairTablet(db, { code: "AAAAAAAA", ip: "10.9.9.9" })).ok).toBe(false);
    }
    const { code } = await createPairingCode(db, organiser, f.eventId, "Late");
    expect(await pairTablet(db, { code, ip: "10.9.9.9" })).toMatchObject({
      ok: false,
      error: "tablet.errors.rateLimited",
    });
    expect((await pairTablet(db, { code, ip: "10.9.9.10" })).ok).toBe(true);
  });
});
