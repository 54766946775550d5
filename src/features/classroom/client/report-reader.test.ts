import { describe, expect, it } from 'vitest';
import { encodeReport, REPORT_LIMITS } from '../../../formats/report.ts';
import type { Report } from '../../../model/classroom.ts';
import { readReportFiles } from './report-reader.ts';

const report = (learner: string): Report => ({
  format: 'pyplayground-report',
  version: 1,
  pack: { id: 'p', revision: 1, title: 'P' },
  learner,
  device: `device-${learner.replace(/ /g, '-')}`,
  createdAt: 1,
  exercises: [],
});

// Where workers cannot start (here: no Worker at all), the page reads the files itself; the e2e tests read a class
// through the workers.
describe('readReportFiles', () => {
  it('gives one result per file, in the order given, refusing what is not a report', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `Learner ${i}`);
    const files = await Promise.all(
      names.map(async (n) => new File([(await encodeReport(report(n))) as Uint8Array<ArrayBuffer>], `${n}.pyreport`)),
    );
    files.splice(3, 0, new File(['not a report'], 'notes.pyreport'));
    const read = await readReportFiles(files);
    expect(read).toHaveLength(21);
    expect(read[3]).toMatchObject({ ok: false, error: expect.stringContaining('neither a .pyreport file') });
    const learners = read.flatMap((r) => (r.ok ? [r.report.learner] : []));
    expect(learners).toEqual(names);
  });

  it('refuses a file too large before reading its bytes', async () => {
    const huge = new File([new Uint8Array(8)], 'huge.pyreport');
    Object.defineProperty(huge, 'size', { value: REPORT_LIMITS.maxFileBytes + 1 });
    Object.defineProperty(huge, 'arrayBuffer', { value: () => Promise.reject(new Error('read')) });
    expect(await readReportFiles([huge])).toEqual([
      { ok: false, error: 'This report cannot be opened: it is larger than 5 MB.' },
    ]);
  });

  it('stops when asked', async () => {
    const controller = new AbortController();
    controller.abort(new DOMException('The import was stopped.', 'AbortError'));
    await expect(readReportFiles([new File(['x'], 'a.pyreport')], controller.signal)).rejects.toThrow('stopped');
  });
});
