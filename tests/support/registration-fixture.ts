// An event to register for: a district with a committee, invited office-bearers with personal link tokens,
// and the event's times and capacity as a test needs them. Tokens are random and sealed with this process's
// SESSION_SECRET, which a portal started by the same test inherits (vitest.config.ts makes one per run).
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { EventQuestions } from "#app/models/events/event.ts";
import { newSealedToken } from "#app/platform/token.server.ts";
import type { Scope } from "#app/models/organisation/scope.server.ts";
import type { Database } from "#app/platform/db.server.ts";

const HOUR = 3_600_000;

export type RegistrationFixturePerson = {
  appointeeId: number;
  invitationId: number;
  token: string;
  email: string | null;
  name: string;
  nameHi: string;
};

export type RegistrationFixture = {
  eventId: number;
  unitId: number;
  committeeId: number;
  people: RegistrationFixturePerson[];
};

export type RegistrationFixtureOptions = {
  people?: number;
  capacity?: number;
  status?: "draft" | "published" | "completed" | "cancelled";
  /** Hours from now; registration is open by default, the event 10 days ahead. */
  opensInHours?: number;
  closesInHours?: number;
  startsInHours?: number;
  durationHours?: number;
  questions?: EventQuestions;
  locale?: "hi" | "en";
  /** People without an email address (by index). */
  withoutEmail?: number[];
  sessions?: boolean;
};

export async function createRegistrationFixture(
  db: Database,
  options: RegistrationFixtureOptions = {},
): Promise<RegistrationFixture> {
  const tag = randomBytes(4).toString("hex").toUpperCase();
  // Whole minutes, as an organiser types them (calendar files carry no milliseconds).
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  const startsAt = new Date(now + (options.startsInHours ?? 240) * HOUR);
  const endsAt = new Date(startsAt.getTime() + (options.durationHours ?? 8) * HOUR);
  const status = options.status ?? "published";
  const unit = await db
    .insertInto("units")
    .values({ level: "state", code: `RT-${tag}`, nameEn: `State ${tag}`, nameHi: `प्रदेश ${tag}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  const district = await db
    .insertInto("units")
    .values({ parentId: unit.id, level: "district", code: `RT-${tag}-D`, nameEn: "Ajmer", nameHi: "अजमेर" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const committee = await db
    .insertInto("committees")
    .values({
      unitId: district.id,
      nameEn: "Ajmer District Committee",
      nameHi: "अजमेर जिला समिति",
      seatQuota: 400,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const event = await db
    .insertInto("events")
    .values({
      kind: "district_camp",
      unitId: district.id,
      titleEn: `Ajmer Training Camp ${tag}`,
      titleHi: `अजमेर प्रशिक्षण शिविर ${tag}`,
      descriptionEn: "Social media training for the new district committee.",
      descriptionHi: "नई जिला समिति के लिए सोशल मीडिया प्रशिक्षण।",
      venueName: "Jawahar Rang Manch",
      venueAddress: "Ajmer 305001",
      venueMapUrl: "https://maps.example.org/?q=Jawahar+Rang+Manch",
      startsAt,
      endsAt,
      registrationOpensAt: new Date(now + (options.opensInHours ?? -24) * HOUR),
      registrationClosesAt: new Date(Math.min(now + (options.closesInHours ?? 200) * HOUR, endsAt.getTime())),
      capacity: options.capacity ?? 100,
      status,
      publishedAt: status === "draft" ? null : new Date(now - 48 * HOUR),
      cancelledAt: status === "cancelled" ? new Date() : null,
      icalUid: `camp-${tag}@shivir.test`,
      questions: sql`${JSON.stringify(
        options.questions ?? {
          travelMode: "required",
          arrivalTime: "optional",
          needsStay: "optional",
          foodPreference: "optional",
        },
      )}::text::jsonb`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (options.sessions !== false) {
    await db
      .insertInto("eventSessions")
      .values([
        {
          eventId: event.id,
          kind: "plenary",
          titleEn: "Opening session",
          titleHi: "उद्घाटन सत्र",
          room: "Main hall",
          startsAt,
          endsAt: new Date(startsAt.getTime() + HOUR),
          icalUid: `session-a-${tag}@shivir.test`,
        },
        {
          eventId: event.id,
          kind: "expert",
          titleEn: "Fact checking",
          titleHi: "तथ्य जाँच",
          room: "Hall B",
          startsAt: new Date(startsAt.getTime() + 2 * HOUR),
          endsAt: new Date(startsAt.getTime() + 4 * HOUR),
          icalUid: `session-b-${tag}@shivir.test`,
        },
      ])
      .execute();
  }
  const count = options.people ?? 3;
  const appointees = count
    ? await db
        .insertInto("appointees")
        .values(
          Array.from({ length: count }, (_, i) => ({
            name: `Person ${i + 1} ${tag}`,
            nameHi: `व्यक्ति ${i + 1} ${tag}`,
            email: options.withoutEmail?.includes(i)
              ? null
              : `person${i + 1}.${tag.toLowerCase()}@example.in`,
            preferredLanguage: options.locale ?? "hi",
          })),
        )
        .returning(["id", "email", "name", "nameHi"])
        .execute()
    : [];
  const people: RegistrationFixturePerson[] = [];
  for (const appointee of appointees) {
    const link = newSealedToken();
    const invitation = await db
      .insertInto("invitations")
      .values({
        eventId: event.id,
        appointeeId: appointee.id,
        committeeId: committee.id,
        designation: "member",
        tokenHash: link.tokenHash,
        tokenSealed: link.tokenSealed,
      })
      .returning(["id"])
      .executeTakeFirstOrThrow();
    people.push({
      appointeeId: appointee.id,
      invitationId: invitation.id,
      token: link.token,
      email: appointee.email,
      name: appointee.name,
      nameHi: appointee.nameHi!,
    });
  }
  return { eventId: event.id, unitId: district.id, committeeId: committee.id, people };
}

/** An organiser acting for the fixture's district: `staffId` for the audit log, the district as scope. */
export async function districtActorOf(db: Database, fixture: RegistrationFixture, staffId: number) {
  const unit = await db
    .selectFrom("units")
    .select(["id", "path"])
    .where("id", "=", fixture.unitId)
    .executeTakeFirstOrThrow();
  const scope: Scope = { kind: "subtree", unitId: unit.id, path: unit.path };
  return { staffId, scope };
}
