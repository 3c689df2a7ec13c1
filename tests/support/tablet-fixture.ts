// A camp to mark attendance at: a district with committees, invited office-bearers (most registered, with
// passes), two sessions today, a trainer of the first session, and organisers in and out of scope.
import { randomBytes } from "node:crypto";
import type { Database } from "#app/platform/db.server.ts";
import { personalLinkColumns } from "#tests/support/db-helpers.ts";

export type TabletFixture = {
  eventId: number;
  sessionIds: [number, number];
  committeeIds: number[];
  /** Invited people in roster order of creation; `registered` ones have a pass. */
  people: {
    id: number;
    name: string;
    nameHi: string;
    phone: string;
    committeeId: number;
    pass: string | null;
  }[];
  /** Appointees of the district who were not invited. */
  uninvitedIds: number[];
  trainerId: number;
  otherTrainerId: number;
  organiserId: number;
  otherOrganiserId: number;
  adminId: number;
  /** Another event (another district) with its own session and invitee. */
  otherEvent: { eventId: number; sessionId: number; personId: number; pass: string };
};

const given = [
  ["Ramesh", "रमेश"],
  ["Sunita", "सुनीता"],
  ["Mahesh", "महेश"],
  ["Kavita", "कविता"],
  ["Suresh", "सुरेश"],
  ["Pooja", "पूजा"],
  ["Vikram", "विक्रम"],
  ["Anita", "अनीता"],
  ["Gopal", "गोपाल"],
  ["Priya", "प्रिया"],
  ["Dinesh", "दिनेश"],
] as const;
const family = [
  ["Sharma", "शर्मा"],
  ["Meena", "मीणा"],
  ["Rathore", "राठौड़"],
  ["Choudhary", "चौधरी"],
  ["Saini", "सैनी"],
  ["Jat", "जाट"],
  ["Gupta", "गुप्ता"],
] as const;

export function personName(i: number): { name: string; nameHi: string } {
  const [g, gHi] = given[i % given.length]!;
  const [f, fHi] = family[Math.floor(i / given.length) % family.length]!;
  const n = Math.floor(i / (given.length * family.length));
  return {
    name: n ? `${g} ${f} ${n + 1}` : `${g} ${f}`,
    nameHi: n ? `${gHi} ${fHi} ${n + 1}` : `${gHi} ${fHi}`,
  };
}

/**
 * Creates the camp on a migrated (otherwise empty) database. `people` invited, spread over `committees`;
 * every fifth person has not registered (so has no pass); `uninvited` more appointees are not invited.
 */
