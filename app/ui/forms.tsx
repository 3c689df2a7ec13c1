// The parts every form shares: a field's error under it, the form's own errors above it, and the
// aria-describedby wiring that lets a screen reader read a field's hint and error. Errors are translation keys
// (the schemas and the models speak in keys), translated here in the reader's language.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

type WithErrors = { errorId: string; errors?: string[] };

/** The ids that describe a field: its error (when it has one), then any hints. */
export function describedBy(field: WithErrors, ...more: (string | false | null | undefined)[]) {
  return [field.errors?.length ? field.errorId : "", ...more].filter(Boolean).join(" ") || undefined;
}

/** Translates a list of error keys into one sentence. */
export function useErrorText() {
  const { t } = useTranslation();
  return (keys: string[] | undefined) => keys?.map((key) => t(key)).join(" ");
}

/** A field's errors, under the field; `alert` announces them, `children` follow them (a link, a hint). */
export function FieldError({
  field,
  alert,
  children,
}: {
  field: WithErrors;
  alert?: boolean;
  children?: ReactNode;
}) {
  const errorText = useErrorText();
  if (!field.errors?.length) return null;
  return (
    <p id={field.errorId} className="field-error" role={alert ? "alert" : undefined}>
      {errorText(field.errors)}
      {children ? <> {children}</> : null}
    </p>
  );
}

/** The form's own errors (not tied to one field), above the form, announced. */
export function FormErrors({ form, children }: { form: WithErrors; children?: ReactNode }) {
  const errorText = useErrorText();
  if (!form.errors?.length) return null;
  return (
    <p id={form.errorId} className="notice error" role="alert">
      {errorText(form.errors)}
      {children ? <> {children}</> : null}
    </p>
  );
}
