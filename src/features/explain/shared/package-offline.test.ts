import { describe, expect, it } from 'vitest';
import { findImportLine, packageOfflineExplanation } from './package-offline.ts';

describe('an offline package import, explained by the worker', () => {
  const files = [
    { name: 'helper.py', content: 'import numpy\n' },
    { name: 'main.py', content: '# plots\nimport os, matplotlib.pyplot as plt\nfrom numpy import array\n' },
    { name: 'logo.png', content: new Uint8Array([1, 2]) },
  ];

  it('finds the first import of a missing module, in the entry first', () => {
    expect(findImportLine(files, new Set(['matplotlib']), 'main.py')).toEqual({
      file: 'main.py',
      line: 2,
      module: 'matplotlib',
    });
    expect(findImportLine(files, new Set(['numpy']), 'main.py')).toEqual({ file: 'main.py', line: 3, module: 'numpy' });
    expect(findImportLine(files, new Set(['numpy']), 'helper.py')).toEqual({
      file: 'helper.py',
      line: 1,
      module: 'numpy',
    });
    expect(findImportLine(files, new Set(['pandas']), 'main.py')).toBeUndefined();
  });

  it('fills the data file’s texts with the module’s name', () => {
    const item = packageOfflineExplanation(files, new Set(['matplotlib']), 'main.py')!;
    expect(item).toMatchObject({ kind: 'explanation', case: 'package-not-downloaded', file: 'main.py', line: 2 });
    expect(item.text).toContain('`matplotlib`');
    expect(item.hint).toContain('`matplotlib`');
    expect(item.text + item.hint).not.toMatch(/\{\w+\}/);
  });
});
