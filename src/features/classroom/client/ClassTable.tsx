import { createEffect, createMemo, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js';
import type { ClassCell, ClassRow, ClassSortKey, ClassTable as Table, SortDirection } from './class-table.ts';
import { columnHeading } from './class-table.ts';
import { edgesOf, itemsInView, nearEdge, type Span } from './table-window.ts';

/** From this many rows, only those near the view are in the page (a class of 1,000 must scroll smoothly). */
export const WINDOW_FROM = 120;
/**
 * Rows drawn above and below the view, so a fast scroll or Tab lands on rows that are there. Few: every row in
 * the page is laid out again when the window moves (bench, 1,000 learners: 6 rows each side dropped half as many
 * frames as 12).
 */
const OVERSCAN = 6;
/**
 * The window is drawn again only once the view comes this close to one of its ends, so it moves 3 rows at a
 * time: bench, at 1,000 learners, moving it on every row crossed cost more per frame, and 12 or more rows at
 * once made frames of 50–130 ms.
 */
const EDGE = 3;
/** A row's height before one is measured (CSS keeps every row this tall: see classroom.css). */
const DEFAULT_ROW_PX = 40;
/**
 * Exercise columns drawn beyond each side of the view in a large class, and how near one of the drawn ends the
 * view comes before they move. A 1,280 px window shows about 8 of 40 columns: drawing only those near the view
 * cut each frame's layout, paint and style by about half and the garbage the cells left (traced over 400 frames
 * at 1,000 learners: frames over 20 ms from 11–100 a trial to 2–3; README, "Speed").
 */
const COLUMN_OVERSCAN = 2;
const COLUMN_EDGE = 1;

const sameKey = (a: ClassSortKey, b: ClassSortKey) =>
  typeof a === 'string' || typeof b === 'string' ? a === b : a.exercise === b.exercise;

function count(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** What a cell says to someone who cannot see its symbol. */
export function cellSpoken(cell: ClassCell): string {
  const parts: string[] = [];
  if (cell.state === 'passed') parts.push(`passed, ${count(cell.attempts, 'try', 'tries')}`);
  else if (cell.state === 'tried') parts.push(`tried, ${count(cell.attempts, 'try', 'tries')}`);
  else parts.push('not started');
  if (cell.hints > 0) parts.push(count(cell.hints, 'hint'));
  if (cell.solutionViewed) parts.push('saw the solution');
  return parts.join(', ');
}

/**
 * A cell, built once with no reactive bindings: a row's cells never change (new figures come as new rows), and
 * a flick draws hundreds of cells a second.
 */
function cellView(
  cell: ClassCell,
  colIndex: number,
  rowKey: string,
  onOpen: (rowKey: string, exerciseId: string) => void,
) {
  const state = cell.state;
  if (state === 'absent') {
    return (
      <td class="class-cell class-cell-absent" aria-colindex={colIndex}>
        <span role="img" aria-label="not in their version" title="not in their version">
          –
        </span>
      </td>
    );
  }
  const cellClass = `class-cell class-cell-${state}`;
  const spoken = cellSpoken(cell);
  const symbol = state === 'passed' ? '✓' : state === 'tried' ? `tried ×${cell.attempts}` : '○';
  const mark = cell.solutionViewed ? <span class="class-cell-mark"> S</span> : undefined;
  // The spoken words are the button's name, not a hidden span: a thousand absolutely positioned spans made
  // every scroll step lay them all out again.
  return (
    <td class={cellClass} aria-colindex={colIndex}>
      <button
        type="button"
        class="class-cell-button"
        aria-label={spoken}
        onClick={() => onOpen(rowKey, cell.exerciseId)}
      >
        {symbol}
        {mark}
      </button>
    </td>
  );
}

function SortHeader(props: {
  label: string;
  by: ClassSortKey;
  sort: { by: ClassSortKey; direction: SortDirection };
  onSort: (by: ClassSortKey) => void;
  class?: string;
  title?: string;
  colIndex: number;
}) {
  const active = () => sameKey(props.sort.by, props.by);
  return (
    <th
      scope="col"
      class={props.class}
      aria-colindex={props.colIndex}
      aria-sort={active() ? props.sort.direction : 'none'}
    >
      <button type="button" class="class-sort" title={props.title} onClick={() => props.onSort(props.by)}>
        <span class="class-sort-label">{props.label}</span>
        <span class="class-sort-arrow" aria-hidden="true">
          {active() ? (props.sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

/**
 * The table named **Class progress**: a row per learner and device, a column per exercise (✓ passed, tried ×N,
 * ○ not started, – not in their version), a learner's totals at the right and each exercise's at the bottom.
 * Column headers sort; a cell opens that learner's code next to the solution. A large class is drawn in
 * windows: only the rows and exercise columns near the view are in the page (aria-rowcount, aria-colcount,
 * aria-rowindex and aria-colindex say where they are), and Tab still goes through a row's cells in order.
 */
export function ClassTable(props: {
  table: Table;
  rows: ClassRow[];
  sort: { by: ClassSortKey; direction: SortDirection };
  onSort: (by: ClassSortKey) => void;
  onOpen: (rowKey: string, exerciseId: string) => void;
  /** Id of the sentence saying the figures are self-reported. */
  describedBy?: string;
}) {
  let region!: HTMLDivElement;
  // The scroll position the window was last drawn for: it moves only when the view nears the window's ends.
  const [drawnTop, setDrawnTop] = createSignal(0);
  const [drawnLeft, setDrawnLeft] = createSignal(0);
  const [viewHeight, setViewHeight] = createSignal(800);
  const [viewWidth, setViewWidth] = createSignal(1200);
  const [rowHeight, setRowHeight] = createSignal(DEFAULT_ROW_PX);
  /** The learner column's width and where each exercise column ends; undefined until measured (then all are drawn). */
  const [columnsAt, setColumnsAt] = createSignal<{ learner: number; edges: number[] } | undefined>();

  const windowed = () => props.rows.length >= WINDOW_FROM;
  const columnCount = () => props.table.columns.length;
  const range = createMemo(
    () => {
      const n = props.rows.length;
      if (!windowed()) return { start: 0, end: n };
      const h = rowHeight();
      const start = Math.min(n, Math.max(0, Math.floor(drawnTop() / h) - OVERSCAN));
      const end = Math.min(n, Math.ceil((drawnTop() + viewHeight()) / h) + OVERSCAN);
      return { start, end };
    },
    undefined,
    { equals: (a, b) => a.start === b.start && a.end === b.end },
  );
  /** The exercise columns a scroll position shows: the part of the view right of the sticky learner column. */
  const columnsShown = (left: number, overscan: number): Span => {
    const at = columnsAt();
    if (!windowed() || !at) return { start: 0, end: columnCount() };
    return itemsInView(at.edges, left, left + viewWidth() - at.learner, overscan);
  };
  const columnRange = createMemo(() => columnsShown(drawnLeft(), COLUMN_OVERSCAN), undefined, {
    equals: (a, b) => a.start === b.start && a.end === b.end,
  });
  /** The exercise columns drawn in each row, by index: a row keeps the cells both windows have. */
  const drawnColumns = createMemo(() => {
    const { start, end } = columnRange();
    return Array.from({ length: end - start }, (_, i) => start + i);
  });
  const visible = createMemo(() => props.rows.slice(range().start, range().end));
  const rowIndex = createMemo(() => new Map(props.rows.map((r, i) => [r, i])));

  /** Where the columns are (layout is read here only: when the region's size or the columns change). */
  const measureColumns = () => {
    setViewWidth(region.clientWidth || 1200);
    const widths = [...region.querySelectorAll('colgroup > col')].map((col) => col.getBoundingClientRect().width);
    // Not laid out (no layout engine, or hidden): every column is drawn.
    if (widths.length !== columnCount() + 2 || widths.some((w) => !(w > 0))) setColumnsAt(undefined);
    else setColumnsAt({ learner: widths[0], edges: edgesOf(widths.slice(1, -1)) });
    setDrawnLeft(region.scrollLeft);
  };

  /** Draws the window again if the view is near or past one of its ends (reads no layout: only the scroll). */
  const follow = () => {
    const top = region.scrollTop;
    const left = region.scrollLeft;
    // A class that grows past WINDOW_FROM must start its window where the view is.
    if (!windowed()) {
      setDrawnTop(top);
      setDrawnLeft(left);
      return;
    }
    const h = rowHeight();
    const first = Math.floor(top / h);
    const last = Math.ceil((top + viewHeight()) / h);
    const { start, end } = range();
    if ((start > 0 && first < start + EDGE) || (end < props.rows.length && last > end - EDGE)) setDrawnTop(top);
    if (nearEdge(columnRange(), columnsShown(left, 0), columnCount(), COLUMN_EDGE)) setDrawnLeft(left);
  };
  onMount(() => {
    let frame = 0;
    // Only when the region's size changes (and once now): a row's height never changes while scrolling.
    const measure = () => {
      setViewHeight(region.clientHeight || 800);
      const first = region.querySelector<HTMLElement>('tbody tr.class-row');
      const h = first?.getBoundingClientRect().height;
      if (h && h > 0) setRowHeight(h);
      setDrawnTop(region.scrollTop);
      measureColumns();
    };
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        follow();
      });
    };
    measure();
    region.addEventListener('scroll', onScroll, { passive: true });
    region.addEventListener('focusin', keepTabOrder);
    const resize = new ResizeObserver(measure);
    resize.observe(region);
    onCleanup(() => {
      cancelAnimationFrame(frame);
      region.removeEventListener('scroll', onScroll);
      region.removeEventListener('focusin', keepTabOrder);
      resize.disconnect();
    });
  });
  // New columns (another pack, or a revision with more exercises): measured again once drawn.
  createEffect(
    on(
      () => props.table.columns,
      () => region && measureColumns(),
      { defer: true },
    ),
  );

  /**
   * A focused cell is scrolled fully into sight, out from under the sticky learner column, header and totals
   * (the browser scrolls a focused element only when it is out of the region, and these cover part of it). In a
   * large class that also draws the cells past it at once, before the next key press, so Tab and Shift+Tab go
   * through every cell in order; Tab from a row's last cell goes on to the next row's first, and Shift+Tab from a
   * row's first back to the row before's last, with the view scrolled to that end.
   */
  const keepTabOrder = (event: FocusEvent) => {
    const cellOf = (target: EventTarget | null) =>
      target instanceof Element ? target.closest<HTMLElement>('tbody tr.class-row > td[aria-colindex]') : null;
    const cell = cellOf(event.target);
    if (!cell) return;
    const row = cell.parentElement!;
    const column = Number(cell.getAttribute('aria-colindex')) - 2;
    const { start, end } = columnRange();
    const n = columnCount();
    const from = cellOf(event.relatedTarget);
    const rowAt = Number(row.getAttribute('aria-rowindex'));
    const fromRowAt = from ? Number(from.parentElement!.getAttribute('aria-rowindex')) : NaN;
    let to: number | undefined;
    if (fromRowAt === rowAt - 1 && column === start && start > 0) to = 0;
    else if (fromRowAt === rowAt + 1 && column === end - 1 && end < n) to = n - 1;
    if (to !== undefined) {
      region.scrollLeft = to === 0 ? 0 : region.scrollWidth;
      // Drawn now (Solid updates the page as the signal is set), so the cell is there to take the focus.
      setDrawnLeft(region.scrollLeft);
      row.querySelector<HTMLElement>(`td[aria-colindex="${to + 2}"] button`)?.focus();
      return;
    }
    // The region's scroll-padding (classroom.css) is the part of it nothing sticky covers.
    cell.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    follow();
  };

  const open = (rowKey: string, exerciseId: string) => props.onOpen(rowKey, exerciseId);
  // Header row, the rows, the totals row.
  const ariaRows = () => props.rows.length + 2;
  /** A column's width from its heading's length (the table's layout is fixed: see classroom.css). */
  const chars = (heading: string) => ({ '--class-col-chars': String(heading.length) });

  return (
    <div
      ref={region}
      class="class-table-region"
      classList={{ 'class-table-windowed': windowed() }}
      role="region"
      aria-label="Class progress, scrolls in both directions"
      tabindex="0"
    >
      <table
        class="class-table"
        aria-rowcount={ariaRows()}
        aria-colcount={columnCount() + 2}
        aria-describedby={props.describedBy}
      >
        <caption>Class progress</caption>
        <colgroup>
          <col class="class-learner-width" />
          <For each={props.table.columns}>
            {(column) => <col class="class-column-width" style={chars(columnHeading(column))} />}
          </For>
          <col class="class-column-width" style={chars('Passed')} />
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <SortHeader
              label="Learner"
              by="name"
              sort={props.sort}
              onSort={props.onSort}
              class="class-learner-col"
              colIndex={1}
            />
            <For each={props.table.columns}>
              {(column, j) => (
                <SortHeader
                  colIndex={j() + 2}
                  label={columnHeading(column)}
                  title={columnHeading(column)}
                  by={{ exercise: column.id }}
                  sort={props.sort}
                  onSort={props.onSort}
                  class={column.older ? 'class-older-col' : undefined}
                />
              )}
            </For>
            <SortHeader
              label="Passed"
              by="passed"
              sort={props.sort}
              onSort={props.onSort}
              class="class-total-col"
              colIndex={columnCount() + 2}
            />
          </tr>
        </thead>
        <tbody>
          <Show when={range().start > 0}>
            <tr class="class-spacer" aria-hidden="true" style={{ height: `${range().start * rowHeight()}px` }}>
              <td colspan={columnCount() + 2} />
            </tr>
          </Show>
          <For each={visible()}>
            {(row) => {
              // Plain values, not reactive reads: a drawn row's figures never change.
              const { learner, device, deviceShort, revision, tampered, passed, inRevision, tried } = row;
              return (
                <tr
                  class={tampered ? 'class-row class-row-tampered' : 'class-row'}
                  aria-rowindex={(rowIndex().get(row) ?? 0) + 2}
                >
                  <th scope="row" class="class-learner" aria-colindex={1}>
                    <span class="class-learner-name">{learner}</span>{' '}
                    <span class="class-device" title={`Device ${device}`}>
                      <span class="visually-hidden">device </span>
                      {deviceShort}
                    </span>
                    <Show when={revision !== props.table.newestRevision}>
                      {' '}
                      <span class="class-revision">rev {revision}</span>
                    </Show>
                    {tampered ? (
                      <>
                        {' '}
                        <span class="class-tampered">
                          <span aria-hidden="true">⚠ </span>edited or damaged
                        </span>
                      </>
                    ) : undefined}
                  </th>
                  <Show when={columnRange().start > 0}>
                    <td class="class-cell-spacer" colspan={columnRange().start} aria-hidden="true" />
                  </Show>
                  <For each={drawnColumns()}>{(j) => cellView(row.cells[j], j + 2, row.key, open)}</For>
                  <Show when={columnRange().end < columnCount()}>
                    <td class="class-cell-spacer" colspan={columnCount() - columnRange().end} aria-hidden="true" />
                  </Show>
                  <td class="class-total" aria-colindex={columnCount() + 2}>
                    <span aria-hidden="true">
                      {passed}/{inRevision}
                    </span>
                    <span class="visually-hidden">
                      {passed} of {inRevision} passed, {tried} tried
                    </span>
                  </td>
                </tr>
              );
            }}
          </For>
          <Show when={range().end < props.rows.length}>
            <tr
              class="class-spacer"
              aria-hidden="true"
              style={{ height: `${(props.rows.length - range().end) * rowHeight()}px` }}
            >
              <td colspan={columnCount() + 2} />
            </tr>
          </Show>
        </tbody>
        <tfoot>
          <tr aria-rowindex={ariaRows()}>
            <th scope="row" class="class-learner" aria-colindex={1}>
              All learners ({props.table.totals.learners})
            </th>
            <For each={props.table.stats}>
              {(s, j) => (
                <td class="class-total" aria-colindex={j() + 2}>
                  <span aria-hidden="true">
                    {s.passed}/{s.learners}
                  </span>
                  <span class="visually-hidden">
                    {s.passed} of {count(s.learners, 'learner')} passed
                  </span>
                </td>
              )}
            </For>
            <td class="class-total" aria-colindex={columnCount() + 2}>
              <span aria-hidden="true">{props.table.totals.passed}</span>
              <span class="visually-hidden">{props.table.totals.passed} passed in all</span>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function percent(rate: number | undefined): string {
  return rate === undefined ? '–' : `${Math.round(rate * 100)}%`;
}

function number(n: number | undefined): string {
  return n === undefined ? '–' : String(Math.round(n * 10) / 10);
}

/** Each exercise's figures, one row each: easier to read than more rows under 40 columns. */
export function ExerciseStatsTable(props: { table: Table; describedBy?: string }) {
  return (
    <div class="class-stats-region" role="region" aria-label="Exercise by exercise, scrolls sideways" tabindex="0">
      <table class="class-stats" aria-describedby={props.describedBy}>
        <caption>Exercise by exercise</caption>
        <thead>
          <tr>
            <th scope="col">Exercise</th>
            <th scope="col">Solve rate</th>
            <th scope="col">Passed</th>
            <th scope="col">Median tries</th>
            <th scope="col">Median hints</th>
            <th scope="col">Saw the solution</th>
            <th scope="col">Most common failing check</th>
            <th scope="col">Most common error</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.table.stats}>
            {(s, i) => (
              <tr>
                <th scope="row">{columnHeading(props.table.columns[i()])}</th>
                <td>{percent(s.solveRate)}</td>
                <td>
                  {s.passed} of {s.learners}
                </td>
                <td>{number(s.medianAttempts)}</td>
                <td>{number(s.medianHints)}</td>
                <td>{s.solutionViewed}</td>
                <td>
                  {s.failingCheck ? `${s.failingCheck.title} (${count(s.failingCheck.learners, 'learner')})` : '–'}
                </td>
                <td>
                  <Show when={s.error} fallback="–">
                    {(e) => (
                      <>
                        <code>{e().type}</code> ({count(e().learners, 'learner')})
                      </>
                    )}
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
