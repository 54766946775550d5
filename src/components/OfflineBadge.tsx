import { Match, Switch } from 'solid-js';
import { progressText } from '../lib/units.ts';
import type { OfflineClient, OfflineState } from '../offline/offline-client.ts';

type Preparing = Extract<OfflineState, { kind: 'preparing' }>;

/** Offline readiness and whether the network is there now, in the toolbar. */
export function OfflineBadge(props: { offline: OfflineClient }) {
  const state = () => props.offline.state();
  const online = () => props.offline.online();
  const preparing = () => (state().kind === 'preparing' ? (state() as Preparing) : undefined);
  /** Every byte is in, but the copy is not complete yet (Python starting, files being checked). */
  const finishing = () => {
    const p = preparing();
    return p !== undefined && p.totalBytes > 0 && p.loadedBytes >= p.totalBytes;
  };
  return (
    <div class="offline-badge" role="status" aria-label="Offline status">
      <Switch>
        <Match when={finishing()}>
          <span class="spinner" aria-hidden="true" />
          <span>Finishing the offline copy…</span>
        </Match>
        <Match when={preparing()}>
          {(p) => (
            <>
              <progress max={p().totalBytes || 1} value={p().loadedBytes} aria-label="Offline download" />
              <span>
                Preparing offline use
                {p().totalBytes > 0 ? `: ${progressText(p().loadedBytes, p().totalBytes)}` : '…'}
              </span>
            </>
          )}
        </Match>
        <Match when={state().kind === 'ready' && !online()}>
          <span class="badge badge-offline-ok" title="There is no network now. Everything in the app still works.">
            <span aria-hidden="true">✓ </span>Offline: everything works
          </span>
        </Match>
        <Match when={state().kind === 'ready'}>
          <span class="badge badge-ok" title="The app and Python are on this device: they work with no network.">
            <span aria-hidden="true">✓ </span>Ready offline
          </span>
        </Match>
        <Match when={state().kind === 'unsupported' && !online()}>
          <span class="badge badge-warn" title={(state() as { why: string }).why}>
            Offline
          </span>
        </Match>
        <Match when={!online()}>
          <span
            class="badge badge-warn"
            title="The app was not completely saved on this device before the network went."
          >
            Offline: the offline copy is incomplete
          </span>
        </Match>
        <Match when={state().kind === 'failed'}>
          <span class="badge badge-warn" title={(state() as { why: string }).why}>
            Not available offline yet
          </span>
        </Match>
      </Switch>
    </div>
  );
}
