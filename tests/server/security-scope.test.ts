// Scope probes against a running portal (issue 13, "scope everywhere"): an organiser of Jaipur probes the
// walk-in page and "appoint existing" for a Jodhpur office-bearer. Walk-ins are matched by phone and people are
// found by phone or email across the organisation (so no one is recorded twice), but what comes back is masked
// (initials, the last two phone digits): the Jaipur organiser learns no name, phone or email they did not type,
// and a post that would change the Jodhpur person's details is refused with nothing changed. An admin, probing
// the same way, does see the person: the proof that the probes would have caught a leak.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import committeesEn from "#app/i18n/locales/committees/en.ts";
import { displayPhone } from "#app/models/organisation/committee.ts";
import { nameInitials } from "#app/models/organisation/masked-person.ts";
import { createStaffSession } from "#app/models/staff/staff-session.server.ts";
import { sessionCookieHeader } from "#app/web/auth.server.ts";
import { DEMO_ADMIN_EMAIL, seedDemo } from "#db/seed/demo.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { type Portal, startPortal } from "#tests/support/portal.ts";

// The portal inherits this process's environment, so the session cookies made here are valid there.
process.env.SESSION_SECRET ||= "security-scope-test-secret-0123456789abcdef";

let testDb: TestDatabase;
let portal: Portal;
const cookies = { jaipur: "", admin: "" };
let jaipurCommitteeId: number;
let eventId: number;
let walkInId: string;
let stranger: { id: number; name: string; nameHi: string; phone: string; email: string };

/**
 * What a page or answer must not hold about the Jodhpur person, however it is written, less what the probe
 * itself typed (a form answered with an error shows the typed values again). "Singh" is left out: many
 * Jaipur office-bearers on the same page carry it.
 */
function secretsOf(
  person: typeof stranger,
  typed: { phone?: boolean; email?: boolean; name?: boolean } = {},
): string[] {
  return [
    ...(typed.name ? [] : [person.name, "Zorawar", "Bhati", person.nameHi, "ज़ोरावर", "भाटी"]),
    ...(typed.email ? [] : [person.email, person.email.split("@")[0]!]),
    ...(typed.phone ? [] : [person.phone, person.phone.slice(3), displayPhone(person.phone)]),
  ];
}

/** The text of a response with HTML's escapes undone, so an escaped name cannot slip past the check. */
async function textOf(response: Response): Promise<string> {
  return (await response.text())
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function request(path: string, who: keyof typeof cookies, init: RequestInit = {}) {
  return fetch(`${portal.url}${path}`, {
    ...init,
    redirect: "manual",
    headers: { Cookie: cookies[who], "Accept-Language": "en", ...(init.headers ?? {}) },
  });
}

/** A form post as the page's own form sends it (same origin). */
function post(path: string, who: keyof typeof cookies, fields: Record<string, string>) {
  return request(path, who, {
    method: "POST",
    body: new URLSearchParams(fields).toString(),
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: portal.url,
      "Sec-Fetch-Site": "same-origin",
    },
  });
}

/** Everything a probe might change: the person, appointments, walk-ins, invitations and the audit log. */
async function snapshot(): Promise<string> {
  const tables = ["appointees", "appointments", "walk_ins", "invitations", "audit_log", "committees"];
  const parts = await Promise.all(
    tables.map(async (table) => {
      const row = await sql<{ digest: string }>`
        select coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as digest from ${sql.table(table)} t`.execute(
        testDb.db,
      );
      return `${table}:${row.rows[0]?.digest}`;
    }),
  );
  return parts.join("\n");
}

