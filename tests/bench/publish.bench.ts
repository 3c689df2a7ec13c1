import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { drainOutbox } from "#app/mail/sender.server.ts";
import { createResendTransport } from "#app/mail/transport.server.ts";
import { previewAudience } from "#app/models/events/audience.server.ts";
import { publishEvent } from "#app/models/events/invitation.server.ts";
import type { Database } from "#app/platform/db.server.ts";
import { startFakeResend } from "#tests/fakes/resend-fake.ts";
import { acceptedPerOutboxId } from "#tests/support/outbox.ts";
import { createScratchDatabase } from "#tests/support/scratch-database.ts";
import type { Bench } from "./run.ts";

// Publishing a state convention to 4,000 office-bearers (50 district committees of 40, 200 assembly
// committees of 10, every one with an email) in a state that also has 52,000 booth committees still forming.
//
// - publish_4000_s: publishEvent from the call to its commit: 4,000 invitations with hashed link tokens,
//   4,000 invitation emails queued in the outbox, the reminder job, the audit entry. Goal ≤ 5 s.
// - invitation_fanout_s: from the same call until the Resend fake holds all 4,000 invitation emails, sent by
//   the real sender (drainOutbox: claim, render the real template in both languages, batch of 100) through
//   the real Resend SDK at the provider's default limit of 2 requests/s.
// - invitation_fanout_ratio: the sender's share of that: 4,000 emails ÷ (seconds from the publish commit
//   until the fake holds all 4,000), divided by the ceiling the limit allows, 2 requests/s × 100 emails a
//   request = 200 emails/s. 1.0 would be every request slot used from the moment of commit; the
//   fanout_ratio of fanout.bench.ts is the same measure for generic queued mail. Goal ≥ 0.9.
// - audience_preview_52k_ms: previewAudience of a state-wide, every-level rule (all 52,250 committees,
//   4,000 people), median of 5 runs.
const DISTRICTS = 50;
const ASSEMBLIES_PER_DISTRICT = 4;
const BOOTHS_PER_ASSEMBLY = 260;
const PEOPLE = DISTRICTS * 40 + DISTRICTS * ASSEMBLIES_PER_DISTRICT * 10;
const LIMIT_PER_SECOND = 2;

