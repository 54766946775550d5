import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  MAX_DECODED_BYTES,
  decodeShare,
  encodeShare,
  isSafeFileName,
  shareFragment,
  shareable,
  shareUrl,
} from './share-link.ts';

function rawLink(json: unknown): string {
  const bytes = deflateSync(new TextEncoder().encode(typeof json === 'string' ? json : JSON.stringify(json)));
  return Buffer.from(bytes).toString('base64url');
}

describe('share links', () => {
  const project = {
    files: [
      { name: 'main.py', content: 'import helper\nprint(helper.greet("Zoë 🐍"))\n' },
      { name: 'helper.py', content: 'def greet(n):\n    return f"Hi {n}"\n' },
    ],
    main: 'main.py',
  };

  it('round-trips a project, unicode included', () => {
    const encoded = encodeShare(project);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeShare(encoded)).toEqual({ ok: true, project });
  });

  it('uses the documented format: base64url without padding of deflate-raw JSON', () => {
    const encoded = rawLink({ v: 1, files: [{ name: 'main.py', content: 'print(1)' }], main: 'main.py' });
    expect(decodeShare(encoded)).toEqual({
      ok: true,
      project: { files: [{ name: 'main.py', content: 'print(1)' }], main: 'main.py' },
    });
  });

  it('builds a full URL on the app address, replacing any old fragment', () => {
    const url = shareUrl('https://example.org/app/#share=old', project);
    expect(url.startsWith('https://example.org/app/#share=')).toBe(true);
    expect(shareFragment(new URL(url).hash)).toBe(encodeShare(project));
    expect(shareFragment('#other')).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc$def'],
    ['impossible length', 'abcde'],
    ['not deflate', 'AAAAAAAA'],
    ['cut off', encodeShare(project).slice(0, 30)],
    ['not JSON', rawLink('hello')],
    ['wrong version', rawLink({ v: 2, files: [{ name: 'main.py', content: '' }], main: 'main.py' })],
    ['no files', rawLink({ v: 1, files: [], main: 'main.py' })],
    ['main missing', rawLink({ v: 1, files: [{ name: 'a.py', content: '' }], main: 'main.py' })],
    ['path traversal', rawLink({ v: 1, files: [{ name: '../evil.py', content: '' }], main: '../evil.py' })],
    ['absolute path', rawLink({ v: 1, files: [{ name: '/etc/x.py', content: '' }], main: '/etc/x.py' })],
    [
      'duplicate names',
      rawLink({
        v: 1,
        files: [
          { name: 'main.py', content: '' },
          { name: 'main.py', content: '' },
        ],
        main: 'main.py',
      }),
    ],
    ['content not a string', rawLink({ v: 1, files: [{ name: 'main.py', content: 5 }], main: 'main.py' })],
  ])('refuses a link that is %s, with a message', (_why, encoded) => {
    const result = decodeShare(encoded);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^This share link cannot be opened: .+\.$/);
  });

  it('refuses a link whose code would be larger than the cap, without inflating it all', () => {
    // About 50 MB of zeros compress to about 50 KB: a small link, a big bomb.
    const bomb = deflateSync(new Uint8Array(50 * MAX_DECODED_BYTES), { level: 9 });
    const result = decodeShare(Buffer.from(bomb).toString('base64url'));
    expect(result).toEqual({ ok: false, error: 'This share link cannot be opened: its code is larger than 1 MB.' });
  });

  it('refuses an overlong fragment before decoding it', () => {
    const result = decodeShare('A'.repeat(3 * MAX_DECODED_BYTES));
    expect(result).toEqual({ ok: false, error: 'This share link cannot be opened: it is too long.' });
  });

  it('accepts safe nested names and refuses unsafe ones', () => {
    expect(isSafeFileName('data/points.csv')).toBe(true);
    for (const bad of ['', 'a//b', './a', 'a/../b', 'a\\b', 'tab\there', '/abs'])
      expect(isSafeFileName(bad)).toBe(false);
  });

  it('carries text files only: binary files are left out, by name, and a link never yields bytes', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const { files, leftOut } = shareable([
      { name: 'main.py', content: 'print(1)' },
      { name: 'plot.png', content: png },
      { name: 'data/beep.wav', content: new Uint8Array([0]) },
    ]);
    expect(files).toEqual([{ name: 'main.py', content: 'print(1)' }]);
    expect(leftOut).toEqual(['plot.png', 'data/beep.wav']);
    // Even if bytes reached the encoder, they would not reach the link.
    const sneaked = [...files, { name: 'plot.png', content: png as unknown as string }];
    expect(decodeShare(encodeShare({ files: sneaked, main: 'main.py' }))).toEqual({
      ok: true,
      project: { files: [{ name: 'main.py', content: 'print(1)' }], main: 'main.py' },
    });
    for (const content of [{ 0: 137, 1: 80 }, [137, 80]]) {
      const link = rawLink({
        v: 1,
        files: [
          { name: 'main.py', content: '' },
          { name: 'a.png', content },
        ],
        main: 'main.py',
      });
      expect(decodeShare(link).ok).toBe(false);
    }
  });
});
