import { describe, expect, it } from 'vitest';
import { containsProxy, kindDifference, sameValue } from './compare-values.ts';

class Proxy {}
const isProxy = (v: unknown) => v instanceof Proxy;
const same = (a: unknown, b: unknown, tolerance = 0) => sameValue(a, b, tolerance, isProxy);

describe('sameValue on the harness’s tagged values', () => {
  it('tells a tuple from a list, and finds a set equal whatever its order', () => {
    expect(same(['tuple', 1, 2], ['tuple', 1, 2])).toBe(true);
    expect(same(['tuple', 1, 2], ['list', 1, 2])).toBe(false);
    expect(same(['set', 1, ['tuple', 2, 3]], ['set', ['tuple', 2, 3], 1])).toBe(true);
    expect(same(['set', 1, 2], ['set', 1, 3])).toBe(false);
    expect(same(['set', 1, 1.5], ['set', 1, 1.4], 0.2)).toBe(true);
  });

  it('matches dict keys exactly (tuples too) and values within the tolerance', () => {
    const grid = ['dict', [['tuple', 0, 1], 0.5], [['tuple', 1, 0], 2]];
    expect(same(grid, ['dict', [['tuple', 1, 0], 2], [['tuple', 0, 1], 0.5]])).toBe(true);
    expect(same(grid, ['dict', [['tuple', 1, 0], 2], [['tuple', 0, 1], 0.52]], 0.1)).toBe(true);
    expect(same(grid, ['dict', [['tuple', 1, 0], 2], [['tuple', 0, 1.01], 0.5]], 0.1)).toBe(false);
    expect(same(['dict', ['a', 1]], ['dict', ['b', 1]])).toBe(false);
    expect(same(['dict', ['a', 1]], ['dict', ['a', 1], ['b', 2]])).toBe(false);
  });

  it('finds objects, NaN and mixed types equal to nothing', () => {
    const p = new Proxy();
    expect(same(p, p)).toBe(false);
    expect(same(['list', p], ['list', p])).toBe(false);
    expect(same(NaN, NaN)).toBe(false);
    expect(same(1, true)).toBe(false);
    expect(same('1', 1)).toBe(false);
    expect(same(undefined, undefined)).toBe(true);
    expect(same(2n ** 70n, 2n ** 70n)).toBe(true);
    expect(same(2n ** 70n, 2 ** 70 + 0.5, 1)).toBe(true);
  });
});

describe('kindDifference', () => {
  it('names the first sequence of the wrong kind when that is the only difference', () => {
    expect(kindDifference(['list', 1], ['tuple', 1], 0, isProxy)).toBe('a tuple where a list was expected');
    expect(kindDifference(['dict', ['k', ['tuple', 1]]], ['dict', ['k', ['list', 1]]], 0, isProxy)).toBe(
      'a list where a tuple was expected',
    );
    expect(kindDifference(['list', ['list', 1], ['tuple', 2]], ['list', ['list', 1], ['list', 2]], 0, isProxy)).toBe(
      'a list where a tuple was expected',
    );
  });

  it('says nothing when the values differ otherwise', () => {
    expect(kindDifference(['list', 1], ['tuple', 2], 0, isProxy)).toBeUndefined();
    expect(kindDifference(['list', 1], ['set', 1], 0, isProxy)).toBeUndefined();
    expect(kindDifference(['list', 1], ['list', 1], 0, isProxy)).toBeUndefined();
  });
});

it('containsProxy looks inside tagged values', () => {
  expect(containsProxy(['list', ['dict', ['k', new Proxy()]]], isProxy)).toBe(true);
  expect(containsProxy(['list', ['dict', ['k', 1]]], isProxy)).toBe(false);
});
