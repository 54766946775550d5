import { createSignal, createUniqueId, For, onCleanup, onMount, Show } from 'solid-js';
import { QrCode } from '../../classroom/client/QrCode.tsx';
import type { ExportOutcome } from './authoring.ts';
import './teach.css';

/** Puts text on the clipboard (the browser's, unless a test hands in another). */
const clipboardWrite = (text: string) => navigator.clipboard.writeText(text);

/**
 * The three ways to hand a pack out once it is exported: its `.pypack` file, its link (with Copy), and a QR code
 * of the link, which can fill the screen for a projector. A pack that does not validate gets its problems
 * instead. Escape or Close ends it.
 */
export function ExportDialog(props: {
  outcome: ExportOutcome;
  onDownload(): void;
  onClose(): void;
  copyText?(text: string): Promise<void>;
}) {
  const titleId = createUniqueId();
  const linkId = createUniqueId();
  const [copied, setCopied] = createSignal('');
  const [projecting, setProjecting] = createSignal(false);
  let root!: HTMLDivElement;
  let linkInput: HTMLInputElement | undefined;

  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    if (projecting()) setProjecting(false);
    else props.onClose();
  };
  // Keyboard users start inside the dialog, and go back to where they were when it closes.
  const before = document.activeElement as HTMLElement | null;
  onMount(() => root.querySelector<HTMLElement>('h2 + * button, button')?.focus());
  onCleanup(() => before?.focus?.());

  const copy = async (link: string) => {
    try {
      await (props.copyText ?? clipboardWrite)(link);
      setCopied('The link is copied.');
    } catch {
      // Without clipboard access, the link is selected for the teacher to copy.
      linkInput?.select();
      setCopied('The link could not be copied: it is selected, copy it with Ctrl+C (or ⌘C).');
    }
  };

  return (
    <div class="teach-dialog-backdrop">
      <div
        ref={root}
        class="teach-dialog"
        classList={{ 'teach-projecting': projecting() }}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKey}
      >
        <Show
          when={props.outcome.ok && props.outcome}
          fallback={
            <>
              <h2 id={titleId}>This pack cannot be handed out yet</h2>
              <div>
                <p>Fix these first, then export again:</p>
                <ul class="teach-problems">
                  <For each={props.outcome.ok ? [] : props.outcome.problems}>{(p) => <li>{p.message}</li>}</For>
                </ul>
                <button type="button" onClick={() => props.onClose()}>
                  Close
                </button>
              </div>
            </>
          }
        >
          {(result) => (
            <>
              <h2 id={titleId}>
                Hand out “{result().pack.title}” (version {result().pack.revision})
              </h2>
              <div class="teach-export-ways">
                <section class="teach-export-way" aria-label="As a file">
                  <h3>A file</h3>
                  <p>Send it by mail, a shared folder or a USB stick. Learners open it in Lessons.</p>
                  <button type="button" class="primary" onClick={() => props.onDownload()}>
                    Download {result().fileName}
                  </button>
                </section>
                <section class="teach-export-way" aria-label="As a link">
                  <h3>A link</h3>
                  <Show when={result().link} fallback={<p>This pack is too big for a link. Share the file instead.</p>}>
                    {(link) => (
                      <>
                        <label for={linkId}>Link to the pack</label>
                        <div class="teach-row">
                          <input
                            ref={linkInput}
                            id={linkId}
                            type="text"
                            readOnly
                            class="teach-code"
                            value={link()}
                            onFocus={(e) => e.currentTarget.select()}
                          />
                          <button type="button" onClick={() => void copy(link())}>
                            Copy
                          </button>
                        </div>
                        <p class="teach-status" role="status">
                          {copied()}
                        </p>
                      </>
                    )}
                  </Show>
                </section>
                <section class="teach-export-way teach-export-qr" aria-label="As a QR code">
                  <h3>A QR code</h3>
                  <Show
                    when={result().qr && result().link}
                    fallback={
                      <p>
                        This pack is too big for a QR code. Share the file
                        {result().link ? ' or the link' : ''} instead.
                      </p>
                    }
                  >
                    {(link) => (
                      <>
                        <figure class="teach-qr">
                          <QrCode
                            text={link()}
                            size={projecting() ? 720 : 240}
                            label={`QR code of the link to the lesson pack “${result().pack.title}”`}
                          />
                          <figcaption>{result().pack.title}</figcaption>
                        </figure>
                        <p class="teach-help">
                          Learners scan it with their camera to open the pack (the same as the link).
                        </p>
                        <button type="button" aria-pressed={projecting()} onClick={() => setProjecting(!projecting())}>
                          {projecting() ? 'Smaller QR code' : 'Show the QR code large'}
                        </button>
                      </>
                    )}
                  </Show>
                </section>
              </div>
              <button type="button" class="teach-dialog-close" onClick={() => props.onClose()}>
                Close
              </button>
            </>
          )}
        </Show>
      </div>
    </div>
  );
}
