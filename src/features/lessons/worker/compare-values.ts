// How a call check compares what a function returned with what the check expects. Both values come from the
// harness's plain() (playground_checks.py), converted by Pyodide: numbers, text, booleans and None as themselves,
// and every container as an array tagged with its kind, ["tuple", 1, 2] or ["dict", [key, value], …]. The
// comparison is done here, on copies, and not by Python's ==, which the learner's objects can answer as they like.

/** A container's kind. Python finds a set equal to a frozenset, so both are "set". */
type Kind = 'list' | 'tuple' | 'dict' | 'set';
type Tagged = [Kind, ...unknown[]];

const isTagged = (value: unknown): value is Tagged => Array.isArray(value) && typeof value[0] === 'string';
const isPrimitive = (value: unknown) => value === null || value === undefined || typeof value !== 'object';

/** Equal as Python would find them, numbers within `tolerance`; an object the harness left as it was is equal to nothing. */
export function sameValue(
  expected: unknown,
  actual: unknown,
  tolerance: number,
  isProxy: (v: unknown) => boolean,
): boolean {
  if (isProxy(expected) || isProxy(actual)) return false;
  if (typeof expected === 'number' || typeof expected === 'bigint') {
    if (typeof actual !== 'number' && typeof actual !== 'bigint') return false;
    if (typeof expected === 'bigint' || typeof actual === 'bigint') {
      const whole = (n: number | bigint) => typeof n === 'bigint' || Number.isInteger(n);
      if (whole(expected) && whole(actual)) return BigInt(expected) === BigInt(actual);
      return Math.abs(Number(expected) - Number(actual)) <= tolerance;
    }
    if (Number.isNaN(expected) || Number.isNaN(actual)) return false;
    return expected === actual || Math.abs(expected - actual) <= tolerance;
  }
  if (!isTagged(expected) || !isTagged(actual)) return expected === actual;
  const [kind, ...want] = expected;
  const [actualKind, ...got] = actual;
  if (kind !== actualKind || want.length !== got.length) return false;
  if (kind === 'list' || kind === 'tuple') return want.every((item, i) => sameValue(item, got[i], tolerance, isProxy));
  if (kind === 'set') return sameMembers(want, got, (a, b) => sameValue(a, b, tolerance, isProxy));
  // A dict: keys are matched exactly (as a dict looks them up), values within the tolerance.
  const pairs = got as [unknown, unknown][];
  return (want as [unknown, unknown][]).every(([key, value]) => {
    const found = findMatch(
      key,
      pairs.map(([k]) => k),
      (a, b) => sameValue(a, b, 0, isProxy),
    );
    return found >= 0 && sameValue(value, pairs[found][1], tolerance, isProxy);
  });
}

/** Every item of `want` has a match in `got` (same sizes: so the two hold the same members). */
function sameMembers(want: unknown[], got: unknown[], same: (a: unknown, b: unknown) => boolean): boolean {
  return want.every((item) => findMatch(item, got, same) >= 0);
}

/** Where `item` is in `items`: at once for text, numbers and the like, by comparing for the rest. */
function findMatch(item: unknown, items: unknown[], same: (a: unknown, b: unknown) => boolean): number {
  if (isPrimitive(item)) {
    const at = items.indexOf(item);
    if (at >= 0) return at;
  }
  return items.findIndex((other) => same(item, other));
}

/**
 * When two values differ only in the kinds of their sequences, the first such difference in words ("a tuple
 * where a list was expected"), for the learner: the two print alike but for their brackets.
 */
export function kindDifference(
  expected: unknown,
  actual: unknown,
  tolerance: number,
  isProxy: (v: unknown) => boolean,
): string | undefined {
  const loose = (value: unknown): unknown =>
    isTagged(value)
      ? [
          value[0] === 'tuple' ? 'list' : value[0],
          ...value.slice(1).map((item) => (value[0] === 'dict' ? (item as unknown[]).map(loose) : loose(item))),
        ]
      : value;
  if (!sameValue(loose(expected), loose(actual), tolerance, isProxy)) return undefined;
  const first = (want: unknown, got: unknown): string | undefined => {
    if (!isTagged(want) || !isTagged(got)) return undefined;
    if (want[0] !== got[0]) return `a ${got[0]} where a ${want[0]} was expected`;
    if (want[0] === 'set') return undefined;
    if (want[0] === 'dict') {
      const pairs = got.slice(1) as [unknown, unknown][];
      for (const [key, value] of want.slice(1) as [unknown, unknown][]) {
        const at = findMatch(
          key,
          pairs.map(([k]) => k),
          (a, b) => sameValue(a, b, 0, isProxy),
        );
        const found = at >= 0 ? first(value, pairs[at][1]) : undefined;
        if (found) return found;
      }
      return undefined;
    }
    for (let i = 1; i < want.length; i++) {
      const found = first(want[i], got[i]);
      if (found) return found;
    }
    return undefined;
  };
  return first(expected, actual);
}

/** Whether a value holds something the harness left as an object (an expected value must not). */
export function containsProxy(value: unknown, isProxy: (v: unknown) => boolean): boolean {
  if (isProxy(value)) return true;
  if (Array.isArray(value)) return value.some((v) => containsProxy(v, isProxy));
  return false;
}
