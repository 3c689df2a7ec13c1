// Small HTTP answers the routes share.

/** The 404 a loader throws (or a resource route returns) when what the address names is not there. */
export function notFound(headers?: HeadersInit): Response {
  return new Response("Not found", { status: 404, headers });
}

/**
 * A CSV download (a stream or the whole text): UTF-8, an attachment named `filename`, never stored by a cache
 * on the way (the files hold people's phone numbers).
 */
export function csvResponse(filename: string, body: ReadableStream<Uint8Array> | string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
