// Many certificates as one zip, streamed: the zip is written as it is read, and the next certificate is
// asked for only when the reader has taken what came before (pull), so a unit's 4,000 certificates never
// sit in memory together. fflate writes the zip (no dependencies, streaming, UTF-8 names); the PDFs are
// stored, not deflated again: their streams are already Flate-compressed (docs/decisions, certificate-pdf).
import { Readable } from "node:stream";
import { Zip, ZipPassThrough } from "fflate";

export type ZipEntry = { fileName: string; data: Uint8Array };

export const maxEntries = 65_535;

/** A name safe to extract anywhere: no folders, no control characters, never empty, at most 120 characters. */
export function safeZipName(name: string): string {
  const cleaned = [...name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, "-").replace(/^[.\s]+/, "")]
    .slice(0, 120)
    .join("");
  return cleaned.trim() || "certificate.pdf";
}

/** Repeated names get " (2)", " (3)" before the extension, so extracting never overwrites a certificate. */
function uniqueName(name: string, seen: Map<string, number>): string {
  const count = (seen.get(name) ?? 0) + 1;
  seen.set(name, count);
  if (count === 1) return name;
  const dot = name.lastIndexOf(".");
  const candidate = dot > 0 ? `${name.slice(0, dot)} (${count})${name.slice(dot)}` : `${name} (${count})`;
  return uniqueName(candidate, seen);
}

/** A web stream of the zip of `entries`, pulling one entry from the iterable each time the reader wants more. */
export function certificateZipStream(
  entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>,
  limit = maxEntries,
): ReadableStream<Uint8Array> {
  const iterator =
    Symbol.asyncIterator in entries
      ? entries[Symbol.asyncIterator]()
      : (entries as Iterable<ZipEntry>)[Symbol.iterator]();
  const seen = new Map<string, number>();
  let entryCount = 0;
  let zip: Zip;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        zip = new Zip((error, chunk, final) => {
          if (error) return controller.error(error);
          if (chunk.length) controller.enqueue(chunk);
          if (final) controller.close();
        });
      },
      async pull() {
        const next = await iterator.next();
        if (next.done) return zip.end();
        // fflate writes no Zip64: past 65,535 entries the count would wrap. Fail loudly rather than corrupt.
        if (++entryCount > limit) throw new Error(`a certificates zip holds at most ${limit} files`);
        const file = new ZipPassThrough(uniqueName(safeZipName(next.value.fileName), seen));
        file.mtime = Date.now();
        zip.add(file);
        file.push(next.value.data, true);
      },
      async cancel() {
        zip.terminate();
        await iterator.return?.();
      },
    },
    // One entry's chunks at a time: pull() runs again only once the reader has emptied the queue.
    { highWaterMark: 1 },
  );
}

/** The same zip as a Node stream (for res.pipe or a file). */
export const certificateZipReadable = (entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>): Readable =>
  Readable.fromWeb(certificateZipStream(entries) as import("node:stream/web").ReadableStream<Uint8Array>);
