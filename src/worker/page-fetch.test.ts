import { describe, expect, it } from 'vitest';
import type { FromWorker } from '../runner/protocol.ts';
import { fetched, pageFetch } from './page-fetch.ts';

type FetchMessage = Extract<FromWorker, { type: 'fetch' }>;

function recorder() {
  const posted: FetchMessage[] = [];
  const fetcher = pageFetch((message) => posted.push(message as FetchMessage));
  return { posted, fetcher };
}

describe('pageFetch', () => {
  it('posts a request before the call returns, so the page hears of it while the program keeps running', () => {
    const { posted, fetcher } = recorder();
    void fetcher('https://example.org/a.json');
    void fetcher('https://example.org/b', { method: 'post', body: 'x=1', headers: { 'X-Test': 'yes' } });
    expect(posted.map((m) => [m.url, m.method])).toEqual([
      ['https://example.org/a.json', 'GET'],
      ['https://example.org/b', 'POST'],
    ]);
    expect(new TextDecoder().decode(posted[1].body)).toBe('x=1');
    expect(posted[1].headers).toContainEqual(['x-test', 'yes']);
  });

  it('reads a body that needs waiting (a Blob) first, then posts', async () => {
    const { posted, fetcher } = recorder();
    void fetcher('https://example.org/up', { method: 'PUT', body: new Blob(['abc']) });
    expect(posted).toHaveLength(0);
    await expect.poll(() => posted.length).toBe(1);
    expect(new TextDecoder().decode(posted[0].body)).toBe('abc');
  });

  it('resolves with the page’s answer, and rejects with its refusal', async () => {
    const { posted, fetcher } = recorder();
    const ok = fetcher('https://example.org/ok');
    const refused = fetcher('https://example.org/no');
    const bytes = new TextEncoder().encode('{"answer": 42}').buffer;
    fetched(
      posted[0].id,
      { status: 200, statusText: 'OK', headers: [['content-type', 'application/json']], bytes },
      undefined,
    );
    fetched(posted[1].id, undefined, 'this program may not use the network');
    expect(await (await ok).json()).toEqual({ answer: 42 });
    await expect(refused).rejects.toThrow('this program may not use the network');
  });
});
