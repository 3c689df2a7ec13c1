// The security headers of every response, set once here (helmet), whatever answers: a page, a file, a
// refusal. A route may set its own (the email preview's sandbox CSP); the ones that depend on the address
// (Referrer-Policy on token pages, Permissions-Policy, Cache-Control) are set again after the route's, so no
// route can weaken them.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";

/** The per-response nonce that lets Remix's (and React's) inline scripts run and nothing else. */
export function cspNonce(res: ServerResponse): string {
  return (res as unknown as { locals: { cspNonce: string } }).locals.cspNonce;
}

function newNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
}

const nonceSource = (_req: IncomingMessage, res: ServerResponse) => `'nonce-${cspNonce(res)}'`;

// Pages load only the portal's own files. Scripts: only those with the nonce, and what they load
// ('strict-dynamic': the route modules). Style attributes are allowed (React's style props, the server-drawn
// charts), <style> elements are not. The outbox shows an email in a frame of its own address. Forms post
// to the portal, and one redirects to WhatsApp (form-action is checked on redirects too).
const directives = {
  defaultSrc: ["'self'"],
  scriptSrc: [nonceSource, "'strict-dynamic'"],
  styleSrc: ["'self'"],
  styleSrcAttr: ["'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  frameSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  // The invitations page's WhatsApp button posts, and the answer redirects to WhatsApp in a new tab.
  formAction: ["'self'", "https://wa.me", "https://api.whatsapp.com"],
  frameAncestors: ["'none'"],
};

/** Pages whose address carries a secret (a personal link, a feed, a sign-in link, a pairing code). */
export function carriesToken(path: string): boolean {
  return (
    /^\/(i|calendar|pass)\//.test(path) || /^\/sign-in\/[^/]/.test(path) || /^\/tablet\/pair\b/.test(path)
  );
}

/** The tablet's pages scan pass codes with the camera; no other page may use it. */
export function isTabletPage(path: string): boolean {
  return path === "/tablet" || path.startsWith("/tablet/") || path.startsWith("/tablet.");
}

const deniedFeatures = "microphone=(), geolocation=(), payment=(), usb=()";

/**
 * What every answer must say whatever the route set: no Referer from a token page, the camera only for the
 * tablet, and never stored by a cache when it may hold personal data (a route's `private` caching included).
 */
export function enforceAddressHeaders(path: string, res: ServerResponse, dynamic: boolean) {
  if (carriesToken(path)) res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("Permissions-Policy", `camera=${isTabletPage(path) ? "(self)" : "()"}, ${deniedFeatures}`);
  if (!dynamic) return;
  const cacheControl = String(res.getHeader("Cache-Control") ?? "");
  if (!cacheControl || /\bprivate\b/i.test(cacheControl)) res.setHeader("Cache-Control", "no-store");
  // An image the portal draws (the pass in an email) is shown by mail clients from other sites.
  if (String(res.getHeader("Content-Type") ?? "").startsWith("image/"))
    res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
}

/** The middleware that sets them all, first thing for every request. */
export function securityHeaders({ production }: { production: boolean }) {
  const withHelmet = helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    // Over plain http (a development portal, a camp's LAN) HSTS would mean nothing, or lock out the LAN.
    strictTransportSecurity: production ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
    referrerPolicy: { policy: "same-origin" },
    xFrameOptions: { action: "deny" },
    crossOriginOpenerPolicy: { policy: "same-origin" },
    crossOriginResourcePolicy: { policy: "same-origin" },
  });
  return [
    newNonce,
    withHelmet,
    (req: Request, res: Response, next: NextFunction) => {
      enforceAddressHeaders(req.path, res, false);
      next();
    },
  ];
}
