import { createEffect } from 'solid-js';
import { renderMarkdown } from './markdown.ts';

/** Longest piece of a code block's first line put in its Copy button's name. */
const NAME_CHARS = 40;

/** What a code block's button is called, so a screen reader user can tell one block's button from another's. */
function copyName(code: string): string {
  const first = code
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '');
  if (!first) return 'Copy to editor';
  const shown = first.length > NAME_CHARS ? `${first.slice(0, NAME_CHARS - 1).trimEnd()}…` : first;
  return `Copy to editor: ${shown}`;
}

/** A code block's text as the learner would type it: the fence's closing newline is not part of the code. */
function blockCode(pre: HTMLPreElement): string {
  return (pre.textContent ?? '').replace(/\n$/, '');
}

/**
 * Lesson Markdown, rendered safely (see markdown.ts), with a "Copy to editor" button after each code block when
 * `onCopyCode` is given. With `label`, the text is a region of that name (e.g. "Instructions"), so a screen
 * reader user can jump to it.
 */
export function Markdown(props: {
  source: string;
  class?: string;
  onCopyCode?: (code: string) => void;
  label?: string;
}) {
  let root!: HTMLDivElement;

  createEffect(() => {
    root.innerHTML = renderMarkdown(props.source);
    const onCopy = props.onCopyCode;
    if (!onCopy) return;
    for (const pre of root.querySelectorAll('pre')) {
      // Only Python is code to copy: a block without a language shows output or text to type.
      if (!pre.querySelector('code.language-python, code.language-py')) continue;
      const code = blockCode(pre);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'small md-copy';
      button.textContent = 'Copy to editor';
      button.setAttribute('aria-label', copyName(code));
      button.addEventListener('click', () => onCopy(code));
      pre.after(button);
    }
  });

  return (
    <div
      ref={root}
      class={props.class ? `markdown ${props.class}` : 'markdown'}
      role={props.label ? 'region' : undefined}
      aria-label={props.label}
    />
  );
}
