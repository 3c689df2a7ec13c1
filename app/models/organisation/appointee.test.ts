import { describe, expect, it } from "vitest";
import { AppointeeSchema, cleanName, normalizeIndianPhone } from "./appointee.ts";

describe("normalizeIndianPhone", () => {
  it.each([
    ["9812345678", "+919812345678"],
    ["98123 45678", "+919812345678"],
    ["+91-98123-45678", "+919812345678"],
    ["+91 98123 45678", "+919812345678"],
    ["09812345678", "+919812345678"],
    ["919812345678", "+919812345678"],
    ["0091 98123 45678", "+919812345678"],
    ["(98123) 45678", "+919812345678"],
    [" 98.123.45678 ", "+919812345678"],
    ["01412345678", "+911412345678"],
    ["+44 20 7946 0958", "+442079460958"],
  ])("%j → %j", (input, expected) => {
    expect(normalizeIndianPhone(input)).toBe(expected);
  });

  it.each([
    "",
    "12345",
    "98123456789",
    "0981234567",
    "+91 0981234567",
    "phone",
    "98123-4567x",
    "+0 123",
    "१२३४५६७८९०",
  ])("refuses %j", (input) => {
    expect(normalizeIndianPhone(input)).toBeNull();
  });
});

describe("AppointeeSchema", () => {
  it("accepts a single Devanagari name with messy spacing", () => {
    const result = AppointeeSchema.parse({ name: "  रमेश  ", phone: "098123 45678", email: " R@Example.IN " });
    expect(result).toEqual({
      name: "रमेश",
      phone: "+919812345678",
      email: "r@example.in",
      preferredLanguage: "hi",
    });
  });

  it("reports each bad field with a translation key", () => {
    const result = AppointeeSchema.safeParse({
      name: " ",
      phone: "12",
      email: "nope",
      preferredLanguage: "fr",
    });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => `${i.path.join(".")}:${i.message}`).sort();
    expect(messages).toEqual([
      "email:appointees.errors.emailInvalid",
      "name:appointees.errors.nameRequired",
      "phone:appointees.errors.phoneInvalid",
      "preferredLanguage:appointees.errors.languageInvalid",
    ]);
  });

  it("normalises names to NFC", () => {
    expect(cleanName("क\u093C")).toBe("\u0958".normalize("NFC"));
  });
});
