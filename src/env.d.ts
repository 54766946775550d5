/** The Pyodide folder relative to the app's base, e.g. `pyodide/v314.0.7/` (set by the Vite plugin). */
declare const __PYODIDE_PATH__: string;
declare const __PYODIDE_VERSION__: string;
/** Pyodide packages bundled into this build (lock keys), available offline from the first visit. */
declare const __BUNDLED_PACKAGES__: string[];
/** Default base URL other Pyodide packages are downloaded from. */
declare const __PACKAGE_SOURCE__: string;

declare module '*.py?raw' {
  const source: string;
  export default source;
}
/** A hash of the app's own Python (src/worker/py/), part of the memory snapshot's key. */
declare const __APP_PYTHON_HASH__: string;

declare module '*.json?raw' {
  const text: string;
  export default text;
}
