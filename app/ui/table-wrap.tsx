// The box a wide table scrolls in on a narrow screen, so the page itself never scrolls sideways. A scrolling
// box must take focus for keyboard users to scroll it (axe: scrollable-region-focusable), and then it needs a
// name: a region called like its table. (A div, not a <section>: pages space their sections apart.)
export function TableWrap({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: see above
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region is scrolled with the keyboard once focused
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
