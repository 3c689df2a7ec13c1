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

  it("answers 413 for more than 1000 fields, counted before the form is parsed", async () => {
    const fields = (count: number) => Array.from({ length: count }, (_, i) => `f${i}=x`).join("&");
    const post = (body: string, type = "application/x-www-form-urlencoded") =>
      readForm(new Request("http://x/", { method: "POST", body, headers: { "Content-Type": type } }));
    expect([...(await post(fields(1000))).keys()]).toHaveLength(1000);
    const error = await post(fields(1001)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(413);
    expect(await (error as Response).text()).toMatch(/more than 1000 fields · .*1000 से अधिक/);
    // Empty pairs are no fields, but they are not worth parsing either.
    expect(((await post("&".repeat(5000)).catch((e: unknown) => e)) as Response).status).toBe(413);
  });

  it("counts the parts of a multipart form too", async () => {
    const form = new FormData();
    for (let i = 0; i < 1001; i++) form.append(`f${i}`, "x");
    const error = await readForm(new Request("http://x/", { method: "POST", body: form })).catch(
      (e: unknown) => e,
    );
    expect((error as Response).status).toBe(413);
  });
});
