// The one way an action handles a form: read it (app/web/form.server.ts), check it with the page's schema,
// run one use case, and either go where the use case says or send the form back with its errors in place.
// A refusal names a field (its error shows under that field) or none (above the form); both answer 400.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { z } from "zod";
import type { Refusal } from "#app/platform/result.ts";
import { readForm } from "./form.server.ts";

type Submission = {
  reply: (options?: {
    fieldErrors?: Record<string, string[]>;
    formErrors?: string[];
  }) => SubmissionResult<string[]>;
};

/** The form's reply for a use case's refusal: the error under its field, or above the form. */
export function replyWithRefusal(submission: Submission, refusal: Pick<Refusal, "error" | "field">) {
  return refusal.field
    ? submission.reply({ fieldErrors: { [refusal.field]: [refusal.error] } })
    : submission.reply({ formErrors: [refusal.error] });
}

/**
 * Parse with `schema` → `run` the use case → `done` (usually a redirect) or the form back with a 400.
 * `extra` adds fields to a refused form's data (say, the id of the record that already has this phone).
 */
export async function handleForm<
  Schema extends z.ZodType,
  Outcome extends { ok: boolean },
  Extra extends object = Record<never, never>,
>(
  request: Request,
  options: {
    schema: Schema;
    run: (value: z.output<Schema>) => Promise<Outcome>;
    done: (outcome: Extract<Outcome, { ok: true }>) => Response | Promise<Response>;
    extra?: (refusal: Extract<Outcome, { ok: false }> | null) => Extra;
  },
) {
  const submission = parseWithZod(await readForm(request), { schema: options.schema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), ...(options.extra?.(null) as Extra) }, { status: 400 });
  }
  const outcome = await options.run(submission.value);
  if (outcome.ok) return options.done(outcome as Extract<Outcome, { ok: true }>);
  const refusal = outcome as unknown as Extract<Outcome, { ok: false }> & Pick<Refusal, "error" | "field">;
  return data(
    { result: replyWithRefusal(submission, refusal), ...(options.extra?.(refusal) as Extra) },
    { status: 400 },
  );
}
