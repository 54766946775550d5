import { createSignal } from 'solid-js';

const history: string[] = [];

/** The one-line Python prompt under the output, with ↑/↓ history like a terminal. */
export function ShellPrompt(props: { busy: boolean; onSubmit: (code: string) => void }) {
  const [position, setPosition] = createSignal(history.length);
  let draft = '';

  const onKeyDown = (event: KeyboardEvent & { currentTarget: HTMLInputElement }) => {
    const box = event.currentTarget;
    if (event.key === 'Enter' && !event.isComposing) {
      event.preventDefault();
      if (props.busy) return;
      const code = box.value;
      if (!code.trim()) return;
      if (history[history.length - 1] !== code) history.push(code);
      setPosition(history.length);
      box.value = '';
      draft = '';
      props.onSubmit(code);
    } else if (event.key === 'ArrowUp' && position() > 0) {
      event.preventDefault();
      if (position() === history.length) draft = box.value;
      setPosition(position() - 1);
      box.value = history[position()];
    } else if (event.key === 'ArrowDown' && position() < history.length) {
      event.preventDefault();
      setPosition(position() + 1);
      box.value = position() === history.length ? draft : history[position()];
    }
  };

  return (
    <div class="shell-prompt code-font">
      <span class="shell-sign" aria-hidden="true">
        &gt;&gt;&gt;
      </span>
      <input
        type="text"
        aria-label="Python shell"
        readOnly={props.busy}
        aria-busy={props.busy}
        placeholder="Try an expression, e.g. 2 + 2"
        autocomplete="off"
        autocapitalize="off"
        spellcheck={false}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}
