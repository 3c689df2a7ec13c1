import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv as parse } from "./env.server.ts";

const secret = "s".repeat(32);
// Every environment needs a secret (the server makes one for a development portal before it parses).
const parseEnv = (source: Record<string, string | undefined>) => parse({ SESSION_SECRET: secret, ...source });

describe("parseEnv", () => {
  it("fills in defaults for a bare development environment", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PUBLIC_URL).toBe("http://localhost:3000");
    expect(env.LOG_LEVEL).toBe("info");
    expect(env.SESSION_SECRETS).toEqual([secret]);
    // Not open to the network, and no proxy believed, until someone says so.
    expect(env.HOST).toBe("127.0.0.1");
    expect(env.TRUST_PROXY).toBeUndefined();
  });

  it("reads TRUST_PROXY as a hop count or a list of addresses", () => {
    expect(parseEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: " 127.0.0.1, 10.0.0.0/8 ,::1" }).TRUST_PROXY).toEqual([
      "127.0.0.1",
      "10.0.0.0/8",
      "::1",
    ]);
    expect(parseEnv({ TRUST_PROXY: "loopback" }).TRUST_PROXY).toEqual(["loopback"]);
  });

  it.each([
    [{ DATABASE_URL: "not a url" }, /^DATABASE_URL must look like postgres:\/\//],
    [{ DATABASE_URL: "mysql://u@h/db" }, /^DATABASE_URL /],
    [{ DATABASE_URL: "postgres://" }, /^DATABASE_URL /],
    [{ PORT: "eighty" }, /^PORT must be a whole number/],
    [{ PORT: "70000" }, /^PORT must be a whole number/],
    [{ PORT: "30.5" }, /^PORT must be a whole number/],
    [{ PUBLIC_URL: "ftp://x" }, /^PUBLIC_URL must start with http/],
    [{ SESSION_SECRET: "short" }, /^SESSION_SECRET must be at least 32 characters/],
    [{ LOG_LEVEL: "loud" }, /^LOG_LEVEL /],
    [
      { NODE_ENV: "production", SESSION_SECRET: "" },
      /^SESSION_SECRET must be set .* when NODE_ENV=production/,
    ],
    [{ SESSION_SECRET: undefined }, /^SESSION_SECRET must be set/],
    [{ SESSION_SECRETS: `${"n".repeat(32)},short` }, /^SESSION_SECRETS must list secrets of at least 32/],
    [{ TRUST_PROXY: "10.0.0.1; rm -rf" }, /^TRUST_PROXY must be a hop count/],
  ])("refuses %o with one line naming the variable", (source, message) => {
    let error: unknown;
    try {
      parseEnv(source);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });

  it("accepts a full production configuration", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://shivir:secret@db.internal:5432/shivir",
      PORT: "8080",
      PUBLIC_URL: "https://shivir.example.org",
      SESSION_SECRET: "x".repeat(40),
      RESEND_API_KEY: "re_123",
    });
    expect(env.PORT).toBe(8080);
    expect(env.PUBLIC_URL).toBe("https://shivir.example.org");
    expect(env.RESEND_API_KEY).toBe("re_123");
  });

  it("keeps several secrets newest first, in place of SESSION_SECRET", () => {
    const newest = "n".repeat(40);
    const older = "o".repeat(40);
    expect(parseEnv({ SESSION_SECRETS: ` ${newest} , ${older} ` }).SESSION_SECRETS).toEqual([newest, older]);
    expect(parseEnv({ SESSION_SECRETS: "" }).SESSION_SECRETS).toEqual([secret]);
  });

  it("treats empty strings as unset", () => {
    const env = parseEnv({
      DATABASE_URL: "",
      RESEND_API_KEY: "  ",
      SESSION_SECRET: "",
      SESSION_SECRETS: secret,
    });
    expect(env.SESSION_SECRETS).toEqual([secret]);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.RESEND_API_KEY).toBeUndefined();
  });
});
