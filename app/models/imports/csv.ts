// CSV helpers shared by the imports and the exports: decoding an upload, splitting it into records, and
// writing Excel-safe CSV.
//
// We use papaparse rather than splitting lines ourselves: it is a well-kept, widely used parser that handles
// Excel's quoting ("" inside quoted fields), embedded newlines in quoted cells, byte-order marks and
// malformed quotes (reported, not thrown), and it writes CSV by the same rules.
import Papa from "papaparse";

export const UTF8_BOM = "\uFEFF";

export type DecodeFailure = "utf16" | "notUtf8" | "binary";
export type DecodeResult = { ok: true; text: string } | { ok: false; reason: DecodeFailure };

// C0 controls other than tab, line feed, vertical tab, form feed and carriage return, and DEL: no text file
// has them (and PostgreSQL text cannot hold NUL).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const binaryCharacter = /[\u0000-\u0008\u000E-\u001F\u007F]/;

/**
 * An uploaded file's bytes as text: UTF-8 with or without a byte-order mark. UTF-16 (Excel's "Unicode text"),
 * other encodings and binary files are refused with a reason, never guessed at.
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodeResult {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    return { ok: false, reason: "utf16" };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: binaryCharacter.test(latin1Sample(bytes)) ? "binary" : "notUtf8" };
  }
  return checkCsvText(text);
}

/** Pasted text (already decoded by the browser): the same checks as a file, and the byte-order mark removed. */
export function checkCsvText(input: string): DecodeResult {
  const text = input.replace(/^\uFEFF+/, "");
  if (binaryCharacter.test(text)) return { ok: false, reason: "binary" };
  // U+FFFD stands for bytes the browser (or an editor) could not decode: the text is not what was meant.
  if (text.includes("\uFFFD")) return { ok: false, reason: "notUtf8" };
  return { ok: true, text };
}

function latin1Sample(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes.subarray(0, 4096)) out += String.fromCharCode(b);
  return out;
}

export type CsvProblem = { line: number; code: "unterminatedQuote" | "malformedQuotes" };
export type CsvRecords = {
  /** Every record in file order; records[i] is line i + 1 (a spreadsheet's row number). Blank lines stay. */
  records: string[][];
  problems: CsvProblem[];
};

/** The delimiter of the header line: a comma unless the line has more semicolons or tabs (some Excel locales). */
export function detectDelimiter(text: string): "," | ";" | "\t" {
  const end = text.indexOf("\n");
  const first = (end === -1 ? text : text.slice(0, end)).replace(/"[^"]*"/g, "");
  const count = (c: string) => first.split(c).length - 1;
  const commas = count(",");
  const semicolons = count(";");
  const tabs = count("\t");
  if (semicolons > commas && semicolons >= tabs) return ";";
  if (tabs > commas && tabs > semicolons) return "\t";
  return ",";
}

/**
 * Splits CSV text into records. Line ends may be CRLF, LF or CR (mixed, too); quoted cells may hold
 * delimiters, doubled quotes and line breaks. Line numbers count records, as a spreadsheet numbers rows.
 */
export function parseCsvRecords(text: string): CsvRecords {
  const normalised = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (!normalised) return { records: [], problems: [] };
  const result = Papa.parse<string[]>(normalised, {
    delimiter: detectDelimiter(normalised),
    newline: "\n",
    quoteChar: '"',
    escapeChar: '"',
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
  });
  const records = result.data;
  // A file ending in a line break yields one empty record at the end: it is not a line of the file.
  const last = records[records.length - 1];
  if (last && last.length === 1 && last[0] === "" && normalised.endsWith("\n")) records.pop();
  const problems: CsvProblem[] = [];
  const seen = new Set<number>();
  for (const error of result.errors) {
    if (error.type !== "Quotes" || error.row === undefined) continue;
    const line = Math.min(error.row, Math.max(records.length - 1, 0)) + 1;
    if (seen.has(line)) continue;
    seen.add(line);
    problems.push({ line, code: error.code === "MissingQuotes" ? "unterminatedQuote" : "malformedQuotes" });
  }
  return { records, problems };
}

/**
 * A header cell as a key: Unicode-normalised, lower case, runs of spaces and punctuation as one "_"
 * ("Name Hi", "NAME-HI", " name_hi " → "name_hi"; Devanagari letters and marks stay).
 */
export function normalizeHeader(cell: string): string {
  return cell
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "_")
    .replace(/^_+|_+$/g, "");
}

// A cell that Excel, LibreOffice or Google Sheets would run as a formula: = + - @, a tab or a carriage return
// first, or their full-width forms ＝＋－＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20), which some spreadsheets take for
// the ASCII ones. Papa's default pattern ends in `.*$` without the `s` flag, so it misses a formula followed
// by a line break; ours only looks at the start.
const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const guardedFormula = /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Neutralises a formula-looking cell with a leading apostrophe (phone numbers such as +9198… too: Excel then keeps them as text). */
export function neutraliseFormula(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/** Undoes {@link neutraliseFormula}, so an exported file imports again unchanged. */
export function stripFormulaGuard(value: string): string {
  return guardedFormula.test(value) ? value.slice(1) : value;
}

export type CsvCell = string | number | null | undefined;

/**
 * Rows as CSV text for Excel: CRLF after every row, quotes only where needed, formula-looking cells
 * neutralised. Prepend {@link UTF8_BOM} once at the start of a file so Excel reads it as UTF-8.
 */
export function formatCsvRows(rows: CsvCell[][]): string {
  if (rows.length === 0) return "";
  const text = Papa.unparse(
    rows.map((row) => row.map((cell) => (cell === undefined ? null : cell))),
    { newline: "\r\n", quotes: false, escapeFormulae: formulaStart, header: false, skipEmptyLines: false },
  );
  return `${text}\r\n`;
}
