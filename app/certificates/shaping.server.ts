// Text shaped with HarfBuzz (harfbuzzjs), the engine Chromium and Firefox draw Devanagari with, so conjuncts,
// matras, reph and nukta come out as a browser shows them. The fonts are Noto Sans Devanagari from
// @fontsource (split by script: a Devanagari file and a Latin one per weight); a string is cut into runs by
// the font that has its characters. Fonts are parsed once and shaped runs are cached (labels and module
// names repeat on every certificate).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as hb from "harfbuzzjs";
import { SubsettableFont, sfntBytes, woffTables } from "./font-file.server.ts";

export type Weight = "regular" | "bold";

export type FontFace = {
  /** Stable key, e.g. "devanagari-700", also the PDF font's base name suffix. */
  key: string;
  postscriptName: string;
  upem: number;
  ascender: number;
  descender: number;
  capHeight: number;
  bbox: [number, number, number, number];
  hbFont: hb.Font;
  file: SubsettableFont;
  /** Advance width of a glyph in font units (from hmtx). */
  advance(glyph: number): number;
  has(codePoint: number): boolean;
};

export type ShapedGlyph = { id: number; xAdvance: number; xOffset: number; yOffset: number };
/** A piece of text in one font: glyphs in visual order, and the text it stands for (for copy and search). */
export type ShapedRun = {
  face: FontFace;
  text: string;
  glyphs: ShapedGlyph[];
  /** Sum of advances in font units. */
  width: number;
  /** Pairs of [glyph id, characters] for the ToUnicode map. */
  unicode: [number, string][];
};

const require = createRequire(import.meta.url);
const fontDir = `${require.resolve("@fontsource/noto-sans-devanagari/package.json").slice(0, -"package.json".length)}files/`;

function loadFace(script: "devanagari" | "latin", weight: Weight): FontFace {
  const key = `${script}-${weight === "bold" ? 700 : 400}`;
  const tables = woffTables(readFileSync(`${fontDir}noto-sans-devanagari-${key}-normal.woff`));
  const hbFont = new hb.Font(new hb.Face(new hb.Blob(sfntBytes(tables))));
  const head = new DataView(tables.get("head")!.buffer, tables.get("head")!.byteOffset);
  const hhea = new DataView(tables.get("hhea")!.buffer, tables.get("hhea")!.byteOffset);
  const os2 = tables.get("OS/2");
  const os2View = os2 ? new DataView(os2.buffer, os2.byteOffset, os2.byteLength) : undefined;
  const unicodes = new Set(new hb.Face(new hb.Blob(sfntBytes(tables))).collectUnicodes());
  const advances = new Map<number, number>();
  return {
    key,
    postscriptName: `NotoSansDevanagari-${weight === "bold" ? "Bold" : "Regular"}`,
    upem: head.getUint16(18),
    bbox: [head.getInt16(36), head.getInt16(38), head.getInt16(40), head.getInt16(42)],
    ascender: hhea.getInt16(4),
    descender: hhea.getInt16(6),
    capHeight: os2View && os2View.byteLength >= 90 ? os2View.getInt16(88) : hhea.getInt16(4),
    hbFont,
    file: new SubsettableFont(tables),
    advance(glyph) {
      let width = advances.get(glyph);
      if (width === undefined) {
        width = hbFont.glyphHAdvance(glyph);
        advances.set(glyph, width);
      }
      return width;
    },
    has: (codePoint) => unicodes.has(codePoint),
  };
}

const faces = new Map<string, FontFace>();
/** The Devanagari face first, then the Latin one: spaces and punctuation the Devanagari file lacks go Latin. */
export function fallbackChain(weight: Weight): [FontFace, FontFace] {
  const get = (script: "devanagari" | "latin") => {
    const key = `${script}-${weight}`;
    let face = faces.get(key);
    if (!face) {
      face = loadFace(script, weight);
      faces.set(key, face);
    }
    return face;
  };
  return [get("devanagari"), get("latin")];
}

const isJoiner = (cp: number) => cp === 0x200c || cp === 0x200d || (cp >= 0x0300 && cp <= 0x036f);

/** Cut text into runs of one font each: a character goes to the first face that has it; joiners and
 * combining marks stay with the run before them so a cluster is never split. */
export function itemize(text: string, chain: FontFace[]): { face: FontFace; text: string }[] {
  const runs: { face: FontFace; text: string }[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    const last = runs.at(-1);
    const face = last && isJoiner(cp) ? last.face : (chain.find((f) => f.has(cp)) ?? chain.at(-1)!);
    if (last && last.face === face) last.text += char;
    else runs.push({ face, text: char });
  }
  return runs;
}

const buffer = new hb.Buffer();

/** Shape one run with HarfBuzz (script and direction guessed from the text, as a browser does). */
export function shapeRun(face: FontFace, text: string): ShapedRun {
  buffer.reset();
  buffer.addText(text);
  buffer.guessSegmentProperties();
  hb.shape(face.hbFont, buffer);
  const infos = buffer.getGlyphInfos();
  const positions = buffer.getGlyphPositions();
  const glyphs: ShapedGlyph[] = [];
  let width = 0;
  for (let i = 0; i < infos.length; i++) {
    const p = positions[i]!;
    glyphs.push({ id: infos[i]!.codepoint, xAdvance: p.xAdvance, xOffset: p.xOffset, yOffset: p.yOffset });
    width += p.xAdvance;
  }
  return { face, text, glyphs, width, unicode: unicodeOf(face, text, infos) };
}

/** What each glyph stands for: a glyph that is a cluster alone gets the cluster's text (a conjunct gets all
 * its letters); in a cluster of several glyphs a glyph that is some letter's own glyph gets that letter, and
 * the first remaining glyph gets what is left. Extraction order is fixed by ActualText in the PDF. */
function unicodeOf(face: FontFace, text: string, infos: hb.GlyphInfo[]): [number, string][] {
  const starts = [...new Set(infos.map((g) => g.cluster))].sort((a, b) => a - b);
  const out: [number, string][] = [];
  for (const [n, start] of starts.entries()) {
    const clusterText = text.slice(start, starts[n + 1] ?? text.length);
    const ids = infos.filter((g) => g.cluster === start).map((g) => g.codepoint);
    if (ids.length === 1) {
      out.push([ids[0]!, clusterText]);
      continue;
    }
    let rest = [...clusterText];
    const unmatched: number[] = [];
    for (const id of ids) {
      const index = rest.findIndex((c) => face.hbFont.nominalGlyph(c.codePointAt(0)!) === id);
      if (index >= 0) {
        out.push([id, rest[index]!]);
        rest = rest.filter((_, i) => i !== index);
      } else unmatched.push(id);
    }
    if (unmatched.length && rest.length) out.push([unmatched[0]!, rest.join("")]);
  }
  return out;
}

const cache = new Map<string, ShapedRun[]>();
const cacheLimit = 5000;

/** Shaped runs for a whole string in a weight, cached (a full cache is emptied: the labels come back first). */
export function shapeText(text: string, weight: Weight): ShapedRun[] {
  const key = `${weight}\u0000${text}`;
  let runs = cache.get(key);
  if (!runs) {
    if (cache.size >= cacheLimit) cache.clear();
    runs = itemize(text, fallbackChain(weight)).map((r) => shapeRun(r.face, r.text));
    cache.set(key, runs);
  }
  return runs;
}

/** Width in points of shaped runs at a font size. */
export const widthOf = (runs: ShapedRun[], size: number) =>
  runs.reduce((sum, r) => sum + (r.width * size) / r.face.upem, 0);
