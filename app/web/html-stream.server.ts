import { Transform } from "node:stream";

/**
 * React 18.3's stream writes its 2,048-byte chunks whole even when a multi-byte character (any Devanagari
 * letter) did not fit at the end, padding them with NUL bytes; a NUL inside the page's inline data script
 * becomes U+FFFD in the browser. NUL never belongs in our HTML (forms strip control characters, PostgreSQL
 * refuses it in text), so it is dropped.
 */
export function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? chunk.filter((byte) => byte !== 0) : chunk);
    },
  });
}
