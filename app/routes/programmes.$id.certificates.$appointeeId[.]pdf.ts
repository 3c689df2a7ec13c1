// GET /programmes/:id/certificates/:appointeeId.pdf: an organiser downloads one person's current certificate
// (the person must be visible in their scope).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { findVisibleAppointee } from "#app/models/organisation/appointee.server.ts";
import { currentCertificate } from "#app/models/programmes/certificate.server.ts";
import { getProgramme } from "#app/models/programmes/programme.server.ts";
import {
  certificateFileName,
  certificatePdf,
  pdfResponse,
} from "#app/models/programmes/certificate-file.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { getEnv } from "#app/platform/env.server.ts";
import { notFound } from "#app/web/http.server.ts";
import { requireOrganiser } from "#app/web/organiser.server.ts";
import { parseId } from "#app/web/params.ts";

// A resource route: no ErrorBoundary export (with one, Remix would render a page instead of the file).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiser(request);
  const db = getDb();
  const [programmeId, appointeeId] = [parseId(params.id), parseId(params.appointeeId)];
  if (!programmeId || !appointeeId || !(await findVisibleAppointee(db, scope, appointeeId)))
    return notFound();
  const certificate = await currentCertificate(db, programmeId, appointeeId);
  if (!certificate) return notFound();
  return pdfResponse(
    await certificatePdf(certificate, getEnv().PUBLIC_URL),
    certificateFileName(certificate.code),
  );
}
