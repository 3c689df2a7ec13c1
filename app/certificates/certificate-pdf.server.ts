// The completion certificate as a one-page A4 landscape PDF: Hindi first, then English; the person's name as
// entered; the modules with date and place; the issuing unit; the verification code and a QR code to the
// verify page. Text is shaped with HarfBuzz and drawn with a glyph-id-preserving subset of Noto Sans
// Devanagari (docs/decisions, certificate-pdf).
import QRCode from "qrcode";
import { PageContent } from "./page-content.server.ts";
import { PdfWriter, pdfText } from "./pdf-writer.server.ts";

export type Bilingual = { hi: string; en: string };
export type CertificateData = {
  /** Verification code, e.g. "K7QM-2XPA-9D4F". */
  code: string;
  /** Absolute https URL of /verify/<code>, drawn as a QR code and printed. */
  verifyUrl: string;
  /** As entered, Devanagari or Latin. */
  personName: string;
  designation: Bilingual;
  committee: Bilingual;
  issuingUnit: Bilingual;
  programme: Bilingual;
  modules: { name: Bilingual /** ISO yyyy-mm-dd */; date: string; place: string }[];
  /** ISO yyyy-mm-dd */
  issuedOn: string;
};

// Written out rather than taken from Intl: ICU's data changes between Node versions, a certificate must not.
const months = {
  hi: ["जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"],
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
};

/** "2026-12-09" → "9 दिसंबर 2026" or "9 December 2026" (full month names, Western digits as on the forms). */
export function formatCertificateDate(iso: string, locale: "hi" | "en"): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const [year, month, day] = match ? [+match[1]!, +match[2]!, +match[3]!] : [0, 0, 0];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (!match || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    throw new Error(`certificate date is not a yyyy-mm-dd day: ${JSON.stringify(iso)}`);
  return `${day} ${months[locale][month - 1]} ${year}`;
}

const W = 841.89; // A4 landscape, points
const H = 595.28;
const MARGIN = 64;
const INNER = W - 2 * MARGIN;
const CENTER = W / 2;
const QR_SIDE = 84;
const FOOTER_TOP = 40 + QR_SIDE + 14; // the table ends above the footer (the QR code's top plus a gap)

