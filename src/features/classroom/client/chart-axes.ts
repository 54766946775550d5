// The class charts' axes: ticks where the figures are (whole exercises, whole days), in words people read.

export const DAY_S = 86_400;

/** A day tick (uPlot's time scale is in seconds): "3 Dec" or "Dec 3", as the reader's locale writes it. */
export function tickDay(seconds: number): string {
  return new Date(seconds * 1000).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

/** Ticks at exercise numbers only (every one, or every `incr`-th): no 0, no halves, nothing past the last. */
export function exerciseSplits(min: number, max: number, incr: number): number[] {
  const step = Math.max(1, Math.round(incr));
  const out: number[] = [];
  for (let k = Math.max(step, Math.ceil(min / step) * step); k <= max; k += step) out.push(k);
  return out;
}

/** The time scale's range for days given in seconds: from the first to the last, or half a day each side of one. */
export function dayRange(days: ArrayLike<number>): [number, number] {
  if (days.length === 0) return [0, DAY_S];
  const first = days[0];
  const last = days[days.length - 1];
  return first === last ? [first - DAY_S / 2, last + DAY_S / 2] : [first, last];
}
