import { sql } from "kysely";
import { beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "#tests/setup/test-database.ts";
import { getMailHealth } from "./health.server.ts";

describe("mail health (the organisers' alarm)", () => {
  const testDb = useTestDatabase();
  let n = 0;
  beforeEach(() =>
    testDb()
      .db.deleteFrom("emails")
      .execute()
      .then(() => undefined),
  );

  const insert = (status: "queued" | "sent" | "failed", ageMinutes: number) =>
    testDb()
      .db.insertInto("emails")
      .values({
        recipient: "a@example.in",
        locale: "hi",
        template: "sign-in-link",
        props: {},
        subject: "s",
        idempotencyKey: `health-${n++}`,
        status,
        createdAt: sql`now() - make_interval(mins => ${ageMinutes})`,
        statusAt: status === "queued" ? null : sql`now() - make_interval(mins => ${ageMinutes})`,
        sentAt: status === "sent" ? sql`now() - make_interval(mins => ${ageMinutes})` : null,
      })
      .execute();

  it("is ok with fresh queued mail and a few failures among many sends", async () => {
    await insert("queued", 1);
    for (let i = 0; i < 5; i++) await insert("failed", 2);
    for (let i = 0; i < 6; i++) await insert("sent", 2);
    expect((await getMailHealth(testDb().db)).status).toBe("ok");
  });

  it("says stuck when queued mail is older than 5 minutes", async () => {
    await insert("queued", 6);
    expect(await getMailHealth(testDb().db)).toMatchObject({ status: "stuck", oldestPendingMinutes: 6 });
  });

  it("says failing when recent sends keep failing", async () => {
    for (let i = 0; i < 5; i++) await insert("failed", 3);
    await insert("sent", 3);
    expect(await getMailHealth(testDb().db)).toMatchObject({ status: "failing", recentFailures: 5 });
  });

  it("forgets failures older than half an hour", async () => {
    for (let i = 0; i < 8; i++) await insert("failed", 45);
    expect((await getMailHealth(testDb().db)).status).toBe("ok");
  });
});
