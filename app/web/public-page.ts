// A page made for people who are not staff (an appointee's personal link, a paired tablet's roster) says so in
// its route's `handle.publicPage`. Unless staff are signed in, the root then shows only the brand and the
// language switch: no Sign in or Outbox leading away from the page.
export type PublicPageHandle = { publicPage: true };

/** Whether any matched route is a public page. */
export function isPublicPage(matches: { handle?: unknown }[]): boolean {
  return matches.some(
    (match) => (match.handle as Partial<PublicPageHandle> | undefined)?.publicPage === true,
  );
}
