// The workspace on a real (in-memory) IndexedDB: autosave, the journal, and
// what happens when the disk is full or another tab saved first.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StorageFullError } from '../storage/errors.ts';
import { Storage } from '../storage/storage.ts';
import { SAVE_DELAY_MS, createWorkspace, type Workspace } from './workspace.ts';

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
let name: string;
let ws: Workspace;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  memory.clear();
  name = `ws-${crypto.randomUUID()}`;
  storage = await Storage.open(name);
  ws = createWorkspace(storage);
  await ws.start();
});
afterEach(() => {
  vi.restoreAllMocks();
  storage.close();
});

describe('workspace', () => {
  it('starts with a welcome project and saves edits within the save delay', async () => {
    expect(ws.state.files.map((f) => f.name)).toEqual(['main.py']);
    ws.setContent('main.py', 'print("edited")');
    expect(ws.state.save.kind).toBe('saving');
    await wait(SAVE_DELAY_MS + 100);
    expect(ws.state.save.kind).toBe('saved');
    const loaded = await storage.loadProject(ws.state.projectId!);
    expect(loaded!.files[0].content).toBe('print("edited")');
  });

  it('replays the journal written as the page went away, on the next start', async () => {
    ws.setContent('main.py', 'print("typed as the tab closed")');
    // The page goes away before its save can land: only the journal (what pagehide writes) has the text.
    storage.close();
    ws.journal();
    await wait(50);
    const reopened = await Storage.open(name);
    const next = createWorkspace(reopened);
    await next.start();
    expect(next.state.files[0].content).toBe('print("typed as the tab closed")');
    expect(memory.has('playground:journal')).toBe(false);
    reopened.close();
  });

  it('a journal that meets text another tab saved since keeps both, as a recovered copy', async () => {
    ws.setContent('main.py', 'print("mine, never saved")');
    storage.close();
    ws.journal();
    await wait(50);
    const other = await Storage.open(name);
    const [project] = await other.listProjects();
    const loaded = await other.loadProject(project.id);
    const main = loaded!.files.find((f) => f.path === 'main.py')!;
    await other.saveFile(main.id, 'print("the other tab")', main.version);
    const next = createWorkspace(other);
    await next.start();
    const files = Object.fromEntries(next.state.files.map((f) => [f.name, f.content]));
    expect(files).toEqual({ 'main.py': 'print("the other tab")', 'main (recovered).py': 'print("mine, never saved")' });
    other.close();
  });

  it('on a full disk: says so, keeps the text, damages nothing, and saves once there is room', async () => {
    ws.setContent('main.py', 'print("saved first")');
    await ws.flush();
    const real = storage.saveFile.bind(storage);
    const spy = vi.spyOn(storage, 'saveFile').mockRejectedValue(new StorageFullError('storage is full'));
    ws.setContent('main.py', 'print("typed while full")');
    await wait(SAVE_DELAY_MS + 100);
    expect(ws.state.save.kind).toBe('full');
    expect(ws.content('main.py')).toBe('print("typed while full")');
    expect((await storage.loadProject(ws.state.projectId!))!.files[0].content).toBe('print("saved first")');
    spy.mockImplementation(real);
    ws.retrySaving();
    await wait(SAVE_DELAY_MS + 100);
    expect(ws.state.save.kind).toBe('saved');
    expect((await storage.loadProject(ws.state.projectId!))!.files[0].content).toBe('print("typed while full")');
  });

  it('asks instead of overwriting when another tab saved the same file first', async () => {
    const other = await Storage.open(name);
    const file = (await other.loadProject(ws.state.projectId!))!.files[0];
    await other.saveFile(file.id, 'print("other tab")', file.version);
    ws.setContent('main.py', 'print("this tab")');
    await wait(SAVE_DELAY_MS + 100);
    expect(ws.state.save.kind).toBe('conflict');
    expect(ws.state.conflict).toMatchObject({ path: 'main.py', theirs: 'print("other tab")' });
    await ws.resolveConflict(true);
    expect((await other.loadProject(ws.state.projectId!))!.files[0].content).toBe('print("this tab")');
    other.close();
  });
});

