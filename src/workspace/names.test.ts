import { describe, expect, it } from 'vitest';
import { freeName } from './names.ts';

describe('freeName', () => {
  it('keeps a free name and numbers a taken one before its extension', () => {
    expect(freeName('scratch.py', [])).toBe('scratch.py');
    expect(freeName('scratch.py', ['scratch.py', 'scratch2.py'])).toBe('scratch3.py');
    expect(freeName('My project', ['My project'])).toBe('My project2');
    expect(freeName('data.v1/notes', ['data.v1/notes'])).toBe('data.v1/notes2');
  });
});
