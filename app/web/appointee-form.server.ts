// The action of the office-bearer form (/appointees/new and /appointees/:id): one model call with the form's
// values. A refusal goes back to the form; a phone or email someone already has is a 409 that names them
// when the reader may see them.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import type { z } from "zod";
import type { AppointeeResult } from "#app/models/organisation/appointee.server.ts";
import { replyWithRefusal } from "./form-action.server.ts";

/** What the form (app/ui/appointee-form.tsx) shows after a post: its errors, and who already has the phone. */
type AppointeeFormReply = {
  result: ReturnType<typeof replyWithRefusal>;
  existing: { id: number; name: string } | null;
  existingField: string | null;
};

export async function submitAppointeeForm<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  save: (value: z.output<S>) => Promise<AppointeeResult>,
  done: (saved: { id: number; changed: boolean }) => string,
) {
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") {
    return data<AppointeeFormReply>(
      { result: submission.reply(), existing: null, existingField: null },
      { status: 400 },
    );
  }
  const outcome = await save(submission.value);
  if (outcome.ok) throw redirect(done(outcome));
  return data<AppointeeFormReply>(
    {
      result: replyWithRefusal(submission, outcome),
      existing: outcome.existing ?? null,
      existingField: outcome.existing ? outcome.field : null,
    },
    { status: outcome.existing !== undefined ? 409 : 400 },
  );
}
