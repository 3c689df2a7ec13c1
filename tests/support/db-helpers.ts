// Small look-ups and checks that database tests (and browser tests' set-ups) share.
import { expect } from "vitest";
import type { Database } from "#app/platform/db.server.ts";
import { sealToken } from "#app/platform/link-seal.server.ts";
import { hashToken, newToken } from "#app/platform/token.server.ts";

/** The id of the unit with this code (the demo seed's codes: "RJ", "RJ-JP", …); fails when there is none. */
export async function unitId(db: Database, code: string): Promise<number> {
  const row = await db.selectFrom("units").select("id").where("code", "=", code).executeTakeFirstOrThrow();
  return row.id;
}

/** Fails unless the promise rejects with a 404 Response (what a model throws outside the actor's scope). */
export async function expectNotFound(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Response);
  expect((error as Response).status).toBe(404);
}

/** The link columns of an invitation as the portal makes them (a random token, its hash and its seal). */
export function personalLinkColumns(secrets?: readonly string[]) {
  const token = newToken();
  return { tokenHash: hashToken(token), tokenSealed: sealToken(token, secrets) };
}
