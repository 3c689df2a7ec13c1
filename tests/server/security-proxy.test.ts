// X-Forwarded-For is believed only from the proxies TRUST_PROXY names (issue 13): without it, a client that
// makes up a new address for every request still shares one rate-limit bucket, its real peer address.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LINK_FAILURE_LIMIT } from "#app/models/registration/registration.server.ts";
import { newToken } from "#app/platform/token.server.ts";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "#tests/setup/test-database.ts";
import { type Portal, startPortal } from "#tests/support/portal.ts";

let testDb: TestDatabase;
let portal: Portal | undefined;

beforeAll(async () => {
  testDb = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await portal?.stop();
  if (testDb) await dropTestDatabase(testDb);
});

/** Wrong personal links, each claiming another client address; the statuses in order. */
async function probe(p: Portal, prefix: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i <= LINK_FAILURE_LIMIT.limit; i++) {
    const response = await fetch(`${p.url}/i/${newToken()}`, {
      redirect: "manual",
      headers: { "X-Forwarded-For": `${prefix}.${i}` },
    });
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return statuses;
}

describe("TRUST_PROXY", () => {
  it("without it, a spoofed X-Forwarded-For does not change the rate-limit key", async () => {
    portal = await startPortal(testDb.url, { TRUST_PROXY: "", WORKER: "none" });
    const statuses = await probe(portal, "198.18.1");
    // Every miss counted against the one real peer: the limit is reached whatever the header claimed.
    expect(statuses.slice(0, LINK_FAILURE_LIMIT.limit).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    await portal.stop();
    portal = undefined;
  });

  it("with the proxy named, each forwarded client has its own bucket", async () => {
    portal = await startPortal(testDb.url, { TRUST_PROXY: "loopback", WORKER: "none" });
    const statuses = await probe(portal, "198.18.2");
    expect(statuses.every((s) => s === 404)).toBe(true);
  });
});
