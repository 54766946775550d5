import { For, Match, Show, Switch } from 'solid-js';
import type { OfflineClient } from '../offline/offline-client.ts';
import { canInstall, install, needsIOSHint } from '../offline/install.ts';
import type { RunnerPhase } from '../runner/runner-client.ts';
import { MenuButton, type MenuEntry } from './Menu.tsx';
import { OfflineBadge } from './OfflineBadge.tsx';
import { RunControls, type CheckControl } from './RunControls.tsx';

/** The app's pages: the workbench (code), the lessons, the learner's progress; in Teach mode, Teach and Class. */
export type AppView = 'workbench' | 'lessons' | 'progress' | 'teach' | 'class';

const VIEWS: { view: AppView; label: string }[] = [
  { view: 'workbench', label: 'Code' },
  { view: 'lessons', label: 'Lessons' },
  { view: 'progress', label: 'Progress' },
];
const TEACH_VIEWS: { view: AppView; label: string }[] = [
  { view: 'teach', label: 'Teach' },
  { view: 'class', label: 'Class' },
];

/**
 * The top bar: the app's name, Run and Stop (unless the phone's bottom bar has
 * them), Python's state, the offline state, and the app's own actions: as
 * buttons on wide screens, in a "More" menu on narrow ones.
 */
export function Toolbar(props: {
  offline: OfflineClient;
  phase: RunnerPhase;
  version: string;
  loadError: string;
  running: boolean;
  fontSize: number;
  /** Run and Stop live here (not in the bottom bar). */
  withRunControls: boolean;
  /** Narrow: the actions go into a menu. */
  compact: boolean;
  onRun: () => void;
  onStop: () => void;
  /** Check, when an exercise is open. */
  check?: CheckControl;
  view: AppView;
  onView: (view: AppView) => void;
  /** Teach mode is on: the Teach and Class pages are in the bar too. */
  teachMode?: boolean;
  onFont: (direction: 1 | -1) => void;
  onShare: () => void;
  onRetry: () => void;
  onSettings: () => void;
  onPackages: () => void;
  onInstallHelp: () => void;
}) {
  const moreItems = (): MenuEntry[] => [
    {
      label: `Smaller text (${props.fontSize} px)`,
      name: 'Smaller text',
      onSelect: () => props.onFont(-1),
      keepOpen: true,
    },
    {
      label: `Larger text (${props.fontSize} px)`,
      name: 'Larger text',
      onSelect: () => props.onFont(1),
      keepOpen: true,
    },
    'separator',
    { label: 'Share', onSelect: () => props.onShare() },
    ...(canInstall() ? [{ label: 'Install', onSelect: () => void install() }] : []),
    ...(needsIOSHint() ? [{ label: 'Install', onSelect: () => props.onInstallHelp() }] : []),
    { label: 'Packages', onSelect: () => props.onPackages() },
    { label: 'Settings', onSelect: () => props.onSettings() },
  ];

  return (
    <header class="toolbar">
      <h1 class="app-title">
        <img class="logo" src="./favicon.svg" alt="" width="24" height="24" />
        <span class="app-name">Python Playground</span>
      </h1>
      <nav class="view-nav" aria-label="Pages">
        <For each={props.teachMode ? [...VIEWS, ...TEACH_VIEWS] : VIEWS}>
          {(entry) => (
            <button
              type="button"
              class="small view-link"
              aria-current={props.view === entry.view ? 'page' : undefined}
              onClick={() => props.onView(entry.view)}
            >
              {entry.label}
            </button>
          )}
        </For>
      </nav>
      <Show when={props.withRunControls && props.view === 'workbench'}>
        <RunControls running={props.running} onRun={props.onRun} onStop={props.onStop} check={props.check} />
      </Show>
      <p class="python-state" role="status" aria-label="Python status">
        <Switch>
          <Match when={props.phase === 'starting'}>
            <span class="spinner" aria-hidden="true" /> Starting Python…
          </Match>
          <Match when={props.phase === 'failed'}>
            Python could not start: {props.loadError}{' '}
            <button type="button" class="small" onClick={() => props.onRetry()}>
              Try again
            </button>
          </Match>
          <Match when={props.phase === 'ready' || props.phase === 'busy'}>
            Python <span class="python-version">{props.version}</span> ready
          </Match>
        </Switch>
      </p>
      <OfflineBadge offline={props.offline} />
      <div class="toolbar-end">
        <Show
          when={!props.compact}
          fallback={
            <>
              <span class="visually-hidden" aria-live="polite">
                Text size {props.fontSize} px
              </span>
              <MenuButton label="More" items={moreItems()} align="end">
                <span aria-hidden="true">⋯ </span>More
              </MenuButton>
            </>
          }
        >
          <div class="font-size" role="group" aria-label="Text size">
            <button type="button" class="small" onClick={() => props.onFont(-1)} aria-label="Smaller text">
              A−
            </button>
            <span class="font-value" aria-live="polite">
              {props.fontSize} px
            </span>
            <button type="button" class="small" onClick={() => props.onFont(1)} aria-label="Larger text">
              A+
            </button>
          </div>
          <button type="button" class="small" onClick={() => props.onShare()}>
            Share
          </button>
          <Show when={canInstall()}>
            <button type="button" class="small" onClick={() => void install()}>
              Install
            </button>
          </Show>
          <Show when={needsIOSHint()}>
            <span class="bar-note">Install: Share → Add to Home Screen</span>
          </Show>
          <button type="button" class="small" onClick={() => props.onPackages()} aria-haspopup="dialog">
            Packages
          </button>
          <button type="button" class="small" onClick={() => props.onSettings()} aria-haspopup="dialog">
            Settings
          </button>
        </Show>
      </div>
    </header>
  );
}
