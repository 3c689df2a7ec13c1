import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEmail } from "#app/mail/outbox.server.ts";
import { getDb } from "#app/platform/db.server.ts";
import { requireOutboxReader } from "#app/web/outbox-access.server.ts";
import { parseId } from "#app/web/params.ts";
import { notFound } from "#app/web/http.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOutboxReader(request);
  const id = parseId(params.id);
  const email = id ? await getEmail(getDb(), id) : null;
  const attachment = email?.attachment as { filename: string; contentType: string; content: string } | null;
  if (!attachment) return notFound();
  const filename = attachment.filename.replace(/[^\w.-]+/g, "_");
  return new Response(Buffer.from(attachment.content, "base64"), {
    headers: {
      "Content-Type": attachment.contentType,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}
