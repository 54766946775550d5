import { Match, Show, Switch } from 'solid-js';
import type { OfflineClient } from '../offline/offline-client.ts';

/** Megabytes with one decimal, as people read download progress. */
export function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}

/** Offline readiness and the network state, in the toolbar. */
export function OfflineBadge(props: { offline: OfflineClient }) {
  const state = () => props.offline.state();
  return (
    <div class="offline-badge" role="status" aria-label="Offline status">
      <Switch>
        <Match when={state().kind === 'preparing' && state()}>
          {(s) => {
            const p = () => s() as Extract<ReturnType<typeof state>, { kind: 'preparing' }>;
            return (
              <>
                <progress max={p().totalBytes || 1} value={p().loadedBytes} aria-label="Offline download" />
                <span>
                  Preparing offline use
                  <Show when={p().totalBytes > 0}>
                    : {megabytes(p().loadedBytes)} of {megabytes(p().totalBytes)} MB
                  </Show>
                </span>
              </>
            );
          }}
        </Match>
        <Match when={state().kind === 'ready'}>
          <span class="badge badge-ok">
            <span aria-hidden="true">✓ </span>Ready offline
          </span>
        </Match>
        <Match when={state().kind === 'failed'}>
          <span class="badge badge-warn" title={(state() as { why: string }).why}>
            Not available offline yet
          </span>
        </Match>
      </Switch>
      <Show when={!props.offline.online()}>
        <span class="badge badge-offline">
          <span aria-hidden="true">⚡︎ </span>Offline
        </span>
      </Show>
    </div>
  );
}
