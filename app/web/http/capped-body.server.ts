// A request body as the Web stream Remix reads, counted while it streams. Past the byte or field limit the
// server stops reading (the rest stays in the client's socket, not in our memory) and the request is refused
// with a 413 whatever the route makes of the cut-off body.
import type { IncomingMessage } from "node:http";
import type { BodyLimit } from "./body-limits.server.ts";
import { formFieldCounter } from "./form-fields.server.ts";

export type BodyRefusal = "too-large" | "too-many-fields";

/** What a route sees when it reads a body the server refused. */
export class BodyRefusedError extends Error {
  constructor(readonly refusal: BodyRefusal) {
    super(refusal === "too-large" ? "request body too large" : "too many form fields");
    this.name = "BodyRefusedError";
  }
}

export type CappedBody = {
  stream: ReadableStream<Uint8Array>;
  /** Why the body was refused, once it was. */
  refusal: () => BodyRefusal | null;
  /**
   * Reads what the route left unread, dropping it, until the body ends or passes a limit; so a route that
   * answers without reading (a redirect, a 403) cannot let an oversized body through unnoticed.
   */
  finish: () => Promise<void>;
};

/** The body of `req`, read only as fast as the route reads it; `onRefuse` is called once, at the limit. */
export function cappedBody(
  req: IncomingMessage,
  limit: BodyLimit,
  onRefuse: (why: BodyRefusal) => void,
): CappedBody {
  const countFields = formFieldCounter(req.headers["content-type"]);
  let bytes = 0;
  let refusal: BodyRefusal | null = null;
  let done = false; // ended, refused, or the client went away
  let dropping = false; // the route no longer reads: count and drop
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const settled: (() => void)[] = [];

  const settle = () => {
    done = true;
    for (const resolve of settled.splice(0)) resolve();
  };
  const refuse = (why: BodyRefusal) => {
    if (done) return;
    refusal = why;
    req.pause(); // stop reading: what the client still sends waits in its own buffers
    req.removeListener("data", onData);
    if (!dropping) controller.error(new BodyRefusedError(why));
    settle();
    onRefuse(why);
  };
  const onData = (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > limit.maxBytes) return refuse("too-large");
    if (countFields && countFields(chunk) > limit.maxFields) return refuse("too-many-fields");
    if (dropping) return;
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((controller.desiredSize ?? 0) <= 0) req.pause();
  };

  req.pause(); // a 'data' listener would otherwise start the flow before anyone reads
  req.on("data", onData);
  req.once("end", () => {
    if (done) return;
    if (!dropping) controller.close();
    settle();
  });
  req.once("close", () => {
    if (done) return;
    if (!dropping) controller.error(new Error("the client closed the connection"));
    settle();
  });

  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    pull() {
      req.resume();
    },
    cancel() {
      dropping = true;
    },
  });

  return {
    stream,
    refusal: () => refusal,
    finish: () => {
      if (done) return Promise.resolve();
      dropping = true;
      const finished = new Promise<void>((resolve) => settled.push(resolve));
      req.resume();
      return finished;
    },
  };
}
