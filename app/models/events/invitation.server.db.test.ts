// Publishing and invitations against a real database. The publishing tests go through scheduleReminders
// (event-notices.server.ts, another helper's), which publishEvent calls inside its transaction.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { queueEmail, queueEmails } from "#app/mail/outbox.server.ts";
import { renderEmail } from "#app/mail/render.server.ts";
import type { Database } from "#app/platform/db.server.ts";
import { getEnv } from "#app/platform/env.server.ts";
import { hashToken } from "#app/platform/token.server.ts";
import { seedDemo } from "#db/seed/demo.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { expectNotFound, personalLinkColumns } from "#tests/support/db-helpers.ts";
import { addAudienceRule, previewAudience } from "./audience.server.ts";
import { appointNewAppointee, markCommitteeFormed } from "#app/models/organisation/committee.server.ts";
import { AppointNewSchema } from "#app/models/organisation/committee.ts";
import {
  fixAddressAndResend,
  type InvitationActor,
  inviteNewlyFormedCommittee,
  inviteRemainingAudience,
  listInvitations,
  publishEvent,
  recordLinkShared,
  resendInvitation,
} from "./invitation.server.ts";
import { INVITATIONS_PAGE_SIZE } from "./invitation.ts";
import {
  findInvitationByToken,
  invitationUrl,
  openSeal,
} from "#app/models/registration/personal-link.server.ts";
import { scopeOf } from "#app/models/organisation/scope.server.ts";
import type { UnitLevel } from "#app/models/organisation/unit.ts";

