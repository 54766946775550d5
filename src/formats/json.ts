// JSON from files and links that come from anywhere: size-capped, and with
// keys refused that could reach an object's prototype once merged elsewhere.

export type JsonResult = { ok: true; value: unknown } | { ok: false; problem: string };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Parses `text` as JSON; `problem` says why not, in words that fit after "… cannot be opened:". */
export function parseJson(text: string, maxChars: number): JsonResult {
  if (text.length > maxChars) {
    return { ok: false, problem: `it is larger than ${Math.round(maxChars / 1_000_000)} MB` };
  }
  let forbidden: string | undefined;
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) forbidden ??= key;
      return v;
    });
  } catch {
    return { ok: false, problem: 'it is damaged (its data is not valid JSON)' };
  }
  if (forbidden) return { ok: false, problem: `its data has a field called "${forbidden}", which is not allowed` };
  return { ok: true, value };
}