export async function createTabletFixture(
  db: Database,
  options: { people?: number; committees?: number; uninvited?: number; tag?: string } = {},
): Promise<TabletFixture> {
  const total = options.people ?? 40;
  const committeeCount = options.committees ?? 3;
  const tag = options.tag ?? randomBytes(3).toString("hex").toUpperCase();
  return db.transaction().execute(async (trx) => {
    const state = await trx
      .insertInto("units")
      .values({ parentId: null, level: "state", code: `T${tag}`, nameEn: "Rajasthan", nameHi: "राजस्थान" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const [district, otherDistrict] = await trx
      .insertInto("units")
      .values([
        { parentId: state.id, level: "district", code: `T${tag}-JP`, nameEn: "Jaipur", nameHi: "जयपुर" },
        { parentId: state.id, level: "district", code: `T${tag}-JD`, nameEn: "Jodhpur", nameHi: "जोधपुर" },
      ])
      .returning("id")
      .execute();
    const assemblies = await trx
      .insertInto("units")
      .values(
        Array.from({ length: committeeCount }, (_, i) => ({
          parentId: district!.id,
          level: "assembly" as const,
          code: `T${tag}-JP-AC-${i + 1}`,
          nameEn: `Assembly ${i + 1}`,
          nameHi: `विधानसभा ${i + 1}`,
        })),
      )
      .returning("id")
      .execute();
    const committees = await trx
      .insertInto("committees")
      .values(
        assemblies.map((unit, i) => ({
          unitId: unit.id,
          nameEn: `Assembly Committee ${i + 1}`,
          nameHi: `विधानसभा समिति ${i + 1}`,
          seatQuota: Math.min(1000, Math.max(10, Math.ceil(total / committeeCount))),
          status: "formed" as const,
          formedAt: new Date(),
        })),
      )
      .returning("id")
      .execute();
    const otherCommittee = await trx
      .insertInto("committees")
      .values({
        unitId: otherDistrict!.id,
        nameEn: "Jodhpur District Committee",
        nameHi: "जोधपुर जिला समिति",
        seatQuota: 10,
        status: "formed",
        formedAt: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    const uninvited = options.uninvited ?? 2;
    const phoneBase = 7_000_000_000 + (Number.parseInt(tag, 16) % 100_000) * 10_000;
    const appointees = await trx
      .insertInto("appointees")
      .values(
        Array.from({ length: total + uninvited + 1 }, (_, i) => ({
          ...personName(i),
          phone: `+91${phoneBase + i}`,
        })),
      )
      .returning(["id", "name", "nameHi", "phone"])
      .execute();
    const invited = appointees.slice(0, total);
    const committeeOf = (i: number) => committees[i % committees.length]!.id;
    await trx
      .insertInto("appointments")
      .values(
        appointees.slice(0, total + uninvited).map((a, i) => ({
          appointeeId: a.id,
          committeeId: committeeOf(i),
          designation: i % committees.length === i ? "president" : "member",
        })),
      )
      .execute();

    const today = new Date();
    const at = (hours: number) => new Date(today.getTime() + hours * 3_600_000);
    const eventValues = (unitId: number, title: string) => ({
      kind: "district_camp" as const,
      unitId,
      titleEn: `${title} training camp`,
      titleHi: `${title} प्रशिक्षण शिविर`,
      venueName: "Town Hall",
      startsAt: at(-1),
      endsAt: at(6),
      registrationOpensAt: at(-240),
      registrationClosesAt: at(-2),
      capacity: total + 10,
      status: "published" as const,
      publishedAt: at(-240),
      icalUid: `tablet-${title}-${tag}@shivir`,
    });
    const [event, otherEvent] = await trx
      .insertInto("events")
      .values([eventValues(district!.id, `Jaipur ${tag}`), eventValues(otherDistrict!.id, `Jodhpur ${tag}`)])
      .returning("id")
      .execute();
    const sessions = await trx
      .insertInto("eventSessions")
      .values([
        {
          eventId: event!.id,
          kind: "plenary",
          titleEn: "Opening session",
          titleHi: "उद्घाटन सत्र",
          room: "Hall A",
          startsAt: at(-1),
          endsAt: at(1),
          icalUid: `tablet-s1-${tag}@shivir`,
        },
        {
          eventId: event!.id,
          kind: "training",
          titleEn: "Fact checking",
          titleHi: "तथ्य जाँच",
          room: "Hall B",
          startsAt: at(2),
          endsAt: at(4),
          icalUid: `tablet-s2-${tag}@shivir`,
        },
        {
          eventId: otherEvent!.id,
          kind: "plenary",
          titleEn: "Jodhpur opening",
          titleHi: "जोधपुर उद्घाटन",
          startsAt: at(-1),
          endsAt: at(1),
          icalUid: `tablet-s3-${tag}@shivir`,
        },
      ])
      .returning("id")
      .execute();

    const invitations = await trx
      .insertInto("invitations")
      .values(
        invited.map((a, i) => ({
          eventId: event!.id,
          appointeeId: a.id,
          committeeId: committeeOf(i),
          designation: "member",
          ...personalLinkColumns(),
        })),
      )
      .returning(["id", "appointeeId"])
      .execute();
    const passOf = new Map<number, string>();
    const registrations = invitations
      .filter((_, i) => i % 5 !== 4)
      .map((inv) => {
        const pass = randomBytes(16).toString("base64url");
        passOf.set(inv.appointeeId, pass);
        return {
          invitationId: inv.id,
          eventId: event!.id,
          appointeeId: inv.appointeeId,
          status: "registered" as const,
          passId: pass,
          registeredAt: new Date(),
        };
      });
    if (registrations.length) await trx.insertInto("registrations").values(registrations).execute();

    const otherPerson = appointees[total + uninvited]!;
    await trx
      .insertInto("appointments")
      .values({ appointeeId: otherPerson.id, committeeId: otherCommittee.id, designation: "member" })
      .execute();
    const otherInvitation = await trx
      .insertInto("invitations")
      .values({
        eventId: otherEvent!.id,
        appointeeId: otherPerson.id,
        committeeId: otherCommittee.id,
        designation: "member",
        ...personalLinkColumns(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const otherPass = randomBytes(16).toString("base64url");
    await trx
      .insertInto("registrations")
      .values({
        invitationId: otherInvitation.id,
        eventId: otherEvent!.id,
        appointeeId: otherPerson.id,
        status: "registered",
        passId: otherPass,
        registeredAt: new Date(),
      })
      .execute();

    const staff = await trx
      .insertInto("staffUsers")
      .values([
        { email: `trainer.${tag.toLowerCase()}@example.in`, name: "Trainer Jaipur", role: "trainer" },
        { email: `trainer2.${tag.toLowerCase()}@example.in`, name: "Trainer Jodhpur", role: "trainer" },
        {
          email: `organiser.${tag.toLowerCase()}@example.in`,
          name: "Organiser Jaipur",
          role: "organiser",
          scopeUnitId: district!.id,
        },
        {
          email: `organiser2.${tag.toLowerCase()}@example.in`,
          name: "Organiser Jodhpur",
          role: "organiser",
          scopeUnitId: otherDistrict!.id,
        },
        { email: `admin.${tag.toLowerCase()}@example.in`, name: "Admin", role: "admin" },
      ])
      .returning("id")
      .execute();
    await trx
      .insertInto("sessionTrainers")
      .values([
        { sessionId: sessions[0]!.id, staffUserId: staff[0]!.id },
        { sessionId: sessions[2]!.id, staffUserId: staff[1]!.id },
      ])
      .execute();

    return {
      eventId: event!.id,
      sessionIds: [sessions[0]!.id, sessions[1]!.id],
      committeeIds: committees.map((c) => c.id),
      people: invited.map((a, i) => ({
        id: a.id,
        name: a.name,
        nameHi: a.nameHi ?? "",
        phone: a.phone ?? "",
        committeeId: committeeOf(i),
        pass: passOf.get(a.id) ?? null,
      })),
      uninvitedIds: appointees.slice(total, total + uninvited).map((a) => a.id),
      trainerId: staff[0]!.id,
      otherTrainerId: staff[1]!.id,
      organiserId: staff[2]!.id,
      otherOrganiserId: staff[3]!.id,
      adminId: staff[4]!.id,
      otherEvent: {
        eventId: otherEvent!.id,
        sessionId: sessions[2]!.id,
        personId: otherPerson.id,
        pass: otherPass,
      },
    };
  });
}
