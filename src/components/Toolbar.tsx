import { Match, Show, Switch } from 'solid-js';
import type { OfflineClient } from '../offline/offline-client.ts';
import { canInstall, install, needsIOSHint } from '../offline/install.ts';
import type { RunnerPhase } from '../runner/runner-client.ts';
import { OfflineBadge } from './OfflineBadge.tsx';

/** The top bar: Run, Stop, Python's state, offline state, text size, Share, Install and Settings. */
export function Toolbar(props: {
  offline: OfflineClient;
  phase: RunnerPhase;
  version: string;
  loadError: string;
  running: boolean;
  fontSize: number;
  onRun: () => void;
  onStop: () => void;
  onFont: (direction: 1 | -1) => void;
  onShare: () => void;
  onRetry: () => void;
  onSettings: () => void;
  onPackages: () => void;
}) {
  return (
    <header class="toolbar">
      <h1 class="app-title">
        <img class="logo" src="./favicon.svg" alt="" width="24" height="24" />
        Python Playground
      </h1>
      <div class="run-controls">
        <button
          type="button"
          class="primary"
          onClick={() => props.onRun()}
          disabled={props.running}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          title="Run (Ctrl+Enter)"
        >
          <span aria-hidden="true">▶ </span>Run
        </button>
        <button
          type="button"
          class="danger"
          onClick={() => props.onStop()}
          disabled={!props.running}
          aria-keyshortcuts="Control+. Meta+. Escape"
          title="Stop (Ctrl+. or Escape in the editor)"
        >
          <span aria-hidden="true">■ </span>Stop
        </button>
      </div>
      <p class="python-state" role="status" aria-label="Python status">
        <Switch>
          <Match when={props.phase === 'starting' && props.offline.state().kind !== 'preparing'}>
            <span class="spinner" aria-hidden="true" /> Starting Python…
          </Match>
          <Match when={props.phase === 'failed'}>
            Python could not start: {props.loadError}{' '}
            <button type="button" class="small" onClick={() => props.onRetry()}>
              Try again
            </button>
          </Match>
          <Match when={props.phase === 'ready' || props.phase === 'busy'}>Python {props.version} ready</Match>
        </Switch>
      </p>
      <OfflineBadge offline={props.offline} />
      <div class="toolbar-end">
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
      </div>
    </header>
  );
}
