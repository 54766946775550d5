/** Run and Stop: in the top bar on wide screens, in the bottom bar (under the thumbs) on phones. */
export function RunControls(props: { running: boolean; onRun: () => void; onStop: () => void }) {
  return (
    <div class="run-controls">
      <button
        type="button"
        class="primary"
        onClick={() => props.onRun()}
        disabled={props.running}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        title="Run (Ctrl+Enter)"
      >
        <span aria-hidden="true">▶ </span>Run
      </button>
      <button
        type="button"
        class="danger"
        onClick={() => props.onStop()}
        disabled={!props.running}
        aria-keyshortcuts="Control+. Meta+. Escape"
        title="Stop (Ctrl+. or Escape in the editor)"
      >
        <span aria-hidden="true">■ </span>Stop
      </button>
    </div>
  );
}
