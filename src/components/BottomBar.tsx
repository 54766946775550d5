import { For, Show } from 'solid-js';
import type { PhoneView } from '../controllers/layout.ts';
import { RunControls, type CheckControl } from './RunControls.tsx';

/**
 * The phone's bottom bar, where thumbs are: Code and Output as tabs (one of
 * them fills the screen; a Drawing tab joins them for turtle programs), and
 * Run and Stop. A dot on Output says it has something new while the code is
 * in front.
 */
export function BottomBar(props: {
  view: PhoneView;
  /** A turtle program draws: a Drawing tab between Code and Output. */
  withDrawing: boolean;
  onView: (view: PhoneView) => void;
  outputNews: boolean;
  running: boolean;
  onRun: () => void;
  onStop: () => void;
  check?: CheckControl;
}) {
  const tabs = (): { view: PhoneView; label: string; controls: string }[] => [
    { view: 'code', label: 'Code', controls: 'editor-panel' },
    ...(props.withDrawing ? [{ view: 'drawing' as const, label: 'Drawing', controls: 'drawing-panel' }] : []),
    { view: 'output', label: 'Output', controls: 'output-panel' },
  ];
  let tablist!: HTMLDivElement;
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const list = tabs();
    const at = list.findIndex((tab) => tab.view === props.view);
    const step = event.key === 'ArrowRight' ? 1 : -1;
    const next = list[(at + step + list.length) % list.length].view;
    props.onView(next);
    tablist.querySelector<HTMLElement>(`[data-view="${next}"]`)?.focus();
  };
  return (
    <nav class="bottom-bar" aria-label="Run and view">
      <div ref={tablist} role="tablist" aria-label="View" class="view-tabs" onKeyDown={onKey}>
        <For each={tabs()}>
          {(tab) => (
            <button
              type="button"
              role="tab"
              class="view-tab"
              data-view={tab.view}
              aria-selected={props.view === tab.view}
              aria-controls={tab.controls}
              tabindex={props.view === tab.view ? 0 : -1}
              onClick={() => props.onView(tab.view)}
            >
              {tab.label}
              <Show when={tab.view === 'output' && props.outputNews && props.view !== 'output'}>
                <span class="news-dot" role="img" aria-label="(new output)" />
              </Show>
            </button>
          )}
        </For>
      </div>
      <RunControls running={props.running} onRun={props.onRun} onStop={props.onStop} check={props.check} />
    </nav>
  );
}
