import { For, Show } from 'solid-js';
import type { Workspace } from '../workspace/workspace.ts';

/** Tabs for the files open in the editor. Arrow keys move between tabs; Delete closes one. */
export function FileTabs(props: { workspace: Workspace }) {
  // eslint-disable-next-line solid/reactivity -- a store: reads below stay reactive
  const state = props.workspace.state;
  let tablist!: HTMLDivElement;

  const onTabKey = (event: KeyboardEvent, index: number) => {
    const tabs = state.tabs;
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    else if (event.key === 'Delete' && tabs.length > 1) {
      event.preventDefault();
      props.workspace.closeTab(tabs[index]);
      return;
    }
    if (next < 0) return;
    event.preventDefault();
    props.workspace.setActive(tabs[next]);
    (tablist.querySelectorAll('[role="tab"]')[next] as HTMLElement | undefined)?.focus();
  };

  return (
    <div ref={tablist} role="tablist" aria-label="Open files" class="tabs">
      <For each={state.tabs}>
        {(path, index) => (
          <span class="tab-wrap" classList={{ active: state.active === path }}>
            <button
              type="button"
              role="tab"
              class="tab"
              aria-selected={state.active === path}
              aria-controls={props.workspace.isBinary(path) ? 'file-preview' : 'editor'}
              tabindex={state.active === path ? 0 : -1}
              onClick={() => props.workspace.setActive(path)}
              onKeyDown={(e) => onTabKey(e, index())}
            >
              {path}
              <Show when={path === state.main}>
                <span class="main-badge" title="Run starts this file">
                  {' '}
                  (main)
                </span>
              </Show>
            </button>
            <Show when={state.tabs.length > 1}>
              <button
                type="button"
                class="tab-close"
                aria-label={`Close ${path}`}
                tabindex="-1"
                onClick={() => props.workspace.closeTab(path)}
              >
                ×
              </button>
            </Show>
          </span>
        )}
      </For>
    </div>
  );
}
