// GET /calendar/<token>.ics: an appointee's private calendar feed (subscribed over https or webcal).
// A resource route: no ErrorBoundary, so every answer is plain text or the calendar itself.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarFeed } from "#app/models/calendar/calendar-feed.server.ts";
import { clientIp } from "#app/web/auth.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { getEnv } from "#app/platform/env.server.ts";

const plain = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });

export async function loader({ params, context }: LoaderFunctionArgs) {
  const outcome = await calendarFeed(getDb(), params.token, {
    ip: clientIp(context),
    publicUrl: getEnv().PUBLIC_URL,
  });
  if (!outcome.ok && outcome.error === "not-found") return plain("Not found", 404);
  if (!outcome.ok) {
    return plain("Too many requests", 429, { "Retry-After": String(outcome.retryAfterSeconds) });
  }
  return new Response(outcome.ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": "private, max-age=300",
      // A personal link: keep it out of search engines and referrers.
      "X-Robots-Tag": "noindex",
      "Referrer-Policy": "no-referrer",
    },
  });
}
