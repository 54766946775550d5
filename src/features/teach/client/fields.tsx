// Labelled form fields for Teach mode's editors: text, code, a list typed one item a line, and fields whose text is
// read into a value (numbers, coordinates) with a plain message while it cannot be.
import { createEffect, createSignal, createUniqueId, For, on, Show, type JSX } from 'solid-js';

/** Problems shown under a field, read out with it (aria-describedby). */
export function FieldProblems(props: { id: string; messages: string[] }) {
  return (
    <Show when={props.messages.length > 0}>
      <ul id={props.id} class="teach-problems">
        <For each={props.messages}>{(m) => <li>{m}</li>}</For>
      </ul>
    </Show>
  );
}

interface FieldProps {
  label: string;
  /** A short line under the label: what to type. */
  help?: string;
  /** Problems the pack has at this field. */
  problems?: string[];
  class?: string;
}

function Frame(props: FieldProps & { id: string; describedBy: string; children: JSX.Element }) {
  return (
    <div class={props.class ? `teach-field ${props.class}` : 'teach-field'}>
      <label for={props.id}>{props.label}</label>
      <Show when={props.help}>
        <span class="teach-help" id={`${props.describedBy}-help`}>
          {props.help}
        </span>
      </Show>
      {props.children}
      <FieldProblems id={`${props.describedBy}-problems`} messages={props.problems ?? []} />
    </div>
  );
}

/** The ids a field's input is described by: its help, then its problems. */
function describedBy(base: string, props: FieldProps, extra?: string): string | undefined {
  const ids = [props.help ? `${base}-help` : '', props.problems?.length ? `${base}-problems` : '', extra ?? ''].filter(
    Boolean,
  );
  return ids.length ? ids.join(' ') : undefined;
}

/** A line of text (or several, with `rows`); `code` for Python and program output: monospace, no spelling marks. */
export function TextField(
  props: FieldProps & {
    value: string;
    onInput(value: string): void;
    rows?: number;
    code?: boolean;
    placeholder?: string;
    required?: boolean;
  },
) {
  const id = createUniqueId();
  const base = createUniqueId();
  const common = () => ({
    id,
    class: props.code ? 'teach-code' : undefined,
    spellcheck: props.code ? false : undefined,
    autocapitalize: props.code ? ('off' as const) : undefined,
    autocomplete: 'off',
    placeholder: props.placeholder,
    required: props.required,
    'aria-invalid': props.problems?.length ? true : undefined,
    'aria-describedby': describedBy(base, props),
  });
  return (
    <Frame {...props} id={id} describedBy={base}>
      <Show
        when={props.rows}
        fallback={
          <input type="text" {...common()} value={props.value} onInput={(e) => props.onInput(e.currentTarget.value)} />
        }
      >
        <textarea
          {...common()}
          rows={props.rows}
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      </Show>
    </Frame>
  );
}

/** A list typed one item a line (answers to input(), hints of a line): every line is an item, blank ones too. */
export function LinesField(
  props: FieldProps & { value: string[] | undefined; onChange(value: string[] | undefined): void; rows?: number },
) {
  return (
    <TextField
      {...props}
      rows={props.rows ?? 3}
      code
      value={(props.value ?? []).join('\n')}
      onInput={(text) => props.onChange(text === '' ? undefined : text.split('\n'))}
    />
  );
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * A field whose text is read into a value (a number, a list of coordinates). The text is the teacher's while they
 * type: it is replaced only when the value changes from elsewhere (another check moved into this place). A
 * value that cannot be read is not passed on; the field says why.
 */
export function ParsedField<T>(
  props: FieldProps & {
    value: T;
    format(value: T): string;
    parse(text: string): Parsed<T>;
    onChange(value: T): void;
    rows?: number;
    code?: boolean;
    inputMode?: 'decimal' | 'text';
  },
) {
  const id = createUniqueId();
  const base = createUniqueId();
  const errorId = `${base}-error`;
  // eslint-disable-next-line solid/reactivity -- the starting text; the effect below follows the value
  const [text, setText] = createSignal(props.format(props.value));
  const [error, setError] = createSignal<string | undefined>();
  const same = (a: T, b: T) => JSON.stringify(a) === JSON.stringify(b);
  createEffect(
    on(
      () => props.value,
      (value) => {
        const read = props.parse(text());
        if (!read.ok || !same(read.value, value)) {
          setText(props.format(value));
          setError(undefined);
        }
      },
      { defer: true },
    ),
  );
  const onInput = (value: string) => {
    setText(value);
    const read = props.parse(value);
    if (read.ok) {
      setError(undefined);
      if (!same(read.value, props.value)) props.onChange(read.value);
    } else setError(read.error);
  };
  const attrs = () => ({
    id,
    class: props.code ? 'teach-code' : undefined,
    spellcheck: props.code ? false : undefined,
    autocomplete: 'off',
    'aria-invalid': error() || props.problems?.length ? true : undefined,
    'aria-describedby': describedBy(base, props, error() ? errorId : undefined),
  });
  return (
    <Frame {...props} id={id} describedBy={base}>
      <Show
        when={props.rows}
        fallback={
          <input
            type="text"
            inputMode={props.inputMode}
            {...attrs()}
            value={text()}
            onInput={(e) => onInput(e.currentTarget.value)}
          />
        }
      >
        <textarea {...attrs()} rows={props.rows} value={text()} onInput={(e) => onInput(e.currentTarget.value)} />
      </Show>
      <Show when={error()}>
        <p class="teach-field-error" id={errorId}>
          {error()}
        </p>
      </Show>
    </Frame>
  );
}

/** An optional number: empty for the default. */
export function NumberField(
  props: FieldProps & {
    value: number | undefined;
    onChange(value: number | undefined): void;
    min?: number;
    max?: number;
    whole?: boolean;
  },
) {
  const parse = (text: string): Parsed<number | undefined> => {
    const trimmed = text.trim().replace(',', '.');
    if (trimmed === '') return { ok: true, value: undefined };
    const n = Number(trimmed);
    if (!Number.isFinite(n)) return { ok: false, error: 'Type a number, or leave it empty.' };
    if (props.whole && !Number.isInteger(n)) return { ok: false, error: 'Type a whole number.' };
    if (props.min !== undefined && n < props.min) return { ok: false, error: `Type ${props.min} or more.` };
    if (props.max !== undefined && n > props.max) return { ok: false, error: `Type ${props.max} or less.` };
    return { ok: true, value: n };
  };
  return (
    <ParsedField
      {...props}
      inputMode="decimal"
      format={(n) => (n === undefined ? '' : String(n))}
      parse={parse}
      class={props.class ? `${props.class} teach-number` : 'teach-number'}
    />
  );
}

/** A labelled checkbox. */
export function CheckboxField(props: {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  help?: string;
}) {
  const id = createUniqueId();
  return (
    <div class="teach-field teach-checkbox">
      <input
        type="checkbox"
        id={id}
        checked={props.checked}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
        aria-describedby={props.help ? `${id}-help` : undefined}
      />
      <label for={id}>{props.label}</label>
      <Show when={props.help}>
        <span class="teach-help" id={`${id}-help`}>
          {props.help}
        </span>
      </Show>
    </div>
  );
}
