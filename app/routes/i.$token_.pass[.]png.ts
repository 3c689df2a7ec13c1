// GET /i/:token/pass.png: the check-in pass's QR code as an image, for the confirmation email (mail
// clients block data: images). The personal link is the key; without a seat there is no pass.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { passCodeForLink, resolvePersonalLink } from "#app/models/registration/registration.server.ts";
import { passPng } from "#app/models/registration/registration-pass.server.ts";
import { clientIp } from "#app/web/auth.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { notFound } from "#app/web/http.server.ts";

const privateHeaders = {
  "Referrer-Policy": "same-origin",
  "Cache-Control": "private, no-store",
  "X-Robots-Tag": "noindex, nofollow",
};

// A resource route: no ErrorBoundary export (with one, Remix would render a page instead of the image).
export async function loader({ params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const access = await resolvePersonalLink(db, params.token, clientIp(context));
  if (!access.ok) {
    const retry: Record<string, string> =
      access.status === 429 ? { "Retry-After": String(access.retryAfterSeconds) } : {};
    return new Response("Not found", { status: access.status, headers: { ...privateHeaders, ...retry } });
  }
  const code = await passCodeForLink(db, access.link);
  if (!code) return notFound(privateHeaders);
  return new Response(new Uint8Array(await passPng(code)), {
    headers: { ...privateHeaders, "Content-Type": "image/png" },
  });
}
