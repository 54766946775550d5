/** What Check needs in the run controls, when an exercise is open. */
export interface CheckControl {
  checking: boolean;
  /** Python is not ready yet (or a program runs). */
  disabled: boolean;
  onCheck: () => void;
}

/**
 * Run, Check (when an exercise is open) and Stop: in the top bar on wide screens, in the bottom bar (under
 * the thumbs) on phones. Stop ends a run or a check.
 */
export function RunControls(props: { running: boolean; onRun: () => void; onStop: () => void; check?: CheckControl }) {
  const busy = () => props.running || props.check?.checking === true;
  return (
    <div class="run-controls">
      <button
        type="button"
        class="primary"
        onClick={() => props.onRun()}
        disabled={busy()}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        title="Run (Ctrl+Enter)"
      >
        <span aria-hidden="true">▶ </span>Run
      </button>
      {props.check && (
        <button
          type="button"
          class="check-button"
          onClick={() => props.check?.onCheck()}
          disabled={busy() || props.check.disabled}
          aria-label="Check"
          title="Check your code against the exercise"
        >
          <span aria-hidden="true">✓ </span>
          {props.check.checking ? 'Checking…' : 'Check'}
        </button>
      )}
      <button
        type="button"
        class="danger"
        onClick={() => props.onStop()}
        disabled={!busy()}
        aria-keyshortcuts="Control+. Meta+. Escape"
        title="Stop (Ctrl+. or Escape in the editor)"
      >
        <span aria-hidden="true">■ </span>Stop
      </button>
    </div>
  );
}
