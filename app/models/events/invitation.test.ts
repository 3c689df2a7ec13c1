import { describe, expect, it } from "vitest";
import {
  FixAddressSchema,
  InvitationActionSchema,
  InviteCommitteePayloadSchema,
  invitationListHref,
  parseInvitationListQuery,
  RevokeSchema,
  whatsappDigits,
  whatsappUrl,
} from "./invitation.ts";

describe("the invitee list query", () => {
  it("reads a state, the 'not reached' box and a page", () => {
    expect(parseInvitationListQuery(new URLSearchParams("state=bounced&notReached=yes&page=3"))).toEqual({
      state: "bounced",
      notReached: true,
      page: 3,
    });
  });

  it("ignores what it does not know instead of failing", () => {
    expect(parseInvitationListQuery(new URLSearchParams("state=lost&notReached=maybe&page=-2"))).toEqual({
      state: undefined,
      notReached: false,
      page: 1,
    });
  });

  it("writes the filters back into a link, for another page", () => {
    const query = { state: "no_email" as const, notReached: true, page: 2 };
    expect(invitationListHref(query)).toBe("?state=no_email&notReached=yes&page=2");
    expect(invitationListHref(query, 1)).toBe("?state=no_email&notReached=yes");
    expect(invitationListHref({ notReached: false, page: 1 })).toBe("?");
  });
});

describe("invitation forms", () => {
  it("reads the invitation and the email the page showed (none: null)", () => {
    expect(InvitationActionSchema.parse({ invitationId: "42", seenEmailId: "" })).toEqual({
      invitationId: 42,
      seenEmailId: null,
    });
    expect(InvitationActionSchema.parse({ invitationId: "42", seenEmailId: "7" }).seenEmailId).toBe(7);
    expect(InvitationActionSchema.safeParse({ invitationId: "x" }).error?.issues[0]?.message).toBe(
      "audience.errors.invitationUnknown",
    );
  });

  it("trims and lower-cases a corrected address", () => {
    expect(
      FixAddressSchema.parse({ invitationId: "1", seenEmailId: "", email: "  Ramesh.Meena@Example.IN " })
        .email,
    ).toBe("ramesh.meena@example.in");
  });

  it.each([
    ["", "audience.errors.emailRequired"],
    ["ramesh", "audience.errors.emailInvalid"],
    ["ramesh@example", "audience.errors.emailInvalid"],
    ["a b@example.in", "audience.errors.emailInvalid"],
    [`${"a".repeat(250)}@example.in`, "audience.errors.emailInvalid"],
  ])("refuses the address %j with %s", (email, message) => {
    const result = FixAddressSchema.safeParse({ invitationId: "1", email });
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.path[0] === "email")?.message).toBe(message);
  });

  it("reads the invite-committee job payload", () => {
    expect(InviteCommitteePayloadSchema.parse({ committeeId: 5 })).toEqual({ committeeId: 5 });
    expect(InviteCommitteePayloadSchema.safeParse({ committeeId: "5" }).success).toBe(false);
  });
});

describe("the revoke form", () => {
  it("takes an optional reason, trimmed; an empty one is none", () => {
    expect(RevokeSchema.parse({ invitationId: "7", reason: "  Left the committee " })).toEqual({
      invitationId: 7,
      reason: "Left the committee",
    });
    expect(RevokeSchema.parse({ invitationId: "7", reason: "   " })).toEqual({
      invitationId: 7,
      reason: null,
    });
    expect(RevokeSchema.parse({ invitationId: "7" })).toEqual({ invitationId: 7, reason: null });
  });

  it("refuses a bad invitation id and a reason too long to keep", () => {
    const issue = (value: unknown) => {
      const result = RevokeSchema.safeParse(value);
      return result.success ? null : result.error.issues[0]?.message;
    };
    expect(issue({ invitationId: "-1e309'\"<script>" })).toBe("audience.errors.invitationUnknown");
    expect(issue({ invitationId: "7", reason: "अ".repeat(501) })).toBe("audience.errors.reasonTooLong");
  });
});

describe("WhatsApp share links", () => {
  it("takes the E.164 number without its plus", () => {
    expect(whatsappDigits("+919829012345")).toBe("919829012345");
    expect(whatsappDigits("9829012345")).toBeNull();
    expect(whatsappDigits(null)).toBeNull();
  });

  it("carries the message, Devanagari and the link included, encoded", () => {
    const url = whatsappUrl("+919829012345", "नमस्ते रमेश जी: https://shivir.example/i/abc?x=1&y=2");
    expect(url.startsWith("https://wa.me/919829012345?text=")).toBe(true);
    expect(new URL(url).searchParams.get("text")).toBe("नमस्ते रमेश जी: https://shivir.example/i/abc?x=1&y=2");
  });

  it("refuses a number that is not E.164", () => {
    expect(() => whatsappUrl("0141 222", "x")).toThrow();
  });
});
