// display() and the matplotlib backend are part of the app's Python. The
// backend is imported by matplotlib itself (MPLBACKEND names it), only when a
// program uses pyplot.
import displaySource from './playground_display.py?raw';
import mplSource from './playground_mpl.py?raw';

export const PICTURES_PYTHON: Record<string, string> = {
  'playground_display.py': displaySource,
  'playground_mpl.py': mplSource,
};
