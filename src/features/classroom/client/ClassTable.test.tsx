// @vitest-environment happy-dom
// The Class progress table as a teacher (and a screen reader) meets it: its name, its headers and what each cell
// says, sorting from the keyboard, a cell opening the learner's code, and a big class drawn in windows.
import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { describe, expect, it, vi } from 'vitest';
import { accessibleName, buttonNamed, mountPoint } from '../../../../tests/support/dom.ts';
import {
  REPORT_FORMAT,
  REPORT_FORMAT_VERSION,
  type ReceivedReport,
  type ReportExercise,
} from '../../../model/classroom.ts';
import { buildClassTable, sortRows, type ClassSortKey, type SortDirection } from './class-table.ts';
import { ClassTable, ExerciseStatsTable, WINDOW_FROM } from './ClassTable.tsx';

const { container, setDispose } = mountPoint();

function received(learner: string, revision: number, exercises: ReportExercise[], tampered = false): ReceivedReport {
  return {
    report: {
      format: REPORT_FORMAT,
      version: REPORT_FORMAT_VERSION,
      pack: { id: 'p', revision, title: 'P' },
      learner,
      device: `device-of-${learner}`,
      createdAt: 1_700_000_000_000,
      exercises,
    },
    checksum: `sha256:${learner}`,
    tampered,
    receivedAt: 1_700_000_000_000,
    via: 'file',
  };
}

function ex(id: string, state: ReportExercise['state'], attempts: number, extra: Partial<ReportExercise> = {}) {
  return {
    id,
    lessonId: 'l',
    title: `Ex ${id}`,
    state,
    attempts,
    hintsShown: 0,
    activeMs: 0,
    checks: [],
    ...extra,
  } satisfies ReportExercise;
}

const reports = [
  received('Cleo', 2, [ex('a', 'passed', 1), ex('b', 'tried', 3, { hintsShown: 2, solutionViewedAt: 5 })]),
  received('Ada', 2, [ex('a', 'tried', 2), ex('b', 'not-started', 0)]),
  received('Bob', 1, [ex('a', 'passed', 4)], true),
];

function mount(list: ReceivedReport[] = reports) {
  const table = buildClassTable(list, []);
  const opened: string[] = [];
  const [sort, setSort] = createSignal<{ by: ClassSortKey; direction: SortDirection }>({
    by: 'name',
    direction: 'ascending',
  });
  // As the dashboard does: the same column again turns the order round; a new one starts most-first.
  const onSort = (by: ClassSortKey) => {
    const now = sort();
    const same = JSON.stringify(now.by) === JSON.stringify(by);
    if (same) setSort({ by, direction: now.direction === 'ascending' ? 'descending' : 'ascending' });
    else setSort({ by, direction: by === 'name' ? 'ascending' : 'descending' });
  };
  setDispose(
    render(
      () => (
        <>
          <ClassTable
            table={table}
            rows={sortRows(table.rows, sort().by, sort().direction)}
            sort={sort()}
            onSort={onSort}
            onOpen={(key, id) => opened.push(`${key.split('\u0000')[0]}:${id}`)}
            describedBy="self"
          />
          <ExerciseStatsTable table={table} />
        </>
      ),
      container(),
    ),
  );
  return { opened };
}

const names = () =>
  [...container().querySelectorAll('table.class-table tbody th[scope="row"] .class-learner-name')].map(
    (el) => el.textContent,
  );

