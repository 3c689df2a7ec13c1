// The page's content stream: shaped text placed glyph by glyph (HarfBuzz's advances and mark offsets become
// TJ adjustments and text rise), lines, rectangles and a QR code as filled squares.
import { FontUse } from "./pdf-writer.server.ts";
import { pdfText } from "./pdf-writer.server.ts";
import { type ShapedRun, type Weight, shapeText, widthOf } from "./shaping.server.ts";

const num = (n: number) => (Math.round(n * 100) / 100).toString();
const hasDevanagari = (text: string) => /[\u0900-\u097f\ua8e0-\ua8ff]/.test(text);

export type Align = "left" | "center" | "right";

export class PageContent {
  private readonly ops: string[] = [];
  readonly fonts = new Map<string, FontUse>();

  constructor(
    readonly width: number,
    readonly height: number,
  ) {}

  /** The font resource for a face; `own` text (the person's name) gets resources of its own, so the glyph
   * sets of the others stay the same from one certificate to the next and their programs come from cache. */
  private fontFor(face: ShapedRun["face"], own: boolean): FontUse {
    const key = own ? `${face.key}:own` : face.key;
    let use = this.fonts.get(key);
    if (!use) {
      use = new FontUse(`F${this.fonts.size + 1}`, face);
      this.fonts.set(key, use);
    }
    return use;
  }

  /** Width in points of text at a size. */
  measure(text: string, size: number, weight: Weight = "regular"): number {
    return widthOf(shapeText(text, weight), size);
  }

  /** The size at most `size` at which text fits `maxWidth` (long names and module names shrink, never spill). */
  fit(text: string, size: number, maxWidth: number, weight: Weight = "regular"): number {
    const width = this.measure(text, size, weight);
    return width <= maxWidth ? size : Math.floor(((size * maxWidth) / width) * 100) / 100;
  }

  /** Draws one line of text with its baseline at y; x is its left, centre or right per align. */
  text(
    text: string,
    x: number,
    y: number,
    size: number,
    options: { weight?: Weight; align?: Align; ownFont?: boolean } = {},
  ) {
    if (!text) return;
    const runs = shapeText(text, options.weight ?? "regular");
    const width = widthOf(runs, size);
    const left = options.align === "center" ? x - width / 2 : options.align === "right" ? x - width : x;
    const actual = hasDevanagari(text);
    // ActualText gives copy and search the text in logical order (a matra like ि is drawn before its letter).
    if (actual) this.ops.push(`/Span << /ActualText ${pdfText(text)} >> BDC`);
    this.ops.push(`BT 1 0 0 1 ${num(left)} ${num(y)} Tm`);
    let pen = left;
    let textPos = left;
    let rise = 0;
    for (const run of runs) {
      const use = this.fontFor(run.face, options.ownFont ?? false);
      use.note(run);
      const face = run.face;
      const unit = size / face.upem;
      let tj = "";
      this.ops.push(`/${use.resourceName} ${num(size)} Tf`);
      for (const g of run.glyphs) {
        const glyphRise = g.yOffset * unit;
        if (Math.abs(glyphRise - rise) > 0.001) {
          if (tj) this.ops.push(`[${tj}] TJ`);
          tj = "";
          rise = glyphRise;
          this.ops.push(`${num(rise)} Ts`);
        }
        const target = pen + g.xOffset * unit;
        const adjust = ((textPos - target) * 1000) / size;
        if (Math.abs(adjust) > 0.05) tj += ` ${num(adjust)} `;
        tj += `<${g.id.toString(16).padStart(4, "0")}>`;
        textPos = target + (Math.round((face.advance(g.id) * 1000) / face.upem) * size) / 1000;
        pen += g.xAdvance * unit;
      }
      if (tj) this.ops.push(`[${tj}] TJ`);
    }
    if (rise) this.ops.push("0 Ts");
    this.ops.push("ET");
    if (actual) this.ops.push("EMC");
  }

  line(x1: number, y1: number, x2: number, y2: number, width: number, gray = 0) {
    this.ops.push(`${num(gray)} G ${num(width)} w ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S`);
  }

  rect(x: number, y: number, w: number, h: number, stroke: { width: number; gray: number }) {
    this.ops.push(
      `${num(stroke.gray)} G ${num(stroke.width)} w ${num(x)} ${num(y)} ${num(w)} ${num(h)} re S`,
    );
  }

  fillRect(x: number, y: number, w: number, h: number, gray: number) {
    this.ops.push(`${num(gray)} g ${num(x)} ${num(y)} ${num(w)} ${num(h)} re f 0 g`);
  }

  /** A QR matrix (size × size, dark = 1) as filled squares, its top-left corner at (x, top). */
  qr(modules: { size: number; data: ArrayLike<number> }, x: number, top: number, side: number) {
    const cell = side / modules.size;
    const parts: string[] = ["0 g"];
    for (let row = 0; row < modules.size; row++) {
      let col = 0;
      while (col < modules.size) {
        if (!modules.data[row * modules.size + col]) {
          col++;
          continue;
        }
        const start = col;
        while (col < modules.size && modules.data[row * modules.size + col]) col++;
        // Horizontal runs of dark modules as one rectangle: fewer operators, no hairline seams.
        parts.push(
          `${num(x + start * cell)} ${num(top - (row + 1) * cell)} ${num((col - start) * cell)} ${num(cell)} re`,
        );
      }
    }
    parts.push("f");
    this.ops.push(parts.join("\n"));
  }

  content(): string {
    return this.ops.join("\n");
  }
}
