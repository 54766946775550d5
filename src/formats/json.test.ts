import { describe, expect, it } from 'vitest';
import { parseJson } from './json.ts';

describe('parseJson', () => {
  it('parses ordinary JSON', () => {
    expect(parseJson('{"a":[1,"x"]}', 100)).toEqual({ ok: true, value: { a: [1, 'x'] } });
  });
  it('refuses text over the size cap before parsing it', () => {
    expect(parseJson('x'.repeat(2_000_001), 2_000_000)).toEqual({ ok: false, problem: 'it is larger than 2 MB' });
  });
  it('refuses damaged JSON and prototype keys, at any depth', () => {
    expect(parseJson('{"a":', 100).ok).toBe(false);
    expect(parseJson('{"a":{"__proto__":{"polluted":true}}}', 100)).toEqual({
      ok: false,
      problem: 'its data has a field called "__proto__", which is not allowed',
    });
    expect(parseJson('[{"constructor":1}]', 100).ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('finds prototype keys spelled with escapes, which a look at the text alone would miss', () => {
    expect(parseJson(String.raw`{"\u005f_proto__":{}}`, 100)).toEqual({
      ok: false,
      problem: 'its data has a field called "__proto__", which is not allowed',
    });
    expect(parseJson(String.raw`{"proto\u0074ype":1}`, 100).ok).toBe(false);
    expect(parseJson(String.raw`{"a":"\u0041 constructor in a value is fine"}`, 100)).toEqual({
      ok: true,
      value: { a: 'A constructor in a value is fine' },
    });
  });
});
