// A page may ship no JavaScript at all: a plain HTML form that works the same without React (tablet
// pairing, the first page a new tablet opens). Its route says so with `handle.scripts: false`; the root
// layout then leaves out Remix's scripts (React, the router, the page's module and strings). Such a page may
// still carry a few lines of its own inline script for small conveniences (the pairing code's check).
export type PageScriptsHandle = { scripts: false };

/** Whether the matched routes want Remix's scripts in the page (all do, unless one says `scripts: false`). */
export function pageScripts(matches: { handle?: unknown }[]): boolean {
  return !matches.some(
    (match) => (match.handle as Partial<PageScriptsHandle> | undefined)?.scripts === false,
  );
}