describe("invitations", () => {
  const testDb = useTestDatabase();
  let db: Database;
  let admin: InvitationActor;
  let jaipur: InvitationActor;
  let jodhpur: InvitationActor;
  const unit: Record<string, number> = {};
  const committeeOf: Record<string, number> = {};

  async function actor(email: string, role: "admin" | "organiser", scopeCode?: string) {
    const staff = await db
      .insertInto("staffUsers")
      .values({ email, name: email.split("@")[0]!, role, scopeUnitId: scopeCode ? unit[scopeCode]! : null })
      .returning(["id", "email", "name", "role", "scopeUnitId", "preferredLanguage"])
      .executeTakeFirstOrThrow();
    return { staffId: staff.id, scope: await scopeOf(db, staff) };
  }

  type EventOptions = {
    status?: "draft" | "published";
    closesAt?: Date;
    rules?: [code: string, levels?: UnitLevel[] | null, designations?: string[] | null][];
  };

  /** An event of a unit with audience rules (stored as plain rows). */
  async function event(unitCode: string, options: EventOptions = {}) {
    const status = options.status ?? "draft";
    const row = await db
      .insertInto("events")
      .values({
        kind: "district_camp",
        unitId: unit[unitCode]!,
        titleEn: `Camp ${unitCode}`,
        titleHi: `शिविर ${unitCode}`,
        venueName: "Town Hall",
        venueAddress: "Station Road",
        startsAt: new Date("2030-03-10T04:30:00Z"),
        endsAt: new Date("2030-03-10T11:30:00Z"),
        registrationOpensAt: new Date("2026-01-01T00:00:00Z"),
        registrationClosesAt: options.closesAt ?? new Date("2030-03-08T12:30:00Z"),
        capacity: 500,
        status,
        publishedAt: status === "draft" ? null : new Date(),
        icalUid: `${randomUUID()}@test`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [code, levels, designations] of options.rules ?? [])
      await db
        .insertInto("eventAudienceRules")
        .values({
          eventId: row.id,
          unitId: unit[code]!,
          levels: levels ?? null,
          designations: designations ?? null,
        })
        .execute();
    return row.id;
  }

  async function invitationsOf(eventId: number) {
    return db.selectFrom("invitations").selectAll().where("eventId", "=", eventId).orderBy("id").execute();
  }

  async function emailsOf(ids: number[]) {
    if (ids.length === 0) return [];
    return db.selectFrom("emails").selectAll().where("id", "in", ids).orderBy("id").execute();
  }

  async function jobs(task: string) {
    const { rows } = await sql<{ key: string | null; payload: unknown }>`
      select j.key, p.payload from graphile_worker.jobs j join graphile_worker._private_jobs p on p.id = j.id
       where j.task_identifier = ${task}`.execute(db);
    return rows;
  }

  beforeAll(async () => {
    db = testDb().db;
    await seedDemo(db);
    for (const u of await db.selectFrom("units").select(["id", "code"]).execute()) unit[u.code] = u.id;
    for (const c of await db
      .selectFrom("committees")
      .innerJoin("units", "units.id", "committees.unitId")
      .select(["committees.id", "units.code"])
      .execute())
      committeeOf[c.code] = c.id;
    admin = await actor("admin.invitations@example.in", "admin");
    jaipur = await actor("jaipur.invitations@example.in", "organiser", "RJ-JP");
    jodhpur = await actor("jodhpur.invitations@example.in", "organiser", "RJ-JD");
  });

  describe("queueEmails, the outbox's bulk insert", () => {
    it("queues many messages at once, ids in input order, a key already queued giving its message", async () => {
      const input = (i: number) => ({
        to: ` Person${i}@Example.IN `,
        locale: "hi" as const,
        template: "sign-in-link" as const,
        props: { name: `व्यक्ति ${i}`, url: `https://shivir.example/sign-in/bulk-${i}`, expiresInMinutes: 15 },
        idempotencyKey: `bulk-${i}`,
      });
      const earlier = await db.transaction().execute((trx) => queueEmail(trx, input(3)));
      const inputs = Array.from({ length: 2100 }, (_, i) => input(i));
      const ids = await db.transaction().execute((trx) => queueEmails(trx, [...inputs, input(7)]));
      expect(ids).toHaveLength(2101);
      expect(ids[3]).toBe(earlier);
      expect(ids[2100]).toBe(ids[7]);
      expect(new Set(ids).size).toBe(2100);
      const rows = new Map((await emailsOf(ids.slice(0, 5))).map((r) => [r.id, r]));
      expect(ids.slice(0, 5).map((id) => [rows.get(id)?.recipient, rows.get(id)?.idempotencyKey])).toEqual(
        [0, 1, 2, 3, 4].map((i) => [`person${i}@example.in`, `bulk-${i}`]),
      );
      expect(rows.get(ids[0]!)?.subject).toBe("शिविर में साइन इन करें · Sign in to Shivir");
      expect((await jobs("mail:drain")).map((j) => j.key)).toContain("mail:drain");
      expect(await db.transaction().execute((trx) => queueEmails(trx, []))).toEqual([]);
      // Props that do not fit their template are refused before anything is written.
      const before = await db
        .selectFrom("emails")
        .select(sql<number>`count(*)::int`.as("n"))
        .executeTakeFirstOrThrow();
      await expect(
        db
          .transaction()
          .execute((trx) =>
            queueEmails(trx, [
              input(5000),
              { ...input(5001), props: { name: "x", url: "not a url", expiresInMinutes: 15 } },
            ]),
          ),
      ).rejects.toThrow();
      expect(
        await db.selectFrom("emails").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
      ).toEqual(before);
    });
  });

  describe("publishing", () => {
    it("invites each person once, with a working personal link, and emails everyone with an address", async () => {
      // The state executive and Jaipur's whole tree: Jaipur's district president sits on both.
      const eventId = await event("RJ", { rules: [["RJ", ["state"]], ["RJ-JP"]] });
      const preview = await previewAudience(db, { eventId });
      const result = await publishEvent(db, admin, eventId);
      expect(result).toEqual({
        ok: true,
        invited: preview.total.people,
        emailed: preview.total.people - preview.total.withoutEmail,
      });
      expect(preview.total.people).toBeGreaterThan(60);
      expect(preview.total.withoutEmail).toBeGreaterThan(0);

      const published = await db
        .selectFrom("events")
        .selectAll()
        .where("id", "=", eventId)
        .executeTakeFirstOrThrow();
      expect(published.status).toBe("published");
      expect(published.publishedAt).toBeInstanceOf(Date);

      const invitations = await invitationsOf(eventId);
      expect(invitations).toHaveLength(preview.total.people);
      expect(new Set(invitations.map((i) => i.appointeeId)).size).toBe(invitations.length);

      // The person on two committees is invited through the higher one, with that appointment's designation.
      const president = await db
        .selectFrom("appointments")
        .select("appointeeId")
        .where("committeeId", "=", committeeOf["RJ-JP"]!)
        .where("designation", "=", "president")
        .executeTakeFirstOrThrow();
      const hers = invitations.filter((i) => i.appointeeId === president.appointeeId);
      expect(hers).toMatchObject([{ committeeId: committeeOf.RJ, designation: "member" }]);

      // Each link works: the hash finds it, the token is kept only sealed, and every token is different.
      for (const invitation of invitations) {
        const token = openSeal(invitation.tokenSealed);
        expect(invitation.tokenHash).toBe(hashToken(token));
        expect(invitation.tokenSealed).not.toContain(token);
      }
      expect(new Set(invitations.map((i) => i.tokenHash)).size).toBe(invitations.length);
      const sample = invitations[7]!;
      expect((await findInvitationByToken(db, openSeal(sample.tokenSealed)))?.id).toBe(sample.id);

      // One invitation email per person with an address, in their language, under a stable key.
      const people = await db
        .selectFrom("appointees")
        .select(["id", "email", "preferredLanguage"])
        .where(
          "id",
          "in",
          invitations.map((i) => i.appointeeId),
        )
        .execute();
      const personOf = new Map(people.map((p) => [p.id, p]));
      const emails = await emailsOf(invitations.flatMap((i) => (i.emailId ? [i.emailId] : [])));
      expect(emails).toHaveLength(result.ok ? result.emailed : -1);
      const emailById = new Map(emails.map((e) => [e.id, e]));
      for (const invitation of invitations) {
        const person = personOf.get(invitation.appointeeId)!;
        if (!person.email) {
          expect(invitation.emailId).toBeNull();
          continue;
        }
        const email = emailById.get(invitation.emailId!)!;
        expect(email).toMatchObject({
          template: "invitation",
          recipient: person.email,
          locale: person.preferredLanguage,
          idempotencyKey: `invitation:${invitation.id}:v1`,
          status: "queued",
          attachment: null,
        });
        expect((email.props as { url: string }).url).toBe(invitationUrl(getEnv().PUBLIC_URL, invitation));
      }
      expect((await jobs("mail:drain")).map((j) => j.key)).toContain("mail:drain");
      // scheduleReminders ran in the same transaction: the reminder job waits for 24 hours before the start.
      expect((await jobs("event:send-reminders")).map((j) => j.key)).toContain(`event-reminders:${eventId}`);

      // The email renders, both languages, with the link, the event and the committee.
      const hindi = emails.find((e) => e.locale === "hi")!;
      const rendered = await renderEmail(hindi);
      const url = (hindi.props as { url: string }).url;
      expect(rendered.subject).toBe("निमंत्रण: शिविर RJ · Invitation: Camp RJ");
      expect(rendered.text).toContain(url);
      expect(rendered.text).toContain("Town Hall");
      expect(rendered.text).toMatch(/आपको शिविर RJ में आमंत्रित किया गया है/);
      expect(rendered.text).toMatch(/you are invited to Camp RJ/);

      const audit = await db
        .selectFrom("auditLog")
        .select(["action", "details"])
        .where("entityType", "=", "event")
        .where("entityId", "=", eventId)
        .execute();
      expect(audit).toEqual([
        { action: "event.published", details: { invited: invitations.length, emailed: emails.length } },
      ]);
    });

    it("refuses to publish without rules, twice, after registration closed, or outside the scope", async () => {
      const noRules = await event("RJ-JP");
      const closed = await event("RJ-JP", {
        rules: [["RJ-JP"]],
        closesAt: new Date(Date.now() - 60_000),
      });
      const published = await event("RJ-JP", { status: "published", rules: [["RJ-JP"]] });
      const jaipurDraft = await event("RJ-JP", { rules: [["RJ-JP"]] });
      const before = await db.selectFrom("events").selectAll().orderBy("id").execute();

      expect(await publishEvent(db, jaipur, noRules)).toEqual({
        ok: false,
        error: "audience.errors.noRules",
      });
      expect(await publishEvent(db, jaipur, closed)).toEqual({
        ok: false,
        error: "audience.errors.registrationClosed",
      });
      expect(await publishEvent(db, jaipur, published)).toEqual({
        ok: false,
        error: "audience.errors.notDraft",
      });
      await expectNotFound(publishEvent(db, jodhpur, jaipurDraft));

      expect(await db.selectFrom("events").selectAll().orderBy("id").execute()).toEqual(before);
      for (const id of [noRules, closed, published, jaipurDraft]) expect(await invitationsOf(id)).toEqual([]);
    });
  });

  describe("a committee formed after publishing", () => {
    it("gets its members invited exactly once, by the job that marking it formed queues", async () => {
      // Ajmer's district committee is still forming: publishing invites only Ajmer's formed assemblies.
      const eventId = await event("RJ-AJ", { rules: [["RJ-AJ"]] });
      const publishedResult = await publishEvent(db, admin, eventId);
      const ajmer = committeeOf["RJ-AJ"]!;
      const members = await db
        .selectFrom("appointments")
        .select("appointeeId")
        .where("committeeId", "=", ajmer)
        .where("active", "=", true)
        .execute();
      expect(members.length).toBeGreaterThan(10);
      const invitedBefore = await invitationsOf(eventId);
      expect(invitedBefore.some((i) => i.committeeId === ajmer)).toBe(false);
      // Events that must not take Ajmer's members: a draft and one whose registration closed.
      const draft = await event("RJ-AJ", { rules: [["RJ-AJ"]] });
      const closed = await event("RJ-AJ", {
        status: "published",
        rules: [["RJ-AJ"]],
        closesAt: new Date(Date.now() - 60_000),
      });

      expect(await markCommitteeFormed(db, admin, ajmer, { overrideReason: "सम्मेलन से पहले आवश्यक" })).toEqual({
        ok: true,
      });
      const queued = await jobs("audience:invite-committee");
      expect(queued).toContainEqual(
        expect.objectContaining({
          key: `audience:invite-committee:${ajmer}`,
          payload: { committeeId: ajmer },
        }),
      );

      // The job twice at once (a retry racing the first run): the members are invited once.
      const runs = await Promise.all([
        inviteNewlyFormedCommittee(db, ajmer),
        inviteNewlyFormedCommittee(db, ajmer),
      ]);
      expect(runs.reduce((a, b) => a + b, 0)).toBe(members.length);
      expect(await inviteNewlyFormedCommittee(db, ajmer)).toBe(0);

      const after = await invitationsOf(eventId);
      const fromAjmer = after.filter((i) => i.committeeId === ajmer);
      expect(fromAjmer.map((i) => i.appointeeId).sort()).toEqual(members.map((m) => m.appointeeId).sort());
      expect(after).toHaveLength(invitedBefore.length + members.length);
      for (const invitation of fromAjmer)
        expect(invitation.tokenHash).toBe(hashToken(openSeal(invitation.tokenSealed)));
      const emails = await emailsOf(fromAjmer.flatMap((i) => (i.emailId ? [i.emailId] : [])));
      const keys = emails.map((e) => e.idempotencyKey);
      expect(new Set(keys).size).toBe(keys.length);
      expect(
        await db
          .selectFrom("emails")
          .select(sql<number>`count(*)::int`.as("n"))
          .where(
            "idempotencyKey",
            "in",
            fromAjmer.map((i) => `invitation:${i.id}:v1`),
          )
          .executeTakeFirstOrThrow(),
      ).toEqual({ n: emails.length });
      expect(await invitationsOf(draft)).toEqual([]);
      expect(await invitationsOf(closed)).toEqual([]);
      expect(publishedResult.ok).toBe(true);
    });

    it("invites no one for a committee that is not formed (reopened before the job ran)", async () => {
      const kota = committeeOf["RJ-KT-AC-KTN"]!;
      const eventId = await event("RJ-KT", { rules: [["RJ-KT"]] });
      await publishEvent(db, admin, eventId);
      const before = await invitationsOf(eventId);
      expect(await inviteNewlyFormedCommittee(db, kota)).toBe(0);
      expect(await invitationsOf(eventId)).toEqual(before);
    });
  });

  describe("someone appointed to a formed committee after publishing", () => {
    it("is invited by the job the appointment queues", async () => {
      const eventId = await event("RJ-UD", { rules: [["RJ-UD", ["district"]]] });
      expect((await publishEvent(db, admin, eventId)).ok).toBe(true);
      const udaipur = committeeOf["RJ-UD"]!;
      const formed = await db
        .selectFrom("committees")
        .select("status")
        .where("id", "=", udaipur)
        .executeTakeFirstOrThrow();
      if (formed.status !== "formed")
        await markCommitteeFormed(db, admin, udaipur, { overrideReason: "test" });
      await inviteNewlyFormedCommittee(db, udaipur);
      // A free seat for the newcomer.
      await sql`update committees set seat_quota = seat_quota + 1 where id = ${udaipur}`.execute(db);
      await sql`delete from graphile_worker._private_jobs where key = ${`audience:invite-committee:${udaipur}`}`.execute(
        db,
      );
      const appointed = await appointNewAppointee(
        db,
        admin,
        udaipur,
        AppointNewSchema.parse({
          name: "नई सदस्य",
          email: "udaipur.newcomer@example.in",
          designation: "member",
        }),
      );
      if (!appointed.ok) throw new Error(appointed.error);
      expect(await jobs("audience:invite-committee")).toContainEqual(
        expect.objectContaining({ payload: { committeeId: udaipur } }),
      );
      expect(await inviteNewlyFormedCommittee(db, udaipur)).toBe(1);
      const invited = await invitationsOf(eventId);
      expect(invited.filter((i) => i.appointeeId === appointed.appointeeId)).toHaveLength(1);
    });
  });

  describe("the audience after publishing", () => {
    it("invites the people a new rule reaches at once, and those appointed later on request", async () => {
      const eventId = await event("RJ", { rules: [["RJ", ["state"]]] });
      const first = await publishEvent(db, admin, eventId);
      const added = await addAudienceRule(db, admin, eventId, {
        unitId: unit["RJ-UD"],
        unitCode: undefined,
        levels: ["district"],
        designations: null,
      });
      const udaipur = await db
        .selectFrom("appointments")
        .select("appointeeId")
        .where("committeeId", "=", committeeOf["RJ-UD"]!)
        .where("active", "=", true)
        .execute();
      expect(added).toMatchObject({ ok: true, invited: udaipur.length });
      const invitations = await invitationsOf(eventId);
      expect(invitations).toHaveLength((first.ok ? first.invited : 0) + udaipur.length);
      expect(invitations.every((i) => i.tokenHash !== null)).toBe(true);

      // Someone appointed to the (formed) state executive after publishing.
      const newcomer = await db
        .insertInto("appointees")
        .values({ name: "Nayi Sadasya", email: "nayi.sadasya@example.in", preferredLanguage: "hi" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("appointments")
        .values({ appointeeId: newcomer.id, committeeId: committeeOf.RJ!, designation: "member" })
        .execute();
      expect((await previewAudience(db, { eventId }, eventId)).total.notYetInvited).toBe(1);
      expect(await inviteRemainingAudience(db, admin, eventId)).toEqual({ ok: true, invited: 1, emailed: 1 });
      expect(await inviteRemainingAudience(db, admin, eventId)).toEqual({ ok: true, invited: 0, emailed: 0 });
      expect((await previewAudience(db, { eventId }, eventId)).total.notYetInvited).toBe(0);
    });
  });

  describe("the invitee list and what organisers do with it", () => {
    let eventId: number;
    let rows: Awaited<ReturnType<typeof invitationsOf>>;

    beforeAll(async () => {
      // Jaipur's district committee and its formed assemblies: more than a page of people.
      eventId = await event("RJ-JP", { rules: [["RJ-JP"]] });
      const result = await publishEvent(db, jaipur, eventId);
      if (!result.ok) throw new Error(result.error);
      rows = await invitationsOf(eventId);
    });

    async function setEmailStatus(invitationId: number, status: string) {
      const invitation = rows.find((r) => r.id === invitationId)!;
      await db
        .updateTable("emails")
        .set({ status: status as never, lastError: status === "failed" ? "refused" : null })
        .where("id", "=", invitation.emailId!)
        .execute();
    }

    it("shows each invitee's state, who no channel reached, and counts per state", async () => {
      const withEmail = rows.filter((r) => r.emailId);
      const withoutEmail = rows.filter((r) => !r.emailId);
      expect(withoutEmail.length).toBeGreaterThanOrEqual(2);
      const [registered, declined, opened, delivered, bounced, complained, failed, sent] = withEmail;
      for (const [invitation, status] of [
        [registered!, "registered"],
        [declined!, "declined"],
      ] as const) {
        await db
          .insertInto("registrations")
          .values({
            invitationId: invitation.id,
            eventId,
            appointeeId: invitation.appointeeId,
            status,
            passId: randomUUID(),
          })
          .execute();
      }
      await db
        .updateTable("invitations")
        .set({ linkOpenedAt: sql`now()` })
        .where("id", "=", opened!.id)
        .execute();
      await setEmailStatus(delivered!.id, "delivered");
      await setEmailStatus(bounced!.id, "bounced");
      await setEmailStatus(complained!.id, "complained");
      await setEmailStatus(failed!.id, "failed");
      await setEmailStatus(sent!.id, "sent");
      await db
        .updateTable("invitations")
        .set({ sharedVia: "whatsapp", sharedAt: sql`now()` })
        .where("id", "=", withoutEmail[0]!.id)
        .execute();

      const all = await listInvitations(db, jaipur.scope, eventId, { notReached: false, page: 1 });
      expect(all.total).toBe(rows.length);
      expect(all.rows).toHaveLength(INVITATIONS_PAGE_SIZE);
      expect(all.hasMore).toBe(rows.length > INVITATIONS_PAGE_SIZE);
      const queued = withEmail.length - 8;
      expect(all.counts).toEqual({
        registered: 1,
        waitlisted: 0,
        declined: 1,
        cancelled: 0,
        opened: 1,
        delivered: 1,
        sent: 1,
        queued,
        bounced: 1,
        complained: 1,
        failed: 1,
        no_email: withoutEmail.length,
        revoked: 0,
      });
      // Not reached: mail still queued or that never arrived, and people without email nobody shared with.
      expect(all.notReached).toBe(queued + 3 + withoutEmail.length - 1);

      const stateOf = async (id: number) => {
        for (let page = 1; ; page++) {
          const list = await listInvitations(db, jaipur.scope, eventId, { notReached: false, page });
          const row = list.rows.find((r) => r.id === id);
          if (row) return row;
          if (!list.hasMore) throw new Error(`invitation ${id} not listed`);
        }
      };
      expect(await stateOf(registered!.id)).toMatchObject({ state: "registered", reached: true });
      expect(await stateOf(opened!.id)).toMatchObject({ state: "opened", reached: true });
      expect(await stateOf(bounced!.id)).toMatchObject({ state: "bounced", reached: false });
      expect(await stateOf(failed!.id)).toMatchObject({
        state: "failed",
        reached: false,
        emailError: "refused",
      });
      expect(await stateOf(withoutEmail[0]!.id)).toMatchObject({
        state: "no_email",
        reached: true,
        sharedVia: "whatsapp",
      });
      expect(await stateOf(withoutEmail[1]!.id)).toMatchObject({ state: "no_email", reached: false });

      const notReached = await listInvitations(db, jaipur.scope, eventId, { notReached: true, page: 1 });
      expect(notReached.rows.length).toBe(Math.min(all.notReached, INVITATIONS_PAGE_SIZE));
      expect(notReached.rows.every((r) => !r.reached)).toBe(true);
      const bouncedOnly = await listInvitations(db, jaipur.scope, eventId, {
        state: "bounced",
        notReached: false,
        page: 1,
      });
      expect(bouncedOnly.rows.map((r) => r.id)).toEqual([bounced!.id]);
      const noEmailNotReached = await listInvitations(db, jaipur.scope, eventId, {
        state: "no_email",
        notReached: true,
        page: 1,
      });
      expect(noEmailNotReached.rows.map((r) => r.id)).not.toContain(withoutEmail[0]!.id);
      expect(noEmailNotReached.rows.length).toBe(withoutEmail.length - 1);

      await expectNotFound(listInvitations(db, jodhpur.scope, eventId, { notReached: false, page: 1 }));
    });

    it("resends an invitation once per click, under a new key", async () => {
      const invitation = rows.find((r) => r.emailId)!;
      const first = await resendInvitation(db, jaipur, eventId, {
        invitationId: invitation.id,
        seenEmailId: invitation.emailId,
      });
      expect(first).toEqual({ ok: true, queued: true });
      const updated = await db
        .selectFrom("invitations")
        .selectAll()
        .where("id", "=", invitation.id)
        .executeTakeFirstOrThrow();
      expect(updated.emailId).not.toBe(invitation.emailId);
      const [email] = await emailsOf([updated.emailId!]);
      expect(email).toMatchObject({
        template: "invitation",
        idempotencyKey: `invitation:${invitation.id}:v1:after:${invitation.emailId}`,
        status: "queued",
      });
      // The same form again (a double click): nothing more is sent.
      const emailCount = async () =>
        (await db.selectFrom("emails").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow())
          .n;
      const before = await emailCount();
      expect(
        await resendInvitation(db, jaipur, eventId, {
          invitationId: invitation.id,
          seenEmailId: invitation.emailId,
        }),
      ).toEqual({ ok: true, queued: false });
      expect(await emailCount()).toBe(before);

      const noEmail = rows.find((r) => !r.emailId)!;
      expect(
        await resendInvitation(db, jaipur, eventId, { invitationId: noEmail.id, seenEmailId: null }),
      ).toEqual({
        ok: false,
        error: "audience.errors.noEmail",
      });
      const otherEvent = await event("RJ-JP", { status: "published" });
      expect(
        await resendInvitation(db, jaipur, otherEvent, { invitationId: invitation.id, seenEmailId: null }),
      ).toEqual({ ok: false, error: "audience.errors.invitationUnknown" });
      await expectNotFound(
        resendInvitation(db, jodhpur, eventId, { invitationId: invitation.id, seenEmailId: updated.emailId }),
      );
      expect(await emailCount()).toBe(before);
    });

    it("corrects a bounced address and sends the invitation there; refuses a taken or unchanged one", async () => {
      const list = await listInvitations(db, jaipur.scope, eventId, {
        state: "bounced",
        notReached: false,
        page: 1,
      });
      const bounced = list.rows[0]!;
      const other = await db
        .selectFrom("appointees")
        .select("email")
        .where("email", "is not", null)
        .where("id", "<>", bounced.appointeeId)
        .executeTakeFirstOrThrow();
      const input = (email: string) => ({ invitationId: bounced.id, seenEmailId: bounced.emailId, email });
      expect(await fixAddressAndResend(db, jaipur, eventId, input(other.email!))).toEqual({
        ok: false,
        error: "audience.errors.emailTaken",
        field: "email",
      });
      expect(await fixAddressAndResend(db, jaipur, eventId, input(bounced.email!))).toEqual({
        ok: false,
        error: "audience.errors.sameAddress",
        field: "email",
      });
      expect(await fixAddressAndResend(db, jaipur, eventId, input("sahi.pata@example.in"))).toEqual({
        ok: true,
        queued: true,
      });
      // Submitted twice: the second finds it done.
      expect(await fixAddressAndResend(db, jaipur, eventId, input("sahi.pata@example.in"))).toEqual({
        ok: true,
        queued: false,
      });
      const person = await db
        .selectFrom("appointees")
        .select("email")
        .where("id", "=", bounced.appointeeId)
        .executeTakeFirstOrThrow();
      expect(person.email).toBe("sahi.pata@example.in");
      const invitation = await db
        .selectFrom("invitations")
        .selectAll()
        .where("id", "=", bounced.id)
        .executeTakeFirstOrThrow();
      const [email] = await emailsOf([invitation.emailId!]);
      expect(email).toMatchObject({
        recipient: "sahi.pata@example.in",
        template: "invitation",
        status: "queued",
      });
      const audit = await db
        .selectFrom("auditLog")
        .select(["action", "details"])
        .where("entityType", "=", "appointee")
        .where("entityId", "=", bounced.appointeeId)
        .execute();
      expect(audit).toContainEqual({
        action: "appointee.email_fixed",
        details: {
          eventId,
          invitationId: bounced.id,
          from: bounced.email,
          to: "sahi.pata@example.in",
          emailId: email!.id,
        },
      });
      const state = await listInvitations(db, jaipur.scope, eventId, {
        state: "queued",
        notReached: false,
        page: 1,
      });
      expect(state.counts.bounced).toBe(0);
    });

    it("gives a person without email an address, and keeps other districts' people out of reach", async () => {
      const noEmail = rows.filter((r) => !r.emailId).at(-1)!;
      expect(
        await fixAddressAndResend(db, jaipur, eventId, {
          invitationId: noEmail.id,
          seenEmailId: null,
          email: "pehli.baar@example.in",
        }),
      ).toEqual({ ok: true, queued: true });
      // A state-wide event of the admin's that lists a Jaipur organiser's event would still not let them edit
      // people of another district: the invitation's committee must be in their scope.
      const stateEvent = await event("RJ-JP", { rules: [["RJ", ["state"]]] });
      await publishEvent(db, admin, stateEvent);
      const stateInvitation = (await invitationsOf(stateEvent)).find(
        (i) => i.committeeId === committeeOf.RJ,
      )!;
      expect(
        await fixAddressAndResend(db, jaipur, stateEvent, {
          invitationId: stateInvitation.id,
          seenEmailId: stateInvitation.emailId,
          email: "koi.aur@example.in",
        }),
      ).toEqual({ ok: false, error: "audience.errors.invitationUnknown" });
    });

    it("hands out the personal link to copy or share on WhatsApp, and records that it was shared", async () => {
      const withPhone = await db
        .selectFrom("invitations")
        .innerJoin("appointees", "appointees.id", "invitations.appointeeId")
        .select(["invitations.id", "appointees.phone", "appointees.preferredLanguage"])
        .where("invitations.eventId", "=", eventId)
        .where("appointees.phone", "is not", null)
        .where("invitations.sharedAt", "is", null)
        .executeTakeFirstOrThrow();
      const copied = await recordLinkShared(db, jaipur, eventId, { invitationId: withPhone.id, via: "copy" });
      if (!copied.ok) throw new Error(copied.error);
      const token = copied.url.split("/i/")[1];
      expect((await findInvitationByToken(db, token))?.id).toBe(withPhone.id);
      expect(copied).toMatchObject({ phone: withPhone.phone, language: withPhone.preferredLanguage });
      const shared = await db
        .selectFrom("invitations")
        .select(["sharedVia", "sharedAt"])
        .where("id", "=", withPhone.id)
        .executeTakeFirstOrThrow();
      expect(shared.sharedVia).toBe("copy");
      expect(shared.sharedAt).toBeInstanceOf(Date);
      expect(
        await recordLinkShared(db, jaipur, eventId, { invitationId: withPhone.id, via: "whatsapp" }),
      ).toMatchObject({
        ok: true,
        url: copied.url,
      });

      const phoneless = await db
        .insertInto("appointees")
        .values({ name: "Bina Phone", email: "bina.phone@example.in" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const invitation = await db
        .insertInto("invitations")
        .values({
          eventId,
          appointeeId: phoneless.id,
          committeeId: committeeOf["RJ-JP"]!,
          designation: "member",
          ...personalLinkColumns(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      expect(
        await recordLinkShared(db, jaipur, eventId, { invitationId: invitation.id, via: "whatsapp" }),
      ).toEqual({
        ok: false,
        error: "audience.errors.noPhone",
      });
      await db
        .updateTable("invitations")
        .set({ revokedAt: sql`now()` })
        .where("id", "=", invitation.id)
        .execute();
      expect(
        await recordLinkShared(db, jaipur, eventId, { invitationId: invitation.id, via: "copy" }),
      ).toEqual({
        ok: false,
        error: "audience.errors.revoked",
      });
    });
  });
});
