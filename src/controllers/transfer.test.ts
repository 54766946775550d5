// Moving files in and out with bytes among them: uploads, project zips and
// backups, on a real (in-memory) IndexedDB.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUP_JSON, encodeBackup } from '../formats/backup.ts';
import { zipFiles } from '../formats/project-zip.ts';
import { MAX_BINARY_FILE_BYTES } from '../model/files.ts';
import { Storage } from '../storage/storage.ts';
import { createWorkspace, type Workspace } from '../workspace/workspace.ts';
import { createTransfer, importFiles } from './transfer.ts';

const memory = new Map<string, string>();
globalThis.localStorage = {
  getItem: (k: string) => memory.get(k) ?? null,
  setItem: (k: string, v: string) => void memory.set(k, v),
  removeItem: (k: string) => void memory.delete(k),
  clear: () => memory.clear(),
  key: () => null,
  length: 0,
} as unknown as globalThis.Storage;

let storage: Storage;
let ws: Workspace;
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const file = (name: string, data: Uint8Array | string) => new File([data as BlobPart], name);

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  memory.clear();
  storage = await Storage.open(`transfer-${crypto.randomUUID()}`);
  ws = createWorkspace(storage);
  await ws.start();
});
afterEach(() => storage.close());

describe('importing files', () => {
  it('adds text as text and anything else as bytes, within the size cap for bytes', async () => {
    const reports = await importFiles(ws, [
      file('logo.png', png),
      file('notes.txt', 'héllo'),
      file('nul.dat', new Uint8Array([104, 0, 105])),
      file('huge.wav', new Uint8Array(MAX_BINARY_FILE_BYTES + 1)),
    ]);
    expect(reports).toEqual([
      { kind: 'info', text: 'Added logo.png, notes.txt, nul.dat to “My project”.' },
      { kind: 'error', text: 'huge.wav is larger than 5 MB, the most for a file that is not text: not imported.' },
    ]);
    expect(ws.content('logo.png')).toEqual(png);
    expect(ws.content('notes.txt')).toBe('héllo');
    expect(ws.isBinary('nul.dat')).toBe(true);
    const stored = (await storage.loadProject(ws.state.projectId!))!.files;
    expect(stored.find((f) => f.path === 'logo.png')!.content).toEqual(png);
  });

  it('imports a project zip with its binary files, and gives an archive of pictures only a main.py', async () => {
    await importFiles(ws, [file('pics.zip', zipFiles([{ path: 'a.png', content: png }], 'Pictures'))]);
    expect(ws.state.projectName).toBe('Pictures');
    expect(ws.state.main).toBe('main.py');
    expect(ws.content('a.png')).toEqual(png);
    expect(ws.content('main.py')).toBe('');
  });
});

describe('backups with binary files', () => {
  it('restores a version 3 backup byte for byte', async () => {
    await ws.addFile('plot.png', png, false);
    await ws.flush();
    const zip = await encodeBackup(await storage.exportAll(true), 1);
    const report = await createTransfer(ws).restore(file('backup.zip', zip));
    expect(report).toEqual({ kind: 'info', text: 'Restored 1 project and 0 runs from the backup.' });
    const copy = (await storage.listProjects()).find((p) => p.name === 'My project (2)')!;
    const files = (await storage.loadProject(copy.id))!.files;
    expect(files.find((f) => f.path === 'plot.png')!.content).toEqual(png);
  });

  it('refuses a tampered backup with a clear message, and changes nothing', async () => {
    await ws.addFile('plot.png', png, false);
    const entries = unzipSync(await encodeBackup(await storage.exportAll(false), 1));
    const json = JSON.parse(new TextDecoder().decode(entries[BACKUP_JSON]));
    json.projects[0].files.find((f: { path: string }) => f.path === 'plot.png').bytes = 'projects/Elsewhere/plot.png';
    const tampered = zipSync({ ...entries, [BACKUP_JSON]: strToU8(JSON.stringify(json)) });
    const before = await storage.listProjects();
    const report = await createTransfer(ws).restore(file('backup.zip', tampered));
    expect(report).toEqual({
      kind: 'error',
      text: 'This backup cannot be restored: a file of the project "My project" refers to data outside it (projects/Elsewhere/plot.png). Nothing was restored.',
    });
    expect(await storage.listProjects()).toEqual(before);
  });
});
