// The one CSV stream writer (office-bearer and committee exports, an event's registrations): a file as a byte
// stream, read from the database in keyset pages, so a state's 520,000 rows never sit in memory at once.
import { type CsvCell, formatCsvRows, UTF8_BOM } from "./csv.ts";

export type CsvStreamOptions<Row> = {
  header: readonly string[];
  /** Up to `limit` rows whose key is above `after`, in key order. */
  fetchPage: (after: number, limit: number) => Promise<Row[]>;
  /** The row's key (an id): the next page starts after the last row's. */
  keyOf: (row: Row) => number;
  toCells: (row: Row) => CsvCell[];
  pageSize: number;
  /** The reader went away (closed tab, lost network): stop querying. */
  signal?: AbortSignal;
};

/**
 * A CSV file as a byte stream: a UTF-8 byte-order mark and the header, then one page of rows per pull (UTF-8,
 * CRLF, formula-looking cells neutralised). Each page is fetched when the client has taken the previous one.
 */
export function csvStream<Row>({
  header,
  fetchPage,
  keyOf,
  toCells,
  pageSize,
  signal,
}: CsvStreamOptions<Row>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = 0;
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (signal?.aborted) return controller.close();
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(UTF8_BOM + formatCsvRows([[...header]])));
          return;
        }
        const rows = await fetchPage(after, pageSize);
        if (rows.length) controller.enqueue(encoder.encode(formatCsvRows(rows.map(toCells))));
        if (rows.length < pageSize) controller.close();
        else after = keyOf(rows[rows.length - 1]!);
      },
    },
    { highWaterMark: 1 },
  );
}
