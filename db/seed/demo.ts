// A small demo state: 5 districts, 15 assembly constituencies, 4 blocks, about 300 office-bearers,
// committees in every state of formation, one admin, two trainers and a draft Jaipur training camp.
// Deterministic: the same data on every machine.
import { sql } from "kysely";
import { DateTime } from "luxon";
import { defaultEventQuestions } from "#app/models/events/event.ts";
import { defaultSeatQuota, type UnitLevel } from "#app/models/organisation/unit.ts";
import type { Database } from "#app/platform/db.server.ts";
import { IST } from "#app/i18n/datetime.ts";

export const DEMO_ADMIN_EMAIL = "admin@shivir.example";
export const DEMO_TRAINER_EMAILS = ["anjali.mathur@shivir.example", "rakesh.vyas@shivir.example"] as const;
// Every date of the demo is counted from this moment (when its committees were formed), not from the clock.
export const DEMO_REFERENCE = new Date("2026-11-10T06:30:00Z");
/** The demo camp's day in IST: five weeks after the reference. */
export const DEMO_CAMP_DAY = DateTime.fromJSDate(DEMO_REFERENCE, { zone: IST })
  .plus({ weeks: 5 })
  .toISODate();

type Place = [code: string, en: string, hi: string];
type District = { place: Place; assemblies: Place[]; blocks: Place[] };

const state: Place = ["RJ", "Rajasthan", "राजस्थान"];
const districts: District[] = [
  {
    place: ["RJ-JP", "Jaipur", "जयपुर"],
    assemblies: [
      ["RJ-JP-AC-SNG", "Sanganer", "सांगानेर"],
      ["RJ-JP-AC-MVN", "Malviya Nagar", "मालवीय नगर"],
      ["RJ-JP-AC-VDN", "Vidhyadhar Nagar", "विद्याधर नगर"],
    ],
    blocks: [
      ["RJ-JP-BL-BSI", "Bassi", "बस्सी"],
      ["RJ-JP-BL-CKS", "Chaksu", "चाकसू"],
    ],
  },
  {
    place: ["RJ-JD", "Jodhpur", "जोधपुर"],
    assemblies: [
      ["RJ-JD-AC-SDP", "Sardarpura", "सरदारपुरा"],
      ["RJ-JD-AC-SRS", "Soorsagar", "सूरसागर"],
      ["RJ-JD-AC-LNI", "Luni", "लूणी"],
    ],
    blocks: [["RJ-JD-BL-MDR", "Mandore", "मंडोर"]],
  },
  {
    place: ["RJ-UD", "Udaipur", "उदयपुर"],
    assemblies: [
      ["RJ-UD-AC-UDC", "Udaipur City", "उदयपुर शहर"],
      ["RJ-UD-AC-GGD", "Gogunda", "गोगुंदा"],
      ["RJ-UD-AC-MVL", "Mavli", "मावली"],
    ],
    blocks: [["RJ-UD-BL-GRW", "Girwa", "गिर्वा"]],
  },
  {
    place: ["RJ-AJ", "Ajmer", "अजमेर"],
    assemblies: [
      ["RJ-AJ-AC-AJN", "Ajmer North", "अजमेर उत्तर"],
      ["RJ-AJ-AC-KSG", "Kishangarh", "किशनगढ़"],
      ["RJ-AJ-AC-PSK", "Pushkar", "पुष्कर"],
    ],
    blocks: [],
  },
  {
    place: ["RJ-KT", "Kota", "कोटा"],
    assemblies: [
      ["RJ-KT-AC-KTN", "Kota North", "कोटा उत्तर"],
      ["RJ-KT-AC-LDP", "Ladpura", "लाडपुरा"],
      ["RJ-KT-AC-RGM", "Ramganj Mandi", "रामगंज मंडी"],
    ],
    blocks: [],
  },
];

