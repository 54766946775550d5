import { describe, expect, it } from 'vitest';
import { itemsText, type ShownItem } from '../model/output.ts';
import { TranscriptRecorder } from './recorder.ts';

const text = (stream: 'stdout' | 'stderr' | 'stdin', t: string): ShownItem => ({ kind: 'text', stream, text: t });
const picture = (bytes: number, alt: string): ShownItem => ({
  kind: 'display',
  mime: 'image/png',
  data: new Uint8Array(bytes),
  alt,
});

describe('TranscriptRecorder', () => {
  it('keeps short transcripts whole, merging text of a stream, pictures in place', () => {
    const r = new TranscriptRecorder(100);
    r.add(text('stdout', 'a'));
    r.add(text('stdout', 'b'));
    r.add(picture(3, 'dot'));
    r.add(text('stdin', 'c\n'));
    expect(r.result()).toEqual({
      items: [text('stdout', 'ab'), picture(3, 'dot'), text('stdin', 'c\n')],
      omittedChars: 0,
    });
  });

  it('keeps an explanation after the traceback it explains, even when the text budget is spent', () => {
    const r = new TranscriptRecorder(40);
    const note: ShownItem = { kind: 'explanation', case: 'c', file: 'main.py', line: 1, text: 't', hint: 'h' };
    r.add(text('stdout', 'x'.repeat(100)));
    r.add(text('stderr', 'Error\n'));
    r.add(note);
    const { items } = r.result();
    expect(items.at(-2)).toEqual(text('stderr', 'Error\n'));
    expect(items.at(-1)).toEqual(note);
  });

  it('keeps the start and end of a long transcript and notes what was left out', () => {
    const r = new TranscriptRecorder(40);
    for (let i = 0; i < 10; i++) r.add(text(i % 2 ? 'stderr' : 'stdout', String(i).repeat(10)));
    const { items, omittedChars } = r.result();
    const all = itemsText(items);
    expect(omittedChars).toBe(60);
    expect(all.startsWith('0'.repeat(10) + '1'.repeat(10) + '2'.repeat(10))).toBe(true);
    expect(all.endsWith('9'.repeat(10))).toBe(true);
    expect(all).toContain('[60 characters of output not kept in the history]');
  });

  it('keeps pictures up to their own budget, then says which were left out', () => {
    const r = new TranscriptRecorder(100, 10);
    r.add(picture(6, 'first'));
    r.add(picture(6, 'second'));
    r.add(picture(4, 'third'));
    const { items } = r.result();
    expect(items.map((i) => (i.kind === 'display' ? i.alt : i.text))).toEqual([
      'first',
      '[picture not kept in the history: second]\n',
      'third',
    ]);
  });
});
