import { createSignal, createUniqueId, For, Show } from 'solid-js';
import type { VerifyOutcome } from './dashboard.ts';

/**
 * Checks a completion code a learner reads out (two words and a number) against a name, for every exercise of the
 * chosen pack in the last two weeks. Says plainly what a match proves and what it does not.
 */
export function CodeVerifier(props: {
  /** Names to suggest: the class list and the names in reports. */
  learners: string[];
  /** Why codes cannot be checked here (no class secret on this device), when they cannot. */
  unavailable?: string;
  onVerify: (code: string, learner: string) => Promise<VerifyOutcome>;
}) {
  const id = createUniqueId();
  const [learner, setLearner] = createSignal('');
  const [code, setCode] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [result, setResult] = createSignal<VerifyOutcome | undefined>();

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy()) return;
    setBusy(true);
    try {
      setResult(await props.onVerify(code(), learner()));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="code-verifier" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h3 id={`${id}-title`}>Check a completion code</h3>
      <p class="class-note">
        A match shows that a copy of the app with this pack, under this name, ran the checks and they passed on that
        day. It does not show who wrote the code.
      </p>
      <Show when={props.unavailable}>
        <p class="class-note">{props.unavailable}</p>
      </Show>
      <div class="code-verifier-fields">
        <label>
          Learner’s name
          <input
            type="text"
            list={`${id}-names`}
            autocomplete="off"
            required
            maxLength={100}
            value={learner()}
            onInput={(e) => setLearner(e.currentTarget.value)}
          />
        </label>
        <datalist id={`${id}-names`}>
          <For each={props.learners}>{(name) => <option value={name} />}</For>
        </datalist>
        <label>
          Code
          <input
            type="text"
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
            required
            maxLength={60}
            placeholder="maple-river-42"
            value={code()}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={busy() || props.unavailable !== undefined}>
          Check the code
        </button>
      </div>
      <p class="code-verifier-result" role="status" aria-live="polite">
        <Show when={result()}>
          {(r) => (
            <span classList={{ 'code-ok': r().ok, 'code-bad': !r().ok }}>
              <span aria-hidden="true">{r().ok ? '✓ ' : '✗ '}</span>
              {r().text}
            </span>
          )}
        </Show>
      </p>
    </form>
  );
}
