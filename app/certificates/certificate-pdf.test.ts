// The certificate PDF read back three ways: its content stream (the glyph ids drawn, compared with a second
// shaping engine, fontkit, that the PDF path does not use), poppler's pdftotext (the words come back), and
// poppler's pdftoppm (the picture in test-results/, its QR code decoded, every word inside the frame and
// no two words on top of each other).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { inflateSync } from "node:zlib";
import * as fontkit from "fontkit";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import {
  type CertificateData,
  formatCertificateDate,
  renderCertificatePdf,
} from "./certificate-pdf.server.ts";

const words = [
  "क्षेत्र",
  "प्रशिक्षण",
  "सम्मेलन",
  "कार्यकर्ता",
  "श्रीमती",
  "ज़िला", // ज + nukta, as typed
  "\u095bिला", // ज़ precomposed
  "पदाधिकारी",
  "राष्ट्रीय",
  "विधानसभा",
  "हर्ष",
];

const base: CertificateData = {
  code: "K7QM-2XPA-9D4F",
  verifyUrl: "https://shivir.example.org/verify/K7QM-2XPA-9D4F",
  personName: "श्रीमती सुनीता देवी",
  designation: { hi: "ज़िला पदाधिकारी", en: "District office-bearer" },
  committee: { hi: "राष्ट्रीय कार्यकर्ता समिति, विधानसभा क्षेत्र 12", en: "National Workers' Committee, AC 12" },
  issuingUnit: { hi: "प्रदेश प्रशिक्षण प्रकोष्ठ", en: "State Training Cell" },
  programme: { hi: "डिजिटल प्रशिक्षण 2026", en: "Digital Training 2026" },
  modules: [
    { name: { hi: "तथ्य-जाँच", en: "Fact-checking" }, date: "2026-12-09", place: "भोपाल" },
    { name: { hi: "प्लेटफ़ॉर्म कौशल", en: "Platform skills" }, date: "2027-01-14", place: "Indore" },
    { name: { hi: "बूथ डिजिटल नेटवर्क", en: "Booth digital network" }, date: "2027-02-03", place: "सम्मेलन भवन" },
  ],
  issuedOn: "2027-02-05",
};

const longCertificate: CertificateData = {
  ...base,
  personName:
    "श्रीमती अन्नपूर्णा लक्ष्मीबाई विश्वनाथप्रसाद चतुर्वेदी-त्रिपाठी उर्फ़ Annapurna Lakshmibai Vishwanathprasad Chaturvedi-Tripathi",
  committee: {
    hi: "राष्ट्रीय कार्यकर्ता समिति, उत्तर-पश्चिम ज़िला, विधानसभा क्षेत्र 112, मंडल 7 का बूथ डिजिटल प्रकोष्ठ",
    en: "National Workers' Committee, North-West District, Assembly constituency 112, Mandal 7 booth digital cell",
  },
  programme: {
    hi: "राष्ट्रीय डिजिटल कार्यकर्ता प्रशिक्षण कार्यक्रम 2026-27: तथ्य-जाँच, प्लेटफ़ॉर्म कौशल और बूथ नेटवर्क",
    en: "National digital workers' training programme 2026-27: fact-checking, platform skills and the booth network",
  },
  modules: Array.from({ length: 8 }, (_, i) => ({
    name: {
      hi: `${words[i]} मॉड्यूल ${i + 1}: सोशल मीडिया पर भ्रामक सूचनाओं की पहचान और उनका खंडन करने का व्यावहारिक अभ्यास`,
      en: `Module ${i + 1}: recognising misleading information on social media and answering it, a practical exercise`,
    },
    date: `2026-${String(i + 1).padStart(2, "0")}-${String(i + 20)}`,
    place: "विधानसभा सम्मेलन भवन, महात्मा गांधी मार्ग, जबलपुर (मध्य प्रदेश)",
  })),
};

