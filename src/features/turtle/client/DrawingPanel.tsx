import { createEffect, createSignal, onCleanup, onMount } from 'solid-js';
import { scrollsPage, tkKeysym } from './keys.ts';
import type { TurtleDrawing } from './turtle-drawing.ts';

/**
 * The drawing panel: the canvas a turtle program draws on, at 1:1 (it scrolls
 * when the drawing is bigger than the panel), its text alternative, and the
 * dialog textinput()/numinput() open. Keys typed while the canvas has focus and
 * clicks on it go to the program.
 */
export function DrawingPanel(props: { drawing: TurtleDrawing; hidden: boolean; onDownload: () => void }) {
  let canvas!: HTMLCanvasElement;
  let scroller!: HTMLDivElement;
  let dialog!: HTMLDialogElement;
  let field!: HTMLInputElement;
  const [problem, setProblem] = createSignal('');

  onMount(() => props.drawing.attach(canvas, scroller));

  createEffect(() => {
    const q = props.drawing.question();
    if (q) {
      setProblem('');
      field.value = q.initial;
      if (!dialog.open) dialog.showModal();
      field.focus();
      field.select();
    } else if (dialog.open) dialog.close();
  });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const q = props.drawing.question();
    if (!q) return;
    const text = field.value;
    if (q.kind === 'number') {
      const value = Number(text.trim());
      if (text.trim() === '' || !Number.isFinite(value)) return setProblem('Please type a number.');
      if (q.min !== undefined && value < q.min) return setProblem(`The number must be at least ${q.min}.`);
      if (q.max !== undefined && value > q.max) return setProblem(`The number must be at most ${q.max}.`);
    }
    props.drawing.answer(text);
    canvas.focus({ preventScroll: true });
  };

  const cancel = () => {
    props.drawing.answer(null);
    canvas.focus({ preventScroll: true });
  };

  const onKey = (type: 'press' | 'release', event: KeyboardEvent) => {
    if (event.isComposing || event.ctrlKey || event.metaKey) return;
    const keysym = tkKeysym(event.key);
    // Tab always moves focus on: the keyboard must never be trapped in the drawing.
    if (!keysym || event.key === 'Tab') return;
    if (props.drawing.key(type, keysym) && scrollsPage(event.key)) event.preventDefault();
  };

  /** Drags are sent at most once per frame: a program cannot read them faster, and the mailbox stays free. */
  let dragFrame = 0;
  let lastDrag: PointerEvent | undefined;
  const pointerButton = (event: PointerEvent) => (event.button === 1 ? 2 : event.button === 2 ? 3 : 1);
  let pressed = 0;
  const onPointerDown = (event: PointerEvent) => {
    canvas.focus({ preventScroll: true });
    pressed = pointerButton(event);
    canvas.setPointerCapture?.(event.pointerId);
    props.drawing.pointer('down', event.offsetX, event.offsetY, pressed);
  };
  const onPointerMove = (event: PointerEvent) => {
    if (!pressed) return;
    lastDrag = event;
    dragFrame ||= requestAnimationFrame(() => {
      dragFrame = 0;
      if (lastDrag && pressed) props.drawing.pointer('drag', lastDrag.offsetX, lastDrag.offsetY, pressed);
    });
  };
  const onPointerUp = (event: PointerEvent) => {
    if (!pressed) return;
    props.drawing.pointer('up', event.offsetX, event.offsetY, pressed);
    pressed = 0;
  };
  onCleanup(() => cancelAnimationFrame(dragFrame));

  return (
    <section
      class="drawing-panel"
      id="drawing-panel"
      aria-labelledby="drawing-heading"
      classList={{ 'phone-hidden': props.hidden }}
      hidden={!props.drawing.shown()}
    >
      <div class="panel-bar">
        <h2 id="drawing-heading" class="panel-title">
          Drawing
        </h2>
        <span class="bar-note">{props.drawing.title()}</span>
        <div class="bar-actions">
          <button type="button" class="small" onClick={() => props.onDownload()} aria-label="Download drawing">
            Download PNG
          </button>
        </div>
      </div>
      <div ref={scroller} class="drawing-body">
        <canvas
          ref={canvas}
          class="turtle-canvas"
          role="img"
          aria-label="Turtle drawing"
          aria-describedby="drawing-description"
          tabindex="0"
          onKeyDown={(event) => onKey('press', event)}
          onKeyUp={(event) => onKey('release', event)}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => (pressed = 0)}
          onContextMenu={(event) => props.drawing.live() && event.preventDefault()}
        />
      </div>
      <p id="drawing-description" class="visually-hidden">
        {props.drawing.description()}
      </p>
      <dialog
        ref={dialog}
        class="turtle-ask"
        aria-labelledby="turtle-ask-title"
        onCancel={(event) => {
          event.preventDefault();
          cancel();
        }}
      >
        <form onSubmit={submit}>
          <h2 id="turtle-ask-title">{props.drawing.question()?.title || 'Question'}</h2>
          <label for="turtle-ask-field">{props.drawing.question()?.prompt || 'Your answer'}</label>
          <input
            ref={field}
            id="turtle-ask-field"
            type="text"
            inputmode={props.drawing.question()?.kind === 'number' ? 'decimal' : 'text'}
            autocomplete="off"
            aria-describedby="turtle-ask-problem"
          />
          <p id="turtle-ask-problem" class="field-problem" role="alert">
            {problem()}
          </p>
          <div class="dialog-actions">
            <button type="button" onClick={cancel}>
              Cancel
            </button>
            <button type="submit" class="primary">
              OK
            </button>
          </div>
        </form>
      </dialog>
    </section>
  );
}
