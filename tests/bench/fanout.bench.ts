import { performance } from "node:perf_hooks";
import { drainOutbox } from "#app/mail/sender.server.ts";
import { createResendTransport } from "#app/mail/transport.server.ts";
import { startFakeResend } from "#tests/fakes/resend-fake.ts";
import { queueTestEmails } from "#tests/support/outbox.ts";
import { createScratchDatabase } from "#tests/support/scratch-database.ts";
import type { Bench } from "./run.ts";

// 4,000 invitation-sized emails through the Resend fake at the provider's default limit (2 requests/s):
// achieved emails/s divided by the ceiling that limit allows (2 × 100 emails per batch request).
const EMAILS = 4000;
const LIMIT_PER_SECOND = 2;

export default {
  figures: ["fanout_ratio", "fanout_emails_per_s"],
  async run() {
    const scratch = await createScratchDatabase();
    const fake = await startFakeResend({ rateLimitPerSecond: LIMIT_PER_SECOND });
    try {
      await queueTestEmails(scratch.db, EMAILS, { prefix: "fanout" });
      const transport = createResendTransport({ apiKey: fake.apiKey, baseUrl: fake.url });
      const start = performance.now();
      const result = await drainOutbox(scratch.db, transport, {
        leaseSeconds: 60,
        ratePerSecond: LIMIT_PER_SECOND,
        from: "Shivir <shivir@example.in>",
      });
      const seconds = (performance.now() - start) / 1000;
      if (result.sent !== EMAILS || fake.accepted.length !== EMAILS) {
        throw new Error(`sent ${result.sent}, fake accepted ${fake.accepted.length} of ${EMAILS}`);
      }
      const perSecond = EMAILS / seconds;
      const ceiling = LIMIT_PER_SECOND * 100;
      const refused = fake.requests.filter((r) => r.status === 429).length;
      console.log(
        `fanout: ${EMAILS} emails in ${seconds.toFixed(2)} s, ${fake.requests.length} requests, ${refused} refused with 429`,
      );
      return [
        { name: "fanout_ratio", value: perSecond / ceiling, unit: "ratio" },
        { name: "fanout_emails_per_s", value: perSecond, unit: "emails/s" },
      ];
    } finally {
      await fake.close();
      await scratch.drop();
    }
  },
} satisfies Bench;