/** Greedy word wrap to lines no wider than maxWidth at a size (a single long word gets a line of its own). */
function wrap(page: PageContent, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && page.measure(candidate, size) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

function drawModules(page: PageContent, modules: CertificateData["modules"], top: number) {
  const cols = { no: MARGIN, name: MARGIN + 28, date: MARGIN + 28 + 340, place: MARGIN + 28 + 340 + 170 };
  const widths = { name: 330, date: 160, place: INNER - (cols.place - MARGIN) };
  const headerH = 18;
  page.fillRect(MARGIN, top - headerH, INNER, headerH, 0.92);
  const hy = top - 12.5;
  page.text("क्र.", cols.no + 4, hy, 9, { weight: "bold" });
  page.text("मॉड्यूल · Module", cols.name, hy, 9, { weight: "bold" });
  page.text("दिनांक · Date", cols.date, hy, 9, { weight: "bold" });
  page.text("स्थान · Place", cols.place, hy, 9, { weight: "bold" });
  // Rows share what is left above the footer; eight modules keep the full size, more get smaller.
  const rowH = Math.min(25, (top - headerH - FOOTER_TOP) / Math.max(modules.length, 1));
  const scale = rowH / 25;
  const hiSize = 10.5 * scale;
  const enSize = 9 * scale;
  let y = top - headerH;
  modules.forEach((m, i) => {
    const first = y - 10.5 * scale;
    const second = y - 21 * scale;
    page.text(String(i + 1), cols.no + 4, first, hiSize);
    page.text(m.name.hi, cols.name, first, page.fit(m.name.hi, hiSize, widths.name));
    page.text(m.name.en, cols.name, second, page.fit(m.name.en, enSize, widths.name));
    const hiDate = formatCertificateDate(m.date, "hi");
    const enDate = formatCertificateDate(m.date, "en");
    page.text(hiDate, cols.date, first, page.fit(hiDate, hiSize, widths.date));
    page.text(enDate, cols.date, second, page.fit(enDate, enSize, widths.date));
    page.text(m.place, cols.place, first, page.fit(m.place, hiSize, widths.place));
    y -= rowH;
    page.line(MARGIN, y, MARGIN + INNER, y, 0.4, 0.75);
  });
}

function drawPage(page: PageContent, data: CertificateData, qr: QRCode.QRCode) {
  page.rect(20, 20, W - 40, H - 40, { width: 1.6, gray: 0.25 });
  page.rect(26, 26, W - 52, H - 52, { width: 0.5, gray: 0.45 });

  let y = H - 70;
  page.text("प्रमाण-पत्र", CENTER, y, 28, { weight: "bold", align: "center" });
  y -= 24;
  page.text("Certificate of Completion", CENTER, y, 15, { align: "center" });
  y -= 20;
  const unit = `${data.issuingUnit.hi} · ${data.issuingUnit.en}`;
  page.text(unit, CENTER, y, page.fit(unit, 11, INNER), { align: "center" });
  page.line(CENTER - 120, y - 9, CENTER + 120, y - 9, 0.6, 0.6);

  y -= 30;
  page.text("प्रमाणित किया जाता है कि · This is to certify that", CENTER, y, 11, { align: "center" });
  y -= 30;
  page.text(data.personName, CENTER, y, page.fit(data.personName, 24, INNER, "bold"), {
    weight: "bold",
    align: "center",
    ownFont: true,
  });
  y -= 22;
  const roleHi = `${data.designation.hi}, ${data.committee.hi}`;
  const roleEn = `${data.designation.en}, ${data.committee.en}`;
  page.text(roleHi, CENTER, y, page.fit(roleHi, 12, INNER), { align: "center" });
  y -= 16;
  page.text(roleEn, CENTER, y, page.fit(roleEn, 10.5, INNER), { align: "center" });
  y -= 22;
  for (const line of wrap(page, `ने ‘${data.programme.hi}’ के सभी आवश्यक मॉड्यूल पूर्ण किए हैं।`, 12, INNER).slice(
    0,
    2,
  )) {
    page.text(line, CENTER, y, page.fit(line, 12, INNER), { align: "center" });
    y -= 16;
  }
  for (const line of wrap(
    page,
    `has completed every required module of ‘${data.programme.en}’.`,
    10.5,
    INNER,
  ).slice(0, 2)) {
    page.text(line, CENTER, y, page.fit(line, 10.5, INNER), { align: "center" });
    y -= 15;
  }

  drawModules(page, data.modules, y - 4);

  // Footer: dates and code on the left, the QR code on the right.
  const qrX = W - MARGIN - QR_SIDE;
  page.qr(qr.modules, qrX, 40 + QR_SIDE, QR_SIDE);
  const textWidth = qrX - MARGIN - 16;
  const issued = `जारी करने की तिथि: ${formatCertificateDate(data.issuedOn, "hi")} · Issued on ${formatCertificateDate(data.issuedOn, "en")}`;
  const code = `सत्यापन कोड · Verification code: ${data.code}`;
  const verify = `सत्यापन · Verify: ${data.verifyUrl}`;
  let fy = 40 + QR_SIDE - 16;
  for (const [line, size] of [
    [issued, 10],
    [code, 10],
    [verify, 9],
  ] as const) {
    page.text(line, MARGIN, fy, page.fit(line, size, textWidth));
    fy -= 20;
  }
  page.text(
    "प्रमाण-पत्र की जाँच के लिए QR कोड स्कैन करें · Scan the QR code to check this certificate",
    MARGIN,
    fy,
    8,
  );
}

/** One certificate as PDF bytes. */
export async function renderCertificatePdf(data: CertificateData): Promise<Uint8Array> {
  const qr = QRCode.create(data.verifyUrl, { errorCorrectionLevel: "M" });
  const page = new PageContent(W, H);
  drawPage(page, data, qr);

  const pdf = new PdfWriter();
  const pagesRef = pdf.reserve();
  const fontRefs = [...page.fonts.values()].map((use) => `/${use.resourceName} ${use.write(pdf)} 0 R`);
  const contentRef = pdf.stream(page.content());
  const pageRef = pdf.add(
    `<< /Type /Page /Parent ${pagesRef} 0 R /MediaBox [0 0 ${W} ${H}] ` +
      `/Resources << /Font << ${fontRefs.join(" ")} >> >> /Contents ${contentRef} 0 R >>`,
  );
  pdf.set(pagesRef, `<< /Type /Pages /Kids [${pageRef} 0 R] /Count 1 >>`);
  const catalog = pdf.add(`<< /Type /Catalog /Pages ${pagesRef} 0 R /Lang (hi) >>`);
  const info = pdf.add(
    `<< /Title ${pdfText(`प्रमाण-पत्र · Certificate ${data.code}`)} /Producer (Shivir) ` +
      `/CreationDate (D:${data.issuedOn.replaceAll("-", "")}000000Z) >>`,
  );
  return pdf.finish(catalog, info);
}
