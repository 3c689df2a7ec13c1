// A real HTTP fake of the Resend email API (POST /emails and POST /emails/batch) for tests and benchmarks.
// Production code talks to it through the real `resend` SDK (`new Resend(key, { baseUrl: fake.url })`), so
// what is exercised is the SDK's own request building and error parsing, not a mock of it.
//
// It mirrors Resend where we know its behaviour (auth, rate limit with its headers, idempotency keys, error
// bodies `{ statusCode, name, message }`), is stricter where that catches our bugs (attachments or
// scheduled_at in a batch are refused instead of silently dropped; display names only in `from`), and can
// inject seeded, repeatable faults: 500s, 429s, held requests, dropped connections, drops after acceptance
// (at random or at given accepted requests) and outages. Several API keys may share the team's rate limit,
// so a test can tell which client made a request.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeFaults = {
  serverErrorRate?: number;
  timeoutRate?: number;
  timeoutMs?: number;
  dropRate?: number;
  dropAfterAcceptRate?: number;
  /** 429 (with retry-after) for this share of requests, on top of the real rate limit; its own seeded stream. */
  rateLimitedRate?: number;
  /** Accept, then drop the connection, for these accepted requests (1 = the first request accepted). */
  dropAfterAcceptNth?: number[];
  seed?: number;
};
export type FakeResendOptions = {
  apiKey?: string;
  /** More API keys of the same team (one rate limit): a test can give each client its own. */
  extraApiKeys?: string[];
  rateLimitPerSecond?: number;
  faults?: FakeFaults;
};
export type AcceptedEmail = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  cc?: string[];
  bcc?: string[];
  replyTo?: string[];
  headers?: Record<string, string>;
  tags?: { name: string; value: string }[];
  attachments?: { filename: string; content: string; contentType?: string }[];
  scheduledAt?: string;
  idempotencyKey?: string;
  viaBatch: boolean;
  acceptedAt: number;
};
export type RecordedRequest = {
  /** The API key the request was made with, if it was a known one. */
  apiKey?: string;
  method: string;
  path: string;
  status: number | "dropped" | "timeout";
  idempotencyKey?: string;
  count: number;
  at: number;
};
export interface FakeResend {
  url: string;
  apiKey: string;
  accepted: AcceptedEmail[];
  requests: RecordedRequest[];
  setFaults(faults: FakeFaults): void;
  setRateLimit(perSecond: number): void;
  /**
   * Called synchronously when new emails are accepted, before the answer is written (to crash a client
   * mid-request), with the API key of the request.
   */
  onAccept(listener: ((emails: AcceptedEmail[], apiKey: string) => void) | null): void;
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_API_KEY = "re_test_key";
const DEFAULT_RATE_LIMIT = 2; // Resend's default per-team limit
const DEFAULT_TIMEOUT_MS = 2000;
const DEFAULT_SEED = 0x5eed;
const MAX_RECIPIENTS = 50;
const MAX_BATCH = 100;
const MAX_IDEMPOTENCY_KEY = 256;
const MAX_BODY_BYTES = 50 * 1024 * 1024; // Resend allows 40 MB per email after encoding; a little headroom
const TAG_PART = /^[A-Za-z0-9_-]{1,256}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// Deliberately plain: something@domain.tld with no spaces, brackets or separators.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;
const NAMED_ADDRESS = /^\s*(?:"[^"]*"|[^"<>]*?)\s*<([^<>]+)>\s*$/;

// ---------------------------------------------------------------------------------------------------------
// Small pieces: replies, the seeded PRNG, the rolling rate window.

type Reply = { status: number; body: unknown };

function apiError(status: number, name: string, message: string): Reply {
  return { status, body: { statusCode: status, name, message } };
}

/** mulberry32: tiny, fast and good enough to make fault injection repeatable from a seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Requests admitted in the last second. Only admitted requests count, so a client that waits `retry-after` recovers. */
class RollingWindow {
  private stamps: number[] = [];
  constructor(public limit: number) {}

  get unlimited(): boolean {
    return this.limit === 0 || this.limit === Number.POSITIVE_INFINITY;
  }

