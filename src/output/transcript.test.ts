import { describe, expect, it } from 'vitest';
import { Transcript, type TranscriptLimits } from './transcript.ts';

const small: TranscriptLimits = { headLines: 3, tailLines: 2, maxLineChars: 10, maxTextChars: 40 };

function texts(t: Transcript): (string | undefined)[] {
  return Array.from({ length: t.lineCount }, (_, i) =>
    t
      .line(i)
      ?.segments.map((s) => s.text)
      .join(''),
  );
}

describe('Transcript', () => {
  it('splits text into lines across appends and keeps an unfinished last line open', () => {
    const t = new Transcript();
    t.append('stdout', 'Name? ');
    expect(t.lineCount).toBe(1);
    expect(t.lastLineOpen).toBe(true);
    t.append('stdin', 'Ada\n');
    t.append('stdout', 'Hi Ada\n\n');
    expect(texts(t)).toEqual(['Name? Ada', 'Hi Ada', '']);
    expect(t.lastLineOpen).toBe(false);
    expect(t.line(0)!.segments).toEqual([
      { kind: 'stdout', text: 'Name? ' },
      { kind: 'stdin', text: 'Ada' },
    ]);
  });

  it('keeps stdout and stderr apart, in order', () => {
    const t = new Transcript();
    t.append('stdout', 'a');
    t.append('stderr', 'b\nc');
    t.append('stdout', 'd\n');
    expect(t.line(0)!.segments.map((s) => s.kind)).toEqual(['stdout', 'stderr']);
    expect(t.line(1)!.segments).toEqual([
      { kind: 'stderr', text: 'c' },
      { kind: 'stdout', text: 'd' },
    ]);
  });

  it('treats \\r\\n as a line break and a lone \\r as overwrite, also across appends', () => {
    const t = new Transcript();
    t.append('stdout', 'one\r');
    t.append('stdout', '\ntwo\r\n');
    t.append('stdout', '10%\r50%\r');
    t.append('stdout', '100%\n');
    expect(texts(t)).toEqual(['one', 'two', '100%']);
    expect(t.fullText()).toBe('one\r\ntwo\r\n10%\r50%\r100%\n');
  });

  it('keeps the first and last lines and counts the hidden middle', () => {
    const t = new Transcript(small);
    for (let i = 0; i < 10; i++) t.append('stdout', `${i}\n`);
    expect(t.lineCount).toBe(10);
    expect(t.headCount).toBe(3);
    expect(t.tailStart).toBe(8);
    expect(t.hiddenLines).toBe(5);
    expect(texts(t)).toEqual(['0', '1', '2', undefined, undefined, undefined, undefined, undefined, '8', '9']);
  });

  it('hides nothing while the output fits', () => {
    const t = new Transcript(small);
    t.append('stdout', 'a\nb\n');
    expect(t.hiddenLines).toBe(0);
    expect(t.tailStart).toBe(2);
    t.append('stdout', 'c\nd\ne\n');
    expect(t.hiddenLines).toBe(0);
    expect(texts(t)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('cuts very long lines for the screen and counts what was cut', () => {
    const t = new Transcript(small);
    t.append('stdout', 'x'.repeat(8));
    t.append('stderr', 'y'.repeat(7) + '\n');
    const line = t.line(0)!;
    expect(line.shown).toBe(10);
    expect(line.cut).toBe(5);
    expect(line.segments).toEqual([
      { kind: 'stdout', text: 'x'.repeat(8) },
      { kind: 'stderr', text: 'yy' },
    ]);
  });

  it('caps the full text, keeping its start and end and saying how much was omitted', () => {
    const t = new Transcript(small);
    t.append('stdout', 'A'.repeat(30));
    t.append('stdout', 'B'.repeat(30));
    t.append('stdout', 'C'.repeat(10));
    const full = t.fullText();
    expect(full.startsWith('A'.repeat(20) + '\n… [30 characters omitted] …\n')).toBe(true);
    expect(full.endsWith('B'.repeat(10) + 'C'.repeat(10))).toBe(true);
  });

  it('keeps 100,000 lines in order in the full text and the right ones on screen', () => {
    const t = new Transcript();
    let chunk = '';
    for (let i = 0; i < 100_000; i++) {
      chunk += `${i}\n`;
      if (i % 997 === 0) {
        t.append('stdout', chunk);
        chunk = '';
      }
    }
    t.append('stdout', chunk);
    const lines = t.fullText().split('\n');
    expect(lines.length).toBe(100_001);
    expect(lines.slice(0, -1).every((line, i) => line === String(i))).toBe(true);
    expect(t.line(0)!.segments[0].text).toBe('0');
    expect(t.line(999)!.segments[0].text).toBe('999');
    expect(t.line(1000)).toBeUndefined();
    expect(t.line(99_000)!.segments[0].text).toBe('99000');
    expect(t.line(99_999)!.segments[0].text).toBe('99999');
    expect(t.hiddenLines).toBe(98_000);
  });

  it('reports the lowest changed line once', () => {
    const t = new Transcript();
    expect(t.takeDirty()).toBe(Infinity);
    t.append('stdout', 'a\nb');
    expect(t.takeDirty()).toBe(0);
    t.append('stdout', 'c');
    expect(t.takeDirty()).toBe(1);
    expect(t.takeDirty()).toBe(Infinity);
  });
});
