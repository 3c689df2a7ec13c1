import { describe, expect, it } from "vitest";
import { normaliseCertificateCode } from "./certificate-details.ts";

describe("certificate codes", () => {
  it("reads a code as typed from paper: any case, spaces, O for 0 and I or L for 1", () => {
    expect(normaliseCertificateCode("k7qm-2xpa-9d4f")).toBe("K7QM-2XPA-9D4F");
    expect(normaliseCertificateCode(" k7qm 2xpa 9d4f ")).toBe("K7QM-2XPA-9D4F");
    expect(normaliseCertificateCode("OIL0-0000-0000")).toBe("0110-0000-0000");
  });

  it("refuses what cannot be a code", () => {
    for (const bad of ["", "K7QM-2XPA", "K7QM-2XPA-9D4F-1", "K7QU-2XPA-9D4F", "K7QM-2XPA-9D4!", "../../etc"])
      expect(normaliseCertificateCode(bad)).toBeNull();
  });
});