const givenNames: [string, string][] = [
  ["Ramesh", "रमेश"],
  ["Sunita", "सुनीता"],
  ["Mahesh", "महेश"],
  ["Kavita", "कविता"],
  ["Suresh", "सुरेश"],
  ["Pooja", "पूजा"],
  ["Vikram", "विक्रम"],
  ["Anita", "अनीता"],
  ["Rajendra", "राजेन्द्र"],
  ["Meena", "मीना"],
  ["Dinesh", "दिनेश"],
  ["Rekha", "रेखा"],
  ["Mukesh", "मुकेश"],
  ["Savitri", "सावित्री"],
  ["Gopal", "गोपाल"],
  ["Priya", "प्रिया"],
  ["Ashok", "अशोक"],
  ["Lalita", "ललिता"],
  ["Naresh", "नरेश"],
  ["Kiran", "किरण"],
  ["Bhanwar", "भंवर"],
  ["Sarita", "सरिता"],
  ["Hemant", "हेमंत"],
  ["Manju", "मंजू"],
  ["Jitendra", "जितेन्द्र"],
  ["Nirmala", "निर्मला"],
  ["Om Prakash", "ओम प्रकाश"],
  ["Shobha", "शोभा"],
  ["Kailash", "कैलाश"],
  ["Geeta", "गीता"],
];
const familyNames: [string, string][] = [
  ["Sharma", "शर्मा"],
  ["Meena", "मीणा"],
  ["Choudhary", "चौधरी"],
  ["Rathore", "राठौड़"],
  ["Gurjar", "गुर्जर"],
  ["Jat", "जाट"],
  ["Saini", "सैनी"],
  ["Agarwal", "अग्रवाल"],
  ["Bairwa", "बैरवा"],
  ["Verma", "वर्मा"],
  ["Joshi", "जोशी"],
  ["Shekhawat", "शेखावत"],
  ["Kumawat", "कुमावत"],
  ["Prajapat", "प्रजापत"],
];

// Committee plans: [formed?, members]. Formed committees are full; forming ones are partly filled or empty.
const districtPlan: [boolean, number][] = [
  [true, 40],
  [true, 40],
  [true, 40],
  [false, 24],
  [false, 0],
];
const assemblyPlan: [boolean, number][] = [
  [true, 10],
  [true, 10],
  [false, 5],
  [true, 10],
  [false, 0],
  [false, 6],
];
const designationsInOrder = [
  "president",
  "vice_president",
  "vice_president",
  "general_secretary",
  "secretary",
  "secretary",
  "fact_check_team",
  "research_team",
];

const committeeName = {
  state: ["State Executive", "प्रदेश कार्यकारिणी"],
  district: ["District Committee", "जिला समिति"],
  assembly: ["Assembly Committee", "विधानसभा समिति"],
  block: ["Block Committee", "ब्लॉक समिति"],
  panchayat: ["Panchayat Committee", "पंचायत समिति"],
  booth: ["Booth Committee", "बूथ समिति"],
} satisfies Record<UnitLevel, [string, string]>;

type SeedResult = { units: number; appointees: number; adminEmail: string };

/** Seeds the demo organisation in one transaction. Refuses to run on a database that has units. */
export async function seedDemo(db: Database): Promise<SeedResult> {
  const result = await seedDemoIfEmpty(db);
  if (!result) throw new Error("the database already has units: demo data goes only into an empty one");
  return result;
}

