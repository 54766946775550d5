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

/** A setting that is on unless the learner turned it off (kept as `on`/`off`). */
function onUnlessOff(key: string): { load(): boolean; save(value: boolean): void } {
  return {
    load() {
      try {
        return localStorage.getItem(key) !== 'off';
      } catch {
        return true;
      }
    },
    save(value) {
      try {
        localStorage.setItem(key, value ? 'on' : 'off');
      } catch {
        // Storage blocked: the choice still applies to this visit.
      }
    },
  };
}

/** A setting that is off unless turned on (kept as `on`/`off`). */
function offUnlessOn(key: string): { load(): boolean; save(value: boolean): void } {
  const setting = onUnlessOff(key);
  return {
    load() {
      try {
        return localStorage.getItem(key) === 'on';
      } catch {
        return false;
      }
    },
    save: setting.save,
  };
}

/**
 * Teach mode shows the Teach and Class pages. It is a display choice, not an account: anyone may turn it on,
 * and what it shows (the teacher's drafts and the class's reports) is on this device only.
 */
const teach = offUnlessOn('playground:teach-mode');
export const loadTeachMode = teach.load;
export const saveTeachMode = teach.save;

/** Errors are explained in plain words unless the learner turned it off. */
const explain = onUnlessOff('playground:explain-errors');
export const loadExplain = explain.load;
export const saveExplain = explain.save;

/** Long lines wrap in the editor unless the learner turned it off (so nothing is cut off on small screens). */
const wrap = onUnlessOff('playground:wrap-lines');
export const loadWrap = wrap.load;
export const saveWrap = wrap.save;
