// TrueType bytes for the certificate: WOFF 1.0 unpacked to a plain sfnt (HarfBuzz reads no WOFF), and a
// subset that keeps the glyph ids (unused glyphs become empty), so the ids HarfBuzz returns are the ids the
// PDF draws (CID = glyph id, Identity) and a test can compare them with a second shaping engine.
import { inflateSync } from "node:zlib";

export type Tables = Map<string, Uint8Array>;

const tagAt = (b: Uint8Array, at: number) => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** The tables of a WOFF 1.0 file (each one zlib-compressed unless that would not have made it smaller). */
export function woffTables(woff: Uint8Array): Tables {
  const v = view(woff);
  if (tagAt(woff, 0) !== "wOFF") throw new Error("not a WOFF 1.0 font");
  const tables: Tables = new Map();
  const count = v.getUint16(12);
  for (let i = 0; i < count; i++) {
    const at = 44 + i * 20;
    const offset = v.getUint32(at + 4);
    const compLength = v.getUint32(at + 8);
    const origLength = v.getUint32(at + 12);
    const raw = woff.subarray(offset, offset + compLength);
    tables.set(tagAt(woff, at), compLength < origLength ? new Uint8Array(inflateSync(raw)) : raw);
  }
  return tables;
}

function checksum(data: Uint8Array): number {
  let sum = 0;
  const padded = data.length % 4 ? new Uint8Array(data.length + 4 - (data.length % 4)) : data;
  if (padded !== data) padded.set(data);
  const v = view(padded);
  for (let at = 0; at < padded.length; at += 4) sum = (sum + v.getUint32(at)) >>> 0;
  return sum;
}

/** A TrueType file (sfnt) from its tables, with table checksums and head's checkSumAdjustment. */
export function sfntBytes(tables: Tables): Uint8Array {
  const tags = [...tables.keys()].sort();
  const headerSize = 12 + tags.length * 16;
  let size = headerSize;
  for (const tag of tags) size += (tables.get(tag)!.length + 3) & ~3;
  const out = new Uint8Array(size);
  const v = view(out);
  const pow = 2 ** Math.floor(Math.log2(tags.length));
  v.setUint32(0, 0x00010000);
  v.setUint16(4, tags.length);
  v.setUint16(6, pow * 16);
  v.setUint16(8, Math.log2(pow));
  v.setUint16(10, tags.length * 16 - pow * 16);
  let offset = headerSize;
  let headOffset = -1;
  tags.forEach((tag, i) => {
    let data = tables.get(tag)!;
    if (tag === "head") {
      data = data.slice();
      view(data).setUint32(8, 0); // checkSumAdjustment is computed over the whole file below
      headOffset = offset;
    }
    const at = 12 + i * 16;
    for (let c = 0; c < 4; c++) out[at + c] = tag.charCodeAt(c);
    v.setUint32(at + 4, checksum(data));
    v.setUint32(at + 8, offset);
    v.setUint32(at + 12, data.length);
    out.set(data, offset);
    offset += (data.length + 3) & ~3;
  });
  if (headOffset >= 0) v.setUint32(headOffset + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}

/** Where each glyph's outline lies in glyf, from loca (short or long form as head says). */
function glyphRanges(tables: Tables): { starts: Uint32Array; glyf: Uint8Array } {
  const head = view(tables.get("head")!);
  const loca = view(tables.get("loca")!);
  const numGlyphs = view(tables.get("maxp")!).getUint16(4);
  const long = head.getInt16(50) === 1;
  const starts = new Uint32Array(numGlyphs + 1);
  for (let g = 0; g <= numGlyphs; g++) starts[g] = long ? loca.getUint32(g * 4) : loca.getUint16(g * 2) * 2;
  return { starts, glyf: tables.get("glyf")! };
}

/** The glyphs a composite glyph is built from (flags per the glyf table's component records). */
function components(outline: Uint8Array): number[] {
  if (outline.length < 10) return [];
  const v = view(outline);
  if (v.getInt16(0) >= 0) return [];
  const found: number[] = [];
  let at = 10;
  for (;;) {
    const flags = v.getUint16(at);
    found.push(v.getUint16(at + 2));
    at += 4 + (flags & 0x1 ? 4 : 2);
    if (flags & 0x8) at += 2;
    else if (flags & 0x40) at += 4;
    else if (flags & 0x80) at += 8;
    if (!(flags & 0x20)) return found;
  }
}

/** A font prepared once: its tables and outline index, ready to cut subsets from quickly. */
export class SubsettableFont {
  readonly numGlyphs: number;
  private readonly starts: Uint32Array;
  private readonly glyf: Uint8Array;
  private readonly kept: Tables;

  constructor(tables: Tables) {
    const { starts, glyf } = glyphRanges(tables);
    this.starts = starts;
    this.glyf = glyf;
    this.numGlyphs = starts.length - 1;
    // What a PDF TrueType program needs (ISO 32000 9.9): no cmap (CIDToGIDMap is Identity), no layout tables
    // (shaping is done), no names. These fonts carry no hinting tables (cvt, fpgm, prep).
    this.kept = new Map();
    for (const tag of ["hhea", "hmtx", "maxp", "cvt ", "fpgm", "prep"]) {
      const table = tables.get(tag);
      if (table) this.kept.set(tag, table);
    }
    const head = tables.get("head")!.slice();
    view(head).setInt16(50, 1); // long loca
    this.kept.set("head", head);
  }

  /** A TrueType file holding the outlines of `glyphs` (and their components) at their own ids, the rest empty. */
  subset(glyphs: Iterable<number>): Uint8Array {
    const wanted = new Set<number>();
    const queue = [0, ...glyphs]; // .notdef always
    while (queue.length) {
      const g = queue.pop()!;
      if (g >= this.numGlyphs || wanted.has(g)) continue;
      wanted.add(g);
      queue.push(...components(this.glyf.subarray(this.starts[g]!, this.starts[g + 1]!)));
    }
    let size = 0;
    for (const g of wanted) size += (this.starts[g + 1]! - this.starts[g]! + 3) & ~3;
    const glyf = new Uint8Array(size);
    const loca = new Uint8Array((this.numGlyphs + 1) * 4);
    const locaView = view(loca);
    let offset = 0;
    for (let g = 0; g < this.numGlyphs; g++) {
      locaView.setUint32(g * 4, offset);
      if (!wanted.has(g)) continue;
      const outline = this.glyf.subarray(this.starts[g]!, this.starts[g + 1]!);
      glyf.set(outline, offset);
      offset += (outline.length + 3) & ~3;
    }
    locaView.setUint32(this.numGlyphs * 4, offset);
    return sfntBytes(new Map([...this.kept, ["glyf", glyf.subarray(0, offset)], ["loca", loca]]));
  }
}
