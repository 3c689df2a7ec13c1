import { describe, expect, it } from "vitest";
import { scopeCodeForRole, selfChangeProblem, StaffInviteSchema, StaffUpdateSchema } from "./staff.ts";

const invite = {
  email: " Ramesh.Sharma@Example.IN ",
  name: " रमेश शर्मा ",
  role: "organiser",
  scopeUnitCode: " rj-jp ",
  preferredLanguage: "hi",
};

const issues = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => result.error?.issues.map((i) => [i.path.join("."), i.message]) ?? [];

describe("StaffInviteSchema", () => {
  it("trims and lower-cases the email, trims the name and upper-cases the unit code", () => {
    expect(StaffInviteSchema.parse(invite)).toEqual({
      email: "ramesh.sharma@example.in",
      name: "रमेश शर्मा",
      role: "organiser",
      scopeUnitCode: "RJ-JP",
      preferredLanguage: "hi",
    });
  });

  it("needs a unit for an organiser, but not for a trainer or an admin", () => {
    const { scopeUnitCode: _, ...noScope } = invite;
    expect(issues(StaffInviteSchema.safeParse(noScope))).toEqual([
      ["scopeUnitCode", "staff.errors.scopeRequired"],
    ]);
    expect(StaffInviteSchema.safeParse({ ...noScope, role: "trainer" }).success).toBe(true);
    expect(StaffInviteSchema.safeParse({ ...noScope, role: "admin" }).success).toBe(true);
  });

  it("answers bad input with translation keys", () => {
    expect(
      issues(
        StaffInviteSchema.safeParse({
          email: "not-an-email",
          name: " ",
          role: "boss",
          scopeUnitCode: "RJ JP",
          preferredLanguage: "fr",
        }),
      ),
    ).toEqual([
      ["email", "staff.errors.emailInvalid"],
      ["name", "staff.errors.nameRequired"],
      ["role", "staff.errors.roleInvalid"],
      ["scopeUnitCode", "staff.errors.unitCodeInvalid"],
      ["preferredLanguage", "staff.errors.languageInvalid"],
    ]);
    expect(issues(StaffInviteSchema.safeParse({ ...invite, name: "न".repeat(201) }))).toEqual([
      ["name", "staff.errors.nameTooLong"],
    ]);
  });
});

describe("StaffUpdateSchema", () => {
  it("reads a missing checkbox as inactive", () => {
    const { email: _, ...update } = invite;
    expect(StaffUpdateSchema.parse(update).active).toBe(false);
    expect(StaffUpdateSchema.parse({ ...update, active: true }).active).toBe(true);
  });
});

describe("scopeCodeForRole", () => {
  it("drops the unit of an admin and keeps the others'", () => {
    expect(scopeCodeForRole({ role: "admin", scopeUnitCode: "RJ-JP" })).toBeNull();
    expect(scopeCodeForRole({ role: "organiser", scopeUnitCode: "RJ-JP" })).toBe("RJ-JP");
    expect(scopeCodeForRole({ role: "trainer", scopeUnitCode: "" })).toBeNull();
    expect(scopeCodeForRole({ role: "trainer" })).toBeNull();
  });
});

describe("selfChangeProblem", () => {
  it("stops an admin deactivating or demoting themselves, and nobody else", () => {
    expect(selfChangeProblem(1, 1, { role: "admin", active: true })).toBeNull();
    expect(selfChangeProblem(1, 1, { role: "admin", active: false })).toBe("staff.errors.selfDeactivate");
    expect(selfChangeProblem(1, 1, { role: "organiser", active: true })).toBe("staff.errors.selfDemote");
    expect(selfChangeProblem(1, 1, { role: "trainer", active: false })).toBe("staff.errors.selfDeactivate");
    expect(selfChangeProblem(1, 2, { role: "trainer", active: false })).toBeNull();
  });
});
