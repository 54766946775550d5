// Keeping the offline copy whole: a quick look for missing files once Python
// is ready (a browser may evict single entries), repair on request, and the
// update offer (never during a run).
import { createEffect, on, type Accessor } from 'solid-js';
import type { OfflineClient } from '../offline/offline-client.ts';
import type { RunnerPhase } from '../runner/runner-client.ts';
import type { Workspace } from '../workspace/workspace.ts';
import type { Notices } from './notices.ts';

export function createOfflineHealth(options: {
  offline: OfflineClient;
  workspace: Workspace;
  notices: Notices;
  phase: Accessor<RunnerPhase>;
  running: Accessor<boolean>;
}) {
  const { offline, workspace, notices, phase } = options;

  async function repair(): Promise<void> {
    if (!offline.online()) {
      notices.error('Repairing the offline copy needs the network: connect to the internet and try again.');
      return;
    }
    notices.info('Repairing the offline copy…');
    const result = await offline.repair();
    if (result && result.failed.length === 0) {
      notices.info(`The offline copy is repaired (${result.repaired} files downloaded again).`);
      if (phase() === 'failed') {
        workspace.journal();
        location.reload();
      }
    } else {
      notices.error('The offline copy could not be repaired: check the connection and try again.');
    }
  }

  createEffect(
    on(
      () => (phase() === 'ready' || phase() === 'failed') && offline.state().kind === 'ready',
      async (ready) => {
        if (!ready) return;
        const status = await offline.check(false);
        if (status && status.missing.length > 0) {
          notices.show({
            kind: 'error',
            text: `Part of the offline copy is missing from this device (${status.missing.length} of ${status.totalFiles} files).`,
            actions: [{ label: 'Repair now', run: () => void repair() }],
          });
        }
      },
    ),
  );

  return {
    repair,
    /** Python could not start: repair the offline copy if there is one, else load the page again. */
    retry: () => (offline.state().kind === 'ready' ? void repair() : location.reload()),
    updateWaiting: offline.updateWaiting,
    /** Takes the waiting update now (the page reloads, keeping the code); never during a run. */
    updateNow(): void {
      if (options.running()) return;
      offline.applyUpdate(() => workspace.journal());
    },
  };
}
