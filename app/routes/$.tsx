import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";
import { notFound } from "#app/web/http.server.ts";

// Any address that no route matches: a translated 404 from the root error boundary.
export async function loader() {
  throw notFound();
}

export default function NotFound() {
  return null;
}

export const ErrorBoundary = GeneralErrorBoundary;
