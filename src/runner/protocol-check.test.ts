import { describe, expect, it } from 'vitest';
import { MAX_BINARY_FILE_BYTES } from '../model/files.ts';
import { checkFromWorker } from './protocol-check.ts';

describe('messages from Python’s side', () => {
  it('passes what the protocol allows', () => {
    const output = { type: 'output', id: 3, items: [{ kind: 'text', stream: 'stdout', text: 'hi\n' }] };
    expect(checkFromWorker(output)).toEqual(output);
    const done = { type: 'done', id: 3, status: 'error', durationMs: 2, error: { type: 'ValueError', message: 'x' } };
    expect(checkFromWorker(done)).toMatchObject(done);
  });

  it('drops unknown types, wrong shapes, markup-carrying pictures and oversized payloads', () => {
    expect(checkFromWorker({ type: 'check-passed', id: 1 })).toBeUndefined();
    expect(checkFromWorker({ type: 'done', id: 1, status: 'passed', durationMs: 0 })).toBeUndefined();
    expect(checkFromWorker('done')).toBeUndefined();
    expect(checkFromWorker(null)).toBeUndefined();
    const html = { kind: 'display', mime: 'text/html', data: new Uint8Array([60]), alt: '' };
    expect(checkFromWorker({ type: 'output', id: 1, items: [html] })).toBeUndefined();
    const flood = { kind: 'text', stream: 'stdout', text: 'x'.repeat(5_000_000) };
    expect(checkFromWorker({ type: 'output', id: 1, items: [flood] })).toBeUndefined();
    const turtle = (ops: unknown, strs: unknown) => ({ type: 'output', id: 1, items: [{ kind: 'turtle', ops, strs }] });
    expect(checkFromWorker(turtle(new Float64Array([3]), ['#000000']))).toBeDefined();
    expect(checkFromWorker(turtle(new Float64Array(2 ** 20 + 1), []))).toBeUndefined();
    expect(checkFromWorker(turtle([3], []))).toBeUndefined();
    expect(checkFromWorker(turtle(new Float64Array([3]), [1]))).toBeUndefined();
    expect(checkFromWorker(turtle(new Float64Array([3]), ['x'.repeat(4_000_001)]))).toBeUndefined();
    const explanation = (fields: Record<string, unknown>) => ({
      type: 'output',
      id: 1,
      items: [
        { kind: 'explanation', case: 'name-misspelt', file: 'main.py', line: 3, text: 't', hint: 'h', ...fields },
      ],
    });
    expect(checkFromWorker(explanation({}))).toBeDefined();
    expect(checkFromWorker(explanation({ text: 'x'.repeat(2001) }))).toBeUndefined();
    expect(checkFromWorker(explanation({ line: 1.5 }))).toBeUndefined();
    expect(checkFromWorker(explanation({ hint: undefined }))).toBeUndefined();
    const big = { kind: 'display', mime: 'image/png', data: new Uint8Array(4_000_001), alt: '' };
    expect(checkFromWorker({ type: 'output', id: 1, items: [big] })).toBeUndefined();
    const files = Array.from({ length: 201 }, (_, i) => ({ name: `f${i}.txt`, content: '' }));
    expect(checkFromWorker({ type: 'done', id: 1, status: 'ok', durationMs: 0, written: files })).toBeUndefined();
  });

  it('passes files a run wrote as text or bytes, bytes up to the cap of a project file', () => {
    const done = (content: unknown) => ({
      type: 'done',
      id: 1,
      status: 'ok',
      durationMs: 0,
      written: [{ name: 'plot.png', content }],
    });
    expect(checkFromWorker(done(new Uint8Array([0x89, 0x50])))).toBeDefined();
    expect(checkFromWorker(done(new Uint8Array(MAX_BINARY_FILE_BYTES)))).toBeDefined();
    expect(checkFromWorker(done(new Uint8Array(MAX_BINARY_FILE_BYTES + 1)))).toBeUndefined();
    expect(checkFromWorker(done([0x89, 0x50]))).toBeUndefined();
  });
});
