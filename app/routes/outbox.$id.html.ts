import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEmail } from "#app/mail/outbox.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { requireOutboxReader } from "#app/web/outbox-access.server.ts";
import { parseId } from "#app/web/params.ts";
import { notFound } from "#app/web/http.server.ts";
import { getEnv } from "#app/platform/env.server.ts";

// The email's own HTML, sandboxed: no scripts, no forms, nothing fetched but the portal's own images (the
// pass's QR code; a development portal serves it over http). Our emails link no other image.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOutboxReader(request);
  const id = parseId(params.id);
  const email = id ? await getEmail(getDb(), id) : null;
  if (!email?.html) return notFound();
  const portal = new URL(getEnv().PUBLIC_URL).origin;
  return new Response(email.html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": `sandbox; default-src 'none'; img-src data: ${portal}; style-src 'unsafe-inline'`,
      "X-Frame-Options": "SAMEORIGIN",
      "Cache-Control": "no-store",
    },
  });
}
