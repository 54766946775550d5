import { createEffect, For, Show } from 'solid-js';
import type { LessonFile } from '../../../model/lesson.ts';
import { cellSpoken } from './ClassTable.tsx';
import type { OpenedCell } from './dashboard.ts';

function Files(props: { files: LessonFile[] }) {
  return (
    <For each={props.files}>
      {(file) => (
        <div class="code-compare-file">
          <p class="code-compare-name">{file.name}</p>
          {/* Focusable so a keyboard can scroll a long file sideways. */}
          <pre tabindex="0" aria-label={file.name}>
            <code>{file.content}</code>
          </pre>
        </div>
      )}
    </For>
  );
}

/**
 * A learner's code for an exercise next to the solution of the pack revision their report was made with.
 * Read-only; a modal dialog, closed with Escape or its Close button.
 */
export function CodeCompare(props: { opened: OpenedCell | undefined; onClose: () => void }) {
  let dialog!: HTMLDialogElement;

  createEffect(() => {
    if (props.opened && !dialog.open) dialog.showModal?.();
    else if (!props.opened && dialog.open) dialog.close();
  });

  return (
    <dialog
      ref={dialog}
      class="settings code-compare"
      aria-labelledby="code-compare-title"
      onClose={() => props.onClose()}
    >
      <Show when={props.opened}>
        {(o) => (
          <>
            <div class="dialog-head">
              <h2 id="code-compare-title">
                {o().learner}: {o().title}
              </h2>
              <button type="button" class="small" aria-label="Close" onClick={() => dialog.close()}>
                ✕
              </button>
            </div>
            <p class="class-note">
              {cellSpoken(o().cell)} · device {o().deviceShort} · revision {o().revision}{' '}
              <span class="class-self-reported">self-reported</span>
              <Show when={o().tampered}>
                {' '}
                <span class="class-tampered">
                  <span aria-hidden="true">⚠ </span>edited or damaged
                </span>
              </Show>
            </p>
            <div class="code-compare-sides">
              <section aria-labelledby="code-compare-theirs">
                <h3 id="code-compare-theirs">Their code</h3>
                <Show when={o().files} fallback={<p class="class-note">{o().filesNote}</p>}>
                  {(files) => <Files files={files()} />}
                </Show>
              </section>
              <section aria-labelledby="code-compare-solution">
                <h3 id="code-compare-solution">Solution</h3>
                <Show when={o().solution} fallback={<p class="class-note">{o().solutionNote}</p>}>
                  {(files) => <Files files={files()} />}
                </Show>
              </section>
            </div>
          </>
        )}
      </Show>
    </dialog>
  );
}