async function cookieFor(staffId: number): Promise<string> {
  // Only the name=value pair: the attributes are for a browser's cookie jar.
  return (await sessionCookieHeader(await createStaffSession(testDb.db, staffId))).split(";")[0]!;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  await seedDemo(testDb.db);
  const db = testDb.db;
  const unitId = async (code: string) =>
    (await db.selectFrom("units").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
  const jaipur = await unitId("RJ-JP");
  const jaipurPath = (
    await db.selectFrom("units").select("path").where("id", "=", jaipur).executeTakeFirstOrThrow()
  ).path;
  const organiser = await db
    .insertInto("staffUsers")
    .values({
      email: "scope.jaipur@example.in",
      name: "Jaipur Organiser",
      role: "organiser",
      scopeUnitId: jaipur,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const admin = await db
    .selectFrom("staffUsers")
    .select("id")
    .where("email", "=", DEMO_ADMIN_EMAIL)
    .executeTakeFirstOrThrow();
  cookies.jaipur = await cookieFor(organiser.id);
  cookies.admin = await cookieFor(admin.id);

  // A Jodhpur office-bearer who sits on no Jaipur committee, with a name no one else has.
  const jodhpurPerson = await db
    .selectFrom("appointees")
    .innerJoin("appointments", "appointments.appointeeId", "appointees.id")
    .innerJoin("committees", "committees.id", "appointments.committeeId")
    .innerJoin("units", "units.id", "committees.unitId")
    .select("appointees.id")
    .where("units.code", "=", "RJ-JD")
    .where("appointments.active", "=", true)
    .where("appointees.phone", "is not", null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("appointments as other")
            .innerJoin("committees as oc", "oc.id", "other.committeeId")
            .innerJoin("units as ou", "ou.id", "oc.unitId")
            .select("other.id")
            .whereRef("other.appointeeId", "=", "appointees.id")
            .where("ou.path", "like", `${jaipurPath}%`),
        ),
      ),
    )
    .orderBy("appointees.id")
    .executeTakeFirstOrThrow();
  const updated = await db
    .updateTable("appointees")
    .set({ name: "Zorawar Singh Bhati", nameHi: "ज़ोरावर सिंह भाटी", email: "zorawar.bhati@example.in" })
    .where("id", "=", jodhpurPerson.id)
    .returning(["id", "name", "nameHi", "phone", "email"])
    .executeTakeFirstOrThrow();
  stranger = {
    id: updated.id,
    name: updated.name,
    nameHi: updated.nameHi!,
    phone: updated.phone!,
    email: updated.email!,
  };

  jaipurCommitteeId = (
    await db.selectFrom("committees").select("id").where("unitId", "=", jaipur).executeTakeFirstOrThrow()
  ).id;
  // Room on the committee, so an appointment would not be refused as "full" before the scope rule is reached.
  await db.updateTable("committees").set({ seatQuota: 1000 }).where("id", "=", jaipurCommitteeId).execute();

  // A Jaipur camp where a walk-in gave the Jodhpur person's phone.
  const event = await db
    .insertInto("events")
    .values({
      kind: "district_camp",
      unitId: jaipur,
      titleEn: "Scope probe camp",
      titleHi: "स्कोप जाँच शिविर",
      venueName: "Probe Hall",
      startsAt: new Date("2030-02-10T04:30:00Z"),
      endsAt: new Date("2030-02-10T12:30:00Z"),
      registrationOpensAt: new Date("2030-01-01T00:00:00Z"),
      registrationClosesAt: new Date("2030-02-09T00:00:00Z"),
      capacity: 100,
      status: "published",
      publishedAt: new Date("2030-01-01T00:00:00Z"),
      icalUid: "scope-probe-event@shivir",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  eventId = event.id;
  const session = await db
    .insertInto("eventSessions")
    .values({
      eventId,
      kind: "training",
      titleEn: "Probe session",
      titleHi: "जाँच सत्र",
      startsAt: new Date("2030-02-10T05:00:00Z"),
      endsAt: new Date("2030-02-10T06:00:00Z"),
      icalUid: "scope-probe-session@shivir",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  walkInId = randomUUID();
  await db
    .insertInto("walkIns")
    .values({
      id: walkInId,
      eventId,
      sessionId: session.id,
      name: "Walk-in at the door",
      phone: stranger.phone,
      deviceId: "probe-tablet",
      staffUserId: organiser.id,
      createdAt: new Date("2030-02-10T05:10:00Z"),
    })
    .execute();

  portal = await startPortal(testDb.url, { WORKER: "none", SESSION_SECRET: process.env.SESSION_SECRET! });
}, 120_000);

afterAll(async () => {
  await portal?.stop();
  if (testDb) await dropTestDatabase(testDb);
});

const masked = () => ({
  initials: nameInitials(stranger.name),
  phone: `••••••••${stranger.phone.slice(-2)}`,
});

describe("walk-ins of another district's person", () => {
  it("shows the match masked on the Tablets page, and the admin in full", async () => {
    const page = await request(`/events/${eventId}/tablets`, "jaipur");
    expect(page.status).toBe(200);
    const body = await textOf(page);
    expect(body).toContain("Walk-in at the door");
    expect(body).toContain(masked().initials);
    expect(body).toContain(masked().phone);
    // The walk-in's own phone is what the trainer typed at this Jaipur camp; the appointee's name and email
    // are what the organiser must not learn.
    for (const secret of secretsOf(stranger, { phone: true })) expect(body).not.toContain(secret);

    const adminBody = await textOf(await request(`/events/${eventId}/tablets`, "admin"));
    expect(adminBody).toContain(stranger.name);
  });

  it("links the walk-in without revealing the person, and refuses bad input with a 400", async () => {
    const before = await snapshot();
    const badForms: Record<string, string>[] = [
      { intent: "verify-walk-in", walkInId: "not-a-uuid", appointeeId: String(stranger.id) },
      { intent: "verify-walk-in", walkInId, appointeeId: "abc" },
      { intent: "verify-walk-in", walkInId, appointeeId: String(stranger.id + 1) },
      { intent: "verify-walk-in" },
    ];
    for (const fields of badForms) {
      const refused = await post(`/events/${eventId}/tablets`, "jaipur", fields);
      expect(refused.status, JSON.stringify(fields)).toBe(400);
      const body = await textOf(refused);
      for (const secret of secretsOf(stranger, { phone: true })) expect(body).not.toContain(secret);
    }
    expect(await snapshot()).toBe(before);

    const linked = await post(`/events/${eventId}/tablets`, "jaipur", {
      intent: "verify-walk-in",
      walkInId,
      appointeeId: String(stranger.id),
    });
    expect(linked.status).toBe(302);
    expect(linked.headers.get("location")).toBe(`/events/${eventId}/tablets?done=verified`);
    const page = await textOf(await request(`/events/${eventId}/tablets?done=verified`, "jaipur"));
    expect(page).toContain(masked().initials);
    for (const secret of secretsOf(stranger, { phone: true })) expect(page).not.toContain(secret);
    const row = await testDb.db
      .selectFrom("walkIns")
      .select("verifiedAppointeeId")
      .where("id", "=", walkInId)
      .executeTakeFirstOrThrow();
    expect(row.verifiedAppointeeId).toBe(stranger.id);
  });
});

describe("appoint existing, probed for another district's person", () => {
  const committeePath = () => `/committees/${jaipurCommitteeId}`;
  const find = (who: keyof typeof cookies, contact: string) =>
    post(committeePath(), who, { intent: "find-existing", contact });

  it("finds them by phone or email only masked, and not at all by name", async () => {
    const before = await snapshot();
    const byPhone = await find("jaipur", stranger.phone.slice(3));
    expect(byPhone.status).toBe(200);
    const phoneBody = await textOf(byPhone);
    expect(phoneBody).toContain(masked().initials);
    for (const secret of secretsOf(stranger, { phone: true })) expect(phoneBody).not.toContain(secret);

    const byEmail = await find("jaipur", stranger.email);
    expect(byEmail.status).toBe(200);
    const emailBody = await textOf(byEmail);
    expect(emailBody).toContain(masked().initials);
    expect(emailBody).toContain(masked().phone);
    for (const secret of secretsOf(stranger, { email: true })) expect(emailBody).not.toContain(secret);

    for (const name of ["Zorawar", "Bhati", "ज़ोरावर"]) {
      const byName = await find("jaipur", name);
      expect(byName.status).toBe(200);
      const body = await textOf(byName);
      expect(body).toContain(committeesEn.appoint.noCandidates);
      const others = secretsOf(stranger).filter((secret) => !secret.includes(name) && secret !== name);
      for (const secret of others) expect(body).not.toContain(secret);
    }
    expect(await snapshot()).toBe(before);

    // The same probe by an admin does show the person: the checks above would have seen a leak.
    const adminBody = await textOf(await find("admin", stranger.email));
    expect(adminBody).toContain(stranger.name);
    expect(adminBody).toContain(displayPhone(stranger.phone));
  });

  it("refuses a post that would change their details, or appoint them by id, and changes nothing", async () => {
    const before = await snapshot();
    const attempts: Record<string, string>[] = [
      { contact: stranger.phone, name: stranger.name, email: "hijack@example.in" },
      { contact: stranger.phone, email: "hijack@example.in" },
      { contact: stranger.email, phone: "9829000555" },
      { contact: stranger.email, name: "Someone Else" },
    ];
    for (const fields of attempts) {
      const response = await post(committeePath(), "jaipur", {
        intent: "appoint-existing",
        designation: "member",
        ...fields,
      });
      expect(response.status, JSON.stringify(fields)).toBe(400);
      const body = await textOf(response);
      expect(body).toContain(committeesEn.errors.contactNotEditable);
      const typed = {
        phone: fields.contact === stranger.phone,
        email: fields.contact === stranger.email,
        name: fields.name === stranger.name,
      };
      for (const secret of secretsOf(stranger, typed)) expect(body).not.toContain(secret);
    }
    // By id: an id is not a phone number the organiser knows, so someone outside the scope is not found.
    for (const appointeeId of [String(stranger.id), "abc", "-5", "99999999999999999999"]) {
      const response = await post(committeePath(), "jaipur", {
        intent: "appoint-existing",
        designation: "member",
        appointeeId,
      });
      expect(response.status, appointeeId).toBe(400);
      const body = await textOf(response);
      for (const secret of secretsOf(stranger)) expect(body).not.toContain(secret);
    }
    // Bad searches are a 400 with a message, never a 500.
    for (const contact of ["", "ab", "98290", "x".repeat(500)]) {
      const response = await find("jaipur", contact);
      expect(response.status, contact).toBe(400);
      expect(await textOf(response)).toContain(committeesEn.errors.searchInvalid);
    }
    expect(await snapshot()).toBe(before);
    const person = await testDb.db
      .selectFrom("appointees")
      .select(["name", "nameHi", "phone", "email"])
      .where("id", "=", stranger.id)
      .executeTakeFirstOrThrow();
    expect(person).toEqual({
      name: stranger.name,
      nameHi: stranger.nameHi,
      phone: stranger.phone,
      email: stranger.email,
    });
  });
});
