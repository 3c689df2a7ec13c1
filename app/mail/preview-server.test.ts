import { spawn } from "node:child_process";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import SignInLinkEmail from "#emails/sign-in-link.tsx";
import { createPreviewServer } from "./preview-server.ts";

let server: Server;
let base: string;

beforeAll(async () => {
  server = createPreviewServer();
  expect(server.listening).toBe(false);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

const get = async (path: string, init?: RequestInit) => {
  const res = await fetch(base + path, init);
  return { res, body: await res.text() };
};

const devanagari = /[\u0900-\u097F]/;
/** The text of each <h1>, in document order. */
const headings = (html: string) =>
  [...html.matchAll(/<h1\b[^>]*>([\s\S]*?)<\/h1>/g)].map((m) => (m[1] ?? "").replace(/<[^>]*>/g, "").trim());

const previewUrl = SignInLinkEmail.PreviewProps.url;

describe("email preview server", () => {
  it("lists every template with links to both language orders and the subjects", async () => {
    const { res, body } = await get("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(body).toContain("Email templates · ");
    expect(body).toContain("ईमेल टेम्पलेट");
    expect(body).toContain("sign-in-link");
    for (const href of ["hi.html", "hi.txt", "en.html", "en.txt"])
      expect(body).toContain(`href="/sign-in-link/${href}"`);
    expect(body).toContain("शिविर में साइन इन करें · Sign in to Shivir");
    expect(body).toContain("Sign in to Shivir · शिविर में साइन इन करें");
    expect(body).not.toContain("No usable PreviewProps");
  });

  it("serves the HTML in each language order, under a CSP without scripts", async () => {
    for (const locale of ["hi", "en"] as const) {
      const { res, body } = await get(`/sign-in-link/${locale}.html`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(res.headers.get("content-security-policy")).toContain("script-src 'none'");
      expect(body).toContain(`href="${previewUrl}"`);
      expect(body).toContain(`<html dir="ltr" lang="${locale}"`);
      const [first, second] = headings(body);
      expect(first).toBeDefined();
      expect(second).toBeDefined();
      expect(devanagari.test(first!)).toBe(locale === "hi");
      expect(devanagari.test(second!)).toBe(locale === "en");
    }
  });

  it("serves the plain text in each language order", async () => {
    const [hiHeading, enHeading] = headings((await get("/sign-in-link/hi.html")).body);
    for (const locale of ["hi", "en"] as const) {
      const { res, body } = await get(`/sign-in-link/${locale}.txt`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(body).toContain(previewUrl);
      expect(body).not.toContain("<");
      const [hi, en] = [body.indexOf(hiHeading!), body.indexOf(enHeading!)];
      expect(hi).toBeGreaterThanOrEqual(0);
      expect(en).toBeGreaterThanOrEqual(0);
      expect(hi < en).toBe(locale === "hi");
    }
  });

  it("answers 404 for unknown paths, templates and locales", async () => {
    for (const path of [
      "/nope",
      "/nope/hi.html",
      "/toString/hi.html",
      "/sign-in-link/fr.html",
      "/sign-in-link/hi.pdf",
      "/sign-in-link/hi.html/x",
      "/%E0%A4/hi.html",
    ]) {
      const { res, body } = await get(path);
      expect(res.status, path).toBe(404);
      expect(body, path).toContain("Not found");
    }
  });

  it("only reads", async () => {
    const { res } = await get("/", { method: "POST" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
  });

  it("shows bad PreviewProps as a 500 page with the validation message, and keeps serving", async () => {
    const saved = SignInLinkEmail.PreviewProps;
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      SignInLinkEmail.PreviewProps = { ...saved, url: "javascript:alert(1)" };
      const { res, body } = await get("/sign-in-link/en.html");
      expect(res.status).toBe(500);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(body).toContain("Bad props for email template &quot;sign-in-link&quot;");
      expect(body).toContain("url");
      expect(body).not.toContain('href="javascript:');
      const index = await get("/");
      expect(index.res.status).toBe(200);
      expect(index.body).toContain("Bad props for email template");
    } finally {
      SignInLinkEmail.PreviewProps = saved;
      error.mockRestore();
    }
    expect((await get("/sign-in-link/en.html")).res.status).toBe(200);
  });

  it("says so when a template's component has no PreviewProps", async () => {
    const saved = SignInLinkEmail.PreviewProps;
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      Reflect.deleteProperty(SignInLinkEmail, "PreviewProps");
      const index = await get("/");
      expect(index.res.status).toBe(200);
      expect(index.body).toContain("No usable PreviewProps");
      expect(index.body).toContain("has no PreviewProps");
      const { res, body } = await get("/sign-in-link/hi.txt");
      expect(res.status).toBe(500);
      expect(body).toContain("has no PreviewProps");
    } finally {
      SignInLinkEmail.PreviewProps = saved;
      error.mockRestore();
    }
  });

  it("every template in the registry has PreviewProps", async () => {
    expect((await get("/")).body).not.toContain("No usable PreviewProps");
  });
});

describe("npm run email", () => {
  it("prints its address, serves, and stops cleanly on SIGTERM", async () => {
    const script = fileURLToPath(new URL("./preview-server.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      env: { ...process.env, EMAIL_PREVIEW_PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
          out += chunk;
          if (out.includes("\n")) resolve(out);
        });
        child.on("exit", () => reject(new Error(`exited before listening: ${out}`)));
      });
      expect(line).toMatch(/^shivir: email preview at http:\/\/127\.0\.0\.1:\d+\n$/);
      const url = line.trim().split(" ").at(-1)!;
      expect((await fetch(`${url}/sign-in-link/hi.txt`)).status).toBe(200);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 30_000);
});
