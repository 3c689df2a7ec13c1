// The part of fontkit 2 (the tests' second shaping engine) the tests use; it ships no types.
declare module "fontkit" {
  export type Glyph = { id: number; path: { commands: unknown[]; toSVG(): string } };
  export type Font = {
    numGlyphs: number;
    layout(text: string): { glyphs: Glyph[] };
    glyphForCodePoint(codePoint: number): Glyph;
    getGlyph(id: number): Glyph;
  };
  export function openSync(file: string): Font;
  export function create(data: Buffer): Font;
}
