import { createEffect, createSignal, For, on, onCleanup, onMount, type JSX } from 'solid-js';

/**
 * A list that renders only the rows in view (plus a few), so thousands of
 * files or runs cost no more than a screenful. Rows have a fixed height.
 */
export function VirtualList<T>(props: {
  count: number;
  rowHeight: number;
  /** The row at `index`, if loaded (rows may arrive later, page by page). */
  item: (index: number) => T | undefined;
  row: (item: T | undefined, index: number) => JSX.Element;
  /** Called with the range in view, to load it. */
  onRange?: (start: number, end: number) => void;
  label: string;
  role?: 'listbox' | 'list';
  class?: string;
  ref?: (el: HTMLDivElement) => void;
  onKeyDown?: (event: KeyboardEvent) => void;
  activeDescendant?: string;
}) {
  let el!: HTMLDivElement;
  const [range, setRange] = createSignal({ start: 0, end: 30 });
  const measure = () => {
    const overscan = 8;
    const start = Math.max(0, Math.floor(el.scrollTop / props.rowHeight) - overscan);
    const end = Math.ceil((el.scrollTop + Math.max(el.clientHeight, 400)) / props.rowHeight) + overscan;
    const current = range();
    if (current.start !== start || current.end !== end) setRange({ start, end });
    props.onRange?.(start, Math.min(end, props.count));
  };
  // New rows (a list that loaded, a filter that changed) may need loading even without a scroll.
  createEffect(
    on(
      () => props.count,
      () => el && measure(),
      { defer: true },
    ),
  );
  onMount(() => {
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    onCleanup(() => observer.disconnect());
    measure();
  });
  const indices = () => {
    const { start, end } = range();
    const out: number[] = [];
    for (let i = start; i < Math.min(end, props.count); i++) out.push(i);
    return out;
  };
  return (
    <div
      ref={(node) => {
        el = node;
        props.ref?.(node);
      }}
      class={`virtual-list ${props.class ?? ''}`}
      role={props.role ?? 'list'}
      aria-label={props.label}
      aria-activedescendant={props.activeDescendant}
      tabindex="0"
      onScroll={measure}
      onKeyDown={(e) => props.onKeyDown?.(e)}
    >
      <div style={{ height: `${props.count * props.rowHeight}px`, position: 'relative' }}>
        <For each={indices()}>
          {(index) => (
            <div
              class="virtual-row"
              style={{
                position: 'absolute',
                top: `${index * props.rowHeight}px`,
                height: `${props.rowHeight}px`,
                left: 0,
                right: 0,
              }}
            >
              {props.row(props.item(index), index)}
            </div>
          )}
        </For>
      </div>
    </div>
  );
}
