// A list that renders only the rows near the screen (the window scrolls, rows have fixed heights), so a
// 1,000-person roster updates in a few milliseconds on every keystroke of a search.
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";

const OVERSCAN_PX = 400;

export function VirtualList<T>({
  items,
  heightOf,
  keyOf,
  render,
  renderedFor,
  resetKey,
}: {
  items: T[];
  heightOf: (item: T) => number;
  keyOf: (item: T) => string;
  render: (item: T) => ReactNode;
  /** Written to data-rendered-for, so a test can tell when the list shows a search's result. */
  renderedFor: string;
  /** When it changes (a new search), a list scrolled past its top goes back to it. */
  resetKey: string;
}) {
  const ref = useRef<HTMLUListElement>(null);
  const offsets = useMemo(() => {
    const list = new Array<number>(items.length + 1);
    list[0] = 0;
    for (let i = 0; i < items.length; i++) list[i + 1] = list[i]! + heightOf(items[i]!);
    return list;
  }, [items, heightOf]);
  // The part of the list on screen, in list coordinates; the first render assumes the top of it.
  const [viewport, setViewport] = useState({ top: 0, height: 1200 });
  const lastTop = useRef(0);
  lastTop.current = viewport.top;

  // From the last measured position, so that typing never forces the browser to lay the page out.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the search changes
  useEffect(() => {
    if (lastTop.current > 0) window.scrollBy(0, -lastTop.current - 8);
  }, [resetKey]);

  useEffect(() => {
    let frame = 0;
    const measure = () => {
      const element = ref.current;
      if (!element) return;
      const top = Math.round(-element.getBoundingClientRect().top);
      const height = window.innerHeight;
      setViewport((v) => (v.top === top && v.height === height ? v : { top, height }));
    };
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(measure);
    };
    measure();
    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("scroll", schedule);
      window.removeEventListener("resize", schedule);
    };
  }, []);

  const start = Math.max(0, firstAfter(offsets, viewport.top - OVERSCAN_PX) - 1);
  const end = Math.min(items.length, firstAfter(offsets, viewport.top + viewport.height + OVERSCAN_PX));
  const rows: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    const item = items[i]!;
    rows.push(
      <li
        key={keyOf(item)}
        className="virtual-row"
        style={{ transform: `translateY(${offsets[i]}px)`, height: heightOf(item) }}
      >
        {render(item)}
      </li>,
    );
  }
  return (
    <ul
      ref={ref}
      className="virtual-list"
      style={{ height: offsets[items.length] }}
      data-rendered-for={renderedFor}
      data-rows={items.length}
    >
      {rows}
    </ul>
  );
}

/** The index of the first offset greater than `value` (binary search over increasing offsets). */
function firstAfter(offsets: number[], value: number): number {
  let low = 0;
  let high = offsets.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (offsets[mid]! > value) high = mid;
    else low = mid + 1;
  }
  return low;
}
