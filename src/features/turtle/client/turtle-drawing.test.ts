import { describe, expect, it } from 'vitest';
import { safePngName, usesTurtle } from './turtle-drawing.ts';

describe('the drawing panel', () => {
  it('downloads a program’s save() only as a plain .png name', () => {
    expect(safePngName('art.png')).toBe('art.png');
    expect(safePngName('pictures/../My Art (2).PNG')).toBe('My Art (2).PNG');
    expect(safePngName('C:\\Users\\x\\a.png')).toBe('a.png');
    expect(safePngName('evil.exe')).toBeUndefined();
    expect(safePngName('evil.png.exe')).toBeUndefined();
    expect(safePngName('.png')).toBeUndefined();
    expect(safePngName('a<script>.png')).toBe('a_script_.png');
    expect(safePngName('x'.repeat(200) + '.png')).toBeUndefined();
  });

  it('opens for programs that import turtle, in any of their files', () => {
    expect(usesTurtle([{ name: 'main.py', content: 'import turtle\n' }])).toBe(true);
    expect(usesTurtle([{ name: 'main.py', content: 'from turtle import *' }])).toBe(true);
    expect(usesTurtle([{ name: 'main.py', content: 'import math, turtle as t' }])).toBe(true);
    expect(usesTurtle([{ name: 'shapes.py', content: '  import turtle' }])).toBe(true);
    expect(usesTurtle([{ name: 'main.py', content: 'print("import turtle")\n# turtle' }])).toBe(false);
    expect(usesTurtle([{ name: 'notes.txt', content: 'import turtle' }])).toBe(false);
  });
});
