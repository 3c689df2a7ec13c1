// Small HTTP answers the routes share.

/** The 404 a loader throws (or a resource route returns) when what the address names is not there. */
export function notFound(headers?: HeadersInit): Response {
  return new Response("Not found", { status: 404, headers });
}
