// Moving files in and out with bytes among them: uploads, project zips and
// backups, on a real (in-memory) IndexedDB.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKUP_JSON, encodeBackup } from '../formats/backup.ts';
import { zipFiles } from '../formats/project-zip.ts';
import { reportChecksum } from '../formats/report.ts';
import type { Report } from '../model/classroom.ts';
import { MAX_BINARY_FILE_BYTES } from '../model/files.ts';
import type { Pack } from '../model/lesson.ts';
import { StorageFullError } from '../storage/errors.ts';
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

  it('says so in words when the device fills up during a restore, or a write fails', async () => {
    const zip = await encodeBackup(await storage.exportAll(true), 1);
    const restore = vi.spyOn(storage, 'importBackup');
    restore.mockRejectedValueOnce(new StorageFullError('storage is full'));
    expect(await createTransfer(ws).restore(file('backup.zip', zip))).toEqual({
      kind: 'error',
      text: 'This backup could not be restored: this device’s storage is full. Nothing was restored. Free some space (deleting projects you no longer need, or old runs in History, helps), then try again.',
    });
    restore.mockRejectedValueOnce(new Error('the disk went away'));
    expect(await createTransfer(ws).restore(file('backup.zip', zip))).toEqual({
      kind: 'error',
      text: 'This backup could not be restored: the disk went away. Nothing was restored.',
    });
    restore.mockRestore();
    const gone = {
      name: 'backup.zip',
      arrayBuffer: () => Promise.reject(new DOMException('gone', 'NotReadableError')),
    } as unknown as File;
    expect(await createTransfer(ws).restore(gone)).toEqual({
      kind: 'error',
      text: 'backup.zip could not be read (was it moved or deleted?). Nothing was restored.',
    });
  });
});

describe('backups with lessons and the classroom', () => {
  it('restores packs, progress, classes and reports on another device, saying what came back', async () => {
    const pack: Pack = {
      format: 'pyplayground-pack',
      version: 1,
      id: 'sums',
      title: 'Sums',
      author: 'Ada',
      language: 'en',
      revision: 1,
      lessons: [
        {
          id: 'l1',
          title: 'Numbers',
          exercises: [
            {
              id: 'add',
              title: 'Add',
              instructions: 'Write `add`.',
              files: [{ name: 'main.py', content: '' }],
              main: 'main.py',
              hints: [],
              checks: [{ kind: 'call', function: 'add', args: '2, 3', expect: '5' }],
            },
          ],
        },
      ],
      class: { id: '7b', name: '7B', secret: 'x'.repeat(16) },
    };
    const report: Report = {
      format: 'pyplayground-report',
      version: 1,
      pack: { id: 'sums', revision: 1, title: 'Sums' },
      class: { id: '7b', name: '7B' },
      learner: 'Ada',
      device: 'dev-1',
      createdAt: 5,
      exercises: [
        {
          id: 'add',
          lessonId: 'l1',
          title: 'Add',
          state: 'tried',
          attempts: 1,
          hintsShown: 0,
          activeMs: 10,
          checks: [{ at: 4, passed: 0, total: 1, failed: ['add(2, 3)'], errors: ['TypeError'] }],
        },
      ],
    };
    await storage.savePack(pack, 'file');
    await storage.savePackRevision(pack);
    await storage.updateProgress('sums', 'add', 'l1', (p) => ({ ...p, attempts: 1 }));
    await storage.addReports([
      { report, checksum: await reportChecksum(report), tampered: false, receivedAt: 6, via: 'file' },
    ]);
    const zip = await encodeBackup(await storage.exportAll(false), 1);

    const otherStorage = await Storage.open(`other-${crypto.randomUUID()}`);
    const other = createWorkspace(otherStorage);
    await other.start();
    const message = await createTransfer(other).restore(file('backup.zip', zip));
    expect(message).toEqual({
      kind: 'info',
      text: 'Restored 1 project and 0 runs from the backup. Also 1 lesson pack, progress on 1 exercise, 1 class, 1 report.',
    });
    expect((await otherStorage.getPack('sums'))!.pack).toEqual(pack);
    expect(await otherStorage.listPackRevisions('sums')).toEqual([pack]);
    expect((await otherStorage.getProgress('sums', 'add'))!.attempts).toBe(1);
    expect((await otherStorage.getClass('7b'))!.name).toBe('7B');
    expect(await otherStorage.listReports('7b')).toEqual(await storage.listReports('7b'));
    otherStorage.close();
  });

  it('refuses a backup with a part that cannot be trusted, and changes nothing', async () => {
    await storage.saveClass({ id: '7b', name: '7B', secret: 'x'.repeat(16), createdAt: 1, updatedAt: 1 });
    const entries = unzipSync(await encodeBackup(await storage.exportAll(false), 1));
    const json = JSON.parse(new TextDecoder().decode(entries[BACKUP_JSON]));
    json.classes[0].name = 'Renamed';
    json.classes[0].updatedAt = 2;
    json.progress.push({ packId: 'sums', exerciseId: 'add', lessonId: 'l1', attempts: 'lots' });
    const tampered = zipSync({ ...entries, [BACKUP_JSON]: strToU8(JSON.stringify(json)) });
    const before = { projects: await storage.listProjects(), classes: await storage.listClasses() };
    const report = await createTransfer(ws).restore(file('backup.zip', tampered));
    expect(report.kind).toBe('error');
    expect(report.text).toMatch(/^This backup cannot be restored: .*progress\.0\.attempts.*Nothing was restored\.$/);
    expect({ projects: await storage.listProjects(), classes: await storage.listClasses() }).toEqual(before);
    expect(await storage.listProgress()).toEqual([]);
  });
});
