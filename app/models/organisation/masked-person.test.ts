import { describe, expect, it } from "vitest";
import { maskPerson, maskPhone, nameInitials } from "./masked-person.ts";

describe("masked person", () => {
  it("keeps only the initials of a name, in either script", () => {
    expect(nameInitials("Ramesh Kumar")).toBe("R. K.");
    expect(nameInitials("  ramesh   kumar sharma  ")).toBe("R. K. S.");
    expect(nameInitials("Ramesh Kumar Sharma Jat")).toBe("R. K. S.");
    expect(nameInitials("रमेश शर्मा")).toBe("र. श.");
    expect(nameInitials("Kamla")).toBe("K.");
    expect(nameInitials("(Dr.) Anita 2")).toBe("D. A.");
    expect(nameInitials("  ")).toBe("?");
  });

  it("keeps only the last two digits of a phone, behind a fixed number of dots", () => {
    expect(maskPhone("+919829012345")).toBe("••••••••45");
    expect(maskPhone("+4420712345")).toBe("••••••••45");
    expect(maskPhone("+91 98290 12312")).toBe("••••••••12");
    expect(maskPhone("7")).toBeNull();
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone(undefined)).toBeNull();
  });

  it("shows neither the full name, the phone nor the email of a person", () => {
    const person = { name: "Ramesh Kumar", phone: "+919829012312", email: "ramesh@example.in" };
    const masked = maskPerson(person);
    expect(masked).toEqual({ initials: "R. K.", phone: "••••••••12" });
    const text = JSON.stringify(masked);
    for (const secret of ["Ramesh", "Kumar", "9829012312", "ramesh@example.in"]) {
      expect(text).not.toContain(secret);
    }
    expect(maskPerson({ name: "Kamla", phone: null })).toEqual({ initials: "K.", phone: null });
  });
});