const resultsDir = path.resolve(import.meta.dirname, "../../test-results");
const work = mkdtempSync(path.join(tmpdir(), "certificate-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function save(name: string, pdf: Uint8Array): string {
  const file = path.join(work, name);
  writeFileSync(file, pdf);
  return file;
}

/** Every stream of the file, inflated, with its dictionary (our writer puts the dictionary just before). */
function streams(pdf: Uint8Array): { dict: string; data: Buffer }[] {
  const text = Buffer.from(pdf).toString("latin1");
  const found: { dict: string; data: Buffer }[] = [];
  for (const m of text.matchAll(/<<((?:(?!>>\s*stream).)*?)>>\s*stream\r?\n/gs)) {
    const length = Number(/\/Length (\d+)/.exec(m[1]!)![1]);
    const start = m.index! + m[0].length;
    const raw = Buffer.from(pdf.subarray(start, start + length));
    found.push({ dict: m[1]!, data: /FlateDecode/.test(m[1]!) ? inflateSync(raw) : raw });
  }
  return found;
}

/** The glyph ids drawn inside each ActualText span of the page, by the span's text. */
function glyphsBySpan(pdf: Uint8Array): Map<string, number[][]> {
  const content = streams(pdf)
    .map((s) => s.data.toString("latin1"))
    .find((s) => s.includes(" Tf") && s.includes("BT"))!;
  const spans = new Map<string, number[][]>();
  for (const m of content.matchAll(/\/Span << \/ActualText <FEFF([0-9a-f]*)> >> BDC(.*?)EMC/gs)) {
    const actual = Buffer.from(m[1]!, "hex").swap16().toString("utf16le");
    const ids = [...m[2]!.matchAll(/<([0-9a-f]{4})>/g)].map((g) => Number.parseInt(g[1]!, 16));
    spans.set(actual, [...(spans.get(actual) ?? []), ids]);
  }
  return spans;
}

const fontDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve("@fontsource/noto-sans-devanagari/package.json")),
  "files",
);
const fontkitFont = (file: string) => fontkit.openSync(path.join(fontDir, file));
const devanagari400 = fontkitFont("noto-sans-devanagari-devanagari-400-normal.woff");

describe("the certificate's Hindi is shaped as HarfBuzz and fontkit agree", { timeout: 60_000 }, () => {
  const data: CertificateData = {
    ...base,
    modules: words.map((word, i) => ({
      name: { hi: word, en: `Word ${i + 1}` },
      date: "2026-12-09",
      place: "Bhopal",
    })),
  };

  it("draws for each word the glyph ids fontkit gives for the same string and font", async () => {
    const pdf = await renderCertificatePdf(data);
    const spans = glyphsBySpan(pdf);
    for (const word of words) {
      const drawn = spans.get(word);
      expect(drawn, word).toBeDefined();
      const expected = devanagari400.layout(word).glyphs.map((g) => g.id);
      expect(expected.length, word).toBeGreaterThan(0);
      for (const ids of drawn!) expect(ids, word).toEqual(expected);
    }
  });

  it("sees a wrong glyph (the comparison can fail): unshaped letters differ from the shaped word", () => {
    const unshaped = [...words[0]!].map((c) => devanagari400.glyphForCodePoint(c.codePointAt(0)!).id);
    expect(unshaped).not.toEqual(devanagari400.layout(words[0]!).glyphs.map((g) => g.id));
  });

  it("embeds a subset that keeps the glyph ids: each drawn glyph has the original outline, unused ones are empty", async () => {
    const pdf = await renderCertificatePdf(data);
    const programs = streams(pdf).filter((s) => s.data.readUInt32BE(0) === 0x00010000);
    expect(programs.length).toBeGreaterThanOrEqual(2);
    const subset = programs
      .map((p) => fontkit.create(p.data))
      // The regular Devanagari program: as many glyphs as the source font, and head.macStyle without bold.
      .find(
        (f) =>
          f.numGlyphs === devanagari400.numGlyphs &&
          !(f as unknown as { head: { macStyle: { bold: boolean } } }).head.macStyle.bold,
      )!;
    const spans = glyphsBySpan(pdf);
    const drawn = new Set(words.flatMap((w) => spans.get(w) ?? []).flat());
    for (const id of drawn) {
      const original = devanagari400.getGlyph(id).path.toSVG();
      if (original) expect(subset.getGlyph(id).path.toSVG(), `glyph ${id}`).toBe(original);
    }
    const unused = [...Array(devanagari400.numGlyphs).keys()].filter((id) => !drawn.has(id));
    const emptyUnused = unused.filter((id) => subset.getGlyph(id).path.commands.length === 0);
    expect(emptyUnused.length).toBeGreaterThan(devanagari400.numGlyphs / 2);
    expect(pdf.length / 1024).toBeLessThan(120);
  });

  it("gives the words back through pdftotext (ToUnicode and ActualText)", async () => {
    const file = save("words.pdf", await renderCertificatePdf(data));
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    const found = new Set(text.split(/[\s,·:‘’।]+/));
    for (const word of [...words, "सुनीता", "प्रमाण-पत्र", "Certificate", "K7QM-2XPA-9D4F"]) {
      expect(found.has(word), word).toBe(true);
    }
    expect(text).toContain("9 दिसंबर 2026");
    expect(text).toContain("9 December 2026");
    expect(text).toContain(data.verifyUrl);
  });
});

