// A small PDF 1.7 writer: numbered objects, Flate streams, a cross-reference table. The certificate needs one
// page, a few fonts and vector drawing; pdf-lib would add an object model we would only bypass (its text
// drawing cannot place shaped glyph ids), so this writes the file directly (docs/decisions, certificate-pdf).
import { deflateSync } from "node:zlib";
import type { ShapedRun } from "./shaping.server.ts";

const encoder = new TextEncoder();

export class PdfWriter {
  private readonly objects: (Uint8Array | undefined)[] = [];

  /** Reserve an object number (so objects can point at each other before they are written). */
  reserve(): number {
    this.objects.push(undefined);
    return this.objects.length;
  }

  set(ref: number, body: string): void {
    this.objects[ref - 1] = encoder.encode(`${ref} 0 obj\n${body}\nendobj\n`);
  }

  add(body: string): number {
    const ref = this.reserve();
    this.set(ref, body);
    return ref;
  }

  /** A Flate-compressed stream; `extra` goes into its dictionary. */
  stream(data: Uint8Array | string, extra = "", ref = this.reserve()): number {
    return this.packedStream(deflateSync(typeof data === "string" ? encoder.encode(data) : data), extra, ref);
  }

  /** A stream whose data is already Flate-compressed (a cached font program). */
  packedStream(packed: Uint8Array, extra = "", ref = this.reserve()): number {
    const head = encoder.encode(
      `${ref} 0 obj\n<< /Length ${packed.length} /Filter /FlateDecode ${extra}>>\nstream\n`,
    );
    const tail = encoder.encode("\nendstream\nendobj\n");
    const body = new Uint8Array(head.length + packed.length + tail.length);
    body.set(head);
    body.set(packed, head.length);
    body.set(tail, head.length + packed.length);
    this.objects[ref - 1] = body;
    return ref;
  }

  /** The file, with `root` as the catalog and `info` as the document information dictionary. */
  finish(root: number, info: number): Uint8Array {
    const header = encoder.encode("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
    const offsets: number[] = [];
    let size = header.length;
    for (const obj of this.objects) {
      if (!obj) throw new Error("a reserved PDF object was never written");
      offsets.push(size);
      size += obj.length;
    }
    const xref = [`xref\n0 ${this.objects.length + 1}\n0000000000 65535 f \n`];
    for (const at of offsets) xref.push(`${String(at).padStart(10, "0")} 00000 n \n`);
    xref.push(`trailer\n<< /Size ${this.objects.length + 1} /Root ${root} 0 R /Info ${info} 0 R >>\n`);
    xref.push(`startxref\n${size}\n%%EOF\n`);
    const tail = encoder.encode(xref.join(""));
    const out = new Uint8Array(size + tail.length);
    out.set(header);
    let at = header.length;
    for (const obj of this.objects) {
      out.set(obj!, at);
      at += obj!.length;
    }
    out.set(tail, at);
    return out;
  }
}

/** A PDF text string as UTF-16BE hex with a byte-order mark (any script, no escaping rules to get wrong). */
export function pdfText(text: string): string {
  let hex = "<FEFF";
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, "0");
  return `${hex}>`;
}

const hex4 = (n: number) => n.toString(16).padStart(4, "0");

// Compressed font programs by face and glyph set: labels, module names and committees repeat from one
// certificate to the next, so most programs are cut and compressed once (the name has a font of its own).
const programs = new Map<string, Uint8Array>();
const programLimit = 500;

function fontProgram(face: ShapedRun["face"], ids: number[]): Uint8Array {
  const key = `${face.key}:${ids.join(",")}`;
  let packed = programs.get(key);
  if (!packed) {
    if (programs.size >= programLimit) programs.delete(programs.keys().next().value!); // the oldest goes
    packed = deflateSync(face.file.subset(ids));
    programs.set(key, packed);
  }
  return packed;
}

/** The glyphs and characters one font drew in a document, collected while the page is laid out. */
export class FontUse {
  readonly glyphs = new Set<number>();
  readonly unicode = new Map<number, string>();
  constructor(
    readonly resourceName: string,
    readonly face: ShapedRun["face"],
  ) {}

  note(run: ShapedRun): void {
    for (const g of run.glyphs) this.glyphs.add(g.id);
    for (const [id, text] of run.unicode) if (!this.unicode.has(id)) this.unicode.set(id, text);
  }

  /** Writes the Type0 font (CIDFontType2, Identity-H, CID = glyph id) with its subset and ToUnicode map. */
  write(pdf: PdfWriter): number {
    const face = this.face;
    const scale = 1000 / face.upem;
    const ids = [...this.glyphs].sort((a, b) => a - b);
    // A subset tag from the glyph set, as ISO 32000 9.6.4 asks (six capitals, then +).
    let hash = 7;
    for (const id of ids) hash = (hash * 31 + id) >>> 0;
    let tag = "";
    for (let i = 0; i < 6; i++, hash = Math.floor(hash / 26)) tag += String.fromCharCode(65 + (hash % 26));
    const name = `${tag}+${face.postscriptName}`;

    const file = pdf.packedStream(fontProgram(face, ids));
    const [x0, y0, x1, y1] = face.bbox.map((v) => Math.round(v * scale));
    const descriptor = pdf.add(
      `<< /Type /FontDescriptor /FontName /${name} /Flags 4 /FontBBox [${x0} ${y0} ${x1} ${y1}] /ItalicAngle 0 ` +
        `/Ascent ${Math.round(face.ascender * scale)} /Descent ${Math.round(face.descender * scale)} ` +
        `/CapHeight ${Math.round(face.capHeight * scale)} /StemV 80 /FontFile2 ${file} 0 R >>`,
    );
    const widths = ids.map((id) => `${id} [${Math.round(face.advance(id) * scale)}]`).join(" ");
    const cidFont = pdf.add(
      `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name} ` +
        `/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> ` +
        `/FontDescriptor ${descriptor} 0 R /W [${widths}] /CIDToGIDMap /Identity >>`,
    );
    const toUnicode = pdf.stream(this.toUnicodeCMap());
    return pdf.add(
      `<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H ` +
        `/DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`,
    );
  }

  private toUnicodeCMap(): string {
    const entries = [...this.unicode].sort((a, b) => a[0] - b[0]);
    const lines = [
      "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
      "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
      "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ];
    for (let i = 0; i < entries.length; i += 100) {
      const block = entries.slice(i, i + 100);
      lines.push(`${block.length} beginbfchar`);
      for (const [id, text] of block) lines.push(`<${hex4(id)}> ${pdfText(text).replace("<FEFF", "<")}`);
      lines.push("endbfchar");
    }
    lines.push("endcmap CMapName currentdict /CMap defineresource pop end end");
    return lines.join("\n");
  }
}
