import { describe, expect, it } from "vitest";
import { cachedFor } from "./cached.server.ts";

describe("cachedFor", () => {
  it("computes once per period, shares a computation in flight, and forgets failures", async () => {
    let clock = 1_000;
    let calls = 0;
    let fail = false;
    const read = cachedFor(
      60_000,
      async () => {
        calls++;
        await new Promise((resolve) => setImmediate(resolve));
        if (fail) throw new Error("database down");
        return calls;
      },
      () => clock,
    );
    const [a, b] = await Promise.all([read(), read()]);
    expect(calls).toBe(1);
    expect(a).toEqual({ value: 1, computedAt: new Date(1_000) });
    expect(b.value).toBe(1);
    clock += 59_999;
    expect((await read()).value).toBe(1);
    expect(calls).toBe(1);
    clock += 1;
    fail = true;
    await expect(read()).rejects.toThrow("database down");
    fail = false;
    expect(await read()).toEqual({ value: 3, computedAt: new Date(clock) });
    expect(calls).toBe(3);
  });
});
