/** The Pyodide folder relative to the app's base, e.g. `pyodide/v314.0.7/` (set by the Vite plugin). */
declare const __PYODIDE_PATH__: string;
declare const __PYODIDE_VERSION__: string;

declare module '*.py?raw' {
  const source: string;
  export default source;
}
