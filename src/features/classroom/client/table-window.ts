// Which of a line of items (rows down, or columns across) a scrolled view shows, for the Class progress table,
// which puts only those (and a few either side) in the page.

export interface Span {
  /** The first item drawn. */
  start: number;
  /** One past the last item drawn. */
  end: number;
}

/**
 * The items a view from `from` to `to` shows (any part of them), with `overscan` more either side. `edges[i]` is
 * where item i ends, counted from where the first begins (so item i spans `edges[i - 1] ?? 0` to `edges[i]`).
 */
export function itemsInView(edges: readonly number[], from: number, to: number, overscan: number): Span {
  const n = edges.length;
  let first = 0;
  while (first < n && edges[first] <= from) first++;
  let last = first;
  while (last < n && (edges[last - 1] ?? 0) < to) last++;
  return { start: Math.max(0, first - overscan), end: Math.min(n, last + overscan) };
}

/**
 * Whether a drawn span must be drawn again for a view showing the items `shown`: the view has come within `edge`
 * items of one of the span's ends (and there are more items past that end).
 */
export function nearEdge(drawn: Span, shown: Span, count: number, edge: number): boolean {
  return (drawn.start > 0 && shown.start < drawn.start + edge) || (drawn.end < count && shown.end > drawn.end - edge);
}

/** Where each item ends, from their widths (or heights). */
export function edgesOf(sizes: readonly number[]): number[] {
  let at = 0;
  return sizes.map((size) => (at += size));
}
