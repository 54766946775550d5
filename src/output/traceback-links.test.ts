import { describe, expect, it } from 'vitest';
import { findFileReferences } from './traceback-links.ts';

describe('findFileReferences', () => {
  const learner = (f: string) => ['main.py', 'lib/helper.py'].includes(f);

  it('finds each reference to a learner file with its line', () => {
    const text = '  File "main.py", line 3, in <module>\n  File "lib/helper.py", line 12, in f\n';
    const refs = findFileReferences(text, learner);
    expect(refs.map((r) => [r.file, r.line, text.slice(r.start, r.end)])).toEqual([
      ['main.py', 3, 'File "main.py", line 3'],
      ['lib/helper.py', 12, 'File "lib/helper.py", line 12'],
    ]);
  });

  it('ignores files that are not the learner’s', () => {
    expect(findFileReferences('  File "<shell>", line 1, in <module>', learner)).toEqual([]);
    expect(findFileReferences('  File "/lib/python3.14/random.py", line 1', learner)).toEqual([]);
  });
});
