import { createEffect, createMemo, For, onCleanup, onMount, Show } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ClassTable } from './class-table.ts';
import { columnHeading } from './class-table.ts';

type Rate = { number: number; title: string; rate: number | undefined; passed: number; learners: number };
type Colours = { line: string; text: string; grid: string; font: string };

/** The theme's colours (app.css's custom properties), so the charts follow light and dark like the page. */
function themeColours(el: HTMLElement): Colours {
  const style = getComputedStyle(el);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    line: read('--accent', '#2d5f8b'),
    text: read('--muted', '#5b6570'),
    grid: read('--border', '#d5dae0'),
    font: read('--font-ui', 'sans-serif'),
  };
}

/**
 * A uPlot chart, drawn for sighted readers only (aria-hidden): the sentence and the table next to it say the
 * same. Built again when the theme changes (uPlot takes colours once, as strings) and resized with its box.
 */
function Plot(props: { options: (c: Colours, width: number) => uPlot.Options; data: uPlot.AlignedData }) {
  let box!: HTMLDivElement;
  onMount(() => {
    let plot: uPlot | undefined;
    let key = '';
    const build = () => {
      const colours = themeColours(box);
      const next = JSON.stringify(colours);
      if (plot && next === key) return;
      key = next;
      plot?.destroy();
      plot = new uPlot(props.options(colours, Math.max(160, box.clientWidth)), props.data, box);
    };
    build();
    createEffect(() => plot?.setData(props.data));
    let width = box.clientWidth;
    const resize = new ResizeObserver(() => {
      if (!plot || box.clientWidth === width) return;
      width = box.clientWidth;
      plot.setSize({ width: Math.max(160, width), height: plot.height });
    });
    resize.observe(box);
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', build);
    const themeWatch = new MutationObserver(build);
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'data-theme'] });
    onCleanup(() => {
      resize.disconnect();
      themeWatch.disconnect();
      scheme.removeEventListener('change', build);
      plot?.destroy();
    });
  });
  return <div ref={box} class="class-chart-plot" aria-hidden="true" />;
}

function axis(c: Colours) {
  return {
    stroke: c.text,
    font: `12px ${c.font}`,
    grid: { stroke: c.grid, width: 1 },
    ticks: { stroke: c.grid, width: 1 },
  };
}

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

  const barOptions = (c: Colours, width: number): uPlot.Options => ({
    width,
    height: 200,
    cursor: { show: false },
    legend: { show: false },
    scales: {
      x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] },
      y: { range: [0, 100] },
    },
    axes: [
      { ...axis(c), grid: { show: false }, incrs: [1, 2, 5, 10], values: (_u, ticks) => ticks.map(String) },
      { ...axis(c), size: 48, values: (_u, ticks) => ticks.map((t) => `${t}%`) },
    ],
    series: [
      {},
      {
        label: 'Solve rate',
        fill: c.line,
        stroke: c.line,
        width: 0,
        paths: uPlot.paths.bars!({ size: [0.6, 40] }),
        points: { show: false },
      },
    ],
  });

  const lineOptions = (c: Colours, width: number): uPlot.Options => ({
    width,
    height: 200,
    cursor: { show: false },
    legend: { show: false },
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] } },
    axes: [
      { ...axis(c), grid: { show: false } },
      { ...axis(c), size: 48 },
    ],
    series: [{}, { label: 'Exercises passed', stroke: c.line, width: 2, points: { show: true, size: 5 } }],
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
        <Plot options={barOptions} data={rateData()} />
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
          <Plot options={lineOptions} data={progressData()} />
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
