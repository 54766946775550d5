// Another tab changed a file this tab changed too: the learner chooses which text to keep.
import { createEffect, on } from 'solid-js';
import type { Workspace } from '../workspace/workspace.ts';
import type { Notices } from './notices.ts';

export function watchConflicts(workspace: Workspace, notices: Notices): void {
  createEffect(
    on(
      () => workspace.state.conflict,
      (conflict) => {
        if (!conflict) return;
        notices.show({
          kind: 'error',
          text: `${conflict.path} was also changed in another tab while you edited it here. Which text do you want to keep?`,
          actions: [
            { label: 'Keep mine', run: () => (void workspace.resolveConflict(true), notices.dismiss()) },
            { label: 'Use the other tab’s', run: () => (void workspace.resolveConflict(false), notices.dismiss()) },
          ],
        });
      },
    ),
  );
}
