import { createMemo, For, Show } from 'solid-js';
import uPlot from 'uplot';
import { ThemedPlot, themedAxis, type ThemeColours } from '../../charts/client/ThemedPlot.tsx';
import type { ClassTable } from './class-table.ts';
import { columnHeading } from './class-table.ts';
import { DAY_S, dayRange, exerciseSplits, tickDay } from './chart-axes.ts';

type Rate = { number: number; title: string; rate: number | undefined; passed: number; learners: number };
const dayWords = (day: number) =>
  new Date(day).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });

/** Solve rate per exercise (bars) and exercises passed over time (a line), each with a sentence and a table. */
export function ClassCharts(props: { table: ClassTable; progress: { day: number; passed: number }[] }) {
  const rates = createMemo(() =>
    props.table.stats.map((s, i): Rate => ({
      number: i + 1,
      title: columnHeading(props.table.columns[i]),
      rate: s.solveRate,
      passed: s.passed,
      learners: s.learners,
    })),
  );
  const rateData = createMemo((): uPlot.AlignedData => [
    rates().map((r) => r.number),
    rates().map((r) => (r.rate === undefined ? null : Math.round(r.rate * 100))),
  ]);
  const hardest = createMemo(() =>
    rates()
      .filter((r) => r.rate !== undefined)
      .reduce<Rate | undefined>((low, r) => (!low || r.rate! < low.rate! ? r : low), undefined),
  );
  const progressData = createMemo((): uPlot.AlignedData => [
    props.progress.map((d) => d.day / 1000),
    props.progress.map((d) => d.passed),
  ]);

  const barOptions = (c: ThemeColours, width: number): uPlot.Options => ({
    width: Math.max(160, width),
    height: 200,
    cursor: { show: false },
    legend: { show: false },
    scales: {
      // From the data, not the min and max given: uPlot widens a lone exercise to 0–2 before asking.
      x: { time: false, range: (u) => [0.5, Math.max(1, u.data[0].length) + 0.5] },
      y: { range: [0, 100] },
    },
    axes: [
      {
        ...themedAxis(c),
        grid: { show: false },
        incrs: [1, 2, 5, 10, 20, 50, 100],
        splits: (_u, _axis, min, max, incr) => exerciseSplits(min, max, incr),
        values: (_u, ticks) => ticks.map(String),
      },
      { ...themedAxis(c), size: 48, values: (_u, ticks) => ticks.map((t) => `${t}%`) },
    ],
    series: [
      {},
      {
        label: 'Solve rate',
        fill: c.accent,
        stroke: c.accent,
        width: 0,
        paths: uPlot.paths.bars!({ size: [0.6, 40] }),
        points: { show: false },
      },
    ],
  });

  const lineOptions = (c: ThemeColours, width: number): uPlot.Options => ({
    width: Math.max(160, width),
    height: 200,
    cursor: { show: false },
    legend: { show: false },
    scales: {
      // From the data (uPlot widens a lone day to the day after it): a lone day gets half a day each side.
      x: { time: true, range: (u) => dayRange(u.data[0]) },
      y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] },
    },
    axes: [
      {
        ...themedAxis(c),
        grid: { show: false },
        // Whole days only: the figures are per day, and hours (uPlot's choice for two days) suggest otherwise.
        incrs: [1, 2, 7, 14, 28, 91].map((n) => n * DAY_S),
        values: (_u, ticks) => ticks.map(tickDay),
      },
      { ...themedAxis(c), size: 48 },
    ],
    series: [{}, { label: 'Exercises passed', stroke: c.accent, width: 2, points: { show: true, size: 5 } }],
  });

  return (
    <div class="class-charts">
      <figure class="class-chart">
        <figcaption>
          Solve rate per exercise <span class="class-self-reported">self-reported</span>
        </figcaption>
        <p class="class-chart-sentence">
          <Show when={hardest()} fallback="No learner has any of these exercises yet.">
            {(h) => (
              <>
                Exercises are numbered as in the table. The lowest solve rate is exercise {h().number}, “{h().title}”:{' '}
                {Math.round(h().rate! * 100)}% ({h().passed} of {h().learners} learners).
              </>
            )}
          </Show>
        </p>
        <ThemedPlot class="class-chart-plot" options={barOptions} data={rateData()} />
        <details class="class-chart-details">
          <summary>Show the solve rates as a table</summary>
          <table class="class-chart-table">
            <thead>
              <tr>
                <th scope="col">Exercise</th>
                <th scope="col">Solve rate</th>
                <th scope="col">Passed</th>
              </tr>
            </thead>
            <tbody>
              <For each={rates()}>
                {(r) => (
                  <tr>
                    <th scope="row">
                      {r.number}. {r.title}
                    </th>
                    <td>{r.rate === undefined ? '–' : `${Math.round(r.rate * 100)}%`}</td>
                    <td>
                      {r.passed} of {r.learners}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </details>
      </figure>

      <figure class="class-chart">
        <figcaption>
          Exercises passed over time <span class="class-self-reported">self-reported</span>
        </figcaption>
        <Show
          when={props.progress.length > 0}
          fallback={<p class="class-chart-sentence">No exercise has been passed yet.</p>}
        >
          <p class="class-chart-sentence">
            From {dayWords(props.progress[0].day)} to {dayWords(props.progress[props.progress.length - 1].day)}, the
            class went from {props.progress[0].passed} to {props.progress[props.progress.length - 1].passed} exercises
            passed (each learner’s exercise counted once, on the day it first passed).
          </p>
          <ThemedPlot class="class-chart-plot" options={lineOptions} data={progressData()} />
          <details class="class-chart-details">
            <summary>Show the days as a table</summary>
            <table class="class-chart-table">
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Exercises passed by then</th>
                </tr>
              </thead>
              <tbody>
                <For each={props.progress}>
                  {(d) => (
                    <tr>
                      <th scope="row">{dayWords(d.day)}</th>
                      <td>{d.passed}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </details>
        </Show>
      </figure>
    </div>
  );
}
