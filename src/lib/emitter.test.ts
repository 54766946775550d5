import { describe, expect, it } from 'vitest';
import { Emitter } from './emitter.ts';

describe('Emitter', () => {
  it('calls every listener, each until it unsubscribes (also from inside a call)', () => {
    const emitter = new Emitter<number>();
    const a: number[] = [];
    const b: number[] = [];
    const stopA = emitter.subscribe((n) => a.push(n));
    const stopB = emitter.subscribe((n) => {
      b.push(n);
      stopB();
    });
    emitter.emit(1);
    emitter.emit(2);
    stopA();
    emitter.emit(3);
    expect(a).toEqual([1, 2]);
    expect(b).toEqual([1]);
  });
});
