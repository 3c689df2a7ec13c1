// GET /i/:token/certificates/:programmeId.pdf: the person's own current certificate of a programme, from
// their personal link (no account). None while the programme is incomplete: a plain 404 in both languages.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { currentCertificate } from "#app/models/programmes/certificate.server.ts";
import {
  certificateFileName,
  certificatePdf,
  pdfResponse,
} from "#app/models/programmes/certificate-file.server.ts";
import { progressOf } from "#app/models/programmes/progress.server.ts";
import { resolvePersonalLink } from "#app/models/registration/registration.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { getEnv } from "#app/platform/env.server.ts";
import { clientIp } from "#app/web/auth.server.ts";
import { parseId } from "#app/web/params.ts";

const noCertificate = () =>
  new Response(
    "No certificate: this programme is not complete yet · कोई प्रमाण-पत्र नहीं: यह कार्यक्रम अभी पूरा नहीं हुआ है",
    { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } },
  );

// A resource route: no ErrorBoundary export (with one, Remix would render a page instead of the file).
export async function loader({ params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const access = await resolvePersonalLink(db, params.token, clientIp(context));
  if (!access.ok) return new Response("Not found", { status: access.status });
  const programmeId = parseId(params.programmeId);
  if (!programmeId) return noCertificate();
  // Only while completion holds (a certificate about to be revoked is not handed out).
  const progress = (await progressOf(db, access.link.appointeeId)).find((p) => p.programmeId === programmeId);
  const certificate = progress?.complete
    ? await currentCertificate(db, programmeId, access.link.appointeeId)
    : null;
  if (!certificate) return noCertificate();
  return pdfResponse(
    await certificatePdf(certificate, getEnv().PUBLIC_URL),
    certificateFileName(certificate.code),
  );
}
