import { describe, expect, it } from "vitest";
import { sealedWithOlderSecret, sealToken, unsealToken } from "./link-seal.server.ts";

const older = "o".repeat(40);
const newer = "n".repeat(40);
const token = "Zk3q9V0mXr2TQw7bLp4sYc8nHd1uEa6fGj5oKi0tRxM";

describe("sealed link tokens", () => {
  it("opens with the secret that sealed it, and with a ring that still holds it", () => {
    const sealed = sealToken(token, [older]);
    expect(sealed).not.toContain(token);
    expect(unsealToken(sealed, [older])).toBe(token);
    expect(unsealToken(sealed, [newer, older])).toBe(token);
    expect(sealedWithOlderSecret(sealed, [newer, older])).toBe(true);
    expect(sealedWithOlderSecret(sealToken(token, [newer, older]), [newer, older])).toBe(false);
  });

  it("does not open without the secret, nor when tampered with", () => {
    const sealed = sealToken(token, [older]);
    expect(unsealToken(sealed, [newer])).toBeNull();
    const [id, iv, body] = sealed.split(".");
    const flipped = `${body!.slice(0, 5)}${body![5] === "A" ? "B" : "A"}${body!.slice(6)}`;
    expect(unsealToken(`${id}.${iv}.${flipped}`, [older])).toBeNull();
    expect(unsealToken("garbage", [older])).toBeNull();
    expect(unsealToken(`${id}..`, [older])).toBeNull();
  });

  it("seals the same token differently each time (a random IV)", () => {
    expect(sealToken(token, [older])).not.toBe(sealToken(token, [older]));
  });
});
