// Keeps the open project across a reload the app makes itself (first visit,
// "Update now", repair), in sessionStorage: the learner's text must survive
// those even before it is saved on the device.
import type { ProjectState } from './project.ts';

const KEY = 'playground:stashed-project';

export function stashProject(state: ProjectState): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(state));
  } catch {
    // Storage blocked or full: the reload goes ahead; there is nothing better to do.
  }
}

/** The stashed project, once: reading it removes it. */
export function takeStashedProject(): ProjectState | undefined {
  try {
    const text = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    if (!text) return undefined;
    const state = JSON.parse(text) as ProjectState;
    const valid =
      Array.isArray(state.files) &&
      state.files.every((f) => typeof f?.name === 'string' && typeof f?.content === 'string') &&
      state.files.some((f) => f.name === state.main) &&
      state.files.some((f) => f.name === state.active);
    return valid ? state : undefined;
  } catch {
    return undefined;
  }
}
