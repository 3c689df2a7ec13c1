import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must look like postgres://user:password@host:5432/database");

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.preprocess((value) => (value === "" ? undefined : value), postgresUrl.optional()),
  PORT: z.coerce
    .number({ message: "must be a whole number from 0 to 65535" })
    .int("must be a whole number from 0 to 65535")
    .min(0, "must be a whole number from 0 to 65535")
    .max(65535, "must be a whole number from 0 to 65535")
    .default(3000),
  // A second listener on HOST that serves only GET /metrics (Prometheus); unset: no metrics listener.
  METRICS_PORT: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce
      .number({ message: "must be a whole number from 1 to 65535" })
      .int("must be a whole number from 1 to 65535")
      .min(1, "must be a whole number from 1 to 65535")
      .max(65535, "must be a whole number from 1 to 65535")
      .optional(),
  ),
  // Loopback unless told otherwise: a portal started without configuration is not open to the network.
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  // Which proxies' X-Forwarded-For to believe: a hop count ("1") or a list of addresses and subnets
  // ("127.0.0.1, 10.0.0.0/8"). Unset: nobody's; the peer address is the client.
  TRUST_PROXY: z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined),
    z
      .string()
      .regex(/^[\w.:/\s,-]+$/, "must be a hop count or a comma-separated list of addresses or subnets")
      .transform((value) =>
        /^\d{1,2}$/.test(value)
          ? Number(value)
          : value
              .split(",")
              .map((item) => item.trim())
              .filter(Boolean),
      )
      .optional(),
  ),
  PUBLIC_URL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .url("must be an absolute http(s) URL such as https://shivir.example.org")
      .refine((value) => /^https?:\/\//.test(value), "must start with http:// or https://")
      .optional(),
  ),
  SESSION_SECRET: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().min(32, "must be at least 32 characters long").optional(),
  ),
  // Several secrets, newest first, separated by commas: the newest signs and seals, every one still verifies
  // and unseals, so sessions and links survive a change of secret. Takes the place of SESSION_SECRET.
  SESSION_SECRETS: z.preprocess(
    (value) =>
      typeof value === "string" && value.trim() !== ""
        ? value
            .split(",")
            .map((item) => item.trim())
            .filter(Boolean)
        : undefined,
    z.array(z.string().min(32, "must list secrets of at least 32 characters each")).optional(),
  ),
  // A fresh install without demo data: the first admin, whose sign-in link the server prints at start.
  ADMIN_EMAIL: z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined),
    z.email("must be an email address").optional(),
  ),
  MAIL_FROM: z.string().trim().min(3).default("Shivir <shivir@localhost>"),
  RESEND_API_KEY: optionalString,
  RESEND_BASE_URL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().url("must be an absolute URL").optional(),
  ),
  RESEND_WEBHOOK_SECRET: optionalString,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SEED_DEMO: z.enum(["auto", "always", "never"]).default("auto"),
  // Requests per second to the mail provider, shared by all workers (Resend's default limit is 2).
  MAIL_RATE_PER_SECOND: z.coerce
    .number({ message: "must be a number" })
    .positive("must be above 0")
    .max(1000)
    .default(2),
  // Messages per batch request (the provider takes up to 100).
  MAIL_BATCH_SIZE: z.coerce.number({ message: "must be a number" }).int().min(1).max(100).default(100),
  // How long a worker may hold claimed mail before another worker takes it over (after a crash).
  MAIL_LEASE_SECONDS: z.coerce.number({ message: "must be a number" }).int().min(1).max(3600).default(15),
  // "inline": the web process also runs the job worker; "none": run workers with `npm run worker`.
  WORKER: z.enum(["inline", "none"]).default("inline"),
  // The largest CSV upload, in megabytes; the server stops reading a body past it (app/web/http/body-limits).
  UPLOAD_MAX_MB: z.coerce
    .number({ message: "must be a number of megabytes" })
    .positive("must be above 0")
    .max(200, "must be at most 200")
    .default(10),
});

export type Env = Omit<z.infer<typeof EnvSchema>, "SESSION_SECRET" | "SESSION_SECRETS"> & {
  PUBLIC_URL: string;
  /** Newest first; never empty. */
  SESSION_SECRETS: [string, ...string[]];
};

export class ConfigError extends Error {}

/** Parses the environment; throws a ConfigError whose message is one line naming the variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    throw new ConfigError(`${name} ${issue?.message ?? "is invalid"}`);
  }
  const { SESSION_SECRET, SESSION_SECRETS, ...env } = result.data;
  const secrets = SESSION_SECRETS?.length ? SESSION_SECRETS : SESSION_SECRET ? [SESSION_SECRET] : [];
  // No secret from the repository ever signs anything: `npm start` makes a random one for a development
  // portal (see development-secret.server.ts); anything else must be told.
  if (secrets.length === 0) {
    throw new ConfigError(
      env.NODE_ENV === "production"
        ? "SESSION_SECRET must be set (at least 32 characters) when NODE_ENV=production; make one with `openssl rand -base64 48`"
        : "SESSION_SECRET must be set (at least 32 characters); `npm start` makes one in the data directory",
    );
  }
  return {
    ...env,
    PUBLIC_URL: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    SESSION_SECRETS: secrets as [string, ...string[]],
  };
}

let cached: Env | undefined;

/** The parsed environment, read once per process. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For the server entry, which may fill in DATABASE_URL (embedded database) after the first read. */
export function resetEnvCache() {
  cached = undefined;
}
