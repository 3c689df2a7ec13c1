import { describe, expect, it } from "vitest";
import { readForm, withoutControlCharacters } from "./form.server.ts";

describe("readForm", () => {
  it("removes control characters from names and values, keeping tabs, line breaks and Devanagari", async () => {
    const body = new URLSearchParams({ "na\u0000me": "रमे\u0000श\u0007\tकुमार\r\nजी\u007f" });
    const form = await readForm(new Request("http://x/", { method: "POST", body }));
    expect([...form.entries()]).toEqual([["name", "रमेश\tकुमार\r\nजी"]]);
    expect(withoutControlCharacters("\u0000\u001f")).toBe("");
  });

  it("answers 400 for a body that is not a form", async () => {
    const request = new Request("http://x/", {
      method: "POST",
      body: "--broken",
      headers: { "Content-Type": "multipart/form-data; boundary=nothing" },
    });
    const error = await readForm(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(400);
  });
});
