import { Link } from "@remix-run/react";

/**
 * Previous and next links around "page N" under a paged list; nothing when the list fits on one page.
 * Each page passes its own words (its area's strings) and how to link to another page of the same list.
 */
export function Pager({
  page,
  hasMore,
  href,
  label,
  current,
  previous,
  next,
}: {
  page: number;
  hasMore: boolean;
  href: (page: number) => string;
  /** The navigation's accessible name. */
  label: string;
  /** "Page 2", shown between the links. */
  current: string;
  previous: string;
  next: string;
}) {
  if (page <= 1 && !hasMore) return null;
  return (
    <nav className="pager" aria-label={label}>
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          {previous}
        </Link>
      ) : null}
      <span>{current}</span>
      {hasMore ? (
        <Link to={href(page + 1)} rel="next">
          {next}
        </Link>
      ) : null}
    </nav>
  );
}
