// The zip is read back by another implementation (Python's zipfile): every certificate is there, whole, under
// its name; and the stream asks for the next certificate only after the reader has taken the previous one.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderCertificatePdf } from "./certificate-pdf.server.ts";
import {
  certificateZipReadable,
  certificateZipStream,
  safeZipName,
  type ZipEntry,
} from "./certificate-zip.server.ts";

const work = mkdtempSync(path.join(tmpdir(), "certificate-zip-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const person = (i: number) => (i % 2 ? `सुनीता देवी ${i}` : `Ravi Kumar ${i}`);

async function* certificates(count: number, onRequest: (index: number) => void): AsyncGenerator<ZipEntry> {
  for (let i = 0; i < count; i++) {
    onRequest(i);
    const data = await renderCertificatePdf({
      code: `K7QM-2XPA-${String(i).padStart(4, "0")}`,
      verifyUrl: `https://shivir.example.org/verify/K7QM-2XPA-${String(i).padStart(4, "0")}`,
      personName: person(i),
      designation: { hi: "ज़िला पदाधिकारी", en: "District office-bearer" },
      committee: { hi: "राष्ट्रीय कार्यकर्ता समिति", en: "National Workers' Committee" },
      issuingUnit: { hi: "प्रदेश प्रशिक्षण प्रकोष्ठ", en: "State Training Cell" },
      programme: { hi: "डिजिटल प्रशिक्षण 2026", en: "Digital Training 2026" },
      modules: [{ name: { hi: "तथ्य-जाँच", en: "Fact-checking" }, date: "2026-12-09", place: "भोपाल" }],
      issuedOn: "2027-02-05",
    });
    yield { fileName: `${person(i)}.pdf`, data };
  }
}

/** Python's zipfile lists the archive and checks every member's CRC. */
function pythonList(file: string): { names: string[]; sizes: number[]; bad: string | null } {
  const script = [
    "import json, sys, zipfile",
    "z = zipfile.ZipFile(sys.argv[1])",
    "print(json.dumps({'names': z.namelist(), 'sizes': [i.file_size for i in z.infolist()], 'bad': z.testzip()}))",
  ].join("\n");
  return JSON.parse(execFileSync("python3", ["-c", script, file], { encoding: "utf8" }));
}

// Timeouts: rendering takes ~5 ms a certificate on an idle machine, ten times that on a loaded shared one.
describe("the certificates zip", { timeout: 60_000 }, () => {
  it("holds every certificate under its name, whole", async () => {
    const count = 12;
    const sizes: number[] = [];
    const recording = (async function* () {
      for await (const entry of certificates(count, () => {})) {
        sizes.push(entry.data.length);
        yield entry;
      }
    })();
    const chunks: Uint8Array[] = [];
    for await (const chunk of certificateZipReadable(recording)) chunks.push(chunk);
    const file = path.join(work, "unit.zip");
    writeFileSync(file, Buffer.concat(chunks));
    const listed = pythonList(file);
    expect(listed.bad).toBeNull();
    expect(listed.names).toEqual(Array.from({ length: count }, (_, i) => `${person(i)}.pdf`));
    expect(listed.sizes).toEqual(sizes);
  });

  it("asks for the next certificate only when the reader has taken the previous one", async () => {
    // Entries that are ready at once: an eager stream would pull them all before the next macrotask.
    let requested = 0;
    const entries = (async function* () {
      for (let i = 0; i < 50; i++) {
        requested++;
        yield { fileName: `${i}.pdf`, data: new Uint8Array(30_000).fill(i) };
      }
    })();
    const reader = certificateZipStream(entries).getReader();
    await reader.read();
    await new Promise(setImmediate); // every pending microtask (and so every eager pull) has run
    expect(requested).toBe(1);
    let chunks = 1;
    while (requested < 3) {
      await reader.read();
      chunks++;
    }
    await new Promise(setImmediate);
    expect(requested).toBe(3);
    expect(chunks).toBeGreaterThanOrEqual(3); // two whole entries read before the third was asked for
    await reader.cancel();
  });

  it("keeps repeated names apart and strips folders, as a Node stream too", async () => {
    const pdf = new TextEncoder().encode("%PDF-1.7 stand-in");
    const entries: ZipEntry[] = [
      { fileName: "एक.pdf", data: pdf },
      { fileName: "एक.pdf", data: pdf },
      { fileName: "../../etc/passwd", data: pdf },
      { fileName: "", data: pdf },
    ];
    const chunks: Buffer[] = [];
    for await (const chunk of certificateZipReadable(entries)) chunks.push(chunk);
    const file = path.join(work, "names.zip");
    writeFileSync(file, Buffer.concat(chunks));
    expect(pythonList(file).names).toEqual(["एक.pdf", "एक (2).pdf", "-..-etc-passwd", "certificate.pdf"]);
    expect(safeZipName("a/b\\c\u0000.pdf")).toBe("a-b-c-.pdf");
  });

  it("fails the stream, rather than wrapping the count, past the zip's entry limit", async () => {
    const entries = Array.from({ length: 4 }, (_, i) => ({ fileName: `${i}.pdf`, data: new Uint8Array(10) }));
    const reader = certificateZipStream(entries, 3).getReader();
    const readAll = async () => {
      for (let r = await reader.read(); !r.done; r = await reader.read());
    };
    await expect(readAll()).rejects.toThrow(/at most 3 files/);
  });

  it("stops asking for certificates when the reader cancels", async () => {
    let requested = 0;
    const stream = certificateZipStream(certificates(1000, () => requested++));
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    expect(requested).toBeLessThanOrEqual(2);
  });
});