describe('binary files in the workspace', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
  const stored = async (path: string) =>
    (await storage.loadProject(ws.state.projectId!))!.files.find((f) => f.path === path)?.content;

  it('adds, renames, duplicates and trashes a binary file as it does a text file', async () => {
    expect(await ws.addFile('plot.png', png)).toBeUndefined();
    expect(ws.isBinary('plot.png')).toBe(true);
    expect(ws.text('plot.png')).toBeUndefined();
    expect(await stored('plot.png')).toEqual(png);
    expect(await ws.renameFile('plot.png', 'pictures/plot.png')).toBeUndefined();
    expect(await stored('pictures/plot.png')).toEqual(png);
    await ws.duplicateFile('pictures/plot.png');
    expect(await stored('pictures/plot copy.png')).toEqual(png);
    await ws.deleteFile('pictures/plot.png');
    expect(ws.state.files.map((f) => f.name)).toEqual(['main.py', 'pictures/plot copy.png']);
    const trashed = (await storage.listTrash()).files;
    expect(trashed.map((f) => f.path)).toEqual(['pictures/plot.png']);
    await ws.restoreFile(trashed[0].id);
    expect(ws.content('pictures/plot.png')).toEqual(png);
  });

  it('never edits bytes: typing is ignored, the journal leaves them out, and Run cannot start one', async () => {
    await ws.addFile('sound.wav', png, false);
    ws.setContent('sound.wav', 'typed over a sound');
    expect(ws.content('sound.wav')).toEqual(png);
    await ws.setMain('sound.wav');
    expect(ws.state.main).toBe('main.py');
    ws.setContent('main.py', 'print("unsaved")');
    ws.journal();
    const journal = JSON.parse(memory.get('playground:journal')!) as { entries: { path: string }[] };
    expect(journal.entries.map((e) => e.path)).toEqual(['main.py']);
  });

  it('brings in what a run wrote: a new picture appears, a changed one replaces the stored bytes', async () => {
    const heard: string[] = [];
    ws.events.subscribe((e) => e.type === 'external-content' && heard.push(e.path));
    await ws.applyRunWrites([{ name: 'plot.png', content: png }]);
    expect(ws.state.files.map((f) => f.name)).toEqual(['main.py', 'plot.png']);
    expect(await stored('plot.png')).toEqual(png);
    const next = new Uint8Array([9, 9, 0, 9]);
    await ws.applyRunWrites([{ name: 'plot.png', content: next }]);
    await wait(50);
    expect(ws.content('plot.png')).toEqual(next);
    expect(await stored('plot.png')).toEqual(next);
    // A text file the run turned into bytes, and back: stored each time, the editor hears of the text only.
    await ws.applyRunWrites([{ name: 'main.py', content: next }]);
    await wait(50);
    expect(await stored('main.py')).toEqual(next);
    await ws.applyRunWrites([{ name: 'main.py', content: 'print(2)' }]);
    await wait(50);
    expect(await stored('main.py')).toBe('print(2)');
    expect(heard).toEqual(['main.py']);
    expect(ws.state.save.kind).toBe('saved');
  });

  it('replaces bytes from another tab without asking: bytes are never in conflict', async () => {
    await ws.addFile('plot.png', png, false);
    const other = await Storage.open(name);
    const file = (await other.loadProject(ws.state.projectId!))!.files.find((f) => f.path === 'plot.png')!;
    await other.saveFile(file.id, new Uint8Array([1]), file.version);
    ws.replaceContent('plot.png', new Uint8Array([2]));
    await wait(50);
    expect(ws.state.conflict).toBeUndefined();
    expect((await other.loadProject(ws.state.projectId!))!.files.find((f) => f.id === file.id)!.content).toEqual(
      new Uint8Array([2]),
    );
    other.close();
  });
});
