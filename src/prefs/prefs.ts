// Small display preferences, kept in localStorage (not project data: losing
// them costs nothing, so they stay out of the storage module).
const FONT_KEY = 'playground:font-size';

export const FONT_SIZES = [12, 14, 16, 18, 20, 24, 28, 32, 40] as const;
export const DEFAULT_FONT_SIZE = 16;

export function loadFontSize(): number {
  try {
    const value = Number(localStorage.getItem(FONT_KEY));
    return (FONT_SIZES as readonly number[]).includes(value) ? value : DEFAULT_FONT_SIZE;
  } catch {
    return DEFAULT_FONT_SIZE;
  }
}

export function saveFontSize(size: number): void {
  try {
    localStorage.setItem(FONT_KEY, String(size));
  } catch {
    // Storage blocked: the size still applies to this visit.
  }
}

/** The next size up (+1) or down (-1), staying within FONT_SIZES. */
export function stepFontSize(size: number, direction: 1 | -1): number {
  const sizes = FONT_SIZES as readonly number[];
  const index = sizes.indexOf(size);
  const from = index < 0 ? sizes.indexOf(DEFAULT_FONT_SIZE) : index;
  return sizes[Math.min(sizes.length - 1, Math.max(0, from + direction))];
}

const EXPLAIN_KEY = 'playground:explain-errors';

/** Errors are explained in plain words unless the learner turned it off. */
export function loadExplain(): boolean {
  try {
    return localStorage.getItem(EXPLAIN_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function saveExplain(explain: boolean): void {
  try {
    localStorage.setItem(EXPLAIN_KEY, explain ? 'on' : 'off');
  } catch {
    // Storage blocked: the choice still applies to this visit.
  }
}

const WRAP_KEY = 'playground:wrap-lines';

/** Long lines wrap in the editor unless the learner turned it off (so nothing is cut off on small screens). */
export function loadWrap(): boolean {
  try {
    return localStorage.getItem(WRAP_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function saveWrap(wrap: boolean): void {
  try {
    localStorage.setItem(WRAP_KEY, wrap ? 'on' : 'off');
  } catch {
    // Storage blocked: the choice still applies to this visit.
  }
}
