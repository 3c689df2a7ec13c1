// Certificates as files: one PDF (drawn from what the certificate certified when issued), or a zip of the
// current certificates of a programme for a unit's subtree or an event's invitees, rendered one at a time as
// the reader pulls (a unit's thousands never sit in memory together).
import { sql } from "kysely";
import { renderCertificatePdf } from "#app/certificates/certificate-pdf.server.ts";
import { certificateZipStream, type ZipEntry } from "#app/certificates/certificate-zip.server.ts";
import type { Database } from "#app/platform/db.server.ts";
import type { CertificateDetails } from "./certificate-details.ts";
import { istDate } from "./progress.server.ts";

export type IssuedCertificate = { code: string; details: CertificateDetails; issuedAt: Date };

export function certificatePdf(certificate: IssuedCertificate, publicUrl: string): Promise<Uint8Array> {
  return renderCertificatePdf({
    ...certificate.details,
    code: certificate.code,
    verifyUrl: `${publicUrl.replace(/\/$/, "")}/verify/${certificate.code}`,
    issuedOn: istDate(certificate.issuedAt),
  });
}

/** "certificate-K7QM-2XPA-9D4F.pdf": the code names the file (a name may hold any script). */
export function certificateFileName(code: string): string {
  return `certificate-${code}.pdf`;
}

export function pdfResponse(pdf: Uint8Array, fileName: string): Response {
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

const PAGE = 200;

/**
 * The current certificates of a programme for people in the unit's subtree (their issuing appointment's
 * committee there) or, with `eventId`, for the event's invitees; keyset-paged, rendered as the zip is read.
 */
export function certificatesZip(
  db: Database,
  publicUrl: string,
  filter: { programmeId: number; unitPath: string; eventId?: number },
): ReadableStream<Uint8Array> {
  async function* entries(): AsyncGenerator<ZipEntry> {
    let after = 0;
    for (;;) {
      const { rows } = await sql<IssuedCertificate & { id: number; personName: string }>`
        select ce.id, ce.code, ce.details, ce.issued_at
        from certificates ce
        where ce.programme_id = ${filter.programmeId} and ce.revoked_at is null and ce.id > ${after}
          and exists (
            select 1 from appointments a join committees c on c.id = a.committee_id join units u on u.id = c.unit_id
            where a.appointee_id = ce.appointee_id and a.active and starts_with(u.path, ${filter.unitPath}))
          ${filter.eventId === undefined ? sql`` : sql`and exists (select 1 from invitations i where i.event_id = ${filter.eventId} and i.appointee_id = ce.appointee_id)`}
        order by ce.id
        limit ${PAGE}`.execute(db);
      for (const row of rows) {
        yield { fileName: certificateFileName(row.code), data: await certificatePdf(row, publicUrl) };
      }
      if (rows.length < PAGE) return;
      after = rows.at(-1)!.id;
    }
  }
  return certificateZipStream(entries());
}
