// Sends a Web response body to a node response. In place of @remix-run/node's writeReadableStreamToWritable,
// which writes React's stream chunk by chunk (a page is a dozen or more) and flushes the compressor after
// each: every chunk became its own compressed block and its own socket write, about a tenth of a page's CPU
// under load (issue 18). Here what the stream already holds goes out as one write, and the compressor is
// flushed only when the stream has nothing more for now, so a page whose later parts stream in still
// reaches the browser part by part. Writes wait for the socket to drain (a slow reader of a 50 MB export
// must not have it all pulled from the database into memory), and a client that leaves cancels the stream.
import type { Response as ExpressResponse } from "express";

type Flushable = { flush?: () => void };

/** Resolves to the read if it settles within this turn of the event loop, else to null. */
function readyNow<T>(read: Promise<T>): Promise<T | null> {
  return Promise.race([read, new Promise<null>((resolve) => setImmediate(() => resolve(null)))]);
}

function drained(res: ExpressResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

export async function writeBody(body: ReadableStream<Uint8Array>, res: ExpressResponse): Promise<void> {
  const reader = body.getReader();
  try {
    let read = reader.read();
    for (;;) {
      const first = await read;
      if (first.done) break;
      const chunks = [first.value];
      read = reader.read();
      let next = await readyNow(read);
      while (next && !next.done) {
        chunks.push(next.value);
        read = reader.read();
        next = await readyNow(read);
      }
      if (res.destroyed) {
        await reader.cancel().catch(() => {});
        return;
      }
      const flowing = res.write(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
      if (next?.done) break;
      // Nothing more yet: what was written goes to the browser now, not when the compressor's block fills.
      (res as unknown as Flushable).flush?.();
      if (!flowing) await drained(res);
    }
    res.end();
  } catch (error) {
    res.destroy(error as Error);
    throw error;
  }
}
