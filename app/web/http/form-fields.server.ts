// Counting a form's fields while its body streams, so that a form of a million tiny fields is refused before
// any parser builds a million entries. The count may be higher than the parser's (an empty `&&` pair, a
// boundary string inside a file), never lower.

export type FieldCounter = (chunk: Uint8Array) => number;

const AMPERSAND = 0x26;

/** A counter for the body's media type, or null when it is not a form (JSON, text: no fields to count). */
export function formFieldCounter(contentType: string | undefined): FieldCounter | null {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return urlencodedCounter();
  if (type === "multipart/form-data") {
    const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
    const value = boundary?.[1] ?? boundary?.[2];
    return value ? multipartCounter(value) : null;
  }
  return null;
}

// name=value pairs joined by "&" (an "&" inside a value is sent as %26).
function urlencodedCounter(): FieldCounter {
  let fields = 1;
  return (chunk) => {
    for (let at = chunk.indexOf(AMPERSAND); at !== -1; at = chunk.indexOf(AMPERSAND, at + 1)) fields++;
    return fields;
  };
}

// Each part starts with "--boundary"; the closing delimiter adds one more. A delimiter may straddle two
// chunks, so the last bytes of one chunk are searched again with the next.
function multipartCounter(boundary: string): FieldCounter {
  const delimiter = Buffer.from(`--${boundary}`);
  let tail = Buffer.alloc(0);
  let delimiters = 0;
  return (chunk) => {
    const data = tail.length
      ? Buffer.concat([tail, chunk])
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let at = data.indexOf(delimiter); at !== -1; at = data.indexOf(delimiter, at + delimiter.length))
      delimiters++;
    tail = Buffer.from(data.subarray(Math.max(0, data.length - (delimiter.length - 1))));
    return Math.max(0, delimiters - 1);
  };
}
