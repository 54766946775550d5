import { createResource, createSignal, For, Show } from 'solid-js';
import type { Trash } from '../controllers/trash.ts';

function when(time: number | undefined): string {
  return time ? new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '';
}

/** Deleted projects and files, to restore or delete for good. */
export function TrashDialog(props: { trash: Trash; ref: (dialog: HTMLDialogElement) => void }) {
  // eslint-disable-next-line solid/reactivity -- the controller lives as long as the dialog
  const bin = props.trash;
  const [open, setOpen] = createSignal(0);
  const [trash, { refetch }] = createResource(open, () => bin.list());

  const empty = () => !trash()?.projects.length && !trash()?.files.length;

  return (
    <dialog
      ref={(el) => {
        props.ref(el);
        new MutationObserver(() => el.open && setOpen((n) => n + 1)).observe(el, {
          attributes: true,
          attributeFilter: ['open'],
        });
      }}
      class="settings"
      aria-labelledby="trash-title"
    >
      <div class="dialog-head">
        <h2 id="trash-title">Trash</h2>
        <button
          type="button"
          class="small"
          aria-label="Close trash"
          onClick={(e) => e.currentTarget.closest('dialog')!.close()}
        >
          ✕
        </button>
      </div>
      <Show when={!empty()} fallback={<p>The trash is empty.</p>}>
        <Show when={trash()?.projects.length}>
          <h3>Projects</h3>
          <ul class="package-list" aria-label="Deleted projects">
            <For each={trash()!.projects}>
              {(p) => (
                <li>
                  <span class="package-name">{p.name}</span>
                  <span class="package-state">deleted {when(p.deletedAt)}</span>
                  <button
                    type="button"
                    class="small"
                    aria-label={`Restore project ${p.name}`}
                    onClick={async () => (await bin.restoreProject(p.id), refetch())}
                  >
                    Restore
                  </button>
                  <button
                    type="button"
                    class="small"
                    aria-label={`Delete project ${p.name} for good`}
                    onClick={async () => {
                      if (confirm(`Delete the project “${p.name}” and its files for good?`)) {
                        await bin.deleteProjectForGood(p.id);
                        await refetch();
                      }
                    }}
                  >
                    Delete for good
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={trash()?.files.length}>
          <h3>Files</h3>
          <ul class="package-list" aria-label="Deleted files">
            <For each={trash()!.files}>
              {(f) => (
                <li>
                  <span class="package-name">{f.path}</span>
                  <span class="bar-note">in {f.projectName}</span>
                  <span class="package-state">deleted {when(f.deletedAt)}</span>
                  <button
                    type="button"
                    class="small"
                    aria-label={`Restore ${f.path}`}
                    onClick={async () => (await bin.restoreFile(f.id), refetch())}
                  >
                    Restore
                  </button>
                  <button
                    type="button"
                    class="small"
                    aria-label={`Delete ${f.path} for good`}
                    onClick={async () => {
                      await bin.deleteFileForGood(f.id);
                      await refetch();
                    }}
                  >
                    Delete for good
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </dialog>
  );
}
