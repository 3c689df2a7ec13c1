import { describe, expect, it } from "vitest";
import {
  AppointExistingSchema,
  AppointNewSchema,
  CommitteeFormSchema,
  canMarkFormed,
  canSetQuota,
  decideFormation,
  defaultCommitteeNames,
  displayPhone,
  fillPercent,
  isCommitteeIntent,
  isFull,
  MarkFormedSchema,
  parseContactLookup,
} from "./committee.ts";

describe("committee rules", () => {
  it("names a committee after its unit and level in both languages", () => {
    expect(defaultCommitteeNames({ level: "district", nameEn: "Jaipur", nameHi: "जयपुर" })).toEqual({
      nameEn: "Jaipur District Committee",
      nameHi: "जयपुर जिला समिति",
    });
    expect(defaultCommitteeNames({ level: "assembly", nameEn: " Sanganer ", nameHi: "सांगानेर" })).toEqual({
      nameEn: "Sanganer Assembly Committee",
      nameHi: "सांगानेर विधानसभा समिति",
    });
    const long = defaultCommitteeNames({ level: "booth", nameEn: "x".repeat(200), nameHi: "क".repeat(200) });
    expect(long.nameEn.length).toBe(200);
    expect(long.nameHi.length).toBe(200);
  });

  it("is full and may be marked formed exactly when every seat is taken", () => {
    expect(isFull({ activeMembers: 9, seatQuota: 10 })).toBe(false);
    expect(isFull({ activeMembers: 10, seatQuota: 10 })).toBe(true);
    expect(canMarkFormed({ activeMembers: 9, seatQuota: 10 })).toBe(false);
    expect(canMarkFormed({ activeMembers: 10, seatQuota: 10 })).toBe(true);
    expect(canMarkFormed({ activeMembers: 0, seatQuota: 1 })).toBe(false);
  });

  it("forms a short committee only with a reason, and stores the reason only then", () => {
    expect(decideFormation({ activeMembers: 2, seatQuota: 3 })).toEqual({
      ok: false,
      error: "committees.errors.formedNeedsReason",
    });
    expect(decideFormation({ activeMembers: 2, seatQuota: 3, overrideReason: "   " }).ok).toBe(false);
    expect(decideFormation({ activeMembers: 2, seatQuota: 3, overrideReason: " one seat  vacant " })).toEqual(
      {
        ok: true,
        overrideReason: "one seat vacant",
      },
    );
    expect(decideFormation({ activeMembers: 3, seatQuota: 3, overrideReason: "not needed" })).toEqual({
      ok: true,
      overrideReason: null,
    });
  });

  it("keeps the quota at or above the current members", () => {
    expect(canSetQuota(5, 5)).toBe(true);
    expect(canSetQuota(4, 5)).toBe(false);
    expect(canSetQuota(0, 0)).toBe(false);
    expect(canSetQuota(1001, 0)).toBe(false);
    expect(canSetQuota(2.5, 0)).toBe(false);
  });

  it("shows the fill as a share of the seats", () => {
    expect(fillPercent({ activeMembers: 7, seatQuota: 10 })).toBe(70);
    expect(fillPercent({ activeMembers: 12, seatQuota: 10 })).toBe(100);
    expect(fillPercent({ activeMembers: 0, seatQuota: 0 })).toBe(0);
  });

  it("finds a person by phone in any usual form or by email", () => {
    expect(parseContactLookup("98290 12345")).toEqual({ phone: "+919829012345" });
    expect(parseContactLookup("+91-98290-12345")).toEqual({ phone: "+919829012345" });
    expect(parseContactLookup(" Ramesh@Example.IN ")).toEqual({ email: "ramesh@example.in" });
    expect(parseContactLookup("12345")).toBeNull();
    expect(parseContactLookup("ramesh@")).toBeNull();
    expect(parseContactLookup("")).toBeNull();
    expect(displayPhone("+919829012345")).toBe("+91 98290 12345");
    expect(displayPhone("+4915112345678")).toBe("+4915112345678");
  });
});

describe("committee forms", () => {
  it("reads names and quota, with translation keys as errors", () => {
    expect(
      CommitteeFormSchema.parse({ nameEn: " Jaipur  Committee", nameHi: "जयपुर समिति", seatQuota: 40 }),
    ).toEqual({ nameEn: "Jaipur Committee", nameHi: "जयपुर समिति", seatQuota: 40 });
    const bad = CommitteeFormSchema.safeParse({ nameEn: " ", seatQuota: 0 });
    expect(bad.success).toBe(false);
    const messages = bad.error?.issues.map((i) => `${i.path.join(".")}:${i.message}`).sort();
    expect(messages).toEqual([
      "nameEn:committees.errors.nameEnRequired",
      "nameHi:committees.errors.nameHiRequired",
      "seatQuota:committees.errors.quotaInvalid",
    ]);
    expect(CommitteeFormSchema.safeParse({ nameEn: "a", nameHi: "b", seatQuota: 1001 }).success).toBe(false);
  });

  it("appoints a known person by phone or email, and a new one only with a way to reach them", () => {
    expect(AppointExistingSchema.parse({ contact: "098290 12345", designation: "member" })).toEqual({
      contact: { phone: "+919829012345" },
      designation: "member",
    });
    const badContact = AppointExistingSchema.safeParse({ contact: "abc", designation: "member" });
    expect(badContact.error?.issues[0]?.message).toBe("committees.errors.contactInvalid");

    const person = AppointNewSchema.parse({
      name: "Ramesh",
      nameHi: "रमेश",
      phone: "9829012345",
      designation: "president",
    });
    expect(person).toMatchObject({ name: "Ramesh", phone: "+919829012345", preferredLanguage: "hi" });
    const noContact = AppointNewSchema.safeParse({ name: "Ramesh", designation: "member" });
    expect(noContact.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["phone", "committees.errors.contactRequired"],
    ]);
    const noDesignation = AppointNewSchema.safeParse({ name: "Ramesh", email: "r@example.in" });
    expect(noDesignation.error?.issues[0]?.message).toBe("committees.errors.designationRequired");
  });

  it("reads the override reason and the form's intent", () => {
    expect(MarkFormedSchema.parse({})).toEqual({ overrideReason: undefined });
    expect(MarkFormedSchema.parse({ overrideReason: "  " })).toEqual({ overrideReason: undefined });
    expect(MarkFormedSchema.safeParse({ overrideReason: "x".repeat(501) }).success).toBe(false);
    expect(isCommitteeIntent("mark-formed")).toBe(true);
    expect(isCommitteeIntent("drop-table")).toBe(false);
    expect(isCommitteeIntent(null)).toBe(false);
  });
});
