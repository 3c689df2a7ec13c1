import type { ActionFunctionArgs } from "@remix-run/node";
import { Resend } from "resend";
import { applyResendEvent, ResendEventSchema } from "#app/mail/webhook.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { getEnv } from "#app/platform/env.server.ts";
import { logger } from "#app/platform/logger.server.ts";
import { WEBHOOK_MAX_BYTES } from "#app/web/http/body-limits.server.ts";

const reply = (status: number, body: object) => Response.json(body, { status });

/** Resend's delivery events, signed the Svix way; anything unsigned or mis-signed changes nothing. */
export async function action({ request }: ActionFunctionArgs) {
  const env = getEnv();
  if (!env.RESEND_WEBHOOK_SECRET) return reply(401, { error: "webhook secret not configured" });
  const id = request.headers.get("svix-id");
  const timestamp = request.headers.get("svix-timestamp");
  const signature = request.headers.get("svix-signature");
  if (!id || !timestamp || !signature) return reply(400, { error: "missing signature headers" });
  // The server stops reading past WEBHOOK_MAX_BYTES and answers 413 itself (app/web/http/capped-body), so
  // the text is never larger; the check stays for a body that arrives some other way.
  const payload = await request.text();
  if (Buffer.byteLength(payload) > WEBHOOK_MAX_BYTES) return reply(413, { error: "body too large" });

  let event: unknown;
  try {
    // The SDK's verifier (Standard Webhooks = the Svix scheme) rejects timestamps more than 5 minutes off,
    // and returns the parsed body.
    event = new Resend(env.RESEND_API_KEY ?? "re_verify_only").webhooks.verify({
      payload,
      headers: { id, timestamp, signature },
      webhookSecret: env.RESEND_WEBHOOK_SECRET,
    });
  } catch {
    return reply(401, { error: "invalid signature" });
  }
  const parsed = ResendEventSchema.safeParse(event);
  if (!parsed.success) return reply(400, { error: "not a Resend event" });
  const outcome = await applyResendEvent(getDb(), id, parsed.data);
  if (outcome === "unknown-email")
    logger.warn({ type: parsed.data.type }, "webhook for an email not in the outbox");
  return reply(200, { ok: true, outcome });
}

export async function loader() {
  return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}
