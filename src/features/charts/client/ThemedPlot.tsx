import { createEffect, onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** The theme's colours, read from app.css's custom properties, so charts follow light and dark like the page. */
export interface ThemeColours {
  accent: string;
  /** Amber beside the blue accent: a pair told apart with every common kind of colour blindness. */
  warn: string;
  text: string;
  grid: string;
  font: string;
}

function themeColours(el: HTMLElement): ThemeColours {
  const style = getComputedStyle(el);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    accent: read('--accent', '#2d5f8b'),
    warn: read('--warn', '#9a6700'),
    text: read('--muted', '#5b6570'),
    grid: read('--border', '#d5dae0'),
    font: read('--font-ui', 'sans-serif'),
  };
}

/** An axis in the theme's text and grid colours. */
export function themedAxis(c: ThemeColours): uPlot.Axis {
  return {
    stroke: c.text,
    font: `12px ${c.font}`,
    grid: { stroke: c.grid, width: 1 },
    ticks: { stroke: c.grid, width: 1 },
  };
}

/**
 * A uPlot chart drawn for sighted readers only (aria-hidden): whoever uses it puts a sentence and a table beside it
 * that say the same. Built again when the theme changes (uPlot takes colours once, as strings), and sized again
 * (`options` for the new width gives the size) when its box changes width.
 */
export function ThemedPlot(props: {
  options: (colours: ThemeColours, width: number) => uPlot.Options;
  data: uPlot.AlignedData;
  class: string;
}) {
  let box!: HTMLDivElement;
  onMount(() => {
    let plot: uPlot | undefined;
    let colours = themeColours(box);
    let key = '';
    const build = () => {
      colours = themeColours(box);
      const next = JSON.stringify(colours);
      if (plot && next === key) return;
      key = next;
      plot?.destroy();
      plot = new uPlot(props.options(colours, box.clientWidth), props.data, box);
    };
    build();
    createEffect(() => plot?.setData(props.data));
    let width = box.clientWidth;
    const resize = new ResizeObserver(() => {
      if (!plot || box.clientWidth === width) return;
      width = box.clientWidth;
      const { width: w, height: h } = props.options(colours, width);
      plot.setSize({ width: w, height: h });
    });
    resize.observe(box);
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', build);
    // A theme chosen in the app (rather than by the system) shows as a change to the root element.
    const themeWatch = new MutationObserver(build);
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'data-theme'] });
    onCleanup(() => {
      resize.disconnect();
      themeWatch.disconnect();
      scheme.removeEventListener('change', build);
      plot?.destroy();
    });
  });
  return <div ref={box} class={props.class} aria-hidden="true" />;
}
