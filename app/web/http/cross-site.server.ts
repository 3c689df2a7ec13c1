// A form post from another site is refused (login CSRF included); webhooks come from other sites by design.
// Browsers say where a request comes from in Sec-Fetch-Site; older ones only in Origin (which is "null"
// after a no-referrer page, so it is only a fallback).
import type { NextFunction, Request, Response } from "express";
import { closeAfterAnswer } from "./lingering-close.server.ts";

export function refuseCrossSitePosts(req: Request, res: Response, next: NextFunction) {
  if (req.method === "GET" || req.method === "HEAD" || req.path.startsWith("/webhooks/")) return next();
  const site = req.headers["sec-fetch-site"];
  const origin = req.headers.origin;
  let allowed = site ? site === "same-origin" || site === "none" : !origin;
  if (!site && origin) {
    try {
      allowed = new URL(origin).host === req.headers.host;
    } catch {}
  }
  if (allowed) {
    // A same-origin post from a no-referrer page (every page that carries a token) says `Origin: null`;
    // Remix would take that for a forged origin and fail with a 500. Sec-Fetch-Site already vouched for it.
    if (origin === "null") delete req.headers.origin;
    return next();
  }
  // Refused unread: close the connection rather than read a body nobody wants.
  const hasBody = Boolean(req.headers["transfer-encoding"]) || Number(req.headers["content-length"] ?? 0) > 0;
  if (hasBody) closeAfterAnswer(req, res);
  res
    .status(403)
    .type("text/plain")
    .send("Cross-site form posts are not accepted · दूसरी साइट से भेजे गए फ़ॉर्म स्वीकार नहीं हैं");
}
