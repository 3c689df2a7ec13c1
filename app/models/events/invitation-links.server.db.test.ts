// Re-issuing personal links: one person's (an organiser) and a whole event's (an admin). The old token dies
// at once, the new one opens the same invitation, mail carrying the old link is withdrawn, the new link is
// emailed; other districts and closed events change nothing. And a person's own calendar feed renewal.
import { beforeAll, describe, expect, it } from "vitest";
import { queueEmail } from "#app/mail/outbox.server.ts";
import type { Database } from "#app/platform/db.server.ts";
import { hashToken } from "#app/platform/token.server.ts";
import {
  createRegistrationFixture,
  districtActorOf,
  type RegistrationFixture,
} from "#tests/support/registration-fixture.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { expectNotFound } from "#tests/support/db-helpers.ts";
import {
  calendarFeedUrls,
  findCalendarFeedByToken,
  findInvitationByToken,
  openSeal,
  renewCalendarFeed,
} from "#app/models/registration/personal-link.server.ts";
import { reissueEventLinks, reissueInvitationLink } from "./invitation-links.server.ts";

describe("re-issuing personal links", () => {
  const testDb = useTestDatabase();
  let db: Database;
  let staffId: number;

  beforeAll(async () => {
    db = testDb().db;
    const staff = await db
      .insertInto("staffUsers")
      .values({ email: "reissue.admin@example.in", name: "Reissue Admin", role: "admin" })
      .returning("id")
      .executeTakeFirstOrThrow();
    staffId = staff.id;
  });

  const districtActor = (fixture: RegistrationFixture) => districtActorOf(db, fixture, staffId);
  const invitationOf = (id: number) =>
    db.selectFrom("invitations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const invitationMail = (invitationId: number) =>
    db
      .selectFrom("emails")
      .select(["id", "status", "idempotencyKey", "props", "lastError"])
      .where("idempotencyKey", "like", `invitation:${invitationId}:%`)
      .orderBy("id")
      .execute();

  it("gives one person a new link: the old one is dead at once, the new one is emailed and opens the same invitation", async () => {
    const fixture = await createRegistrationFixture(db, { people: 2, status: "published" });
    const [a, b] = fixture.people;
    // An invitation email with the old link waits in the outbox.
    await db.transaction().execute((trx) =>
      queueEmail(trx, {
        to: a!.email!,
        locale: "hi",
        template: "sign-in-link",
        props: { name: "x", url: `http://x/i/${a!.token}`, expiresInMinutes: 15 },
        idempotencyKey: `invitation:${a!.invitationId}:v1`,
      }),
    );
    const before = await invitationOf(a!.invitationId);

    const outcome = await reissueInvitationLink(
      db,
      await districtActor(fixture),
      fixture.eventId,
      a!.invitationId,
    );
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.emailed).toBe(true);
    const token = outcome.url.split("/i/")[1]!;
    expect(token).not.toBe(a!.token);
    expect(await findInvitationByToken(db, a!.token)).toBeNull();
    expect((await findInvitationByToken(db, token))?.id).toBe(a!.invitationId);

    const after = await invitationOf(a!.invitationId);
    expect(after.linkVersion).toBe(before.linkVersion + 1);
    expect(after.tokenHash).toBe(hashToken(token));
    expect(openSeal(after.tokenSealed)).toBe(token);
    const mail = await invitationMail(a!.invitationId);
    expect(mail.map((m) => [m.idempotencyKey, m.status])).toEqual([
      [`invitation:${a!.invitationId}:v1`, "failed"],
      [`invitation:${a!.invitationId}:v${after.linkVersion}`, "queued"],
    ]);
    expect(mail[0]!.lastError).toMatch(/re-issued/);
    expect((mail[1]!.props as { url: string }).url).toBe(outcome.url);
    expect(after.emailId).toBe(mail[1]!.id);
    // The other person's link is untouched.
    expect((await findInvitationByToken(db, b!.token))?.id).toBe(b!.invitationId);
    const audit = await db
      .selectFrom("auditLog")
      .select(["action", "actorStaffId"])
      .where("entityId", "=", a!.invitationId)
      .where("action", "=", "invitation.link_reissued")
      .execute();
    expect(audit).toEqual([{ action: "invitation.link_reissued", actorStaffId: staffId }]);
  });

  it("refuses another district's organiser and a closed event, changing nothing", async () => {
    const fixture = await createRegistrationFixture(db, { people: 1, status: "published" });
    const other = await createRegistrationFixture(db, { people: 1, status: "published" });
    const person = fixture.people[0]!;
    const before = await invitationOf(person.invitationId);
    // The other district's organiser does not see this event at all.
    await expectNotFound(
      reissueInvitationLink(db, await districtActor(other), fixture.eventId, person.invitationId),
    );
    // Nor can they name this invitation through their own event.
    expect(
      await reissueInvitationLink(db, await districtActor(other), other.eventId, person.invitationId),
    ).toMatchObject({ ok: false, error: "audience.errors.invitationUnknown" });
    const draft = await createRegistrationFixture(db, { people: 1, status: "draft" });
    expect(
      await reissueInvitationLink(
        db,
        await districtActor(draft),
        draft.eventId,
        draft.people[0]!.invitationId,
      ),
    ).toMatchObject({ ok: false, error: "audience.errors.reissueClosed" });
    expect(await invitationOf(person.invitationId)).toEqual(before);
    expect((await findInvitationByToken(db, draft.people[0]!.token))?.id).toBe(draft.people[0]!.invitationId);
  });

  it("replaces every live link of an event at once and emails each person with an address", async () => {
    const fixture = await createRegistrationFixture(db, {
      people: 4,
      status: "published",
      withoutEmail: [3],
    });
    const outcome = await reissueEventLinks(db, await districtActor(fixture), fixture.eventId);
    expect(outcome).toEqual({ ok: true, reissued: 4, emailed: 3 });
    for (const person of fixture.people) {
      expect(await findInvitationByToken(db, person.token)).toBeNull();
      const row = await invitationOf(person.invitationId);
      const token = openSeal(row.tokenSealed);
      expect((await findInvitationByToken(db, token))?.id).toBe(person.invitationId);
      const mail = await invitationMail(person.invitationId);
      if (person.email) {
        expect(mail.map((m) => m.status)).toEqual(["queued"]);
        expect((mail[0]!.props as { url: string }).url).toMatch(new RegExp(`/i/${token}$`));
      } else expect(mail).toEqual([]);
    }
    const tokens = await db
      .selectFrom("invitations")
      .select("tokenHash")
      .where("eventId", "=", fixture.eventId)
      .execute();
    expect(new Set(tokens.map((t) => t.tokenHash)).size).toBe(4);
  });

  it("lets a person replace their own calendar feed address; the old one stops at once", async () => {
    const fixture = await createRegistrationFixture(db, { people: 1, status: "published" });
    const appointeeId = fixture.people[0]!.appointeeId;
    const first = await calendarFeedUrls(db, "https://portal.test", appointeeId);
    // Asking again shows the same address.
    expect((await calendarFeedUrls(db, "https://portal.test", appointeeId)).https).toBe(first.https);
    const oldToken = /\/calendar\/([^.]+)\.ics$/.exec(first.https)![1]!;
    expect((await findCalendarFeedByToken(db, oldToken))?.appointeeId).toBe(appointeeId);

    const renewed = await renewCalendarFeed(db, "https://portal.test", appointeeId);
    const newToken = /\/calendar\/([^.]+)\.ics$/.exec(renewed.https)![1]!;
    expect(newToken).not.toBe(oldToken);
    expect(await findCalendarFeedByToken(db, oldToken)).toBeNull();
    expect((await findCalendarFeedByToken(db, newToken))?.appointeeId).toBe(appointeeId);
    expect((await calendarFeedUrls(db, "https://portal.test", appointeeId)).https).toBe(renewed.https);
  });
});