type Box = { xMin: number; yMin: number; xMax: number; yMax: number; word: string };
/** Word boxes from poppler (pdftotext -bbox), in points from the top left. */
function wordBoxes(file: string): { page: { width: number; height: number }; words: Box[] } {
  const html = execFileSync("pdftotext", ["-bbox", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  const page = /<page width="([\d.]+)" height="([\d.]+)">/.exec(html)!;
  const boxes = [
    ...html.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ),
  ].map((m) => ({ xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, word: m[5]! }));
  return { page: { width: +page[1]!, height: +page[2]! }, words: boxes };
}

/** Renders page 1 at 80 dpi into test-results/<name>.png and returns the decoded image. */
function picture(file: string, name: string) {
  mkdirSync(resultsDir, { recursive: true });
  const out = path.join(resultsDir, name);
  execFileSync("pdftoppm", ["-png", "-r", "80", "-singlefile", file, out]);
  return PNG.sync.read(readFileSync(`${out}.png`));
}

function checkLayout(file: string) {
  const { page, words: boxes } = wordBoxes(file);
  expect(page.width).toBeCloseTo(841.89, 1); // A4 landscape
  expect(page.height).toBeCloseTo(595.28, 1);
  expect(boxes.length).toBeGreaterThan(40);
  for (const b of boxes) {
    // Inside the inner frame (26 pt from the edge).
    expect(b.xMin, b.word).toBeGreaterThan(26);
    expect(b.xMax, b.word).toBeLessThan(page.width - 26);
    expect(b.yMin, b.word).toBeGreaterThan(26);
    expect(b.yMax, b.word).toBeLessThan(page.height - 26);
  }
  const shrink = (b: Box) => ({
    ...b,
    yMin: b.yMin + (b.yMax - b.yMin) * 0.2,
    yMax: b.yMax - (b.yMax - b.yMin) * 0.2,
  });
  const overlapping: string[] = [];
  boxes.map(shrink).forEach((a, i, all) => {
    for (const b of all.slice(i + 1)) {
      if (a.xMin < b.xMax - 0.5 && b.xMin < a.xMax - 0.5 && a.yMin < b.yMax && b.yMin < a.yMax)
        overlapping.push(`${a.word} × ${b.word}`);
    }
  });
  expect(overlapping).toEqual([]);
  // Nothing drawn over the QR code (bottom right, 84 pt square at 64 pt from the right and 40 from the bottom).
  const qr = {
    xMin: page.width - 64 - 84,
    xMax: page.width - 64,
    yMin: page.height - 40 - 84,
    yMax: page.height - 40,
  };
  expect(
    boxes.filter((b) => b.xMax > qr.xMin && b.xMin < qr.xMax && b.yMax > qr.yMin && b.yMin < qr.yMax),
  ).toEqual([]);
  return boxes;
}

describe("the certificate's picture", { timeout: 60_000 }, () => {
  it("renders to test-results/certificate.png with a readable QR code, everything inside the frame", async () => {
    const file = save("certificate.pdf", await renderCertificatePdf(base));
    checkLayout(file);
    const png = picture(file, "certificate");
    expect([png.width, png.height]).toEqual([936, 662]);
    const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(qr?.data).toBe(base.verifyUrl);
  });

  it("fits a long name, long committee and programme and eight long modules (test-results/certificate-long.png)", async () => {
    const file = save("long.pdf", await renderCertificatePdf(longCertificate));
    const boxes = checkLayout(file);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    expect(text).toContain("Chaturvedi-Tripathi");
    for (let i = 1; i <= 8; i++) expect(text).toContain(`Module ${i}:`);
    expect(text).toContain("27 August 2026");
    expect(boxes.some((b) => b.word.includes("चतुर्वेदी-त्रिपाठी"))).toBe(true);
    const png = picture(file, "certificate-long");
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(base.verifyUrl);
  });

  it("stays under 120 KB with every field at its longest", async () => {
    expect((await renderCertificatePdf(longCertificate)).length / 1024).toBeLessThan(120);
  });
});

describe("certificate dates", () => {
  it("writes full month names in Hindi and English", () => {
    expect(formatCertificateDate("2026-12-09", "hi")).toBe("9 दिसंबर 2026");
    expect(formatCertificateDate("2026-12-09", "en")).toBe("9 December 2026");
    expect(formatCertificateDate("2027-02-28", "hi")).toBe("28 फ़रवरी 2027");
    expect(formatCertificateDate("2027-10-01", "hi")).toBe("1 अक्टूबर 2027");
  });

  it("refuses what is not a calendar day", () => {
    for (const bad of ["2026-02-30", "2026-13-01", "9/12/2026", "", "2026-12-09T00:00"])
      expect(() => formatCertificateDate(bad, "en"), bad).toThrow(/yyyy-mm-dd/);
  });
});
