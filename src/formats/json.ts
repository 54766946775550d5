// JSON from files and links that come from anywhere: size-capped, and with
// keys refused that could reach an object's prototype once merged elsewhere.

export type JsonResult = { ok: true; value: unknown } | { ok: false; problem: string };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAY_HOLD_FORBIDDEN = /__proto__|constructor|prototype|\\u/;

/** Parses `text` as JSON; `problem` says why not, in words that fit after "… cannot be opened:". */
export function parseJson(text: string, maxChars: number): JsonResult {
  if (text.length > maxChars) {
    return { ok: false, problem: `it is larger than ${Math.round(maxChars / 1_000_000)} MB` };
  }
  let forbidden: string | undefined;
  let value: unknown;
  try {
    // A reviver makes JSON.parse several times slower (200 reports: 150 ms more), so it only runs when the text
    // could hold a forbidden key: spelled out, or hidden behind a \u escape.
    value = MAY_HOLD_FORBIDDEN.test(text)
      ? JSON.parse(text, (key, v: unknown) => {
          if (FORBIDDEN_KEYS.has(key)) forbidden ??= key;
          return v;
        })
      : JSON.parse(text);
  } catch {
    return { ok: false, problem: 'it is damaged (its data is not valid JSON)' };
  }
  if (forbidden) return { ok: false, problem: `its data has a field called "${forbidden}", which is not allowed` };
  return { ok: true, value };
}
/** A piece of untrusted text as a message quotes it: at most 60 characters, escaped as in JSON. */
export const shown = (text: unknown) => {
  const s = String(text);
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s).slice(1, -1);
};

/**
 * Whether JSON text nests deeper than `max`, found by counting brackets outside strings (no parsing, no recursion):
 * JSON.parse and its reviver recurse, so 100,000 brackets must be refused before they get there.
 */
export function nestsDeeperThan(json: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      // After a backslash comes an escaped character, which never ends the string.
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** `parseJson`, after refusing data that nests deeper than `maxDepth` (checked first, without recursion). */
export function parseJsonCapped(text: string, maxChars: number, maxDepth: number): JsonResult {
  if (nestsDeeperThan(text, maxDepth)) {
    return { ok: false, problem: `its data nests more than ${maxDepth} levels deep` };
  }
  return parseJson(text, maxChars);
}

/** A valibot issue's path as a person reads it: `lessons[0].exercises[3].main`. */
export function jsonPath(items: readonly { key: unknown }[]): string {
  let out = '';
  for (const { key } of items) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out;
}
