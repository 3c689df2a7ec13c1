// The "appoint existing" forms: what the search box takes, and when an appointment carries corrections.
import { describe, expect, it } from "vitest";
import { AppointExistingSchema, FindExistingSchema, parseAppointSearch } from "./committee.ts";

describe("appoint existing", () => {
  it("reads the search box as an exact phone or email, or as part of a name", () => {
    expect(parseAppointSearch("098290 12345")).toEqual({
      kind: "contact",
      lookup: { phone: "+919829012345" },
    });
    expect(parseAppointSearch(" Ramesh@Example.IN ")).toEqual({
      kind: "contact",
      lookup: { email: "ramesh@example.in" },
    });
    expect(parseAppointSearch("  ramesh   kumar ")).toEqual({ kind: "name", text: "ramesh kumar" });
    expect(parseAppointSearch("रमेश")).toEqual({ kind: "name", text: "रमेश" });
    // Too short to search, a half phone number, a broken email, too long: refused.
    for (const bad of ["", "Om", "98290", "a@", "x".repeat(101)]) expect(parseAppointSearch(bad)).toBeNull();
    expect(FindExistingSchema.safeParse({ contact: "98" }).error?.issues[0]?.message).toBe(
      "committees.errors.searchInvalid",
    );
  });

  it("appoints by phone, email or id, and treats any name, phone or email field as a correction", () => {
    expect(AppointExistingSchema.parse({ contact: "9829012345", designation: "member" })).toEqual({
      contact: { phone: "+919829012345" },
      designation: "member",
    });
    expect(AppointExistingSchema.parse({ appointeeId: 7, designation: "member" })).toEqual({
      appointeeId: 7,
      designation: "member",
    });
    // An email alone, with no name: still a correction, which the model refuses for someone not the organiser's.
    expect(
      AppointExistingSchema.parse({ contact: "9829012345", designation: "member", email: "New@Example.in" }),
    ).toEqual({
      contact: { phone: "+919829012345" },
      designation: "member",
      details: { name: undefined, nameHi: undefined, phone: undefined, email: "new@example.in" },
    });
    const none = AppointExistingSchema.safeParse({ designation: "member" });
    expect(none.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["contact", "committees.errors.contactInvalid"],
    ]);
    expect(AppointExistingSchema.safeParse({ appointeeId: -1, designation: "member" }).success).toBe(false);
  });
});
