// Seeds the app's IndexedDB with a large workspace (a project of many files,
// a long run history), written straight into the schema of src/storage/schema.ts:
// for the scale test and `npm run bench`. Runs inside the page (page.evaluate).

export interface SeedOptions {
  files: number;
  runs: number;
}

/** Creates a project "Big project" with `files` files and `runs` runs, and makes it the one that opens. */
export async function seedWorkspace({ files, runs }: SeedOptions): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('python-playground');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const done = (tx: IDBTransaction) =>
    new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error);
    });
  const projectId = crypto.randomUUID();
  const now = Date.now();
  let tx = db.transaction(['projects', 'files', 'meta'], 'readwrite');
  tx.objectStore('projects').put({
    id: projectId,
    name: 'Big project',
    main: 'main.py',
    createdAt: now,
    updatedAt: now + 1,
    activeFile: 'main.py',
    cursors: {},
    origin: 'new',
  });
  for (let i = 0; i < files; i++) {
    const path = i === 0 ? 'main.py' : `module_${String(i).padStart(4, '0')}.py`;
    tx.objectStore('files').put({
      id: crypto.randomUUID(),
      projectId,
      path,
      content: `# ${path}\nVALUE = ${i}\n\ndef describe():\n    return "file number ${i}"\n`,
      version: 1,
      updatedAt: now,
    });
  }
  tx.objectStore('meta').put({ key: 'last-open', value: projectId });
  await done(tx);

  // History in batches, so one huge transaction does not hold everything in memory.
  const code = 'for i in range(3):\n    print("run", i)\n';
  const hash = 'seed-' + projectId;
  tx = db.transaction(['blobs'], 'readwrite');
  tx.objectStore('blobs').put({ hash, content: code, refs: runs });
  await done(tx);
  const statuses = ['ok', 'ok', 'ok', 'error', 'interrupted'];
  for (let start = 0; start < runs; start += 1000) {
    tx = db.transaction(['runs', 'transcripts', 'runText'], 'readwrite');
    for (let i = start; i < Math.min(runs, start + 1000); i++) {
      const status = statuses[i % statuses.length];
      const request = tx.objectStore('runs').add({
        projectId,
        projectName: 'Big project',
        entry: i % 3 ? 'main.py' : 'module_0001.py',
        startedAt: now - (runs - i) * 60_000,
        durationMs: 20 + (i % 50),
        status,
        errorType: status === 'error' ? 'ValueError' : undefined,
        files: [{ path: 'main.py', hash }],
        outputChars: 18,
        omittedChars: 0,
        bytes: 400,
      });
      request.onsuccess = () => {
        const runId = request.result as number;
        const text = `run 0\nrun 1\nrun 2\nmarker ${i}\n`;
        tx.objectStore('transcripts').put({
          runId,
          items: [{ kind: 'text', stream: 'stdout', text }],
          omittedChars: 0,
        });
        tx.objectStore('runText').put({ runId, projectId, text: (code + text).toLowerCase() });
      };
    }
    await done(tx);
  }
  tx = db.transaction(['meta'], 'readwrite');
  tx.objectStore('meta').put({ key: 'history-bytes', value: runs * 400 });
  tx.objectStore('meta').put({
    key: 'history-settings',
    value: { maxRuns: Math.max(2000, runs + 100), maxMegabytes: 500 },
  });
  await done(tx);
  db.close();
}
