// The answer to a body past its limit: 413, as JSON for programs (the tablet's sync, webhooks, `.json`
// addresses) and as a short page in Hindi and English for people. The connection is closed after it
// (lingering-close.server.ts), so the rest of the body is never read into memory.
import type { IncomingMessage, ServerResponse } from "node:http";
import { type BodyLimit, routePath } from "./body-limits.server.ts";
import type { BodyRefusal } from "./capped-body.server.ts";
import { closeAfterAnswer } from "./lingering-close.server.ts";

/** Whether the client is a program that reads JSON rather than a browser showing a page. */
export function wantsJson(req: IncomingMessage): boolean {
  const path = routePath((req.url ?? "/").split("?")[0]!);
  if (path === "/tablet/sync" || path.startsWith("/webhooks/") || path.endsWith(".json")) return true;
  const accept = req.headers.accept ?? "";
  const type = req.headers["content-type"] ?? "";
  return (
    (/application\/json/i.test(accept) && !/text\/html/i.test(accept)) || /^application\/json/i.test(type)
  );
}

type Texts = { titleHi: string; titleEn: string; hi: string; en: string; json: string };

const texts: Record<BodyRefusal, (limit: BodyLimit) => Texts> = {
  "too-large": (limit) => ({
    titleHi: "बहुत बड़ा अनुरोध",
    titleEn: "Request too large",
    hi: `भेजा गया डेटा बहुत बड़ा है। यहाँ अधिकतम ${limit.label} भेजा जा सकता है। वापस जाएँ और कम भेजें (एक बड़ी फ़ाइल को छोटी फ़ाइलों में बाँटें)।`,
    en: `What was sent is too large. At most ${limit.label} can be sent here. Go back and send less (split a large file into smaller ones).`,
    json: "body too large",
  }),
  "too-many-fields": (limit) => ({
    titleHi: "बहुत अधिक फ़ील्ड",
    titleEn: "Too many fields",
    hi: `फ़ॉर्म में बहुत अधिक फ़ील्ड हैं। एक फ़ॉर्म में अधिकतम ${limit.maxFields} फ़ील्ड भेजे जा सकते हैं।`,
    en: `The form has too many fields. A form may send at most ${limit.maxFields} fields.`,
    json: "too many form fields",
  }),
};

function page({ titleHi, titleEn, hi, en }: Texts): string {
  return `<!DOCTYPE html>
<html lang="hi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>413 · ${titleHi} · ${titleEn}</title></head>
<body>
<main>
<h1>${titleHi}</h1>
<p>${hi}</p>
<h2 lang="en">${titleEn}</h2>
<p lang="en">${en}</p>
<p><a href="/">मुख पृष्ठ · <span lang="en">Home</span></a></p>
</main>
</body>
</html>
`;
}

/** Sends the 413 (unless an answer has begun: then the connection is cut) and closes the connection. */
export function sendRefusal(req: IncomingMessage, res: ServerResponse, why: BodyRefusal, limit: BodyLimit) {
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  const text = texts[why](limit);
  const json = wantsJson(req);
  const body = json
    ? JSON.stringify({ error: text.json, limit: why === "too-large" ? limit.label : limit.maxFields })
    : page(text);
  res.statusCode = 413;
  res.setHeader("Content-Type", json ? "application/json; charset=utf-8" : "text/html; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.setHeader("Cache-Control", "no-store");
  closeAfterAnswer(req, res);
  res.end(body);
}