describe('ClassTable', () => {
  it('is a table named Class progress, with column and row headers', () => {
    mount();
    const table = container().querySelector('table.class-table')!;
    expect(table.querySelector('caption')?.textContent).toBe('Class progress');
    expect(table.getAttribute('aria-describedby')).toBe('self');
    const headers = [...table.querySelectorAll('thead th')];
    expect(headers.every((th) => th.getAttribute('scope') === 'col')).toBe(true);
    expect(headers.map((th) => accessibleName(th.querySelector('button')!))).toEqual([
      'Learner',
      'Ex a',
      'Ex b',
      'Passed',
    ]);
    expect(names()).toEqual(['Ada', 'Bob', 'Cleo']);
    expect(table.getAttribute('aria-rowcount')).toBe('5');
    // A width for each column (the layout is fixed): the learner, each exercise, the totals.
    expect(table.querySelectorAll('colgroup > col')).toHaveLength(4);
  });

  it('says each cell in words, marks edited reports and other revisions, and totals both ways', () => {
    mount();
    const rows = [...container().querySelectorAll('table.class-table tbody tr.class-row')];
    const spoken = rows.map((tr) => [...tr.querySelectorAll('td')].map((td) => accessibleName(td)));
    expect(spoken).toEqual([
      ['tried, 2 tries', 'not started', '0 of 2 passed, 1 tried'],
      ['passed, 4 tries', 'not in their version', '1 of 1 passed, 0 tried'],
      ['passed, 1 try', 'tried, 3 tries, 2 hints, saw the solution', '1 of 2 passed, 1 tried'],
    ]);
    // What is seen: symbols, and attempts for tried.
    expect(rows[2].querySelectorAll('td')[1].textContent).toContain('tried ×3');
    expect(rows[0].querySelector('th')!.textContent).not.toContain('edited or damaged');
    expect(rows[1].querySelector('th')!.textContent).toContain('edited or damaged');
    expect(rows[1].querySelector('th')!.textContent).toContain('rev 1');
    const foot = [...container().querySelectorAll('table.class-table tfoot :is(th, td)')].map(accessibleName);
    expect(foot).toEqual(['All learners (3)', '2 of 3 learners passed', '0 of 2 learners passed', '2 passed in all']);
  });

  it('sorts from the keyboard: header buttons take focus, Enter sorts, aria-sort says how', async () => {
    mount();
    const header = (name: string) => buttonNamed(container().querySelector('thead')!, name);
    const sortOf = (name: string) => header(name).closest('th')!.getAttribute('aria-sort');
    expect(sortOf('Learner')).toBe('ascending');
    expect(sortOf('Passed')).toBe('none');

    const passed = header('Passed');
    passed.focus();
    expect(document.activeElement).toBe(passed);
    // A browser turns Enter on a focused button into a click; happy-dom does not, so the test does what it does.
    passed.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    passed.click();
    expect(sortOf('Passed')).toBe('descending');
    expect(sortOf('Learner')).toBe('none');
    expect(names()).toEqual(['Cleo', 'Bob', 'Ada']);

    header('Passed').click();
    expect(sortOf('Passed')).toBe('ascending');
    expect(names()).toEqual(['Ada', 'Bob', 'Cleo']);

    header('Ex b').click();
    expect(sortOf('Ex b')).toBe('descending');
    expect(names()).toEqual(['Cleo', 'Ada', 'Bob']);
  });

  it('opens a learner’s code from a cell; a cell not in their version is not a button', () => {
    const { opened } = mount();
    const rows = [...container().querySelectorAll('table.class-table tbody tr.class-row')];
    rows[2].querySelectorAll('td')[1].querySelector('button')!.click();
    expect(opened).toEqual(['cleo:b']);
    expect(rows[1].querySelectorAll('td')[1].querySelector('button')).toBeNull();
  });

  it('lists each exercise’s figures in a table of their own', () => {
    mount();
    const stats = container().querySelector('table.class-stats')!;
    expect(stats.querySelector('caption')?.textContent).toBe('Exercise by exercise');
    const cells = [...stats.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('th, td')].map((c) => c.textContent),
    );
    expect(cells).toEqual([
      ['Ex a', '67%', '2 of 3', '2', '0', '0', '–', '–'],
      ['Ex b', '0%', '0 of 2', '3', '2', '1', '–', '–'],
    ]);
  });

  it('puts only the rows near the view in the page for a big class', async () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      received(`Learner ${String(i).padStart(4, '0')}`, 2, [ex('a', i % 2 ? 'passed' : 'tried', 1)]),
    );
    expect(many.length).toBeGreaterThan(WINDOW_FROM);
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400);
    mount(many);
    const drawn = container().querySelectorAll('table.class-table tbody tr.class-row');
    expect(drawn.length).toBeGreaterThan(5);
    expect(drawn.length).toBeLessThan(60);
    expect(container().querySelector('table.class-table')!.getAttribute('aria-rowcount')).toBe('1002');
    expect(drawn[0].getAttribute('aria-rowindex')).toBe('2');

    // Scrolled half-way down: the rows there are drawn, the ones above are not.
    const region = container().querySelector<HTMLElement>('.class-table-region')!;
    region.scrollTop = 20_000;
    region.dispatchEvent(new Event('scroll'));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = [...container().querySelectorAll('table.class-table tbody tr.class-row')];
    expect(now.length).toBeLessThan(60);
    const first = Number(now[0].getAttribute('aria-rowindex'));
    expect(first).toBeGreaterThan(450);
    expect(first).toBeLessThan(500);
    expect(now[0].querySelector('.class-learner-name')!.textContent).toBe(
      `Learner ${String(first - 2).padStart(4, '0')}`,
    );
    const spacer = container().querySelector<HTMLElement>('tr.class-spacer')!;
    expect(spacer.getAttribute('aria-hidden')).toBe('true');
    expect(spacer.style.height).toBe(`${(first - 2) * 40}px`);

    // A row or two further: the window still covers the view with rows to spare, so it is not drawn again.
    const scrollTo = async (top: number) => {
      region.scrollTop = top;
      region.dispatchEvent(new Event('scroll'));
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return [...container().querySelectorAll('table.class-table tbody tr.class-row')];
    };
    const after = await scrollTo(20_080);
    expect(after.length === now.length && after.every((tr, i) => tr === now[i])).toBe(true);
    // Further on, it moves with the view, keeping the rows both still have.
    const moved = await scrollTo(20_400);
    const movedFirst = Number(moved[0].getAttribute('aria-rowindex'));
    expect(movedFirst).toBeGreaterThan(first);
    expect(movedFirst).toBeLessThan(512);
    expect(moved).toContain(now.at(-1));
    expect(container().querySelector<HTMLElement>('tr.class-spacer')!.style.height).toBe(`${(movedFirst - 2) * 40}px`);
    vi.restoreAllMocks();
  });
  it('puts only the exercise columns near the view in each row of a big class; Tab from a row’s end goes on to the next row’s start', async () => {
    // 40 exercises of 100 px after a 200 px learner column, in a region 800 px wide: 6 columns in view.
    const ids = Array.from({ length: 40 }, (_, j) => `e${String(j).padStart(2, '0')}`);
    const many = Array.from({ length: 200 }, (_, i) =>
      received(
        `Learner ${String(i).padStart(4, '0')}`,
        2,
        ids.map((id, j) => ex(id, (i + j) % 3 === 0 ? 'passed' : 'tried', 1 + j)),
      ),
    );
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
    const rect = Element.prototype.getBoundingClientRect;
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      if (this.tagName !== 'COL') return rect.call(this);
      return new DOMRect(0, 0, this.classList.contains('class-learner-width') ? 200 : 100, 40);
    });
    mount(many);
    const table = container().querySelector('table.class-table')!;
    expect(table.getAttribute('aria-colcount')).toBe('42');
    const region = container().querySelector<HTMLElement>('.class-table-region')!;
    const rows = () => [...table.querySelectorAll<HTMLElement>('tbody tr.class-row')];
    const columnsOf = (tr: HTMLElement) =>
      [...tr.querySelectorAll('td.class-cell')].map((td) => Number(td.getAttribute('aria-colindex')) - 2);
    const range = (from: number, to: number) => Array.from({ length: to - from }, (_, j) => from + j);

    // At the left: the 6 columns in view and 2 more; one spacer stands for the rest, the totals after it.
    let first = rows()[0];
    expect(columnsOf(first)).toEqual(range(0, 8));
    expect(first.querySelectorAll('td.class-cell-spacer')).toHaveLength(1);
    expect(first.querySelector('td.class-cell-spacer')!.getAttribute('colspan')).toBe('32');
    expect(first.querySelector('td.class-total')!.getAttribute('aria-colindex')).toBe('42');
    // Every cell says which column it is, and its name is that column's cell's: the eighth exercise (7 % 3 ≠ 0).
    expect(accessibleName(first.querySelector('td[aria-colindex="9"] button')!)).toBe('tried, 8 tries');

    // Scrolled 2,000 px sideways: columns 20 to 25 in view, 18 to 27 drawn, a spacer each side.
    region.scrollLeft = 2000;
    region.dispatchEvent(new Event('scroll'));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    first = rows()[0];
    expect(columnsOf(first)).toEqual(range(18, 28));
    const spacers = [...first.querySelectorAll('td.class-cell-spacer')].map((td) => td.getAttribute('colspan'));
    expect(spacers).toEqual(['18', '12']);
    expect(rows().every((tr) => columnsOf(tr).join() === range(18, 28).join())).toBe(true);

    // Tab from a row's last cell lands on the next row's first drawn cell: it moves to the first column. (Tab
    // through a row's cells scrolls as the browser lays them out: the e2e tests.)
    const last = rows()[2];
    region.scrollLeft = 10_000;
    region.dispatchEvent(new Event('scroll'));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(columnsOf(last).at(-1)).toBe(39);
    const next = rows()[3];
    const landed = next.querySelector<HTMLElement>('td.class-cell button')!;
    landed.dispatchEvent(
      new FocusEvent('focusin', {
        bubbles: true,
        relatedTarget: last.querySelector('td[aria-colindex="41"] button'),
      }),
    );
    expect(region.scrollLeft).toBe(0);
    expect(columnsOf(rows()[3])[0]).toBe(0);
    expect(document.activeElement).toBe(rows()[3].querySelector('td[aria-colindex="2"] button'));
    vi.restoreAllMocks();
  });
});