async function buildState(db: Database) {
  const state = await db
    .insertInto("units")
    .values({ parentId: null, level: "state", code: "RJ", nameEn: "Rajasthan", nameHi: "राजस्थान" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await sql`
    insert into units (parent_id, level, code, name_en, name_hi)
    select ${state.id}, 'district', 'RJ-D' || g, 'District ' || g, 'जिला ' || g
      from generate_series(1, ${DISTRICTS}) g`.execute(db);
  await sql`
    insert into units (parent_id, level, code, name_en, name_hi)
    select d.id, 'assembly', d.code || '-A' || g, 'Assembly ' || d.code || '-' || g, 'विधानसभा ' || g
      from units d, generate_series(1, ${ASSEMBLIES_PER_DISTRICT}) g where d.level = 'district'`.execute(db);
  await sql`
    insert into units (parent_id, level, code, name_en, name_hi)
    select a.id, 'booth', a.code || '-B' || g, 'Booth ' || g, 'बूथ ' || g
      from units a, generate_series(1, ${BOOTHS_PER_ASSEMBLY}) g where a.level = 'assembly'`.execute(db);
  await sql`
    insert into committees (unit_id, name_en, name_hi, seat_quota, status, formed_at)
    select id, name_en || ' Committee', name_hi || ' समिति',
           case level when 'district' then 40 when 'assembly' then 10 else 5 end,
           case when level in ('district', 'assembly') then 'formed' else 'forming' end,
           case when level in ('district', 'assembly') then now() end
      from units where level <> 'state'`.execute(db);
  // One person per seat of every formed committee; 7 in 10 read Hindi first.
  await sql`
    insert into appointees (name, name_hi, email, phone, preferred_language)
    select 'Karyakarta ' || c.id || '-' || g, 'कार्यकर्ता ' || c.id || '-' || g,
           'p' || c.id || '-' || g || '@bench.example.in', '+9198' || lpad((c.id * 100 + g)::text, 8, '0'),
           case when g % 10 < 7 then 'hi' else 'en' end
      from committees c, generate_series(1, c.seat_quota) g where c.status = 'formed'`.execute(db);
  await sql`
    insert into appointments (appointee_id, committee_id, designation)
    select p.id, split_part(substr(p.name, 12), '-', 1)::bigint,
           case when split_part(p.name, '-', 2) = '1' then 'president' else 'member' end
      from appointees p`.execute(db);
  await sql`analyze`.execute(db);
  const admin = await db
    .insertInto("staffUsers")
    .values({ email: "bench.admin@example.in", name: "Bench Admin", role: "admin" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const event = await db
    .insertInto("events")
    .values({
      kind: "state_convention",
      unitId: state.id,
      titleEn: "State Convention of the Digital Wing",
      titleHi: "डिजिटल प्रकोष्ठ का प्रदेश सम्मेलन",
      venueName: "Birla Auditorium",
      venueAddress: "Statue Circle, Jaipur",
      startsAt: new Date(Date.now() + 30 * 86_400_000),
      endsAt: new Date(Date.now() + 30 * 86_400_000 + 8 * 3_600_000),
      registrationOpensAt: new Date(Date.now() - 86_400_000),
      registrationClosesAt: new Date(Date.now() + 28 * 86_400_000),
      capacity: 5000,
      icalUid: "bench-convention@shivir",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("eventAudienceRules")
    .values({ eventId: event.id, unitId: state.id, levels: ["district", "assembly"] })
    .execute();
  return { stateId: state.id, adminId: admin.id, eventId: event.id };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export default {
  figures: ["publish_4000_s", "invitation_fanout_s", "invitation_fanout_ratio", "audience_preview_52k_ms"],
  async run() {
    // run.ts measures with NODE_ENV=production, where personal links need a real secret.
    process.env.SESSION_SECRET ??= "publish-bench-session-secret-0123456789";
    const scratch = await createScratchDatabase();
    const fake = await startFakeResend({ rateLimitPerSecond: LIMIT_PER_SECOND });
    try {
      const db = scratch.db;
      const { stateId, adminId, eventId } = await buildState(db);

      const previewTimes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        const preview = await previewAudience(db, {
          rules: [{ key: 1, unitId: stateId, levels: null, designations: null }],
        });
        previewTimes.push(performance.now() - start);
        if (preview.total.people !== PEOPLE || preview.total.committeesForming < 52_000)
          throw new Error(`preview counted ${JSON.stringify(preview.total)}`);
      }

      const start = performance.now();
      const result = await publishEvent(db, { staffId: adminId, scope: { kind: "all" } }, eventId);
      const committed = performance.now();
      if (!result.ok || result.invited !== PEOPLE || result.emailed !== PEOPLE)
        throw new Error(`publish: ${JSON.stringify(result)}`);

      const transport = createResendTransport({ apiKey: fake.apiKey, baseUrl: fake.url });
      const sent = await drainOutbox(db, transport, {
        leaseSeconds: 60,
        ratePerSecond: LIMIT_PER_SECOND,
        from: "Shivir <shivir@example.in>",
      });
      const held = performance.now();
      const perOutboxId = acceptedPerOutboxId(fake.accepted);
      if (
        sent.sent !== PEOPLE ||
        perOutboxId.size !== PEOPLE ||
        [...perOutboxId.values()].some((n) => n !== 1)
      )
        throw new Error(
          `sent ${sent.sent}, the fake holds ${fake.accepted.length} (${perOutboxId.size} distinct)`,
        );
      const invitationMail = fake.accepted.filter((e) => e.subject.includes("डिजिटल प्रकोष्ठ का प्रदेश सम्मेलन"));
      if (invitationMail.length !== PEOPLE) throw new Error(`${invitationMail.length} invitation subjects`);

      const drainSeconds = (held - committed) / 1000;
      const ceiling = LIMIT_PER_SECOND * 100;
      const refused = fake.requests.filter((r) => r.status === 429).length;
      console.log(
        `publish: ${PEOPLE} invitations in ${((committed - start) / 1000).toFixed(2)} s; the fake held all after ` +
          `${drainSeconds.toFixed(2)} s more, ${fake.requests.length} requests, ${refused} refused with 429`,
      );
      return [
        { name: "publish_4000_s", value: (committed - start) / 1000, unit: "s" },
        { name: "invitation_fanout_s", value: (held - start) / 1000, unit: "s" },
        { name: "invitation_fanout_ratio", value: PEOPLE / drainSeconds / ceiling, unit: "ratio" },
        { name: "audience_preview_52k_ms", value: median(previewTimes), unit: "ms" },
      ];
    } finally {
      await fake.close();
      await scratch.drop();
    }
  },
} satisfies Bench;
