import { GeneralErrorBoundary } from "#app/ui/error-boundary.tsx";

// Any address that no route matches: a translated 404 from the root error boundary.
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export const ErrorBoundary = GeneralErrorBoundary;