  /** Admits the request (returns true) or refuses it; `headers` describe the window either way. */
  admit(now: number): { ok: boolean; headers: Record<string, string> } {
    if (this.unlimited) return { ok: true, headers: {} };
    this.stamps = this.stamps.filter((t) => t > now - 1000);
    const ok = this.stamps.length < this.limit;
    if (ok) this.stamps.push(now);
    const oldest = this.stamps[0] ?? now;
    const reset = String(Math.max(1, Math.ceil((oldest + 1000 - now) / 1000)));
    const headers: Record<string, string> = {
      "ratelimit-limit": String(this.limit),
      "ratelimit-remaining": String(Math.max(0, this.limit - this.stamps.length)),
      "ratelimit-reset": reset,
    };
    if (!ok) headers["retry-after"] = reset;
    return { ok, headers };
  }

  clear(): void {
    this.stamps = [];
  }
}

function checkRate(name: string, value: number | undefined): void {
  if (value !== undefined && !(value >= 0 && value <= 1)) throw new RangeError(`${name} must be within 0..1`);
}

function checkRateLimit(perSecond: number): void {
  if (!(perSecond >= 0)) throw new RangeError("rateLimitPerSecond must be >= 0 (0 or Infinity = unlimited)");
}

/** JSON with object keys sorted, so "the same body" does not depend on key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

// ---------------------------------------------------------------------------------------------------------
// Validation of one email as the SDK sends it (snake_case). Throws Invalid with a message naming the field.

class Invalid extends Error {}

type EmailFields = Omit<AcceptedEmail, "id" | "idempotencyKey" | "viaBatch" | "acceptedAt">;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function requireString(value: unknown, field: string): string {
  if (typeof value !== "string" || value.trim() === "") throw new Invalid(`\`${field}\` is required`);
  return value;
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new Invalid(`\`${field}\` must be a string`);
  return value;
}

function checkAddress(address: string, field: string): void {
  if (!EMAIL.test(address)) {
    throw new Invalid(
      `Invalid \`${field}\` field. The email address needs to follow the \`email@example.com\` format.`,
    );
  }
}

/** `from` may carry a display name: `Name <addr@example.com>`. */
function parseFrom(value: unknown, field: string): string {
  const from = requireString(value, field);
  const named = NAMED_ADDRESS.exec(from);
  checkAddress(named ? named[1]!.trim() : from, field);
  return from;
}

/** to/cc/bcc/reply_to: a bare address or an array of them (no display names: stricter than Resend). */
function parseAddresses(value: unknown, field: string, required: boolean): string[] | undefined {
  if (value === undefined || value === null) {
    if (required) throw new Invalid(`\`${field}\` is required`);
    return undefined;
  }
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || list.some((a) => typeof a !== "string")) {
    throw new Invalid(`\`${field}\` must be an email address or an array of them`);
  }
  if (required && list.length === 0) throw new Invalid(`\`${field}\` is required`);
  if (list.length > MAX_RECIPIENTS)
    throw new Invalid(`\`${field}\` has more than ${MAX_RECIPIENTS} addresses`);
  for (const address of list as string[]) checkAddress(address, field);
  return list as string[];
}

function parseHeaders(value: unknown, field: string): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value) || Object.values(value).some((v) => typeof v !== "string")) {
    throw new Invalid(`\`${field}\` must be an object of string values`);
  }
  return value as Record<string, string>;
}

function parseTags(value: unknown, field: string): { name: string; value: string }[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new Invalid(`\`${field}\` must be an array of { name, value }`);
  return value.map((tag, i) => {
    if (!isObject(tag) || typeof tag.name !== "string" || typeof tag.value !== "string") {
      throw new Invalid(`\`${field}[${i}]\` must be { name: string, value: string }`);
    }
    if (!TAG_PART.test(tag.name) || !TAG_PART.test(tag.value)) {
      throw new Invalid(
        `\`${field}[${i}]\` may only contain ASCII letters, numbers, underscores or dashes (1-256 characters)`,
      );
    }
    return { name: tag.name, value: tag.value };
  });
}

function parseAttachments(value: unknown, field: string): AcceptedEmail["attachments"] {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new Invalid(`\`${field}\` must be an array`);
  return value.map((item, i) => {
    const where = `${field}[${i}]`;
    if (!isObject(item)) throw new Invalid(`\`${where}\` must be an object`);
    if (item.path !== undefined)
      throw new Invalid(`\`${where}.path\` is not supported by the fake; send content`);
    const filename = requireString(item.filename, `${where}.filename`);
    // A Buffer that skipped the SDK's base64 conversion arrives as {type:"Buffer",data:[...]}: refuse it.
    if (typeof item.content !== "string" || item.content === "" || !BASE64.test(item.content)) {
      throw new Invalid(`\`${where}.content\` must be a non-empty base64 string`);
    }
    const contentType = optionalString(item.content_type, `${where}.content_type`);
    return { filename, content: item.content, ...(contentType !== undefined && { contentType }) };
  });
}

