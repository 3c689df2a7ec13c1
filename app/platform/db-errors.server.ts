/**
 * A PostgreSQL unique violation (23505), optionally on one named constraint: the database caught a
 * duplicate that a check before the insert could not (two requests at once). Callers answer it as a
 * validation message, never a 500.
 */
export function isUniqueViolation(
  error: unknown,
  constraint?: string,
): error is { constraint_name?: string } {
  const e = error as { code?: unknown; constraint_name?: unknown } | null;
  return e?.code === "23505" && (!constraint || e.constraint_name === constraint);
}
