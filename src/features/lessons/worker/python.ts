// The check harness is part of the app's Python, imported at start-up (so it is
// in the memory snapshot) after the runner it builds on.
import checksSource from './playground_checks.py?raw';

export const LESSONS_PYTHON: Record<string, string> = {
  'playground_checks.py': checksSource,
};
