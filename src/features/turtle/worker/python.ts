// The turtle module is part of the app's Python: written next to the runner in
// the worker, imported by a program's own `import turtle` (only then: it is not
// in the memory snapshot, which stays as small as before).
import turtleSource from './turtle.py?raw';
import tkSource from './_turtle_tk.py?raw';

export const TURTLE_PYTHON: Record<string, string> = {
  'turtle.py': turtleSource,
  '_turtle_tk.py': tkSource,
};
