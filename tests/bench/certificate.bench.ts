import { performance } from "node:perf_hooks";
import { type CertificateData, renderCertificatePdf } from "#app/certificates/certificate-pdf.server.ts";
import { certificateZipStream, type ZipEntry } from "#app/certificates/certificate-zip.server.ts";
import type { Bench } from "./run.ts";

// Certificates as a unit's organiser downloads them: every one a different person (names in both scripts,
// so shaping and font subsets change each time), the same programme, modules and labels.
const firstNames = ["सुनीता", "रमेश", "अन्नपूर्णा", "ज़ाकिर", "Priya", "Harsh", "क्षितिज", "श्रद्धा"];
const lastNames = ["देवी", "कुमार", "त्रिपाठी", "हुसैन", "Sharma", "Verma", "चतुर्वेदी", "मिश्र"];
const modules = [
  { name: { hi: "तथ्य-जाँच", en: "Fact-checking" }, date: "2026-12-09", place: "भोपाल" },
  { name: { hi: "प्लेटफ़ॉर्म कौशल", en: "Platform skills" }, date: "2027-01-14", place: "Indore" },
  {
    name: { hi: "बूथ डिजिटल नेटवर्क", en: "Booth digital network" },
    date: "2027-02-03",
    place: "सम्मेलन भवन, जबलपुर",
  },
  { name: { hi: "सोशल मीडिया सुरक्षा", en: "Social media safety" }, date: "2027-02-10", place: "ग्वालियर" },
];

function certificate(i: number): CertificateData {
  const code = `K7QM-${String(i).padStart(4, "0")}-9D4F`;
  return {
    code,
    verifyUrl: `https://shivir.example.org/verify/${code}`,
    personName: `${firstNames[i % 8]} ${lastNames[(i >> 3) % 8]} ${i}`,
    designation: { hi: "ज़िला पदाधिकारी", en: "District office-bearer" },
    committee: {
      hi: `राष्ट्रीय कार्यकर्ता समिति, मंडल ${i % 40}`,
      en: `National Workers' Committee, Mandal ${i % 40}`,
    },
    issuingUnit: { hi: "प्रदेश प्रशिक्षण प्रकोष्ठ", en: "State Training Cell" },
    programme: { hi: "डिजिटल प्रशिक्षण 2026", en: "Digital Training 2026" },
    modules,
    issuedOn: "2027-02-15",
  };
}

/** The largest certificate: a long name and eight long modules. */
function largest(): CertificateData {
  return {
    ...certificate(7),
    personName: "श्रीमती अन्नपूर्णा लक्ष्मीबाई विश्वनाथप्रसाद चतुर्वेदी-त्रिपाठी उर्फ़ Annapurna Chaturvedi-Tripathi",
    modules: Array.from({ length: 8 }, (_, i) => ({
      name: {
        hi: `मॉड्यूल ${i + 1}: सोशल मीडिया पर भ्रामक सूचनाओं की पहचान और उनका खंडन करने का व्यावहारिक अभ्यास`,
        en: `Module ${i + 1}: recognising misleading information on social media and answering it`,
      },
      date: `2026-0${i + 1}-2${i}`,
      place: "विधानसभा सम्मेलन भवन, महात्मा गांधी मार्ग, जबलपुर",
    })),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export default {
  figures: ["certificate_ms_median", "certificate_4000_s", "certificate_pdf_kb"],
  async run() {
    for (let i = 0; i < 50; i++) await renderCertificatePdf(certificate(i)); // fonts, wasm, JIT, label cache
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const data = certificate(1000 + i);
      const start = performance.now();
      await renderCertificatePdf(data);
      times.push(performance.now() - start);
    }
    const size = (await renderCertificatePdf(largest())).length / 1024;

    // 4,000 certificates through the zip stream, read as a response body would be (and dropped).
    async function* entries(): AsyncGenerator<ZipEntry> {
      for (let i = 0; i < 4000; i++) {
        const data = certificate(5000 + i);
        yield { fileName: `${data.personName}.pdf`, data: await renderCertificatePdf(data) };
      }
    }
    const start = performance.now();
    let bytes = 0;
    const reader = certificateZipStream(entries()).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.length;
    const seconds = (performance.now() - start) / 1000;
    if (bytes < 4000 * 10_000)
      throw new Error(`the zip is too small to hold 4,000 certificates: ${bytes} bytes`);
    return [
      { name: "certificate_ms_median", value: median(times), unit: "ms" },
      { name: "certificate_4000_s", value: seconds, unit: "s" },
      { name: "certificate_pdf_kb", value: size, unit: "KB" },
    ];
  },
} satisfies Bench;
