// @vitest-environment happy-dom
// The dashboard page put together: the controller over a store kept in memory, reports arriving by class sync,
// and what the teacher then sees: the sentence on self-reported figures, the table, the charts' text, the CSV.
import { createRoot } from 'solid-js';
import { render } from 'solid-js/web';
import { describe, expect, it, vi } from 'vitest';
import { buttonNamed, mountPoint } from '../../../../tests/support/dom.ts';
import {
  learnerKey,
  REPORT_FORMAT,
  REPORT_FORMAT_VERSION,
  type ReceivedReport,
  type TeacherClass,
} from '../../../model/classroom.ts';
import { createDashboard, type DashboardStore } from './dashboard.ts';
import { ClassView } from './ClassView.tsx';

/** uPlot draws on a canvas happy-dom does not have: a stand-in records what each chart was given. */
const plots = vi.hoisted(() => [] as { data: unknown }[]);
vi.mock('uplot', () => {
  class FakePlot {
    static paths = { bars: () => () => null };
    record: { data: unknown };
    height = 200;
    constructor(_opts: unknown, data: unknown) {
      this.record = { data };
      plots.push(this.record);
    }
    setData(data: unknown) {
      this.record.data = data;
    }
    setSize() {}
    destroy() {}
  }
  return { default: FakePlot };
});

const { container, setDispose } = mountPoint();
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const DAY = new Date(2025, 2, 10, 12).getTime();

function store(): DashboardStore {
  const classes: TeacherClass[] = [{ id: '7b', name: '7B', secret: 'x'.repeat(20), createdAt: 0, updatedAt: 0 }];
  const kept = new Map<string, ReceivedReport>();
  return {
    listClasses: async () => classes,
    getClass: async (id) => classes.find((c) => c.id === id),
    deleteClass: async () => {},
    addReports: async (list) => {
      for (const r of list) kept.set(learnerKey(r.report.learner) + r.report.device, r);
      return { added: list.length, replaced: 0, duplicates: 0, older: 0 };
    },
    listReports: async (id) => [...kept.values()].filter((r) => r.report.class?.id === id),
    getReport: async (_classId, _packId, learner, device) => kept.get(learnerKey(learner) + device),
    countReports: async (id) => [...kept.values()].filter((r) => r.report.class?.id === id).length,
    clearReports: async () => 0,
    getPackRevision: async () => undefined,
    listPackRevisions: async () => [],
  };
}

function synced(learner: string, passed: boolean): ReceivedReport {
  return {
    report: {
      format: REPORT_FORMAT,
      version: REPORT_FORMAT_VERSION,
      pack: { id: 'basics', revision: 1, title: 'Basics' },
      class: { id: '7b', name: '7B' },
      learner,
      device: `dev-${learner}`,
      createdAt: DAY,
      exercises: [
        {
          id: 'a',
          lessonId: 'l',
          title: 'Say hello',
          state: passed ? 'passed' : 'tried',
          attempts: 2,
          hintsShown: 0,
          activeMs: 0,
          checks: [],
          ...(passed ? { firstPassedAt: DAY } : {}),
        },
      ],
    },
    checksum: `sha256:${learner}`,
    tampered: !passed,
    receivedAt: DAY,
    via: 'sync',
  };
}

describe('ClassView', () => {
  it('shows the class from its reports, every figure marked self-reported', async () => {
    const downloads: string[] = [];
    let disposeRoot!: () => void;
    const dashboard = createRoot((d) => {
      disposeRoot = d;
      return createDashboard({
        store: store(),
        notify: () => {},
        download: (name) => downloads.push(name),
        confirm: () => true,
      });
    });
    const disposeView = render(() => <ClassView dashboard={dashboard} />, container());
    setDispose(() => {
      disposeView();
      disposeRoot();
    });
    await tick();
    expect(container().textContent).toContain('No reports for this class yet.');

    await dashboard.addSynced([synced('Ada', true), synced('Bob', false)]);
    await tick();
    const page = container();
    expect(page.querySelector('h2')?.textContent).toBe('Class dashboard');
    expect(page.textContent).toContain(
      'a report file can be edited by the learner who holds it, and its checksum only catches damage and clumsy edits.',
    );
    const table = page.querySelector('table.class-table')!;
    expect(table.querySelector('caption')?.textContent).toBe('Class progress');
    // The table is described by the sentence on self-reported figures.
    const described = document.getElementById(table.getAttribute('aria-describedby')!);
    expect(described?.textContent).toContain('self-reported');
    expect(page.querySelector('.class-summary')?.textContent).toBe(
      '2 learners, 2 reports, 1 edited or damaged. self-reported',
    );
    const captions = [...page.querySelectorAll('figure figcaption')].map((f) => f.textContent);
    expect(captions).toEqual(['Solve rate per exercise self-reported', 'Exercises passed over time self-reported']);
    expect(page.textContent).toContain('The lowest solve rate is exercise 1, “Say hello”: 50% (1 of 2 learners).');
    expect(plots.length).toBe(2);
    expect(page.textContent).toContain('Class sync: 2 reports received at');

    buttonNamed(page, 'Export CSV').click();
    expect(downloads).toEqual(['7B - Basics - progress (self-reported).csv']);
  });
});