/** Drops undefined members so recorded emails compare cleanly with toEqual. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function parseEmail(raw: unknown, where: string): EmailFields {
  const f = (name: string) => (where ? `${where}.${name}` : name);
  if (!isObject(raw)) throw new Invalid(`\`${where || "body"}\` must be a JSON object`);
  const html = optionalString(raw.html, f("html"));
  const text = optionalString(raw.text, f("text"));
  if (!html && !text) throw new Invalid(`\`${f("html")}\` or \`${f("text")}\` is required`);
  return compact({
    from: parseFrom(raw.from, f("from")),
    to: parseAddresses(raw.to, f("to"), true)!,
    subject: requireString(raw.subject, f("subject")),
    html,
    text,
    cc: parseAddresses(raw.cc, f("cc"), false),
    bcc: parseAddresses(raw.bcc, f("bcc"), false),
    replyTo: parseAddresses(raw.reply_to, f("reply_to"), false),
    headers: parseHeaders(raw.headers, f("headers")),
    tags: parseTags(raw.tags, f("tags")),
    attachments: parseAttachments(raw.attachments, f("attachments")),
    scheduledAt: optionalString(raw.scheduled_at, f("scheduled_at")),
  });
}

/** Resend silently drops these in a batch; we refuse, so code that relies on them fails in tests. */
function checkBatchEmail(raw: Record<string, unknown>, where: string): void {
  const attachments = raw.attachments;
  if (
    attachments !== undefined &&
    attachments !== null &&
    !(Array.isArray(attachments) && !attachments.length)
  ) {
    throw new Invalid(`\`${where}\`: attachments are not supported in batch sends`);
  }
  if (raw.scheduled_at !== undefined && raw.scheduled_at !== null) {
    throw new Invalid(`\`${where}\`: scheduled_at is not supported in batch sends`);
  }
}

function parseBatch(raw: unknown, validation: string): EmailFields[] {
  // Permissive mode answers partially with an `errors` list; the fake only does all-or-nothing.
  if (validation !== "strict") throw new Invalid("the fake supports only `x-batch-validation: strict`");
  if (!Array.isArray(raw)) throw new Invalid("the batch body must be a JSON array of emails");
  if (raw.length === 0) throw new Invalid("the batch must contain at least 1 email");
  if (raw.length > MAX_BATCH) throw new Invalid(`the batch must contain at most ${MAX_BATCH} emails`);
  return raw.map((item, i) => {
    const where = `emails[${i}]`;
    const email = parseEmail(item, where);
    checkBatchEmail(item as Record<string, unknown>, where);
    return email;
  });
}

// ---------------------------------------------------------------------------------------------------------
// The server.

type Route = "single" | "batch";
type Fault = "drop" | "timeout" | "serverError" | null;
type StoredResult = { fingerprint: string; reply: Reply };
type Body = { ok: true; value: unknown; tooLarge: false } | { ok: false; tooLarge: boolean };
/** One request on its way through the fake, with the two ways to finish it. */
type Exchange = {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  route: Route;
  body: Body;
  key: string | undefined;
  reply(reply: Reply): void;
  record(status: RecordedRequest["status"]): void;
};

function routeOf(path: string): Route | undefined {
  if (path === "/emails") return "single";
  if (path === "/emails/batch") return "batch";
  return undefined;
}

/** Reads the whole body (draining, not keeping, anything over the cap) and parses it as JSON if it can. */
function readBody(req: http.IncomingMessage): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("error", reject);
    req.on("close", () => {
      if (!req.complete) reject(new Error("client hung up before the body ended"));
    });
    req.on("end", () => {
      if (size > MAX_BODY_BYTES) return resolve({ ok: false, tooLarge: true });
      try {
        resolve({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString("utf8")), tooLarge: false });
      } catch {
        resolve({ ok: false, tooLarge: false });
      }
    });
  });
}

function emailCount(body: Body): number {
  if (!body.ok) return 0;
  if (Array.isArray(body.value)) return body.value.length;
  return isObject(body.value) ? 1 : 0;
}

