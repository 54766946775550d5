import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_BINARY_FILE_BYTES } from '../model/files.ts';
import { unzipFiles, zipFiles } from './project-zip.ts';

/** A zip with entries as given, names unchecked (as an attacker would write them). */
const rawZip = (entries: Record<string, Uint8Array | string>) =>
  zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])));

describe('project zips', () => {
  it('round-trips a project, inside a folder that becomes its name', () => {
    const files = [
      { path: 'data/points.csv', content: '1,2\n' },
      { path: 'main.py', content: 'print("héllo")\n' },
    ];
    const result = unzipFiles(zipFiles(files, 'My project'));
    expect(result).toEqual({ ok: true, files, folder: 'My project', skipped: [] });
    expect(unzipFiles(zipFiles(files))).toEqual({ ok: true, files, folder: undefined, skipped: [] });
  });

  it('refuses path traversal and absolute paths, importing nothing', () => {
    for (const bad of ['../evil.py', 'a/../../evil.py', '/etc/passwd', 'a\\..\\b.py']) {
      const result = unzipFiles(rawZip({ 'main.py': 'ok', [bad]: 'x' }));
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.error).toContain('unsafe path');
    }
  });

  it('refuses too many files', () => {
    const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}.py`, 'x']));
    const result = unzipFiles(rawZip(many), { maxEntries: 10, maxTotalBytes: 1e6, maxFileBytes: 1e6 });
    expect(result).toEqual({ ok: false, error: 'This archive cannot be imported: it has more than 10 files.' });
  });

  it('stops a zip bomb while inflating, whatever sizes it declares', () => {
    const limits = { maxEntries: 100, maxTotalBytes: 5_000_000, maxFileBytes: 2_000_000 };
    const bomb = rawZip({ 'big.txt': new Uint8Array(30_000_000) });
    expect(bomb.length).toBeLessThan(100_000);
    expect(unzipFiles(bomb, limits)).toEqual({
      ok: false,
      error: 'This archive cannot be imported: "big.txt" is larger than 2 MB when unpacked.',
    });
    const many = rawZip(
      Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`p${i}.txt`, new Uint8Array(1_500_000)])),
    );
    expect(unzipFiles(many, limits)).toEqual({
      ok: false,
      error: 'This archive cannot be imported: it is larger than 5 MB when unpacked.',
    });
  });

  it('refuses what is not a zip, or is cut off', () => {
    expect(unzipFiles(strToU8('just text')).ok).toBe(false);
    const cut = zipFiles([{ path: 'main.py', content: 'x'.repeat(10_000) }]).slice(0, 60);
    expect(unzipFiles(cut).ok).toBe(false);
  });

  it('skips archive clutter and keeps files that are not text as bytes', () => {
    const logo = new Uint8Array([0x89, 0x50, 0xff, 0xfe]);
    const result = unzipFiles(
      rawZip({
        'main.py': 'print(1)',
        '__MACOSX/._main.py': 'x',
        '.DS_Store': 'x',
        'logo.png': logo,
        // Valid UTF-8, but with a NUL byte: no text editor's file, so bytes too.
        'table.bin': new Uint8Array([65, 0, 66]),
      }),
    );
    expect(result).toEqual({
      ok: true,
      files: [
        { path: 'logo.png', content: logo },
        { path: 'main.py', content: 'print(1)' },
        { path: 'table.bin', content: new Uint8Array([65, 0, 66]) },
      ],
      folder: undefined,
      skipped: [],
    });
  });

  it('exports bytes as they are, and reads them back byte for byte', () => {
    const every = Uint8Array.from({ length: 256 }, (_, i) => i);
    const files = [
      { path: 'data/every-byte.bin', content: every },
      { path: 'main.py', content: 'print(open("data/every-byte.bin", "rb").read()[:3])\n' },
    ];
    const zip = zipFiles(files, 'Bytes');
    expect(unzipSync(zip)['Bytes/data/every-byte.bin']).toEqual(every);
    expect(unzipFiles(zip)).toEqual({ ok: true, files, folder: 'Bytes', skipped: [] });
  });

  it('leaves out a binary entry larger than a project file may be, and says so', () => {
    const result = unzipFiles(
      rawZip({ 'p/main.py': 'x', 'p/video.bin': new Uint8Array(MAX_BINARY_FILE_BYTES + 1).fill(255) }),
    );
    expect(result).toEqual({
      ok: true,
      files: [{ path: 'main.py', content: 'x' }],
      folder: 'p',
      skipped: ['video.bin'],
    });
  });
});
