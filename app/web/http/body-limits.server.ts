// How much a request may send, by where it goes. The server counts every body while it streams and stops
// reading past its limit (capped-body.server.ts), so no route ever holds more than this in memory.
import { MAX_SYNC_BYTES } from "#app/models/attendance/attendance.ts";

const KB = 1024;
const MB = 1024 * KB;

/** A form of any page: what a person types fits many times over. */
export const FORM_MAX_BYTES = 64 * KB;
/** Resend's delivery events are a few KB each. */
export const WEBHOOK_MAX_BYTES = 256 * KB;
/** More fields than any page has; past it a form is refused before it is parsed. */
export const MAX_FORM_FIELDS = 1000;

/** `label` is the size a refusal names (for an upload, the file's limit rather than the body's). */
export type BodyLimit = { maxBytes: number; maxFields: number; label: string };

/**
 * The route's own path: Remix's client sends a page's form to `<path>.data` (and the home page's to
 * `/_root.data`), which must get the page's limit.
 */
export function routePath(path: string): string {
  if (path === "/_root.data") return "/";
  return path.endsWith(".data") ? path.slice(0, -".data".length) : path;
}

/** The limit for a body sent to `path` (a URL path without the query). */
export function bodyLimitFor(path: string, uploadMaxMb: number): BodyLimit {
  const route = routePath(path).replace(/\/+$/, "") || "/";
  const limit = (maxBytes: number, label = formatBytes(maxBytes)) => ({
    maxBytes,
    maxFields: MAX_FORM_FIELDS,
    label,
  });
  // The CSV upload: the file (or pasted text) up to UPLOAD_MAX_MB, plus a form's worth for the rest.
  if (route === "/imports") return limit(uploadBytes(uploadMaxMb) + FORM_MAX_BYTES, `${uploadMaxMb} MB`);
  if (route.startsWith("/webhooks/")) return limit(WEBHOOK_MAX_BYTES);
  if (route === "/tablet/sync") return limit(MAX_SYNC_BYTES);
  return limit(FORM_MAX_BYTES);
}

/** UPLOAD_MAX_MB in bytes: the largest CSV file (or pasted text) an import takes. */
export function uploadBytes(uploadMaxMb: number): number {
  return Math.floor(uploadMaxMb * MB);
}

/** "64 KB", "10 MB": a limit as people read it. */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Math.round((bytes / MB) * 10) / 10} MB`;
  return `${Math.round(bytes / KB)} KB`;
}
