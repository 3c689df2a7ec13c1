import { describe, expect, it } from "vitest";
import { bodyLimitFor, FORM_MAX_BYTES, MAX_FORM_FIELDS, WEBHOOK_MAX_BYTES } from "./body-limits.server.ts";
import { formFieldCounter } from "./form-fields.server.ts";

describe("bodyLimitFor", () => {
  it("gives each kind of request its limit, also when Remix's client sends a page's form to <path>.data", () => {
    expect(bodyLimitFor("/sign-in", 10)).toEqual({
      maxBytes: FORM_MAX_BYTES,
      maxFields: MAX_FORM_FIELDS,
      label: "64 KB",
    });
    expect(bodyLimitFor("/imports", 10).maxBytes).toBe(10 * 1024 * 1024 + FORM_MAX_BYTES);
    expect(bodyLimitFor("/imports.data", 2).label).toBe("2 MB");
    expect(bodyLimitFor("/imports/7", 10).maxBytes).toBe(FORM_MAX_BYTES);
    expect(bodyLimitFor("/webhooks/resend", 10).maxBytes).toBe(WEBHOOK_MAX_BYTES);
    expect(bodyLimitFor("/tablet/sync", 10).label).toBe("512 KB");
    expect(bodyLimitFor("/_root.data", 10).maxBytes).toBe(FORM_MAX_BYTES);
  });
});

describe("formFieldCounter", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it("counts urlencoded pairs across chunks", () => {
    const count = formFieldCounter("application/x-www-form-urlencoded; charset=UTF-8")!;
    count(bytes("a=1&b=2&"));
    expect(count(bytes("c=3"))).toBe(3);
  });

  it("counts multipart parts, also when a delimiter is split between two chunks", () => {
    const count = formFieldCounter('multipart/form-data; boundary="b0und"')!;
    const body = [1, 2, 3]
      .map((i) => `--b0und\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nx\r\n`)
      .join("");
    const whole = `${body}--b0und--\r\n`;
    let last = 0;
    for (let at = 0; at < whole.length; at += 5) last = count(bytes(whole.slice(at, at + 5)));
    expect(last).toBe(3);
  });

  it("counts nothing for bodies that are not forms", () => {
    expect(formFieldCounter("application/json")).toBeNull();
    expect(formFieldCounter(undefined)).toBeNull();
    expect(formFieldCounter("multipart/form-data")).toBeNull();
  });
});
