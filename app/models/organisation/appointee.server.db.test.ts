// Appointees against a real PostgreSQL with the demo state: the list's filters and scope, one person's page,
// create/edit with duplicates (also from a race), phone normalisation, and merge (also refused across scope).
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed/demo.ts";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { expectNotFound } from "#tests/support/db-helpers.ts";
import {
  AppointeeSchema,
  type AppointeeListQuery,
  defaultMergeChoices,
  newAppointeeSchema,
  parseAppointeeListQuery,
} from "./appointee.ts";
import {
  type AppointeeActor,
  createAppointee,
  findMergeCandidate,
  findVisibleAppointee,
  getAppointeePage,
  listAppointees,
  mergeAppointees,
  updateAppointee,
} from "./appointee.server.ts";
import type { Scope } from "./scope.server.ts";
import { personalLinkColumns } from "#tests/support/db-helpers.ts";

const ALL: Scope = { kind: "all" };

describe("appointees", () => {
  const testDb = useTestDatabase();
  const db = () => testDb().db;

  let adminId: number;
  let jaipur: { id: number; path: string };
  let jodhpur: { id: number; path: string };
  let jaipurScope: Scope;
  let admin: AppointeeActor;
  let organiser: AppointeeActor;

  const query = (q: Partial<AppointeeListQuery> = {}): AppointeeListQuery => ({
    unit: undefined,
    q: undefined,
    noEmail: false,
    page: 1,
    ...q,
  });

  async function unit(code: string) {
    return db().selectFrom("units").select(["id", "path"]).where("code", "=", code).executeTakeFirstOrThrow();
  }

  async function committeeOf(code: string) {
    return db()
      .selectFrom("committees")
      .innerJoin("units", "units.id", "committees.unitId")
      .select(["committees.id", "committees.seatQuota"])
      .where("units.code", "=", code)
      .executeTakeFirstOrThrow();
  }

  /** Independently of the model: people with an active appointment under `path` (LIKE, not the model's range). */
  async function peopleUnder(path: string): Promise<number[]> {
    const rows = await sql<{ id: number }>`
      select distinct ap.appointee_id as id from appointments ap
        join committees c on c.id = ap.committee_id join units u on u.id = c.unit_id
       where ap.active and u.path like ${`${path}%`} order by 1`.execute(db());
    return rows.rows.map((r) => Number(r.id));
  }

  /** Every row of every page of the list. */
  async function allPages(scope: Scope, q: Partial<AppointeeListQuery> = {}) {
    const rows = [];
    for (let page = 1; page < 100; page++) {
      const list = await listAppointees(db(), scope, query({ ...q, page }));
      rows.push(...list.rows);
      if (!list.hasMore) break;
    }
    return rows;
  }

  /** A person whose only appointments are in Jodhpur. */
  async function jodhpurOnlyPerson() {
    const rows = await sql<{ id: number; name: string; phone: string }>`
      select a.id, a.name, a.phone from appointees a
       where exists (select 1 from appointments ap join committees c on c.id = ap.committee_id
                       join units u on u.id = c.unit_id
                      where ap.appointee_id = a.id and ap.active and u.path like ${`${jodhpur.path}%`})
         and not exists (select 1 from appointments ap join committees c on c.id = ap.committee_id
                       join units u on u.id = c.unit_id
                      where ap.appointee_id = a.id and u.path not like ${`${jodhpur.path}%`})
         and a.email is not null
       order by a.id limit 1`.execute(db());
    return { ...rows.rows[0]!, id: Number(rows.rows[0]!.id) };
  }

  async function snapshot() {
    const [people, appointments, audit] = await Promise.all([
      db().selectFrom("appointees").selectAll().orderBy("id").execute(),
      db().selectFrom("appointments").selectAll().orderBy("id").execute(),
      db().selectFrom("auditLog").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
    ]);
    return { people, appointments, audit: audit.n };
  }

  beforeAll(async () => {
    await seedDemo(db());
    jaipur = await unit("RJ-JP");
    jodhpur = await unit("RJ-JD");
    const staff = await db()
      .insertInto("staffUsers")
      .values([
        { email: "jaipur@example.in", name: "Jaipur Organiser", role: "organiser", scopeUnitId: jaipur.id },
      ])
      .returning("id")
      .executeTakeFirstOrThrow();
    adminId = (
      await db().selectFrom("staffUsers").select("id").where("role", "=", "admin").executeTakeFirstOrThrow()
    ).id;
    jaipurScope = { kind: "subtree", unitId: jaipur.id, path: jaipur.path };
    admin = { staffId: adminId, scope: ALL };
    organiser = { staffId: staff.id, scope: jaipurScope };
  });

  describe("the list", () => {
    it("shows an organiser exactly the people with an active appointment in their subtree, by name", async () => {
      const rows = await allPages(jaipurScope);
      const expected = await peopleUnder(jaipur.path);
      expect(expected.length).toBeGreaterThan(50); // more than one page
      expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(expected);
      const names = rows.map((r) => [r.name, r.id] as const);
      const sorted = [...names].sort(([a, i], [b, j]) => (a < b ? -1 : a > b ? 1 : i - j));
      expect(names).toEqual(sorted);
      // No committee outside Jaipur is shown, even for people who also sit on the state executive.
      const codes = rows.flatMap((r) => r.appointments.map((a) => a.unitCode));
      expect(codes.length).toBeGreaterThan(0);
      expect(codes.every((c) => c.startsWith("RJ-JP"))).toBe(true);

      const jodhpurPerson = await jodhpurOnlyPerson();
      expect(rows.some((r) => r.id === jodhpurPerson.id)).toBe(false);
      const byName = await listAppointees(db(), jaipurScope, query({ q: jodhpurPerson.name }));
      expect(byName.rows.some((r) => r.id === jodhpurPerson.id)).toBe(false);
      const byPhone = await listAppointees(db(), jaipurScope, query({ q: jodhpurPerson.phone }));
      expect(byPhone.rows).toEqual([]);
      const adminByPhone = await listAppointees(db(), ALL, query({ q: jodhpurPerson.phone }));
      expect(adminByPhone.rows.map((r) => r.id)).toEqual([jodhpurPerson.id]);
    });

    it("lists each row's committees and designations, 50 a page", async () => {
      const list = await listAppointees(db(), ALL, query());
      expect(list.rows).toHaveLength(50);
      expect(list.hasMore).toBe(true);
      const multi = list.rows.find((r) => r.appointments.length > 1);
      const everyone = await allPages(ALL);
      const twoCommittees = everyone.filter((r) => r.appointments.length === 2);
      // The Jaipur and Jodhpur district presidents also sit on the state executive.
      expect(twoCommittees).toHaveLength(2);
      for (const person of twoCommittees) {
        expect(person.appointments.map((a) => a.designation).sort()).toEqual(["member", "president"]);
      }
      if (multi) expect(multi.appointments[0]!.designationHi).toBeTruthy();
      const page2 = await listAppointees(db(), ALL, query({ page: 2 }));
      expect(page2.rows[0]!.id).toBe(everyone[50]!.id);
    });

    it("filters by unit subtree, but only inside the viewer's scope", async () => {
      const sng = await unit("RJ-JP-AC-SNG");
      const list = await allPages(jaipurScope, { unit: "RJ-JP-AC-SNG" });
      expect(list.map((r) => r.id).sort((a, b) => a - b)).toEqual(await peopleUnder(sng.path));
      expect(list).toHaveLength(10);

      const outside = await listAppointees(db(), jaipurScope, query({ unit: "RJ-JD" }));
      expect(outside).toMatchObject({ rows: [], notFound: "unit", unit: null });
      const missing = await listAppointees(db(), ALL, query({ unit: "NOPE-1" }));
      expect(missing).toMatchObject({ rows: [], notFound: "unit" });
      const adminJodhpur = await allPages(ALL, { unit: "RJ-JD" });
      expect(adminJodhpur.map((r) => r.id).sort((a, b) => a - b)).toEqual(await peopleUnder(jodhpur.path));
    });

    it("filters by committee, designation, committee status and missing email", async () => {
      const jodhpurCommittee = await committeeOf("RJ-JD");
      const hidden = await listAppointees(db(), jaipurScope, query({ committee: jodhpurCommittee.id }));
      expect(hidden).toMatchObject({ rows: [], notFound: "committee" });

      const sng = await committeeOf("RJ-JP-AC-SNG");
      const byCommittee = await listAppointees(db(), jaipurScope, query({ committee: sng.id }));
      expect(byCommittee.rows).toHaveLength(10);
      expect(byCommittee.committee?.id).toBe(sng.id);

      // Presidents of formed committees in Jaipur, checked against the database directly.
      const presidents = await allPages(jaipurScope, { designation: "president", status: "formed" });
      const expected = await sql<{ id: number }>`
        select distinct ap.appointee_id as id from appointments ap join committees c on c.id = ap.committee_id
          join units u on u.id = c.unit_id
         where ap.active and ap.designation = 'president' and c.status = 'formed'
           and u.path like ${`${jaipur.path}%`} order by 1`.execute(db());
      expect(presidents.map((r) => r.id).sort((a, b) => a - b)).toEqual(
        expected.rows.map((r) => Number(r.id)),
      );
      expect(presidents.length).toBeGreaterThan(1);
      const forming = await allPages(jaipurScope, { status: "forming" });
      expect(forming.every((r) => r.appointments.some((a) => a.committeeStatus === "forming"))).toBe(true);

      const noEmail = await allPages(jaipurScope, { noEmail: true });
      expect(noEmail.length).toBeGreaterThan(0);
      expect(noEmail.every((r) => r.email === null)).toBe(true);
      const withoutEmail = (await allPages(jaipurScope)).filter((r) => r.email === null);
      expect(noEmail.map((r) => r.id)).toEqual(withoutEmail.map((r) => r.id));
    });

    it("searches names in either script, phone digits and email, with LIKE wildcards taken literally", async () => {
      const person = await db()
        .selectFrom("appointees")
        .select(["id", "name", "nameHi", "phone", "email"])
        .where("email", "is not", null)
        .where("name", "like", "% %")
        .orderBy("id")
        .executeTakeFirstOrThrow();
      const ids = async (q: string, scope: Scope = ALL) => (await allPages(scope, { q })).map((r) => r.id);

      expect(await ids(person.name.toUpperCase())).toContain(person.id);
      expect(await ids(person.nameHi!)).toContain(person.id);
      const hindiHits = await allPages(ALL, { q: person.nameHi! });
      expect(
        hindiHits.every((r) => r.nameHi?.includes(person.nameHi!) || r.name.includes(person.nameHi!)),
      ).toBe(true);
      const national = person.phone!.slice(3);
      expect(await ids(`0${national}`)).toEqual([person.id]);
      expect(await ids(`+91-${national.slice(0, 5)}-${national.slice(5)}`)).toEqual([person.id]);
      expect(await ids(national.slice(2, 8))).toContain(person.id);
      expect(await ids(person.email!.toUpperCase())).toEqual([person.id]);
      // Part of an address is an email search as long as it has its "@"; without one it is a name.
      expect(await ids(`${person.email!.split("@")[0]!}@`)).toEqual([person.id]);
      expect(await ids(`@${person.email!.split("@")[1]!}`)).toContain(person.id);
      expect(await ids("%")).toEqual([]);
      expect(await ids("_a")).toEqual([]);
      // parseAppointeeListQuery drops what it cannot read and never throws.
      expect(
        parseAppointeeListQuery(
          new URLSearchParams(
            "unit=rj-jp&committee=x&designation=DROP TABLE&status=gone&noEmail=yes&page=-3",
          ),
        ),
      ).toEqual({ unit: "RJ-JP", noEmail: true, page: 1, q: undefined });
    });
  });

  describe("one person", () => {
    it("is a 404 for an organiser when the person has no active appointment in scope", async () => {
      const jodhpurPerson = await jodhpurOnlyPerson();
      expect(await findVisibleAppointee(db(), jaipurScope, jodhpurPerson.id)).toBeNull();
      await expectNotFound(getAppointeePage(db(), jaipurScope, jodhpurPerson.id));
      const page = await getAppointeePage(db(), ALL, jodhpurPerson.id);
      expect(page.appointee.id).toBe(jodhpurPerson.id);
    });

    it("shows ended appointments, and only those in scope; an ended one no longer makes a person visible", async () => {
      const [president] = await sql<{ id: number }>`
        select ap.appointee_id as id from appointments ap join committees c on c.id = ap.committee_id
          join units u on u.id = c.unit_id where u.code = 'RJ-JP' and ap.designation = 'president'`
        .execute(db())
        .then((r) => r.rows);
      const presidentId = Number(president!.id);
      const adminView = await getAppointeePage(db(), ALL, presidentId);
      expect(adminView.appointments.map((a) => a.unitCode).sort()).toEqual(["RJ", "RJ-JP"]);
      const organiserView = await getAppointeePage(db(), jaipurScope, presidentId);
      expect(organiserView.appointments.map((a) => a.unitCode)).toEqual(["RJ-JP"]);

      // A Jaipur member whose appointment ends: still in the admin's view (ended), gone for the organiser.
      const member = await db()
        .selectFrom("appointments")
        .select(["id", "appointeeId"])
        .where("committeeId", "=", (await committeeOf("RJ-JP-AC-MVN")).id)
        .where("designation", "=", "member")
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      await db()
        .updateTable("appointments")
        .set({ active: false, endedAt: new Date() })
        .where("id", "=", member.id)
        .execute();
      const ended = await getAppointeePage(db(), ALL, member.appointeeId);
      expect(ended.appointments).toMatchObject([{ unitCode: "RJ-JP-AC-MVN", active: false }]);
      expect(ended.appointments[0]!.endedAt).not.toBeNull();
      expect(await findVisibleAppointee(db(), jaipurScope, member.appointeeId)).toBeNull();
      expect((await allPages(jaipurScope)).some((r) => r.id === member.appointeeId)).toBe(false);
    });
  });

  describe("create and edit", () => {
    it("lets an organiser create a person only with an appointment in a committee in scope", async () => {
      const schema = newAppointeeSchema(true);
      expect(
        schema
          .safeParse({ name: "नया व्यक्ति" })
          .error?.issues.map((i) => i.message)
          .sort(),
      ).toEqual(["appointees.errors.committeeRequired", "appointees.errors.designationRequired"]);
      const base = { name: "Naya Vyakti", nameHi: "नया व्यक्ति", phone: "+919000000001" };

      const outside = await createAppointee(
        db(),
        organiser,
        schema.parse({ ...base, unitCode: "RJ-JD-AC-LNI", designation: "member" }),
      );
      expect(outside).toEqual({ ok: false, error: "appointees.errors.committeeNotFound", field: "unitCode" });
      const full = await createAppointee(
        db(),
        organiser,
        schema.parse({ ...base, unitCode: "RJ-JP-AC-SNG", designation: "member" }),
      );
      expect(full).toEqual({ ok: false, error: "appointees.errors.committeeFull", field: "unitCode" });
      const badDesignation = await createAppointee(
        db(),
        organiser,
        schema.parse({ ...base, unitCode: "rj-jp-ac-vdn", designation: "emperor" }),
      );
      expect(badDesignation).toMatchObject({ ok: false, field: "designation" });
      expect(
        await db().selectFrom("appointees").select("id").where("phone", "=", base.phone).execute(),
      ).toEqual([]);

      const created = await createAppointee(
        db(),
        organiser,
        schema.parse({ ...base, phone: "090000 00001", unitCode: "rj-jp-ac-vdn", designation: "secretary" }),
      );
      expect(created).toMatchObject({ ok: true });
      const id = (created as { id: number }).id;
      const page = await getAppointeePage(db(), jaipurScope, id);
      expect(page.appointee).toMatchObject({ phone: "+919000000001", name: "Naya Vyakti", email: null });
      expect(page.appointments).toMatchObject([
        { unitCode: "RJ-JP-AC-VDN", designation: "secretary", active: true },
      ]);
      expect(page.history).toMatchObject([{ action: "appointee.created", actorName: "Jaipur Organiser" }]);
    });

    it("lets an admin create a person with no appointment, whom organisers cannot see", async () => {
      const result = await createAppointee(
        db(),
        admin,
        newAppointeeSchema(false).parse({
          name: "Akela",
          email: "Akela@Example.IN",
          preferredLanguage: "en",
        }),
      );
      expect(result).toMatchObject({ ok: true });
      const id = (result as { id: number }).id;
      expect((await findVisibleAppointee(db(), ALL, id))?.email).toBe("akela@example.in");
      expect(await findVisibleAppointee(db(), jaipurScope, id)).toBeNull();
      expect((await listAppointees(db(), ALL, query({ q: "Akela" }))).rows.map((r) => r.id)).toEqual([id]);
      expect((await listAppointees(db(), jaipurScope, query({ q: "Akela" }))).rows).toEqual([]);
    });

    it("refuses a duplicate phone or email, naming the existing person only when visible", async () => {
      const jaipurPerson = (await listAppointees(db(), jaipurScope, query({ unit: "RJ-JP-AC-SNG" })))
        .rows[0]!;
      const jodhpurPerson = await jodhpurOnlyPerson();
      const schema = newAppointeeSchema(true);
      const before = await snapshot();

      const visibleDup = await createAppointee(
        db(),
        organiser,
        schema.parse({
          name: "Copy",
          phone: `0${jaipurPerson.phone!.slice(3)}`,
          unitCode: "RJ-JP-AC-VDN",
          designation: "member",
        }),
      );
      expect(visibleDup).toEqual({
        ok: false,
        error: "appointees.errors.phoneTaken",
        field: "phone",
        existing: { id: jaipurPerson.id, name: jaipurPerson.name },
      });
      const hiddenDup = await createAppointee(
        db(),
        organiser,
        schema.parse({
          name: "Copy",
          phone: jodhpurPerson.phone,
          unitCode: "RJ-JP-AC-VDN",
          designation: "member",
        }),
      );
      expect(hiddenDup).toEqual({
        ok: false,
        error: "appointees.errors.phoneTaken",
        field: "phone",
        existing: null,
      });
      const adminDup = await createAppointee(
        db(),
        admin,
        newAppointeeSchema(false).parse({ name: "Copy", phone: jodhpurPerson.phone }),
      );
      expect(adminDup).toMatchObject({ existing: { id: jodhpurPerson.id } });
      expect(await snapshot()).toEqual(before);
    });

    it("answers a unique violation from a race as a duplicate, not an error", async () => {
      const phone = "+919000000077";
      // Another transaction holds an uncommitted row with the phone: our check cannot see it, our insert waits.
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let otherId = 0;
      const other = db()
        .transaction()
        .execute(async (trx) => {
          otherId = (
            await trx
              .insertInto("appointees")
              .values({ name: "Racer", phone })
              .returning("id")
              .executeTakeFirstOrThrow()
          ).id;
          await held;
        });
      await expect.poll(() => otherId).toBeGreaterThan(0);
      const attempt = createAppointee(
        db(),
        admin,
        newAppointeeSchema(false).parse({ name: "Second", phone }),
      );
      await expect
        .poll(
          async () =>
            (
              await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock'`.execute(db())
            ).rows[0]!.n,
        )
        .toBe(1);
      release();
      await other;
      expect(await attempt).toEqual({
        ok: false,
        error: "appointees.errors.phoneTaken",
        field: "phone",
        existing: { id: otherId, name: "Racer" },
      });
    });

    it("normalises phone formats on edit, refuses duplicates, records changes, 404s out of scope", async () => {
      const person = (await listAppointees(db(), jaipurScope, query({ unit: "RJ-JP-AC-MVN" }))).rows[0]!;
      const current = (await findVisibleAppointee(db(), jaipurScope, person.id))!;
      const edit = (phone: string, extra: Record<string, string> = {}) =>
        AppointeeSchema.parse({
          name: current.name,
          nameHi: current.nameHi ?? "",
          email: current.email ?? "",
          preferredLanguage: current.preferredLanguage,
          phone,
          ...extra,
        });

      expect(await updateAppointee(db(), organiser, person.id, edit("098765 43210"))).toEqual({
        ok: true,
        id: person.id,
        changed: true,
      });
      expect((await findVisibleAppointee(db(), jaipurScope, person.id))?.phone).toBe("+919876543210");
      expect(await updateAppointee(db(), organiser, person.id, edit("+91-98765-43211"))).toMatchObject({
        ok: true,
        changed: true,
      });
      expect((await findVisibleAppointee(db(), jaipurScope, person.id))?.phone).toBe("+919876543211");
      // The same number in another format is no change at all.
      expect(await updateAppointee(db(), organiser, person.id, edit("0091 98765 43211"))).toMatchObject({
        ok: true,
        changed: false,
      });

      const page = await getAppointeePage(db(), jaipurScope, person.id);
      expect(page.history.map((h) => h.action)).toEqual(["appointee.updated", "appointee.updated"]);
      expect(page.history[0]!.details).toEqual({ changes: { phone: ["+919876543210", "+919876543211"] } });

      // Another Jaipur person's email: refused with a link to them, nothing changed.
      const neighbour = (await listAppointees(db(), jaipurScope, query({ unit: "RJ-JP-AC-SNG" }))).rows.find(
        (r) => r.email,
      )!;
      const before = await snapshot();
      expect(
        await updateAppointee(db(), organiser, person.id, edit("+919876543211", { email: neighbour.email! })),
      ).toEqual({
        ok: false,
        error: "appointees.errors.emailTaken",
        field: "email",
        existing: { id: neighbour.id, name: neighbour.name },
      });
      expect(await snapshot()).toEqual(before);

      const jodhpurPerson = await jodhpurOnlyPerson();
      await expectNotFound(updateAppointee(db(), organiser, jodhpurPerson.id, edit("9000000099")));
      expect(await snapshot()).toEqual(before);
    });

    it("refuses an organiser's change to the contact details of a person whom another district also appoints", async () => {
      // A Jodhpur person appointed to a Jaipur committee as well: Jaipur sees them, but Jodhpur's invitations
      // and links use the same name, phone and email.
      const shared = await jodhpurOnlyPerson();
      const jaipurCommittee = await committeeOf("RJ-JP-AC-MVN");
      await db()
        .insertInto("appointments")
        .values({ appointeeId: shared.id, committeeId: jaipurCommittee.id, designation: "member" })
        .execute();
      const current = (await findVisibleAppointee(db(), jaipurScope, shared.id))!;
      const input = (extra: Record<string, string>) =>
        AppointeeSchema.parse({
          name: current.name,
          nameHi: current.nameHi ?? "",
          email: current.email ?? "",
          phone: current.phone ?? "",
          preferredLanguage: current.preferredLanguage,
          ...extra,
        });
      const before = await snapshot();
      const changes: Record<string, string>[] = [
        { email: "taken.over@example.in" },
        { name: "Someone Else" },
        { phone: "9000000123" },
      ];
      for (const change of changes) {
        expect(await updateAppointee(db(), organiser, shared.id, input(change))).toEqual({
          ok: false,
          error: "appointees.errors.contactNotEditable",
        });
      }
      expect(await snapshot()).toEqual(before);
      // The language is not a contact detail; an admin may change everything.
      const language = current.preferredLanguage === "hi" ? "en" : "hi";
      expect(
        await updateAppointee(db(), organiser, shared.id, input({ preferredLanguage: language })),
      ).toMatchObject({
        ok: true,
        changed: true,
      });
      expect(
        await updateAppointee(db(), admin, shared.id, input({ email: "admin.fixed@example.in" })),
      ).toMatchObject({
        ok: true,
        changed: true,
      });
    });
  });

  describe("merge", () => {
    it("moves appointments, keeps the chosen values, deletes the duplicate and writes the audit log", async () => {
      const vdn = await committeeOf("RJ-JP-AC-VDN");
      const bsi = await committeeOf("RJ-JP-BL-CKS");
      const keptRow = await createAppointee(
        db(),
        organiser,
        newAppointeeSchema(true).parse({
          name: "Mohan Lal",
          phone: "9111111111",
          unitCode: "RJ-JP-AC-VDN",
          designation: "member",
        }),
      );
      const kept = (keptRow as { id: number }).id;
      // The duplicate: also in VDN (would be a second active seat) and, before, in Chaksu (history kept).
      const dup = await db()
        .insertInto("appointees")
        .values({
          name: "Mohanlal",
          nameHi: "मोहनलाल",
          phone: "+919222222222",
          email: "mohan@example.in",
          preferredLanguage: "en",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db()
        .insertInto("appointments")
        .values([
          { appointeeId: dup.id, committeeId: vdn.id, designation: "secretary" },
          {
            appointeeId: dup.id,
            committeeId: bsi.id,
            designation: "member",
            active: false,
            endedAt: new Date("2026-11-01T00:00:00Z"),
          },
        ])
        .execute();
      const found = await findMergeCandidate(db(), jaipurScope, kept, { phone: "+919222222222" });
      expect(found?.id).toBe(dup.id);
      expect(defaultMergeChoices((await findVisibleAppointee(db(), ALL, kept))!, found!)).toEqual({
        name: "this",
        nameHi: "other",
        phone: "this",
        email: "other",
        preferredLanguage: "this",
      });

      const result = await mergeAppointees(db(), organiser, kept, {
        otherId: dup.id,
        name: "this",
        nameHi: "other",
        phone: "other",
        email: "other",
        preferredLanguage: "this",
      });
      expect(result).toMatchObject({ ok: true, keptId: kept, mergedId: dup.id, moved: 2, ended: 1 });

      expect(await findVisibleAppointee(db(), ALL, dup.id)).toBeNull();
      const page = await getAppointeePage(db(), ALL, kept);
      expect(page.appointee).toMatchObject({
        name: "Mohan Lal",
        nameHi: "मोहनलाल",
        phone: "+919222222222",
        email: "mohan@example.in",
        preferredLanguage: "hi",
      });
      const appointments = await db()
        .selectFrom("appointments")
        .select(["committeeId", "designation", "active"])
        .where("appointeeId", "=", kept)
        .orderBy("id")
        .execute();
      expect(appointments).toEqual([
        { committeeId: vdn.id, designation: "member", active: true },
        { committeeId: vdn.id, designation: "secretary", active: false },
        { committeeId: bsi.id, designation: "member", active: false },
      ]);
      expect(
        await db().selectFrom("appointments").select("id").where("appointeeId", "=", dup.id).execute(),
      ).toEqual([]);
      const audit = await db()
        .selectFrom("auditLog")
        .selectAll()
        .where("action", "=", "appointee.merged")
        .executeTakeFirstOrThrow();
      expect(audit).toMatchObject({
        entityType: "appointee",
        entityId: kept,
        actorStaffId: organiser.staffId,
      });
      expect(audit.details).toMatchObject({
        keptId: kept,
        mergedId: dup.id,
        choices: { name: "this", nameHi: "other", phone: "other", email: "other", preferredLanguage: "this" },
        values: { name: "Mohan Lal", phone: "+919222222222", email: "mohan@example.in" },
      });
      expect(page.history[0]).toMatchObject({ action: "appointee.merged" });
    });

    it("moves invitations and registrations; where both were invited, the live registration wins", async () => {
      const sng = await committeeOf("RJ-JP-AC-SNG");
      const [a, b] = await db()
        .insertInto("appointees")
        .values([
          { name: "Kamla", phone: "+919333333331" },
          { name: "Kamla Devi", phone: "+919333333332" },
        ])
        .returning("id")
        .execute();
      const event = (n: number) => ({
        kind: "district_camp" as const,
        unitId: jaipur.id,
        titleEn: `Camp ${n}`,
        titleHi: `शिविर ${n}`,
        venueName: "Hall",
        startsAt: new Date("2030-01-10T04:30:00Z"),
        endsAt: new Date("2030-01-10T12:30:00Z"),
        registrationOpensAt: new Date("2029-12-01T00:00:00Z"),
        registrationClosesAt: new Date("2030-01-09T00:00:00Z"),
        capacity: 10,
        icalUid: `merge-${n}@shivir`,
      });
      const [both, onlyDup] = await db()
        .insertInto("events")
        .values([event(1), event(2)])
        .returning("id")
        .execute();
      const invite = (eventId: number, appointeeId: number) => ({
        eventId,
        appointeeId,
        committeeId: sng.id,
        designation: "member",
        ...personalLinkColumns(),
      });
      const invitations = await db()
        .insertInto("invitations")
        .values([invite(both!.id, a!.id), invite(both!.id, b!.id), invite(onlyDup!.id, b!.id)])
        .returning(["id", "appointeeId", "eventId"])
        .execute();
      const dupBoth = invitations[1]!;
      const dupOnly = invitations[2]!;
      // The kept person declined; the duplicate registered for the same event.
      await db()
        .insertInto("registrations")
        .values([
          {
            invitationId: invitations[0]!.id,
            eventId: both!.id,
            appointeeId: a!.id,
            status: "declined",
            passId: "p-a",
          },
          {
            invitationId: dupBoth.id,
            eventId: both!.id,
            appointeeId: b!.id,
            status: "registered",
            passId: "p-b",
          },
        ])
        .execute();
      await db().insertInto("calendarFeeds").values({ appointeeId: b!.id, tokenHash: "feed-b" }).execute();
      // The duplicate was marked present at a session of the shared event (by an admin on a tablet).
      const session = await db()
        .insertInto("eventSessions")
        .values({
          eventId: both!.id,
          kind: "training",
          titleEn: "Session",
          titleHi: "सत्र",
          startsAt: new Date("2030-01-10T05:00:00Z"),
          endsAt: new Date("2030-01-10T06:00:00Z"),
          icalUid: "merge-session@shivir",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const clientId = "00000000-0000-4000-8000-000000000001";
      const markedAt = new Date("2030-01-10T05:05:00Z");
      const mark = await db()
        .insertInto("attendanceMarks")
        .values({
          clientId,
          sessionId: session.id,
          appointeeId: b!.id,
          committeeId: sng.id,
          action: "mark",
          markedAt,
          deviceId: "tablet-1",
          staffUserId: admin.staffId,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db()
        .insertInto("attendance")
        .values({
          sessionId: session.id,
          appointeeId: b!.id,
          committeeId: sng.id,
          present: true,
          decidedByMarkId: mark.id,
          decidedByClientId: clientId,
          markedAt,
        })
        .execute();

      const result = await mergeAppointees(db(), admin, a!.id, {
        otherId: b!.id,
        name: "this",
        nameHi: "this",
        phone: "this",
        email: "this",
        preferredLanguage: "this",
      });
      expect(result).toMatchObject({ ok: true });
      const kept = await db()
        .selectFrom("invitations")
        .leftJoin("registrations", "registrations.invitationId", "invitations.id")
        .select([
          "invitations.id",
          "invitations.appointeeId",
          "registrations.status",
          "registrations.appointeeId as registrant",
        ])
        .where("invitations.eventId", "in", [both!.id, onlyDup!.id])
        .orderBy("invitations.id")
        .execute();
      expect(kept).toEqual([
        { id: dupBoth.id, appointeeId: a!.id, status: "registered", registrant: a!.id },
        { id: dupOnly.id, appointeeId: a!.id, status: null, registrant: null },
      ]);
      expect(
        await db()
          .selectFrom("attendance")
          .select(["appointeeId", "present"])
          .where("sessionId", "=", session.id)
          .execute(),
      ).toEqual([{ appointeeId: a!.id, present: true }]);
      expect(
        await db()
          .selectFrom("calendarFeeds")
          .select("appointeeId")
          .where("appointeeId", "=", b!.id)
          .execute(),
      ).toEqual([]);
    });

    it("refuses a merge across scope, or with oneself, changing nothing", async () => {
      const jaipurPerson = (await listAppointees(db(), jaipurScope, query({ unit: "RJ-JP-AC-SNG" })))
        .rows[0]!;
      const jodhpurPerson = await jodhpurOnlyPerson();
      const choices = {
        name: "other",
        nameHi: "other",
        phone: "other",
        email: "other",
        preferredLanguage: "other",
      } as const;
      const before = await snapshot();
      expect(
        await findMergeCandidate(db(), jaipurScope, jaipurPerson.id, { id: jodhpurPerson.id }),
      ).toBeNull();
      for (const [kept, other] of [
        [jaipurPerson.id, jodhpurPerson.id],
        [jodhpurPerson.id, jaipurPerson.id],
      ] as const) {
        await expectNotFound(mergeAppointees(db(), organiser, kept, { otherId: other, ...choices }));
      }
      expect(
        await mergeAppointees(db(), organiser, jaipurPerson.id, { otherId: jaipurPerson.id, ...choices }),
      ).toEqual({ ok: false, error: "appointees.errors.mergeSame" });
      expect(await snapshot()).toEqual(before);
      // An admin may merge them.
      expect(
        await mergeAppointees(db(), admin, jaipurPerson.id, { otherId: jodhpurPerson.id, ...choices }),
      ).toMatchObject({
        ok: true,
      });
    });
  });
});
