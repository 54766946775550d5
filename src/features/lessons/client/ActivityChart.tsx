import { createMemo, createEffect, For, onCleanup, onMount, Show } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ProgressSummary } from './progress-summary.ts';

type Activity = ProgressSummary['activity'];

const HALF_DAY_S = 12 * 60 * 60;

/** "1 run", "41 runs". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The period a number of days covers, as a learner would say it: "Last 8 weeks", "Last 10 days", "Today". */
export function periodWords(days: number): string {
  if (days <= 1) return 'Today';
  if (days % 7 === 0 && days >= 14) return `Last ${days / 7} weeks`;
  return `Last ${days} days`;
}

function dayWords(day: number): string {
  return new Date(day).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
}

/** The theme's colours, read from app.css's custom properties, so the chart follows light and dark like the rest. */
function themeColours(el: HTMLElement) {
  const style = getComputedStyle(el);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    runs: read('--accent', '#2d5f8b'),
    // Amber beside blue: a pair told apart with every common kind of colour blindness.
    checks: read('--warn', '#9a6700'),
    text: read('--muted', '#5b6570'),
    grid: read('--border', '#d5dae0'),
    font: read('--font-ui', 'sans-serif'),
  };
}

function chartData(activity: Activity): uPlot.AlignedData {
  return [activity.map((d) => d.day / 1000), activity.map((d) => d.runs), activity.map((d) => d.checks)];
}

/** The bars themselves: decoration for sighted learners, the table beside them says the same. */
function Bars(props: { activity: Activity }) {
  let box!: HTMLDivElement;

  onMount(() => {
    let plot: uPlot | undefined;
    let coloursKey = '';

    const height = () => (box.clientWidth < 480 ? 160 : 200);

    const options = (colours: ReturnType<typeof themeColours>): uPlot.Options => {
      const axis = {
        stroke: colours.text,
        font: `12px ${colours.font}`,
        grid: { stroke: colours.grid, width: 1 },
        ticks: { stroke: colours.grid, width: 1 },
      };
      const bars = (align: -1 | 1) => uPlot.paths.bars!({ size: [0.4, 14, 1], align });
      return {
        width: Math.max(120, box.clientWidth),
        height: height(),
        cursor: { show: false },
        legend: { show: true, live: false },
        scales: {
          x: { time: true, range: (_u, min, max) => [min - HALF_DAY_S, max + HALF_DAY_S] },
          y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] },
        },
        axes: [
          { ...axis, grid: { show: false } },
          { ...axis, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000], size: 40 },
        ],
        series: [
          {},
          {
            label: 'Runs',
            fill: colours.runs,
            stroke: colours.runs,
            width: 0,
            paths: bars(-1),
            points: { show: false },
          },
          {
            label: 'Checks',
            fill: colours.checks,
            stroke: colours.checks,
            width: 0,
            paths: bars(1),
            points: { show: false },
          },
        ],
      };
    };

    // Built again when the theme's colours change: uPlot takes colours once, as strings.
    const build = () => {
      const colours = themeColours(box);
      const key = JSON.stringify(colours);
      if (plot && key === coloursKey) return;
      coloursKey = key;
      plot?.destroy();
      plot = new uPlot(options(colours), chartData(props.activity), box);
    };
    build();

    createEffect(() => plot?.setData(chartData(props.activity)));

    let width = box.clientWidth;
    const resize = new ResizeObserver(() => {
      if (!plot || box.clientWidth === width) return;
      width = box.clientWidth;
      plot.setSize({ width: Math.max(120, width), height: height() });
    });
    resize.observe(box);

    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', build);
    // A theme chosen in the app (rather than by the system) would show as a change to the root element.
    const themeWatch = new MutationObserver(build);
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'data-theme'] });

    onCleanup(() => {
      resize.disconnect();
      themeWatch.disconnect();
      scheme.removeEventListener('change', build);
      plot?.destroy();
    });
  });

  return <div ref={box} class="activity-bars" aria-hidden="true" />;
}

/**
 * Runs and checks per day as bars, with the same numbers as a sentence and a table for anyone who cannot see the
 * chart. With nothing done yet, only a sentence saying what will show here.
 */
export function ActivityChart(props: { activity: Activity }) {
  const activeDays = createMemo(() => props.activity.filter((d) => d.runs > 0 || d.checks > 0));
  const totals = createMemo(() =>
    props.activity.reduce((t, d) => ({ runs: t.runs + d.runs, checks: t.checks + d.checks }), { runs: 0, checks: 0 }),
  );

  return (
    <Show
      when={activeDays().length > 0}
      fallback={<p class="activity-empty">Nothing yet: run a program or check an exercise and it shows here.</p>}
    >
      <figure class="activity">
        <figcaption>Runs and checks each day</figcaption>
        <p class="activity-sentence">
          {periodWords(props.activity.length)}: {count(totals().runs, 'run')} and {count(totals().checks, 'check')} on{' '}
          {count(activeDays().length, 'day')}.
        </p>
        <Bars activity={props.activity} />
        <details class="activity-details">
          <summary>Show the days as a table</summary>
          <div class="activity-table-wrap">
            <table class="activity-table">
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Runs</th>
                  <th scope="col">Checks</th>
                  <th scope="col">Checks passed</th>
                </tr>
              </thead>
              <tbody>
                <For each={activeDays()}>
                  {(d) => (
                    <tr>
                      <th scope="row">{dayWords(d.day)}</th>
                      <td>{d.runs}</td>
                      <td>{d.checks}</td>
                      <td>{d.passedChecks}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </details>
      </figure>
    </Show>
  );
}
