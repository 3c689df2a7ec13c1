import { realpathSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { renderEmail } from "./render.server.ts";
import { templates } from "./templates.server.tsx";

/**
 * A tiny stand-in for react-email's `email dev` (whose UI package is not installable here): every template
 * in the registry, rendered from its component's PreviewProps through renderEmail, so what you see is
 * exactly what is sent. Run with `npm run email`; listens on 127.0.0.1 only.
 *
 *   /                        index: every template, its subjects, links to both language orders
 *   /<template>/<hi|en>.html the HTML part, with `locale` overridden (served under a CSP with no scripts)
 *   /<template>/<hi|en>.txt  the plain-text part
 */

type Locale = "hi" | "en";
const locales: readonly Locale[] = ["hi", "en"];
const localeLabel: Record<Locale, string> = {
  hi: "Hindi first · हिन्दी पहले",
  en: "English first · अंग्रेज़ी पहले",
};

// Email HTML gets inline styles and remote images, never scripts, forms or frames.
const emailCsp =
  "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src * data:; font-src * data:; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
// The index and error pages: our own inline stylesheet only.
const pageCsp =
  "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

type Preview = { ok: true; props: Record<string, unknown> } | { ok: false; problem: string };

/** The component's PreviewProps without their `locale` (each view sets its own), or why there are none. */
function previewProps(name: string): Preview {
  const component = templates[name as keyof typeof templates].component as { PreviewProps?: unknown };
  const props = component.PreviewProps;
  if (props === undefined)
    return {
      ok: false,
      problem: `The component of "${name}" has no PreviewProps: set \`Component.PreviewProps = {...}\` in its emails/*.tsx file.`,
    };
  if (typeof props !== "object" || props === null || Array.isArray(props))
    return { ok: false, problem: `The PreviewProps of "${name}" are not an object.` };
  const { locale: _locale, ...rest } = props as Record<string, unknown>;
  return { ok: true, props: rest };
}

async function render(name: string, locale: Locale) {
  const preview = previewProps(name);
  if (!preview.ok) throw new Error(preview.problem);
  return renderEmail({ template: name, locale, props: preview.props });
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

const errorMessage = (error: unknown) =>
  error instanceof Error ? error.message : `Non-error thrown: ${String(error)}`;

const style = `body{font-family:"Noto Sans Devanagari","Nirmala UI",system-ui,sans-serif;margin:2rem;color:#1f2933;line-height:1.6}
table{border-collapse:collapse}th,td{border:1px solid #e4ddd0;padding:.5rem .75rem;text-align:left;vertical-align:top}
.problem{color:#b42318}pre{white-space:pre-wrap;margin:.25rem 0}a{color:#b4490f}`;

function page(title: string, body: string) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${style}</style></head>
<body>${body}</body></html>
`;
}

async function indexPage() {
  const rows = await Promise.all(
    Object.keys(templates).map(async (name) => {
      const preview = previewProps(name);
      const base = `/${encodeURIComponent(name)}`;
      const cells = await Promise.all(
        locales.map(async (locale) => {
          const links = `<a href="${base}/${locale}.html">HTML</a> · <a href="${base}/${locale}.txt">text · पाठ</a>`;
          if (!preview.ok) return `<td>${links}</td>`;
          try {
            const { subject } = await render(name, locale);
            return `<td>${links}<br>${escapeHtml(subject)}</td>`;
          } catch (error) {
            return `<td>${links}<pre class="problem">${escapeHtml(errorMessage(error))}</pre></td>`;
          }
        }),
      );
      const status = preview.ok
        ? ""
        : `<br><span class="problem">No usable PreviewProps · PreviewProps नहीं हैं</span><pre class="problem">${escapeHtml(preview.problem)}</pre>`;
      return `<tr><th scope="row"><code>${escapeHtml(name)}</code>${status}</th>${cells.join("")}</tr>`;
    }),
  );
  const head = locales.map((locale) => `<th scope="col">${escapeHtml(localeLabel[locale])}</th>`).join("");
  return page(
    "Email templates · ईमेल टेम्पलेट",
    `<h1>Email templates · <span lang="hi">ईमेल टेम्पलेट</span></h1>
<p>Rendered from each component's PreviewProps through renderEmail, exactly as sent. Subject under the links.<br>
<span lang="hi">हर टेम्पलेट उसके PreviewProps से, ठीक वैसा जैसा भेजा जाता है। लिंक के नीचे विषय।</span></p>
<table><thead><tr><th scope="col">Template · टेम्पलेट</th>${head}</tr></thead>
<tbody>${rows.join("\n")}</tbody></table>`,
  );
}

function send(
  res: ServerResponse,
  status: number,
  type: "html" | "text",
  body: string,
  csp: string = pageCsp,
): void {
  res.writeHead(status, {
    "Content-Type": type === "html" ? "text/html; charset=utf-8" : "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
  });
  res.end(body);
}

const notFound = (res: ServerResponse, what: string) =>
  send(res, 404, "text", `Not found: ${what}. Every template is listed at /.\n`);

const viewPath = /^\/([^/]+)\/(hi|en)\.(html|txt)$/;

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("Allow", "GET, HEAD");
    return send(res, 405, "text", "Method not allowed: this preview only reads.\n");
  }
  const { pathname } = new URL(req.url ?? "/", "http://127.0.0.1");
  if (pathname === "/") return send(res, 200, "html", await indexPage());

  const match = viewPath.exec(pathname);
  if (!match) return notFound(res, pathname);
  const [, encodedName = "", locale = "", ext] = match;
  let name: string;
  try {
    name = decodeURIComponent(encodedName);
  } catch {
    return notFound(res, pathname);
  }
  // Object.hasOwn: "toString" and the like are not templates.
  if (!Object.hasOwn(templates, name)) return notFound(res, `no template "${name}"`);

  let email: Awaited<ReturnType<typeof renderEmail>>;
  try {
    email = await render(name, locale as Locale);
  } catch (error) {
    const message = errorMessage(error);
    console.error(`shivir: email preview: ${name}/${locale}: ${message}`);
    return send(
      res,
      500,
      "html",
      page(
        `Cannot render ${name}`,
        `<h1>Cannot render <code>${escapeHtml(name)}</code> (${locale})</h1><pre class="problem">${escapeHtml(message)}</pre><p><a href="/">All templates · सभी टेम्पलेट</a></p>`,
      ),
    );
  }
  return ext === "html" ? send(res, 200, "html", email.html, emailCsp) : send(res, 200, "text", email.text);
}

/** The preview server, not yet listening: call `.listen(port, "127.0.0.1")`. */
export function createPreviewServer(): Server {
  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Nothing a request does should take the server down.
      console.error("shivir: email preview: request failed:", error);
      if (res.headersSent) res.destroy();
      else send(res, 500, "text", `Internal error: ${errorMessage(error)}\n`);
    });
  });
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === "") return 3001;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new Error(`EMAIL_PREVIEW_PORT must be a port number (0-65535), not "${value}"`);
  return port;
}

function main(): void {
  let port: number;
  try {
    port = parsePort(process.env.EMAIL_PREVIEW_PORT);
  } catch (error) {
    console.error(`shivir: ${errorMessage(error)}`);
    process.exitCode = 1;
    return;
  }
  const server = createPreviewServer();
  server.on("error", (error) => {
    console.error(`shivir: email preview could not listen on 127.0.0.1:${port}: ${errorMessage(error)}`);
    process.exitCode = 1;
  });
  server.listen(port, "127.0.0.1", () => {
    const { port: actual } = server.address() as AddressInfo;
    console.log(`shivir: email preview at http://127.0.0.1:${actual}`);
  });

  const stop = () => {
    server.close();
    // Browsers hold keep-alive connections open; close() alone would wait for them.
    server.closeAllConnections();
    // Should anything else hold the event loop, do not hang on Ctrl-C.
    setTimeout(() => process.exit(process.exitCode ?? 0), 2000).unref();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

// Run as a script (npm run email), not when imported by a test.
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}
if (isEntryPoint()) main();
