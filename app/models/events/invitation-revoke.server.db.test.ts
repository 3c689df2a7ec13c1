// Revoking an invitation: the seat goes to the waitlist (with the emails cancelling sends), the personal link
// dies, the list shows it, and a second revoke, another district or a closed event changes nothing.
import ICAL from "ical.js";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#app/platform/db.server.ts";
import {
  createRegistrationFixture,
  districtActorOf,
  type RegistrationFixture,
} from "#tests/support/registration-fixture.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { listInvitations, revokeInvitation } from "./invitation.server.ts";
import { findInvitationByToken } from "#app/models/registration/personal-link.server.ts";
import {
  registerByLink,
  resolvePersonalLink,
  waitlistPosition,
} from "#app/models/registration/registration.server.ts";
import { getRegistrationsPage } from "#app/models/registration/registration-organiser.server.ts";

const answers = { travelMode: "bus" as const };

describe("revoking an invitation", () => {
  const testDb = useTestDatabase();
  let db: Database;
  let staffId: number;
  let ip = 0;

  beforeAll(async () => {
    db = testDb().db;
    const staff = await db
      .insertInto("staffUsers")
      .values({ email: "revoke.admin@example.in", name: "Revoke Admin", role: "admin" })
      .returning("id")
      .executeTakeFirstOrThrow();
    staffId = staff.id;
  });

  const districtActor = (fixture: RegistrationFixture) => districtActorOf(db, fixture, staffId);

  /** The link's page, or the refusal's status (404 for every dead link). */
  const openLink = async (token: string) => {
    const access = await resolvePersonalLink(db, token, `10.9.0.${++ip}`);
    return access.ok ? access.link : access.status;
  };
  const register = async (token: string) => {
    const link = await openLink(token);
    if (typeof link === "number") throw new Error(`link refused with ${link}`);
    return registerByLink(db, link, answers);
  };
  const registrationOf = (invitationId: number) =>
    db.selectFrom("registrations").selectAll().where("invitationId", "=", invitationId).executeTakeFirst();
  const emailsTo = (email: string | null) =>
    db
      .selectFrom("emails")
      .select(["template", "attachment"])
      .where("recipient", "=", email ?? "")
      .orderBy("id")
      .execute();
  /** Everything a revoke may change, to compare before and after a refusal or a repeat. */
  const snapshot = async (eventId: number) => {
    const row = await sql<{ digest: string }>`
      select md5(concat_ws('|',
        (select string_agg(i::text, ',' order by i.id) from invitations i where i.event_id = ${eventId}),
        (select string_agg(r::text, ',' order by r.id) from registrations r where r.event_id = ${eventId}),
        (select count(*) from emails), (select count(*) from audit_log))) as digest`.execute(db);
    return row.rows[0]!.digest;
  };

  it("frees a registered person's seat for the first waiting, cancels their calendar entry and kills the link", async () => {
    const fixture = await createRegistrationFixture(db, { people: 3, capacity: 1 });
    const [a, b, c] = fixture.people;
    for (const p of [a, b, c]) await register(p!.token);
    const actor = await districtActor(fixture);
    const before = await db
      .selectFrom("invitations")
      .select(["linkVersion", "tokenHash"])
      .where("id", "=", a!.invitationId)
      .executeTakeFirstOrThrow();

    expect(await revokeInvitation(db, actor, fixture.eventId, a!.invitationId, "Left the committee")).toEqual(
      {
        ok: true,
        revoked: true,
        freedSeat: true,
      },
    );

    expect((await registrationOf(a!.invitationId))?.status).toBe("cancelled");
    expect((await registrationOf(b!.invitationId))?.status).toBe("registered");
    expect(await waitlistPosition(db, (await registrationOf(c!.invitationId))!.id)).toBe(1);
    // The promoted person is emailed once; the revoked one gets the calendar cancellation.
    expect((await emailsTo(b!.email)).map((m) => m.template)).toEqual(["waitlist-promoted"]);
    expect((await emailsTo(c!.email)).map((m) => m.template)).toEqual([]);
    const toA = await emailsTo(a!.email);
    expect(toA.map((m) => m.template)).toEqual(["registration-confirmed", "registration-cancelled"]);
    const { content } = toA[1]!.attachment as { content: string };
    const calendar = new ICAL.Component(ICAL.parse(Buffer.from(content, "base64").toString("utf8")));
    expect(calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(calendar.getFirstSubcomponent("vevent")!.getFirstPropertyValue("status")).toBe("CANCELLED");
    // The calendar entry does not point to the link that is about to stop working.
    const unfolded = Buffer.from(content, "base64")
      .toString("utf8")
      .replace(/\r\n[ \t]/g, "");
    expect(unfolded).not.toContain(a!.token);
    // It says the invitation was withdrawn and offers no link (the link is dead).
    const cancelled = await db
      .selectFrom("emails")
      .select(["props"])
      .where("recipient", "=", a!.email ?? "")
      .where("template", "=", "registration-cancelled")
      .executeTakeFirstOrThrow();
    expect(cancelled.props).toMatchObject({ revoked: true });

    // The old link opens nothing, the same 404 as any wrong link, and its stored hash is gone.
    expect(await openLink(a!.token)).toBe(404);
    expect(await findInvitationByToken(db, a!.token)).toBeNull();
    const after = await db
      .selectFrom("invitations")
      .select(["linkVersion", "tokenHash", "revokedAt"])
      .where("id", "=", a!.invitationId)
      .executeTakeFirstOrThrow();
    expect(after.revokedAt).toBeInstanceOf(Date);
    expect(after.linkVersion).toBe(before.linkVersion + 1);
    expect(after.tokenHash).not.toBe(before.tokenHash);

    const audit = await db
      .selectFrom("auditLog")
      .select(["actorStaffId", "details"])
      .where("action", "=", "invitation.revoked")
      .where("entityId", "=", a!.invitationId)
      .execute();
    expect(audit).toEqual([
      {
        actorStaffId: staffId,
        details: { eventId: fixture.eventId, reason: "Left the committee", registration: "registered" },
      },
    ]);

    // The organiser's lists: revoked in the invitee list, gone from the registrations.
    const list = await listInvitations(db, actor.scope, fixture.eventId, { notReached: false, page: 1 });
    expect(list.rows.find((r) => r.id === a!.invitationId)?.state).toBe("revoked");
    expect(list.counts).toMatchObject({ revoked: 1, registered: 1, waitlisted: 1 });
    expect(list.total).toBe(2);
    const registrations = await getRegistrationsPage(db, actor.scope, fixture.eventId, { page: 1 });
    expect(registrations.rows.map((r) => r.invitationId).sort()).toEqual(
      [b!.invitationId, c!.invitationId].sort(),
    );

    // Twice: nothing more happens, and the answer says so.
    const digest = await snapshot(fixture.eventId);
    expect(await revokeInvitation(db, actor, fixture.eventId, a!.invitationId)).toEqual({
      ok: true,
      revoked: false,
      freedSeat: false,
    });
    expect(await snapshot(fixture.eventId)).toBe(digest);
  });

  it("takes a waitlisted person off the waitlist without mail, and an unreached one out of 'not reached'", async () => {
    const fixture = await createRegistrationFixture(db, { people: 4, capacity: 1, withoutEmail: [3] });
    const [a, b, c, d] = fixture.people;
    for (const p of [a, b, c]) await register(p!.token);
    const actor = await districtActor(fixture);
    // An invitation email to b still waits in the outbox (and one to c, not revoked, too).
    const queued = await db
      .insertInto("emails")
      .values(
        [b!, c!].map((p) => ({
          recipient: p.email!,
          locale: "hi",
          template: "invitation",
          props: JSON.stringify({}),
          subject: "invitation",
          idempotencyKey: `invitation:${p.invitationId}:v9`,
        })),
      )
      .returning("id")
      .execute();
    const mailBefore = await db.selectFrom("emails").select(sql<number>`count(*)::int`.as("n")).execute();

    expect(await revokeInvitation(db, actor, fixture.eventId, b!.invitationId)).toEqual({
      ok: true,
      revoked: true,
      freedSeat: false,
    });
    expect((await registrationOf(b!.invitationId))?.status).toBe("cancelled");
    expect((await registrationOf(a!.invitationId))?.status).toBe("registered");
    expect(await waitlistPosition(db, (await registrationOf(c!.invitationId))!.id)).toBe(1);
    expect(await db.selectFrom("emails").select(sql<number>`count(*)::int`.as("n")).execute()).toEqual(
      mailBefore,
    );
    expect(await openLink(b!.token)).toBe(404);
    // b's waiting invitation email is withdrawn (it would carry the dead link); c's still goes.
    const statuses = await db
      .selectFrom("emails")
      .select(["status", "lastError"])
      .where(
        "id",
        "in",
        queued.map((q) => q.id),
      )
      .orderBy("id")
      .execute();
    expect(statuses).toEqual([
      { status: "failed", lastError: "withdrawn: the invitation was revoked" },
      { status: "queued", lastError: null },
    ]);

    // d has no email and no one passed the link on: not reached, until the invitation is revoked.
    const query = { notReached: true, page: 1 };
    const unreached = await listInvitations(db, actor.scope, fixture.eventId, query);
    expect(unreached.rows.map((r) => r.id)).toEqual([d!.invitationId]);
    expect(unreached.notReached).toBe(1);
    await revokeInvitation(db, actor, fixture.eventId, d!.invitationId);
    const after = await listInvitations(db, actor.scope, fixture.eventId, query);
    expect(after.rows).toEqual([]);
    expect(after.notReached).toBe(0);
    expect(after.counts.revoked).toBe(2);
    const revoked = await listInvitations(db, actor.scope, fixture.eventId, {
      state: "revoked",
      notReached: false,
      page: 1,
    });
    expect(revoked.rows.map((r) => r.id).sort()).toEqual([b!.invitationId, d!.invitationId].sort());
  });

  it("is a 404 outside the organiser's district and refuses another event's invitation", async () => {
    const fixture = await createRegistrationFixture(db, { people: 1 });
    const other = await createRegistrationFixture(db, { people: 1 });
    await register(fixture.people[0]!.token);
    const outsider = await districtActor(other);
    const digest = await snapshot(fixture.eventId);
    await expect(
      revokeInvitation(db, outsider, fixture.eventId, fixture.people[0]!.invitationId),
    ).rejects.toMatchObject({ status: 404 });
    expect(await revokeInvitation(db, outsider, other.eventId, fixture.people[0]!.invitationId)).toEqual({
      ok: false,
      error: "audience.errors.invitationUnknown",
    });
    expect(await snapshot(fixture.eventId)).toBe(digest);
    expect(typeof (await openLink(fixture.people[0]!.token))).toBe("object");
  });

  it("refuses for a cancelled, completed or finished event, and changes nothing", async () => {
    const cancelled = await createRegistrationFixture(db, { people: 1, status: "cancelled" });
    const completed = await createRegistrationFixture(db, { people: 1, status: "completed" });
    const finished = await createRegistrationFixture(db, {
      people: 1,
      startsInHours: -10,
      durationHours: 2,
      opensInHours: -48,
      closesInHours: -24,
    });
    for (const fixture of [cancelled, completed, finished]) {
      const digest = await snapshot(fixture.eventId);
      const actor = await districtActor(fixture);
      expect(await revokeInvitation(db, actor, fixture.eventId, fixture.people[0]!.invitationId)).toEqual({
        ok: false,
        error: "audience.errors.revokeClosed",
      });
      expect(await snapshot(fixture.eventId)).toBe(digest);
    }
  });
});
