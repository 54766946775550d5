// Which arrangement of the workbench fits the window, and (on phones) which of
// code and output is in front. One place decides; the CSS follows the
// `data-layout` attribute it sets, so no breakpoint is written twice.
import { createSignal, onCleanup, type Accessor } from 'solid-js';

/**
 * - `wide`: files panel, editor and output side by side (laptops and wider);
 * - `columns`: editor and output side by side, files in a drawer (landscape tablets, short windows);
 * - `stacked`: editor above output, files in a drawer (portrait tablets, narrow windows);
 * - `phone`: editor or output, switched by tabs in a bottom bar that also holds Run and Stop.
 */
export type Layout = 'wide' | 'columns' | 'stacked' | 'phone';

/** The queries, narrowest first; the first that matches wins. */
const QUERIES: [Layout, string][] = [
  ['phone', '(max-width: 599.98px)'],
  ['wide', '(min-width: 1100px)'],
  // Landscape-ish windows keep editor and output side by side; each column is at least ~300 px here.
  ['columns', '(min-aspect-ratio: 11/10)'],
];

export function currentLayout(matches: (query: string) => boolean): Layout {
  for (const [layout, query] of QUERIES) if (matches(query)) return layout;
  return 'stacked';
}

export type PhoneView = 'code' | 'output' | 'drawing';

export interface LayoutController {
  layout: Accessor<Layout>;
  /** On phones, the panel in front. */
  view: Accessor<PhoneView>;
  show(view: PhoneView): void;
}

export function createLayout(): LayoutController {
  const match = (query: string) => matchMedia(query).matches;
  const [layout, setLayout] = createSignal<Layout>(currentLayout(match));
  const [view, setView] = createSignal<PhoneView>('code');
  const update = () => setLayout(currentLayout(match));
  const lists = QUERIES.map(([, query]) => matchMedia(query));
  for (const list of lists) list.addEventListener('change', update);
  onCleanup(() => lists.forEach((list) => list.removeEventListener('change', update)));
  followVisualViewport();
  return { layout, view, show: setView };
}

/**
 * Keeps the app exactly as tall as what the learner can see. Chromium shrinks
 * the layout viewport for the on-screen keyboard (`interactive-widget` in
 * index.html); Safari does not, so the visual viewport's height is used, and
 * only at no zoom (a pinch-zoom also shrinks the visual viewport).
 */
function followVisualViewport(): void {
  const vv = window.visualViewport;
  if (!vv) return;
  const root = document.documentElement;
  const apply = () => {
    if (Math.abs(vv.scale - 1) > 0.01) return;
    root.style.setProperty('--viewport-height', `${Math.round(vv.height)}px`);
  };
  apply();
  vv.addEventListener('resize', apply);
  onCleanup(() => vv.removeEventListener('resize', apply));
}
