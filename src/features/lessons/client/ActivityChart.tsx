import { createMemo, For, Show } from 'solid-js';
import uPlot from 'uplot';
import { ThemedPlot, themedAxis, type ThemeColours } from '../../charts/client/ThemedPlot.tsx';
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

function chartData(activity: Activity): uPlot.AlignedData {
  return [activity.map((d) => d.day / 1000), activity.map((d) => d.runs), activity.map((d) => d.checks)];
}

/** The bars themselves: decoration for sighted learners, the table beside them says the same. */
function Bars(props: { activity: Activity }) {
  const options = (colours: ThemeColours, width: number): uPlot.Options => {
    const axis = themedAxis(colours);
    const bars = (align: -1 | 1) => uPlot.paths.bars!({ size: [0.4, 14, 1], align });
    return {
      width: Math.max(120, width),
      height: width < 480 ? 160 : 200,
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
          fill: colours.accent,
          stroke: colours.accent,
          width: 0,
          paths: bars(-1),
          points: { show: false },
        },
        {
          label: 'Checks',
          fill: colours.warn,
          stroke: colours.warn,
          width: 0,
          paths: bars(1),
          points: { show: false },
        },
      ],
    };
  };
  return <ThemedPlot class="activity-bars" options={options} data={chartData(props.activity)} />;
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
