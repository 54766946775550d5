// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import solid from 'eslint-plugin-solid/configs/typescript';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', '.test-builds', '**/*.tmp.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    ...solid,
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      // The worker protocol is the only way into the worker: the page never imports worker code.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/worker/*', '!**/worker/*.worker.ts'],
              message: 'Talk to the worker through runner/runner-client.ts and runner/protocol.ts.',
            },
            { group: ['idb', 'idb/*'], message: 'Only the storage module touches IndexedDB.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/storage/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'indexedDB', message: 'Only the storage module touches IndexedDB.' }],
    },
  },
  {
    // The storage module owns IndexedDB: the only place allowed to import idb.
    files: ['src/storage/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/worker/*'], message: 'Storage does not talk to the worker.' }] },
      ],
    },
  },
  {
    files: ['src/worker/**/*.ts'],
    languageOptions: { globals: globals.worker },
    rules: { 'no-restricted-imports': 'off' },
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
