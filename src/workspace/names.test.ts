import { describe, expect, it } from 'vitest';
import { fileNameWarning, freeName } from './names.ts';

describe('freeName', () => {
  it('keeps a free name and numbers a taken one before its extension', () => {
    expect(freeName('scratch.py', [])).toBe('scratch.py');
    expect(freeName('scratch.py', ['scratch.py', 'scratch2.py'])).toBe('scratch3.py');
    expect(freeName('My project', ['My project'])).toBe('My project2');
    expect(freeName('data.v1/notes', ['data.v1/notes'])).toBe('data.v1/notes2');
  });
});

describe('fileNameWarning', () => {
  const stdlib = new Set(['random', 'turtle', 'math']);
  it('warns about a name with no extension, suggesting a module name', () => {
    expect(fileNameWarning('my helper', stdlib)).toBe(
      '“my helper” has no extension, so it is not a Python file. To write Python in it, call it my_helper.py.',
    );
    expect(fileNameWarning('notes.', stdlib)).toContain('call it notes.py');
    expect(fileNameWarning('.hidden', stdlib)).toContain('no extension');
  });
  it('warns about a module that hides a standard one', () => {
    expect(fileNameWarning('random.py', stdlib)).toContain('“import random” would then load this file instead');
    expect(fileNameWarning('lib/turtle.py', stdlib)).toContain('my_turtle.py');
  });
  it('warns about .py names that import cannot use', () => {
    expect(fileNameWarning('my helper.py', stdlib)).toContain('my_helper.py would work');
    expect(fileNameWarning('2nd-try.py', stdlib)).toContain('_2nd_try.py would work');
    expect(fileNameWarning('class.py', stdlib)).toContain('my_class.py would work');
  });
  it('accepts ordinary module and data file names', () => {
    for (const name of ['helper.py', 'Game_2.py', 'données.py', 'data.csv', 'my notes.txt', 'img/cat.png'])
      expect(fileNameWarning(name, stdlib)).toBeUndefined();
  });
});
