import { Match, Switch } from 'solid-js';
import type { Workspace } from '../workspace/workspace.ts';

/** Whether the learner's work is safe, always visible; problems come with what to do. */
export function SaveStatus(props: { workspace: Workspace; onExport: () => void }) {
  const save = () => props.workspace.state.save;
  return (
    <Switch>
      <Match when={save().kind === 'saved' || save().kind === 'saving' || save().kind === 'conflict'}>
        <span class="save-status" role="status" aria-label="Save status">
          {save().kind === 'saving'
            ? 'Saving…'
            : save().kind === 'conflict'
              ? 'Not saved yet: choose which text to keep'
              : 'Saved on this device'}
        </span>
      </Match>
      <Match when={save().kind === 'memory'}>
        <div class="notice notice-error" role="alert">
          <p>
            Not saving: {(save() as { why: string }).why}. Your code stays here until you close this tab; export it to
            keep it.
          </p>
          <button type="button" class="small primary" onClick={() => props.onExport()}>
            Export project
          </button>
        </div>
      </Match>
      <Match when={save().kind === 'full'}>
        <div class="notice notice-error" role="alert">
          <p>
            Storage is full: your latest changes are not saved yet (they stay in the editor, and nothing saved before is
            lost). Free some space (Packages, History) or export your project.
          </p>
          <button type="button" class="small primary" onClick={() => props.onExport()}>
            Export project
          </button>
          <button type="button" class="small" onClick={() => props.workspace.retrySaving()}>
            Try saving again
          </button>
        </div>
      </Match>
      <Match when={save().kind === 'newer-version'}>
        <div class="notice notice-error" role="alert">
          <p>A newer version of the app is open in another tab. This tab stopped saving: reload it to continue.</p>
          <button type="button" class="small primary" onClick={() => (props.workspace.journal(), location.reload())}>
            Reload
          </button>
        </div>
      </Match>
      <Match when={save().kind === 'error'}>
        <div class="notice notice-error" role="alert">
          <p>Not saved: {(save() as { why: string }).why}.</p>
          <button type="button" class="small" onClick={() => props.workspace.retrySaving()}>
            Try saving again
          </button>
        </div>
      </Match>
    </Switch>
  );
}
