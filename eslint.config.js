// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import solid from 'eslint-plugin-solid/configs/typescript';
import globals from 'globals';
import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';

/** Imports no layer may make, whatever it is. */
const EVERYWHERE = [
  { group: ['idb', 'idb/*'], message: 'Only the storage module (src/storage/) touches IndexedDB.' },
  { group: ['pyodide', 'pyodide/*'], message: 'Only the Python worker (src/worker/) uses Pyodide.' },
  {
    group: ['**/worker/*', '!**/worker/*.worker.ts', '!**/worker/*.worker.ts?worker&url'],
    message: 'Talk to the worker through runner/runner-client.ts and runner/protocol.ts.',
  },
  {
    group: ['pouchdb-browser', 'pouchdb-*'],
    message: 'Only the storage module (src/storage/class-sync.ts) uses PouchDB: it is IndexedDB underneath.',
  },
];

/** The folders of src/: a layer that may use only some of them refuses all the others, new ones included. */
const SRC_FOLDERS = readdirSync(new URL('./src', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/**
 * Only these folders of src/ (besides the layer's own, which is one of them).
 * @param {...string} folders
 */
const only = (...folders) => ({
  group: SRC_FOLDERS.filter((f) => !folders.includes(f)).flatMap((f) => [`../${f}/*`, `../${f}`]),
  message: `This layer may import only from ${folders.join(', ')} (see "Layers" in the README).`,
});

/**
 * As `only`, for files two folders deeper (src/features/<name>/<side>/).
 * @param {...string} folders
 */
const deepOnly = (...folders) => ({
  group: SRC_FOLDERS.filter((f) => !folders.includes(f)).flatMap((f) => [`../../../${f}/*`, `../../../${f}`]),
  message: `A feature may import only from ${folders.join(', ')} (see "Layers" in the README).`,
});

/** The page side of a feature: never part of the worker. */
const FEATURE_PAGE_SIDE = {
  group: ['**/features/*/client/*', '../client/*'],
  message: "The worker never imports a feature's page side (client/).",
};

/** Only the shared side of a feature (its wire format) is part of the boundary the runner checks. */
const FEATURE_SIDES = {
  group: ['../features/*/client/*', '../features/*/worker/*'],
  message: "The runner knows a feature's shared types only, never its page or worker side.",
};

/**
 * The layers of src/, inner to outer: each may use the ones inside it, never the ones outside. A layer's
 * block lists everything it refuses (blocks for the same rule replace each other, they do not add up).
 */
function layers() {
  /**
   * @param {{ group: string[]; message: string }[]} patterns
   * @param {{ name: string; message: string; allowTypeImports?: boolean }[]} paths
   * @returns {import('eslint').Linter.RulesRecord}
   */
  const rule = (patterns, paths = []) => ({
    '@typescript-eslint/no-restricted-imports': ['error', { patterns, paths }],
  });
  return [
    // Everything in src/ (the outer layers: app, controllers, workspace, offline, packages, …).
    { files: ['src/**/*.{ts,tsx}'], rules: rule(EVERYWHERE) },
    // The model and small utilities: plain data and functions, no framework, nothing else of the app.
    {
      files: ['src/model/**/*.ts', 'src/lib/**/*.ts'],
      rules: rule([
        ...EVERYWHERE,
        only('model', 'lib'),
        { group: ['solid-js', 'solid-js/*'], message: 'The model is plain data.' },
      ]),
    },
    // File formats: the model's types in, bytes out (and back); nothing about storage, the UI or the runner.
    { files: ['src/formats/**/*.ts'], rules: rule([...EVERYWHERE, only('model', 'lib')]) },
    // Storage keeps records; it knows the model, not who uses it.
    {
      files: ['src/storage/**/*.ts'],
      rules: rule([EVERYWHERE[1], EVERYWHERE[2], only('model', 'lib')]),
    },
    // The page side of the worker boundary.
    {
      files: ['src/runner/**/*.ts'],
      rules: rule([...EVERYWHERE, only('model', 'lib', 'offline', 'features'), FEATURE_SIDES]),
    },
    // Drawing output, recording it, the editor's configuration: the model and the protocol's types.
    {
      files: ['src/output/**/*.ts', 'src/history/**/*.ts', 'src/editor/**/*.ts'],
      rules: rule([...EVERYWHERE, only('model', 'lib', 'runner')]),
    },
    // The Python worker: Pyodide, the protocol and the shared-memory layout; nothing of the page.
    {
      files: ['src/worker/**/*.ts'],
      rules: rule([only('model', 'lib', 'runner', 'offline', 'features'), FEATURE_PAGE_SIDE]),
    },
    // A feature (src/features/<name>/) is a folder with its page side (client), its worker side (worker) and
    // the types and constants both share (shared), as in Squoosh. Shared is plain data; the worker side knows
    // nothing of the page; the page side is a controller and its components, and reaches the runner only
    // through what it is handed.
    {
      files: ['src/features/*/shared/**/*.ts'],
      rules: rule([
        ...EVERYWHERE,
        deepOnly('model', 'lib'),
        { group: ['solid-js', 'solid-js/*'], message: "A feature's shared types are plain data." },
      ]),
    },
    {
      files: ['src/features/*/worker/**/*.ts'],
      rules: rule([EVERYWHERE[2], deepOnly('model', 'lib', 'runner', 'features'), FEATURE_PAGE_SIDE]),
    },
    {
      files: ['src/features/*/client/**/*.{ts,tsx}'],
      rules: rule(
        // `formats`: a feature reads and writes its own file formats (lesson packs).
        [...EVERYWHERE, deepOnly('model', 'lib', 'runner', 'features', 'formats')],
        [
          {
            name: '../../../runner/runner-client.ts',
            allowTypeImports: true,
            message: 'A feature talks to the runner only through what the app hands it.',
          },
        ],
      ),
    },
    // Components render and forward intent: they reach storage and the runner only through controllers.
    {
      files: ['src/components/**/*.tsx', 'src/components/**/*.ts'],
      rules: rule(
        [
          ...EVERYWHERE,
          { group: ['../app/*'], message: 'Components never import from app/: the app passes them what they need.' },
          {
            group: ['../storage/*', '../formats/*'],
            message: 'Components do not talk to storage or read files: use a controller (src/controllers/).',
          },
        ],
        [
          {
            name: '../runner/runner-client.ts',
            allowTypeImports: true,
            message: 'Components do not talk to the runner: use a controller (src/controllers/).',
          },
        ],
      ),
    },
  ];
}

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', '.test-builds', '**/*.tmp.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    ...solid,
    languageOptions: { globals: globals.browser },
  },
  // Layers (README, "Layers"). One block per layer, each listing its whole set: flat config does not merge a
  // rule's options between blocks, so for each file the last block that matches it is the rule.
  ...layers(),
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/storage/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'indexedDB', message: 'Only the storage module touches IndexedDB.' }],
    },
  },
  {
    files: ['src/worker/**/*.ts'],
    languageOptions: { globals: globals.worker },
  },
  {
    files: ['*.{js,ts}', 'scripts/**/*.ts', 'tests/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  prettier,
);
