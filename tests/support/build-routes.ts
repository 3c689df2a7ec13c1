// The route list of the built server (build/index.js exports Remix's `routes`), each with its full URL
// pattern, for tests that must cover every route: a new route fails them until it is given examples.
import path from "node:path";
import { pathToFileURL } from "node:url";

export type BuiltRoute = { id: string; pattern: string; hasAction: boolean; hasLoader: boolean };

type ServerRoute = {
  id: string;
  parentId?: string;
  path?: string;
  module: { action?: unknown; loader?: unknown };
};

export async function builtRoutes(): Promise<BuiltRoute[]> {
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as {
    routes: Record<string, ServerRoute>;
  };
  const routes = build.routes;
  const patternOf = (route: ServerRoute): string => {
    const parent = route.parentId ? routes[route.parentId] : undefined;
    const base = parent ? patternOf(parent) : "";
    return route.path ? `${base.replace(/\/$/, "")}/${route.path}` : base || "/";
  };
  return Object.values(routes).map((route) => ({
    id: route.id,
    pattern: patternOf(route),
    hasAction: typeof route.module.action === "function",
    hasLoader: typeof route.module.loader === "function",
  }));
}