/** Seeds the demo organisation unless the database has units already (then returns null). */
export async function seedDemoIfEmpty(db: Database): Promise<SeedResult | null> {
  return db.transaction().execute(async (trx) => {
    // Several web processes may start at once on one empty database: only one seeds.
    await sql`select pg_advisory_xact_lock(hashtext('shivir.seed-demo'))`.execute(trx);
    const existing = await trx
      .selectFrom("units")
      .select(sql<number>`count(*)`.as("n"))
      .executeTakeFirstOrThrow();
    if (existing.n > 0) return null;

    let person = 0;
    const counts = { units: 0, appointees: 0 };

    async function addUnit(parentId: number | null, level: UnitLevel, [code, en, hi]: Place) {
      const unit = await trx
        .insertInto("units")
        .values({ parentId, level, code, nameEn: en, nameHi: hi })
        .returning("id")
        .executeTakeFirstOrThrow();
      counts.units++;
      return unit.id;
    }

    async function addCommittee(
      unitId: number,
      level: UnitLevel,
      place: Place,
      formed: boolean,
      members: number,
    ) {
      const [en, hi] = committeeName[level];
      const quota =
        level === "state"
          ? 23
          : level === "block"
            ? members || defaultSeatQuota.block
            : defaultSeatQuota[level];
      const committee = await trx
        .insertInto("committees")
        .values({
          unitId,
          nameEn: `${place[1]} ${en}`,
          nameHi: `${place[2]} ${hi}`,
          seatQuota: quota,
          status: formed ? "formed" : "forming",
          formedAt: formed ? DEMO_REFERENCE : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (members === 0) return;
      const people = Array.from({ length: members }, () => newPerson(person++));
      const inserted = await trx.insertInto("appointees").values(people).returning("id").execute();
      counts.appointees += inserted.length;
      await trx
        .insertInto("appointments")
        .values(
          inserted.map((p, i) => ({
            appointeeId: p.id,
            committeeId: committee.id,
            designation: designationsInOrder[i] ?? "member",
          })),
        )
        .execute();
      return { committeeId: committee.id, appointeeIds: inserted.map((p) => p.id) };
    }

    const stateId = await addUnit(null, "state", state);
    let jaipurId: number | null = null;
    const stateCommittee = await addCommittee(stateId, "state", state, true, 21);
    let assemblyIndex = 0;
    for (const [d, district] of districts.entries()) {
      const districtId = await addUnit(stateId, "district", district.place);
      if (district.place[0] === "RJ-JP") jaipurId = districtId;
      const [formed, members] = districtPlan[d] ?? [false, 0];
      const districtCommittee = await addCommittee(districtId, "district", district.place, formed, members);
      for (const assembly of district.assemblies) {
        const assemblyId = await addUnit(districtId, "assembly", assembly);
        const [aFormed, aMembers] = assemblyPlan[assemblyIndex++ % assemblyPlan.length] ?? [false, 0];
        await addCommittee(assemblyId, "assembly", assembly, aFormed, aMembers);
      }
      for (const [b, block] of district.blocks.entries()) {
        const blockId = await addUnit(districtId, "block", block);
        await addCommittee(blockId, "block", block, b === 0, b === 0 ? 7 : 3);
      }
      // A district president who also sits on the state executive: one person, two committees.
      const president = districtCommittee?.appointeeIds[0];
      if (president && stateCommittee && d < 2) {
        await trx
          .insertInto("appointments")
          .values({ appointeeId: president, committeeId: stateCommittee.committeeId, designation: "member" })
          .execute();
      }
    }

    const admin = await trx
      .insertInto("staffUsers")
      .values({ email: DEMO_ADMIN_EMAIL, name: "Demo Admin", role: "admin", preferredLanguage: "hi" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const trainers = await trx
      .insertInto("staffUsers")
      .values([
        { email: DEMO_TRAINER_EMAILS[0], name: "अंजलि माथुर", role: "trainer", preferredLanguage: "hi" },
        { email: DEMO_TRAINER_EMAILS[1], name: "राकेश व्यास", role: "trainer", preferredLanguage: "hi" },
      ])
      .returning("id")
      .execute();
    if (jaipurId) await addDemoCamp(trx, jaipurId, admin.id, [trainers[0]!.id, trainers[1]!.id]);
    await trx
      .insertInto("auditLog")
      .values({ action: "demo.seeded", entityType: "database", details: { ...counts, events: 1 } })
      .execute();
    return { ...counts, adminEmail: DEMO_ADMIN_EMAIL };
  });
}

/**
 * A draft district training camp in Jaipur five weeks after the reference, with an opening plenary, a
 * training session and a social-media expert session, and its audience: Jaipur's district and assembly
 * committees. Plain rows, as an organiser would have made them.
 */
async function addDemoCamp(trx: Database, jaipurId: number, adminId: number, trainerIds: [number, number]) {
  const day = DateTime.fromISO(`${DEMO_CAMP_DAY}T00:00`, { zone: IST });
  const at = (time: string) => {
    const [hour, minute] = time.split(":").map(Number);
    return day.set({ hour, minute }).toJSDate();
  };
  const event = await trx
    .insertInto("events")
    .values({
      kind: "district_camp",
      unitId: jaipurId,
      titleEn: "Jaipur District Training Camp",
      titleHi: "जयपुर जिला प्रशिक्षण शिविर",
      descriptionEn:
        "A day of training for the newly formed district and assembly committees of Jaipur: the work of a committee, reporting, and social media.",
      descriptionHi:
        "जयपुर की नवगठित जिला और विधानसभा समितियों के लिए एक दिन का प्रशिक्षण: समिति का काम, रिपोर्टिंग और सोशल मीडिया।",
      venueName: "Birla Auditorium",
      venueAddress: "Statue Circle, C-Scheme, Jaipur 302001",
      venueMapUrl: "https://www.openstreetmap.org/search?query=Birla%20Auditorium%20Jaipur",
      startsAt: at("10:00"),
      endsAt: at("17:00"),
      registrationOpensAt: day.minus({ weeks: 2 }).set({ hour: 9 }).toJSDate(),
      registrationClosesAt: day.minus({ days: 2 }).set({ hour: 18 }).toJSDate(),
      capacity: 150,
      reminderHours: 24,
      questions: defaultEventQuestions,
      icalUid: "demo-jaipur-camp@shivir",
      createdByStaffId: adminId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const sessions = await trx
    .insertInto("eventSessions")
    .values([
      {
        eventId: event.id,
        kind: "plenary",
        titleEn: "Opening plenary",
        titleHi: "उद्घाटन सत्र",
        room: "Main hall",
        startsAt: at("10:00"),
        endsAt: at("11:00"),
        icalUid: "demo-jaipur-camp-plenary@shivir",
      },
      {
        eventId: event.id,
        kind: "training",
        titleEn: "The work of a committee and reporting",
        titleHi: "समिति का काम और रिपोर्टिंग",
        room: "Main hall",
        startsAt: at("11:15"),
        endsAt: at("13:00"),
        icalUid: "demo-jaipur-camp-training@shivir",
      },
      {
        eventId: event.id,
        kind: "expert",
        titleEn: "Social media: reach and fact-checking",
        titleHi: "सोशल मीडिया: पहुँच और तथ्य-जाँच",
        room: "Seminar room 2",
        startsAt: at("14:00"),
        endsAt: at("16:00"),
        icalUid: "demo-jaipur-camp-social-media@shivir",
      },
    ])
    .returning("id")
    .execute();
  await trx
    .insertInto("sessionTrainers")
    .values([
      { sessionId: sessions[1]!.id, staffUserId: trainerIds[0] },
      { sessionId: sessions[2]!.id, staffUserId: trainerIds[1] },
    ])
    .execute();
  await trx
    .insertInto("eventAudienceRules")
    .values({ eventId: event.id, unitId: jaipurId, levels: ["district", "assembly"] })
    .execute();
}

/** The n-th demo person: Devanagari and Latin names, +91 phone, most with an email, some single names. */
function newPerson(n: number) {
  const [given, givenHi] = givenNames[n % givenNames.length]!;
  const [family, familyHi] = familyNames[Math.floor(n / givenNames.length) % familyNames.length]!;
  const singleName = n % 17 === 5;
  const name = singleName ? given : `${given} ${family}`;
  const phone = `+919${String(800000000 + n * 7919).padStart(9, "0")}`;
  const hasEmail = n % 7 !== 3;
  const slug = name.toLowerCase().replace(/[^a-z]+/g, ".");
  return {
    name,
    nameHi: singleName ? givenHi : `${givenHi} ${familyHi}`,
    phone,
    email: hasEmail ? `${slug}.${n}@example.in` : null,
    preferredLanguage: n % 10 < 7 ? ("hi" as const) : ("en" as const),
  };
}
