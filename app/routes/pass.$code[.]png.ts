// GET /pass/<pass id>.<signature>.png: a check-in pass's QR code as an image, for the confirmation email (mail
// clients block data: images). The address carries the pass and nothing else, never the personal link, so
// a mail image proxy that fetches it learns no more than the picture shows. No seat, no image.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { PASS_PREFIX } from "#app/models/registration/pass.ts";
import {
  findRegistrationByPass,
  passPng,
  verifyPassCode,
} from "#app/models/registration/registration-pass.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { notFound } from "#app/web/http.server.ts";

const headers = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow" };

// A resource route: no ErrorBoundary export (with one, Remix would render a page instead of the image).
export async function loader({ params }: LoaderFunctionArgs) {
  const code = `${PASS_PREFIX}${params.code ?? ""}`;
  // A made-up code costs no query: its signature is checked first.
  const passId = verifyPassCode(code);
  const registration = passId ? await findRegistrationByPass(getDb(), passId) : null;
  if (registration?.status !== "registered") return notFound(headers);
  return new Response(new Uint8Array(await passPng(code)), {
    headers: { ...headers, "Content-Type": "image/png" },
  });
}
