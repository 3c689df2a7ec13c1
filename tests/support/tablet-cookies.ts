// The Cookie headers a portal started with SESSION_SECRET = `secret` accepts for the people and tablets of a
// tablet fixture: each staff member signed in, a tablet paired for the event, one for the other event, one
// paired and then withdrawn, and a correctly signed credential that is none of ours.
import { createCookie } from "@remix-run/node";
import { scopeOf } from "#app/models/organisation/scope.server.ts";
import { createStaffSession } from "#app/models/staff/staff-session.server.ts";
import { createPairingCode, pairTablet, revokeTablet } from "#app/models/attendance/tablet-device.server.ts";
import type { Database } from "#app/platform/db.server.ts";
import type { TabletFixture } from "./tablet-fixture.ts";

export type TabletWho =
  | "trainer"
  | "otherTrainer"
  | "organiser"
  | "otherOrganiser"
  | "admin"
  | "device"
  | "otherDevice"
  | "revoked"
  | "forged";

export async function tabletTestCookies(
  db: Database,
  f: TabletFixture,
  secret: string,
): Promise<Record<TabletWho, string>> {
  const options = { secrets: [secret], httpOnly: true, sameSite: "lax" as const };
  const session = createCookie("__session", { ...options, path: "/" });
  const tablet = createCookie("__tablet", { ...options, path: "/tablet" });
  const header = (cookie: string) => cookie.split(";")[0]!;
  const staff = async (id: number) => header(await session.serialize(await createStaffSession(db, id)));
  const actorOf = async (id: number) => {
    const user = await db
      .selectFrom("staffUsers")
      .select(["id", "email", "name", "role", "scopeUnitId", "preferredLanguage"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    return { staffId: user.id, scope: await scopeOf(db, user) };
  };
  const pair = async (name: string, actor: Awaited<ReturnType<typeof actorOf>>, eventId: number) => {
    const { code } = await createPairingCode(db, actor, eventId, name);
    const paired = await pairTablet(db, { code, ip: `setup-${name}` });
    if (!paired.ok) throw new Error(paired.error);
    return { id: paired.device.id, cookie: header(await tablet.serialize(paired.token)) };
  };
  const organiser = await actorOf(f.organiserId);
  const device = await pair("device", organiser, f.eventId);
  const otherDevice = await pair("otherDevice", await actorOf(f.otherOrganiserId), f.otherEvent.eventId);
  const revoked = await pair("revoked", organiser, f.eventId);
  await revokeTablet(db, organiser, f.eventId, revoked.id);
  return {
    trainer: await staff(f.trainerId),
    otherTrainer: await staff(f.otherTrainerId),
    organiser: await staff(f.organiserId),
    otherOrganiser: await staff(f.otherOrganiserId),
    admin: await staff(f.adminId),
    device: device.cookie,
    otherDevice: otherDevice.cookie,
    revoked: revoked.cookie,
    forged: header(await tablet.serialize("A".repeat(43))),
  };
}
