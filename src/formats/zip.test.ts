import { strToU8, Zip, ZipDeflate, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readZip } from './zip.ts';

const limits = { maxEntries: 10, maxTotalBytes: 5_000_000, maxFileBytes: 2_000_000 };
const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;

/** The archive with every header's uncompressed size of its one entry replaced, as a lying archive would say. */
function declaring(zip: Uint8Array, size: number): Uint8Array {
  const bytes = zip.slice();
  const view = new DataView(bytes.buffer);
  for (let at = 0; at + 4 <= bytes.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === LOCAL) view.setUint32(at + 22, size, true);
    if (signature === CENTRAL) view.setUint32(at + 24, size, true);
  }
  return bytes;
}

/** Bytes no compressor can shrink, so the archive is as large as its content. */
function noise(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let at = 0; at < length; at += 65_536) crypto.getRandomValues(bytes.subarray(at, at + 65_536));
  return bytes;
}

describe('readZip', () => {
  it('reads what it was given, small entries and entries too large to inflate in one step alike', () => {
    const big = noise(300_000);
    const zip = zipSync({ 'a.txt': strToU8('hello '.repeat(1000)), 'b.bin': big }, { level: 1 });
    expect(zip.length).toBeGreaterThan(300_000);
    const read = readZip(zip, limits);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(new TextDecoder().decode(read.entries.get('a.txt'))).toBe('hello '.repeat(1000));
    expect(read.entries.get('b.bin')).toEqual(big);
  });

  it('reads archives whose sizes come after the data (written as a stream)', () => {
    const parts: Uint8Array[] = [];
    const zip = new Zip((error, chunk) => {
      if (error) throw error;
      parts.push(chunk);
    });
    const entry = new ZipDeflate('main.py', { level: 6 });
    zip.add(entry);
    entry.push(strToU8('print(1)\n'.repeat(500)), true);
    zip.end();
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
    const read = readZip(bytes, limits);
    expect(read.ok && new TextDecoder().decode(read.entries.get('main.py'))).toBe('print(1)\n'.repeat(500));
  });

  it('calls an entry damaged when it holds more or less than it declares', () => {
    const honest = zipSync({ 'main.py': strToU8('x = 1\n'.repeat(2000)) });
    for (const size of [100, 12_000 + 1]) {
      expect(readZip(declaring(honest, size), limits)).toEqual({ ok: false, problem: '"main.py" is damaged' });
    }
  });

  it('stops a bomb that declares a small size, without inflating it into memory', () => {
    const zeros = zipSync({ 'big.txt': new Uint8Array(20_000_000) });
    expect(zeros.length).toBeLessThan(50_000);
    expect(readZip(declaring(zeros, 10), limits)).toEqual({ ok: false, problem: '"big.txt" is damaged' });
    const huge = declaring(zeros, 4_000_000_000);
    expect(readZip(huge, limits)).toEqual({ ok: false, problem: '"big.txt" is larger than 2 MB when unpacked' });
  });
});
