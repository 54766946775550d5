// The layers of src/ are enforced by lint (eslint.config.js): these prove that
// a wrong-way import fails and a right-way one passes, so the rules cannot
// silently stop working.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

/** The restricted-import problems lint reports for `code` in a file at `path`. */
async function problems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code + '\nexport {};\n', { filePath: path });
  return result.messages.filter((m) => m.ruleId?.endsWith('no-restricted-imports')).map((m) => m.message);
}

const wrong: [string, string][] = [
  ['src/components/Example.tsx', "import { App } from '../app/App.tsx';"],
  ['src/components/Example.tsx', "import { Storage } from '../storage/storage.ts';"],
  ['src/components/Example.tsx', "import { decodeShare } from '../formats/share-link.ts';"],
  ['src/components/Example.tsx', "import { PythonRunner } from '../runner/runner-client.ts';"],
  ['src/storage/example.ts', "import { createWorkspace } from '../workspace/workspace.ts';"],
  ['src/storage/example.ts', "import type { RunEvent } from '../runner/protocol.ts';"],
  ['src/storage/example.ts', "import { Toolbar } from '../components/Toolbar.tsx';"],
  ['src/formats/example.ts', "import { Storage } from '../storage/storage.ts';"],
  ['src/model/example.ts', "import { createSignal } from 'solid-js';"],
  ['src/model/example.ts', "import { Transcript } from '../output/transcript.ts';"],
  ['src/app/example.ts', "import { openDB } from 'idb';"],
  ['src/controllers/example.ts', "import { loadPyodide } from 'pyodide';"],
  ['src/app/example.ts', "import { OutputPump } from '../worker/output-pump.ts';"],
  ['src/worker/example.ts', "import { Toolbar } from '../components/Toolbar.tsx';"],
  ['src/runner/example.ts', "import { Storage } from '../storage/storage.ts';"],
  ['src/features/turtle/shared/example.ts', "import { Storage } from '../../../storage/storage.ts';"],
  ['src/runner/example.ts', "import { Scene } from '../features/turtle/client/scene.ts';"],
  ['src/features/turtle/shared/example.ts', "import { createSignal } from 'solid-js';"],
  ['src/features/turtle/worker/example.ts', "import { Painter } from '../client/painter.ts';"],
  ['src/worker/example.ts', "import { Painter } from '../features/turtle/client/painter.ts';"],
  ['src/features/turtle/client/example.ts', "import { PythonRunner } from '../../../runner/runner-client.ts';"],
  ['src/features/turtle/client/example.ts', "import { Storage } from '../../../storage/storage.ts';"],
  ['src/features/classroom/client/example.ts', "import PouchDB from 'pouchdb-browser';"],
  ['src/app/example.ts', "import PouchDB from 'pouchdb-browser';"],
];

const right: [string, string][] = [
  ['src/components/Example.tsx', "import type { RunnerPhase } from '../runner/runner-client.ts';"],
  ['src/components/Example.tsx', "import type { RunSession } from '../controllers/run-session.ts';"],
  ['src/storage/example.ts', "import { openDB } from 'idb';\nimport type { OutputItem } from '../model/output.ts';"],
  ['src/formats/example.ts', "import { isSafePath } from '../model/paths.ts';"],
  [
    'src/worker/example.ts',
    "import type { PyodideAPI } from 'pyodide';\nimport { SLOT } from '../runner/shared-channel.ts';",
  ],
  ['src/app/example.ts', "import { Storage } from '../storage/storage.ts';"],
  ['src/storage/example.ts', "import PouchDB from 'pouchdb-browser';"],
  ['src/worker/example.ts', "import { OP } from '../features/turtle/shared/ops.ts';"],
  ['src/runner/example.ts', "import { MAX_BATCH_FLOATS } from '../features/turtle/shared/ops.ts';"],
  ['src/features/turtle/client/example.ts', "import type { EventKind } from '../../../runner/shared-channel.ts';"],
  ['src/features/turtle/client/example.ts', "import type { PythonRunner } from '../../../runner/runner-client.ts';"],
];

describe('layers (lint)', () => {
  it.each(wrong)('refuses, in %s: %s', async (path, code) => {
    expect(await problems(path, code)).not.toEqual([]);
  });
  it.each(right)('allows, in %s: %s', async (path, code) => {
    expect(await problems(path, code)).toEqual([]);
  });
});
