import { createEffect, createUniqueId, For, Show, untrack } from 'solid-js';
import type { HandIn } from './hand-in.ts';
import { QrCode } from './QrCode.tsx';
import './handin.css';

/** What the dialog uses of the hand-in controller. */
export type HandInDialogControls = Pick<
  HandIn,
  'state' | 'name' | 'nameError' | 'qrCode' | 'linkText' | 'busy' | 'close' | 'setName' | 'saveFile' | 'link' | 'qr'
>;

/** "3 of 5 exercises passed; your code for each is included." */
export function handInSummary(passed: number, total: number): string {
  const exercises = total === 1 ? 'exercise' : 'exercises';
  return `${passed} of ${total} ${exercises} passed; your code for each is included.`;
}

/**
 * The learner's hand-in for one pack: their name (picked from the class list when the pack asks), what is sent, and
 * the three ways to send it. It opens while the controller has a pack open and closes the controller's state when
 * it closes (Close, ✕ or Escape); focus goes back where it was.
 */
export function HandInDialog(props: { handIn: HandInDialogControls }) {
  const titleId = createUniqueId();
  const nameId = createUniqueId();
  const listId = createUniqueId();
  const errorId = createUniqueId();
  let dialog: HTMLDialogElement | undefined;
  let nameField: HTMLInputElement | HTMLSelectElement | undefined;
  let qrFigure: HTMLElement | undefined;
  let opener: Element | null = null;

  const state = () => props.handIn.state();
  const classInfo = () => state()?.pack.class;
  const pickName = () => classInfo()?.pickName === true && (classInfo()?.learners?.length ?? 0) > 0;

  createEffect(() => {
    const open = state() !== undefined;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener = document.activeElement;
      dialog.showModal();
      // Straight to the name when it is still to give; else to the first way to hand in.
      const first = untrack(() => props.handIn.name())
        ? dialog.querySelector<HTMLButtonElement>('.hand-in-actions button')
        : nameField;
      first?.focus();
    } else if (!open && dialog.open) dialog.close();
  });

  // The QR code is the answer to a press: it gets the focus so a screen reader reads its name and caption.
  createEffect(() => {
    if (props.handIn.qrCode()) qrFigure?.focus();
  });

  function onClose(): void {
    props.handIn.close();
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    opener = null;
  }

  async function commitName(value: string): Promise<void> {
    const pack = state()?.pack;
    if (pack) await props.handIn.setName(pack, value);
  }

  /** Runs a way to hand in; when the name is missing, the name field gets the focus (its message says why). */
  async function send(way: 'saveFile' | 'link' | 'qr'): Promise<void> {
    await props.handIn[way]();
    if (props.handIn.nameError()) nameField?.focus();
  }

  return (
    <dialog
      ref={(el) => (dialog = el)}
      class="settings hand-in"
      aria-labelledby={titleId}
      onClose={onClose}
      onKeyDown={(e) => {
        // Escape closes it where the browser's own dialog would not (and it is the same close everywhere).
        if (e.key === 'Escape') {
          e.preventDefault();
          dialog?.close();
        }
      }}
    >
      <Show when={state()}>
        {(open) => (
          <>
            <div class="dialog-head">
              <h2 id={titleId}>Hand in {open().pack.title}</h2>
              <button type="button" class="small" aria-label="Close hand-in" onClick={() => dialog?.close()}>
                ✕
              </button>
            </div>
            <Show when={classInfo()}>{(c) => <p class="hand-in-note">For the class {c().name}.</p>}</Show>

            <div class="field hand-in-name">
              <label for={nameId}>Your name</label>
              <Show
                when={pickName()}
                fallback={
                  <>
                    <input
                      id={nameId}
                      ref={(el) => (nameField = el)}
                      type="text"
                      autocomplete="name"
                      maxLength={100}
                      list={classInfo()?.learners?.length ? listId : undefined}
                      value={props.handIn.name()}
                      aria-invalid={props.handIn.nameError() ? true : undefined}
                      aria-describedby={props.handIn.nameError() ? errorId : undefined}
                      onChange={(e) => void commitName(e.currentTarget.value)}
                    />
                    <Show when={classInfo()?.learners?.length}>
                      <datalist id={listId}>
                        <For each={classInfo()?.learners}>{(learner) => <option value={learner} />}</For>
                      </datalist>
                    </Show>
                  </>
                }
              >
                <select
                  id={nameId}
                  ref={(el) => (nameField = el)}
                  aria-invalid={props.handIn.nameError() ? true : undefined}
                  aria-describedby={props.handIn.nameError() ? errorId : undefined}
                  onChange={(e) => void commitName(e.currentTarget.value)}
                >
                  <option value="" selected={!props.handIn.name()}>
                    Choose your name…
                  </option>
                  <For each={classInfo()?.learners}>
                    {(learner) => (
                      <option value={learner} selected={learner === props.handIn.name()}>
                        {learner}
                      </option>
                    )}
                  </For>
                </select>
              </Show>
            </div>
            <p id={errorId} class="hand-in-error" role="alert">
              {props.handIn.nameError() ?? ''}
            </p>

            <p class="hand-in-what">{handInSummary(open().passed, open().total)}</p>

            <div class="hand-in-actions">
              <button
                type="button"
                class="primary"
                disabled={props.handIn.busy()}
                onClick={() => void send('saveFile')}
              >
                Save report file
              </button>
              <button type="button" disabled={props.handIn.busy()} onClick={() => void send('link')}>
                Copy link
              </button>
              <button type="button" disabled={props.handIn.busy()} onClick={() => void send('qr')}>
                Show QR code
              </button>
            </div>
            <p class="hand-in-status" role="status">
              {props.handIn.busy() ? 'Making your report…' : ''}
            </p>

            <Show when={props.handIn.linkText()}>
              {(link) => (
                <div class="field hand-in-link">
                  <label for={`${nameId}-link`}>Your report's link</label>
                  <input
                    id={`${nameId}-link`}
                    type="text"
                    readOnly
                    value={link()}
                    onFocus={(e) => e.currentTarget.select()}
                  />
                </div>
              )}
            </Show>

            <Show when={props.handIn.qrCode()}>
              {(qr) => (
                <figure class="hand-in-qr" tabindex="-1" ref={(el) => (qrFigure = el)}>
                  <Show when={qr().text}>
                    {(text) => <QrCode text={text()} label={`QR code of ${props.handIn.name()}'s report`} size={480} />}
                  </Show>
                  <figcaption>
                    <Show when={qr().text}>
                      <span class="hand-in-qr-words">
                        {props.handIn.name()} · {open().pack.title} · {open().passed} of {open().total} passed
                      </span>
                      <span>Your teacher scans it with the camera.</span>
                    </Show>
                    <Show when={qr().note}>{(note) => <span class="hand-in-qr-note">{note()}</span>}</Show>
                  </figcaption>
                </figure>
              )}
            </Show>

            <div class="hand-in-foot">
              <button type="button" onClick={() => dialog?.close()}>
                Close
              </button>
            </div>
          </>
        )}
      </Show>
    </dialog>
  );
}
