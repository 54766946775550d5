import { createUniqueId, For, Show } from 'solid-js';
import { PACK_FILE_TYPES } from '../../lessons/client/LessonsView.tsx';
import type { Authoring, SaveState } from './authoring.ts';
import { ExportDialog } from './ExportDialog.tsx';
import { PackEditor } from './PackEditor.tsx';
import './teach.css';

const SAVE_WORDS: Record<SaveState, string> = {
  saved: 'Saved on this device.',
  saving: 'Saving…',
  unsaved: 'Changed (saving in a moment)…',
  failed: 'Not saved: see the message above.',
};

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Teach mode: the teacher's lesson packs on this device (new, open, duplicate, delete, or open a pack file to
 * edit), and the pack being written.
 */
export function TeachView(props: { authoring: Authoring }) {
  const a = () => props.authoring;
  const titleId = createUniqueId();
  let fileInput!: HTMLInputElement;

  return (
    <section class="teach-view" aria-labelledby={titleId}>
      <Show
        when={a().current()}
        fallback={
          <>
            <h2 id={titleId}>Teach: your lesson packs</h2>
            <p class="teach-help">
              Write lessons and exercises, check them, and hand them out as a file, a link or a QR code. No account
              needed: your packs stay on this device.
            </p>
            <div class="teach-row">
              <button type="button" class="primary" onClick={() => void a().newPack()}>
                New pack
              </button>
              <button type="button" onClick={() => fileInput.click()}>
                Open a pack file to edit
              </button>
              <input
                ref={fileInput}
                type="file"
                accept={PACK_FILE_TYPES}
                multiple
                hidden
                tabindex="-1"
                onChange={(event) => {
                  const input = event.currentTarget;
                  const files = [...(input.files ?? [])];
                  input.value = '';
                  if (files.length > 0) void a().importFiles(files);
                }}
              />
            </div>
            <Show when={a().drafts().length > 0} fallback={<p>No packs yet. Press New pack to start one.</p>}>
              <ul class="teach-drafts">
                <For each={a().drafts()}>
                  {(draft) => (
                    <li class="teach-draft">
                      <div>
                        <strong>{draft.pack.title}</strong>
                        <span class="teach-help">
                          {' '}
                          {draft.exportedRevision
                            ? `Version ${draft.exportedRevision} handed out`
                            : 'Not handed out yet'}
                          {' · '}changed {dateFormat.format(draft.updatedAt)}
                        </span>
                      </div>
                      <div class="teach-item-tools">
                        <button
                          type="button"
                          class="small"
                          aria-label={`Open ${draft.pack.title}`}
                          onClick={() => void a().open(draft.id)}
                        >
                          Open
                        </button>
                        <button
                          type="button"
                          class="small"
                          aria-label={`Duplicate ${draft.pack.title}`}
                          onClick={() => void a().duplicate(draft.id)}
                        >
                          Duplicate
                        </button>
                        <button
                          type="button"
                          class="small"
                          aria-label={`Delete ${draft.pack.title}`}
                          onClick={() => void a().remove(draft.id)}
                        >
                          Delete
                        </button>
                      </div>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        }
      >
        <div class="teach-top">
          <button type="button" onClick={() => void a().close()}>
            <span aria-hidden="true">← </span>Your packs
          </button>
          <h2 id={titleId}>{a().pack()?.title || 'Untitled pack'}</h2>
          <p class="teach-status" role="status">
            {SAVE_WORDS[a().saveState()]}
          </p>
        </div>
        <PackEditor authoring={a()} />
      </Show>
      <Show when={a().exported()}>
        {(outcome) => (
          <ExportDialog outcome={outcome()} onDownload={() => a().downloadExport()} onClose={() => a().closeExport()} />
        )}
      </Show>
    </section>
  );
}