function headerValue(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(res: http.ServerResponse, reply: Reply, headers: Record<string, string>): void {
  if (res.destroyed || res.headersSent) return;
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...headers,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

function drop(res: http.ServerResponse): void {
  res.socket?.destroy();
  res.destroy();
}

export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const apiKeys = new Set([apiKey, ...(options.extraApiKeys ?? [])]);
  const rateWindow = new RollingWindow(options.rateLimitPerSecond ?? DEFAULT_RATE_LIMIT);
  checkRateLimit(rateWindow.limit);
  let faults: FakeFaults = {};
  let acceptListener: ((emails: AcceptedEmail[], apiKey: string) => void) | null = null;
  let seed = DEFAULT_SEED;
  let random = mulberry32(seed);
  // A stream of its own, so that adding 429s does not change which requests the other faults hit.
  let random429 = mulberry32(seed ^ 0x429);
  let acceptedRequests = 0;
  const accepted: AcceptedEmail[] = [];
  const requests: RecordedRequest[] = [];
  const stored = new Map<string, StoredResult>();
  // Keys whose first request has not finished yet, each with a token so a stale request cannot free a newer one.
  const inFlight = new Map<string, symbol>();
  // Requests held by a timeout fault: calling one ends the hold early (used by close()).
  const held = new Set<() => void>();

  function setFaults(next: FakeFaults): void {
    for (const name of [
      "serverErrorRate",
      "timeoutRate",
      "dropRate",
      "dropAfterAcceptRate",
      "rateLimitedRate",
    ] as const) {
      checkRate(name, next[name]);
    }
    faults = { ...next };
    if (next.seed !== undefined) {
      seed = next.seed;
      random = mulberry32(seed);
      random429 = mulberry32(seed ^ 0x429);
    }
  }
  setFaults(options.faults ?? {});

  /** Four draws per request whatever the rates, so the sequence of decisions only depends on the seed. */
  function decideFaults(): { fault: Fault; dropAfterAccept: boolean } {
    const [d, t, s, a] = [random(), random(), random(), random()];
    const dropAfterAccept = a < (faults.dropAfterAcceptRate ?? 0);
    if (d < (faults.dropRate ?? 0)) return { fault: "drop", dropAfterAccept };
    if (t < (faults.timeoutRate ?? 0)) return { fault: "timeout", dropAfterAccept };
    if (s < (faults.serverErrorRate ?? 0)) return { fault: "serverError", dropAfterAccept };
    return { fault: null, dropAfterAccept };
  }

  function keyOf(req: http.IncomingMessage): string | undefined {
    const header = headerValue(req, "authorization") ?? "";
    return /^Bearer\s+(.*)$/i.exec(header)?.[1]?.trim() || undefined;
  }

  function checkAuth(req: http.IncomingMessage): Reply | undefined {
    const token = keyOf(req);
    if (!token) return apiError(401, "missing_api_key", "Missing API key in the authorization header");
    if (!apiKeys.has(token)) return apiError(401, "invalid_api_key", "API key is invalid");
    return undefined;
  }

  /** Holds a request without answering until `ms` pass, the client hangs up, or the fake closes. */
  function hold(res: http.ServerResponse, ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (res.destroyed || res.closed) return resolve(); // the client already gave up
      const release = () => {
        clearTimeout(timer);
        res.off("close", release);
        held.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      res.once("close", release);
      held.add(release);
    });
  }

  /** Validates and accepts, or replays/refuses by idempotency key. Stores the result only when accepted. */
  function acceptOrReplay(
    route: Route,
    req: http.IncomingMessage,
    body: unknown,
    key: string | undefined,
  ): Reply {
    const fingerprint = `${route}:${canonicalJson(body)}`;
    const previous = key === undefined ? undefined : stored.get(key);
    if (previous) {
      if (previous.fingerprint === fingerprint) return previous.reply;
      return apiError(
        409,
        "invalid_idempotent_request",
        "Same idempotency key used with a different request payload",
      );
    }
    let emails: EmailFields[];
    try {
      const validation = headerValue(req, "x-batch-validation") ?? "strict";
      emails = route === "single" ? [parseEmail(body, "")] : parseBatch(body, validation);
    } catch (error) {
      if (error instanceof Invalid) return apiError(422, "validation_error", error.message);
      throw error;
    }
    const acceptedAt = Date.now();
    const ids = emails.map((email) => {
      const id = randomUUID();
      accepted.push({
        id,
        ...email,
        ...(key !== undefined && { idempotencyKey: key }),
        viaBatch: route === "batch",
        acceptedAt,
      });
      return { id };
    });
    const reply: Reply = { status: 200, body: route === "single" ? ids[0] : { data: ids } };
    if (key !== undefined) stored.set(key, { fingerprint, reply });
    acceptedRequests++;
    acceptListener?.(accepted.slice(-ids.length), keyOf(req) ?? "");
    return reply;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const at = Date.now();
    const method = req.method ?? "GET";
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const key = headerValue(req, "idempotency-key");
    let count = 0;
    const client = keyOf(req);
    const record = (status: RecordedRequest["status"]): void => {
      requests.push({
        method,
        path,
        status,
        ...(key !== undefined && { idempotencyKey: key }),
        ...(client !== undefined && apiKeys.has(client) && { apiKey: client }),
        count,
        at,
      });
    };
    let rateHeaders: Record<string, string> = {};
    const reply = (r: Reply): void => {
      send(res, r, rateHeaders);
      record(r.status);
    };

    let body: Body;
    try {
      body = await readBody(req);
    } catch {
      return record("dropped"); // the client hung up mid-body
    }
    count = emailCount(body);

    const unauthorized = checkAuth(req);
    if (unauthorized) return reply(unauthorized);
    const route = routeOf(path);
    if (!route) return reply(apiError(404, "not_found", `No route for ${method} ${path}`));
    if (method !== "POST") return reply(apiError(405, "method_not_allowed", `Use POST for ${path}`));

    const rate = rateWindow.admit(Date.now());
    rateHeaders = rate.headers;
    if (!rate.ok) return reply(apiError(429, "rate_limit_exceeded", "Too many requests. Slow down."));
    if (random429() < (faults.rateLimitedRate ?? 0)) {
      rateHeaders = { ...rateHeaders, "retry-after": "1" };
      return reply(apiError(429, "rate_limit_exceeded", "Too many requests. Slow down. (injected)"));
    }

    if (key !== undefined && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY)) {
      return reply(apiError(400, "invalid_idempotency_key", "The key must be between 1-256 chars."));
    }
    if (key !== undefined && inFlight.has(key)) {
      const message = "Same idempotency key used while original request is still in progress";
      return reply(apiError(409, "concurrent_idempotent_requests", message));
    }
    const token = Symbol(key);
    if (key !== undefined) inFlight.set(key, token);
    try {
      await respond({ req, res, route, body, key, reply, record });
    } finally {
      if (key !== undefined && inFlight.get(key) === token) inFlight.delete(key);
    }
  }

  /** The part after auth, routing and rate limit: injected faults, then the real work. */
  async function respond(ex: Exchange): Promise<void> {
    const { fault, dropAfterAccept } = decideFaults();
    if (fault === "drop") {
      drop(ex.res);
      return ex.record("dropped");
    }
    if (fault === "timeout") {
      await hold(ex.res, faults.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      drop(ex.res);
      return ex.record("timeout");
    }
    if (fault === "serverError") {
      return ex.reply(apiError(500, "internal_server_error", "Unexpected error (injected by the fake)"));
    }
    if (!ex.body.ok) {
      return ex.body.tooLarge
        ? ex.reply(apiError(413, "validation_error", `Request body is larger than ${MAX_BODY_BYTES} bytes`))
        : ex.reply(apiError(400, "validation_error", "Request body is not valid JSON"));
    }
    const before = acceptedRequests;
    const result = acceptOrReplay(ex.route, ex.req, ex.body.value, ex.key);
    const lost = acceptedRequests > before && (faults.dropAfterAcceptNth ?? []).includes(acceptedRequests);
    if (result.status === 200 && (dropAfterAccept || lost)) {
      drop(ex.res); // accepted and remembered, but the client never hears back
      return ex.record("dropped");
    }
    ex.reply(result);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Never crash the test run: a bug in the fake becomes a 500 the test can see.
      send(res, apiError(500, "application_error", `fake crashed: ${String(error)}`), {});
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    accepted,
    requests,
    setFaults,
    onAccept(listener) {
      acceptListener = listener;
    },
    setRateLimit(perSecond: number) {
      checkRateLimit(perSecond);
      rateWindow.limit = perSecond;
      rateWindow.clear();
    },
    reset() {
      accepted.length = 0;
      requests.length = 0;
      stored.clear();
      inFlight.clear();
      rateWindow.clear();
      acceptedRequests = 0;
      // A reset fake replays the same fault sequence.
      random = mulberry32(seed);
      random429 = mulberry32(seed ^ 0x429);
    },
    async close() {
      for (const release of [...held]) release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
