// How mail leaves (or, without a Resend key, does not leave) the machine.
import { Resend } from "resend";
import type { Env } from "#app/platform/env.server.ts";

export type OutgoingEmail = {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  outboxId: number;
  attachment?: { filename: string; contentType: string; content: string } | null;
};

export type SendResult =
  | { ok: true; providerIds: (string | null)[] }
  | { ok: false; kind: "rate_limited"; retryAfterMs: number; message: string }
  | { ok: false; kind: "transient"; message: string }
  // The provider already holds this Idempotency-Key with another request body: it accepted our earlier try.
  | { ok: false; kind: "already_accepted"; message: string }
  | { ok: false; kind: "permanent"; message: string };

export interface Transport {
  name: "resend" | "local";
  /** Up to 100 emails without attachments, in one request. */
  sendBatch(emails: OutgoingEmail[], idempotencyKey: string): Promise<SendResult>;
  /** One email, attachments allowed. */
  sendOne(email: OutgoingEmail, idempotencyKey: string): Promise<SendResult>;
}

/** Without a Resend key nothing leaves the machine: the outbox page shows what would have been sent. */
export const localTransport: Transport = {
  name: "local",
  sendBatch: async (emails) => ({ ok: true, providerIds: emails.map(() => null) }),
  sendOne: async () => ({ ok: true, providerIds: [null] }),
};

function toPayload(email: OutgoingEmail) {
  return {
    from: email.from,
    to: [email.to],
    subject: email.subject,
    html: email.html,
    text: email.text,
    // Lets a webhook find the outbox row even if it arrives before we stored the provider id.
    tags: [{ name: "outbox_id", value: String(email.outboxId) }],
    ...(email.attachment
      ? {
          attachments: [
            {
              filename: email.attachment.filename,
              content: email.attachment.content,
              contentType: email.attachment.contentType,
            },
          ],
        }
      : {}),
  };
}

type SdkAnswer = {
  data: unknown;
  error: { statusCode?: number | null; name?: string; message?: string } | null;
  headers: Record<string, string> | null;
};

/** Maps the SDK's `{ data, error, headers }` (it never throws) onto what the sender should do next. */
export function classify(answer: SdkAnswer, ids: () => string[]): SendResult {
  if (!answer.error) return { ok: true, providerIds: ids() };
  const status = answer.error.statusCode ?? null;
  const message =
    `${status ?? "network"} ${answer.error.name ?? "error"}: ${answer.error.message ?? ""}`.trim();
  if (status === 429) {
    const seconds = Number(answer.headers?.["retry-after"]);
    return {
      ok: false,
      kind: "rate_limited",
      retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000,
      message,
    };
  }
  if (answer.error.name === "invalid_idempotent_request")
    return { ok: false, kind: "already_accepted", message };
  if (
    status === null ||
    status >= 500 ||
    status === 408 ||
    // A wrong or revoked API key is the operator's to fix: the mail waits for it instead of failing.
    status === 401 ||
    status === 403 ||
    answer.error.name === "concurrent_idempotent_requests"
  ) {
    return { ok: false, kind: "transient", message };
  }
  return { ok: false, kind: "permanent", message };
}

export function createResendTransport(options: {
  apiKey: string;
  baseUrl?: string;
  timeoutMs?: number;
}): Transport {
  const resend = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
  const timeoutMs = options.timeoutMs ?? 15_000;
  // The SDK passes extra request options through to fetch: the signal bounds a hung connection.
  const requestOptions = (idempotencyKey: string) =>
    ({ idempotencyKey, signal: AbortSignal.timeout(timeoutMs) }) as { idempotencyKey: string };
  const guard = async (call: () => Promise<SdkAnswer>, ids: (data: unknown) => string[]) => {
    try {
      const answer = await call();
      return classify(answer, () => ids(answer.data));
    } catch (error) {
      return {
        ok: false as const,
        kind: "transient" as const,
        message: `network: ${(error as Error).message}`,
      };
    }
  };
  return {
    name: "resend",
    sendBatch: (emails, key) =>
      guard(
        () => resend.batch.send(emails.map(toPayload), requestOptions(key)) as Promise<SdkAnswer>,
        (data) => ((data as { data: { id: string }[] }).data ?? []).map((d) => d.id),
      ),
    sendOne: (email, key) =>
      guard(
        () => resend.emails.send(toPayload(email), requestOptions(key)) as Promise<SdkAnswer>,
        (data) => [(data as { id: string }).id],
      ),
  };
}

export function createTransport(env: Pick<Env, "RESEND_API_KEY" | "RESEND_BASE_URL">): Transport {
  return env.RESEND_API_KEY
    ? createResendTransport({ apiKey: env.RESEND_API_KEY, baseUrl: env.RESEND_BASE_URL })
    : localTransport;
}
