import { createEffect, createSignal, on, onMount, Show } from 'solid-js';
import type { RunSession } from '../controllers/run-session.ts';
import { OutputRenderer } from '../output/output-renderer.ts';
import { ShellPrompt } from './ShellPrompt.tsx';

/** Where an explanation starts folded to one line: the output has little room. */
const SMALL_SCREEN = '(max-width: 640px), (max-height: 500px)';

/** The Output region, the inline Input box, the shell prompt and the run status line. */
export function OutputPanel(props: {
  session: RunSession;
  /** On a phone, the code is in front. */
  hidden: boolean;
  pythonReady: () => boolean;
  isLearnerFile: (file: string) => boolean;
  onOpenLocation: (file: string, line: number) => void;
}) {
  let log!: HTMLDivElement;
  const [copied, setCopied] = createSignal('');

  const inputBox = (
    <input
      class="output-input"
      type="text"
      aria-label="Input"
      autocomplete="off"
      autocapitalize="off"
      spellcheck={false}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && !event.isComposing) {
          event.preventDefault();
          const box = event.currentTarget;
          const line = box.value;
          box.value = '';
          props.session.answer(line);
        }
      }}
    />
  ) as HTMLInputElement;

  onMount(() => {
    const renderer = new OutputRenderer(log, props.session.transcript(), {
      isLinkable: props.isLearnerFile,
      onOpenLocation: props.onOpenLocation,
      foldExplanations: () => matchMedia(SMALL_SCREEN).matches,
    });
    props.session.attachRenderer(renderer);
    // Brought to the front on a phone: show the newest output (a hidden log cannot follow it while hidden).
    createEffect(
      on(
        () => props.hidden,
        (hidden) => {
          if (!hidden) log.scrollTop = log.scrollHeight;
        },
        { defer: true },
      ),
    );
    createEffect(() => {
      if (props.session.waitingInput()) {
        renderer.setTrailing(inputBox);
        inputBox.focus({ preventScroll: false });
      } else {
        const hadFocus = document.activeElement === inputBox;
        renderer.setTrailing(null);
        if (hadFocus) log.focus();
      }
    });
  });

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.session.transcript().fullText());
      setCopied('Output copied');
    } catch {
      setCopied('Copying was refused by the browser; use Download instead');
    }
    setTimeout(() => setCopied(''), 3000);
  };

  const download = () => {
    const blob = new Blob([props.session.transcript().fullText()], { type: 'text/plain;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'output.txt';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  return (
    <section
      class="output-panel"
      id="output-panel"
      aria-labelledby="output-heading"
      classList={{ 'phone-hidden': props.hidden }}
    >
      <div class="panel-bar">
        <h2 id="output-heading" class="panel-title">
          Output
        </h2>
        <span class="bar-note" role="status">
          {copied()}
        </span>
        <div class="bar-actions">
          <button type="button" class="small" onClick={copy} aria-label="Copy output">
            Copy
          </button>
          <button type="button" class="small" onClick={download} aria-label="Download output">
            Download
          </button>
          <button
            type="button"
            class="small"
            onClick={() => props.session.clear()}
            disabled={props.session.running()}
            aria-label="Clear output"
          >
            Clear
          </button>
        </div>
      </div>
      <div class="output-body">
        <div ref={log} class="output-log code-font" role="log" aria-label="Output" tabindex="0" />
        <Show when={!props.session.used()}>
          {/* Beside the log, not in it: the log's text is exactly what the program printed. */}
          <p class="output-placeholder" aria-hidden="true">
            Press Run and what your program prints appears here. You can also try a line of Python at the{' '}
            <span class="code-font">&gt;&gt;&gt;</span> prompt below.
          </p>
        </Show>
      </div>
      <Show when={props.pythonReady()}>
        <ShellPrompt busy={props.session.running()} onSubmit={(code) => void props.session.shell(code)} />
      </Show>
      <p class="run-status" role="status" aria-live="polite" aria-label="Run status">
        {props.session.status()}
      </p>
    </section>
  );
}
